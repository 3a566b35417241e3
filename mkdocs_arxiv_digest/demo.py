"""Synthetic digest archives in the current upstream format, for demos, tests and benchmarks.

Everything is made up from word lists in this module (no real titles, abstracts or people) and
is fully determined by ``seed`` and the date: ``day_text(date)`` is the same text that
``generate_archive`` writes for that date. Standard library only.

What makes the output look like a real archive:

* a skewed mix of ~45 categories (cs.CV and cs.LG dominate, quant-ph or astro-ph.GA show up
  with a handful of papers), section order shuffled per day;
* cross-listings: a paper's ``Main category`` differs from its section now and then;
* about a quarter of a day's papers repeat from the day before (same id; some with ``v2``);
* failed AI summaries, Chinese AI summaries, numbered lists and bold in AI fields;
* LaTeX (``$O(n \\log n)$``, rare ``$$...$$``), TeX quotes, two-paragraph abstracts, titles
  with ``[ ]`` or ``&``, old-style ids (``hep-th/0601001``), huge collaborations, no authors;
* a shared, Zipf-weighted pool of ~100,000 made-up author names: a few people recur often,
  most appear once or twice, as on real days.

Usage: ``python -m mkdocs_arxiv_digest.demo OUT_DIR --days 30 --papers 200 [--seed 0]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

DEFAULT_START = dt.date(2026, 1, 5)
REPEAT_SHARE = 0.25
FAILED_SHARE = 0.10
CHINESE_SHARE = 0.10

# --- Categories: (id, weight, domain). Weights mimic the skew of real crawls. ----------------

CATEGORIES: tuple[tuple[str, float, str], ...] = (
    ("cs.CV", 30, "vision"), ("cs.LG", 24, "learning"), ("cs.CL", 20, "language"),
    ("cs.AI", 16, "learning"), ("cs.RO", 8, "robotics"), ("cs.CR", 5, "systems"),
    ("cs.HC", 4, "hci"), ("cs.IR", 4, "language"), ("cs.SE", 4, "systems"),
    ("stat.ML", 4, "learning"), ("quant-ph", 3.5, "physics"), ("eess.IV", 3, "vision"),
    ("eess.SP", 3, "signal"), ("math.OC", 3, "math"), ("cs.IT", 2, "signal"),
    ("cs.DC", 2, "systems"), ("cs.CY", 2, "hci"), ("cs.GR", 2, "vision"),
    ("cs.MA", 1.5, "robotics"), ("cs.DB", 1.5, "systems"), ("eess.SY", 1.5, "robotics"),
    ("math.AP", 1.5, "math"), ("astro-ph.GA", 1.5, "astro"), ("cs.SD", 1.2, "signal"),
    ("cond-mat.mtrl-sci", 1.2, "physics"), ("eess.AS", 1, "signal"), ("cs.NE", 1, "learning"),
    ("cs.GT", 1, "math"), ("cs.LO", 1, "math"), ("cs.PL", 1, "systems"),
    ("cs.NI", 1, "systems"), ("math.ST", 1, "math"), ("math.NA", 1, "math"),
    ("cond-mat.stat-mech", 1, "physics"), ("astro-ph.CO", 1, "astro"), ("cs.CE", 0.8, "math"),
    ("physics.flu-dyn", 0.8, "physics"), ("q-bio.NC", 0.8, "bio"), ("hep-th", 0.8, "physics"),
    ("physics.comp-ph", 0.6, "physics"), ("cs.ET", 0.5, "systems"), ("cs.FL", 0.4, "math"),
    ("econ.EM", 0.4, "math"), ("q-bio.QM", 0.4, "bio"), ("cs.SC", 0.3, "math"),
)
_CAT_IDS = tuple(c[0] for c in CATEGORIES)
_CAT_CUM = tuple(itertools.accumulate(c[1] for c in CATEGORIES))
_DOMAIN = {c[0]: c[2] for c in CATEGORIES}
# Where a cross-listed paper's main category usually comes from.
_NEIGHBOURS = {
    "cs.AI": ("cs.LG", "cs.CL", "cs.CV", "cs.RO", "cs.MA"),
    "cs.LG": ("stat.ML", "cs.AI", "cs.CV", "math.OC", "cs.NE"),
    "stat.ML": ("cs.LG", "math.ST"),
    "cs.CV": ("eess.IV", "cs.GR", "cs.LG", "cs.RO"),
    "eess.IV": ("cs.CV",),
    "cs.CL": ("cs.AI", "cs.LG", "cs.IR"),
    "cs.RO": ("cs.CV", "eess.SY", "cs.AI"),
    "quant-ph": ("cond-mat.stat-mech", "hep-th", "cs.ET"),
    "cond-mat.stat-mech": ("quant-ph", "physics.comp-ph"),
    "astro-ph.GA": ("astro-ph.CO",),
    "math.OC": ("cs.LG", "eess.SY", "math.NA"),
}
_OLD_ARCHIVES = ("hep-th", "hep-ph", "cond-mat", "quant-ph", "astro-ph", "math.AG", "gr-qc")

# --- Vocabulary per domain -----------------------------------------------------------------

_TASKS = {
    "vision": ("Open-Vocabulary Segmentation", "Monocular Depth Estimation", "Video Generation",
               "3D Scene Reconstruction", "Image Restoration", "Visual Question Answering",
               "Gaussian Splatting", "Point Cloud Registration", "Medical Image Segmentation",
               "Novel View Synthesis", "Remote Sensing Change Detection", "Pose Estimation"),
    "learning": ("Continual Learning", "Offline Reinforcement Learning", "Federated Training",
                 "Time Series Forecasting", "Graph Representation Learning", "Model Merging",
                 "Out-of-Distribution Detection", "Preference Optimization",
                 "Tabular Prediction", "Causal Discovery", "Active Learning"),
    "language": ("Long-Context Reasoning", "Machine Translation", "Retrieval-Augmented Generation",
                 "Code Generation", "Hallucination Detection", "Dialogue State Tracking",
                 "Instruction Tuning", "Multilingual Summarization", "Query Rewriting"),
    "robotics": ("Dexterous Manipulation", "Legged Locomotion", "Multi-Robot Coordination",
                 "Visual Navigation", "Motion Planning", "Sim-to-Real Transfer",
                 "Autonomous Driving"),
    "systems": ("Smart Contract Auditing", "Fuzz Testing", "Serverless Scheduling",
                "Query Optimization", "Side-Channel Detection", "Program Repair",
                "Edge Inference", "Network Telemetry"),
    "hci": ("Accessible Interfaces", "Collaborative Writing", "Survey Design",
            "Online Moderation", "Visual Analytics"),
    "signal": ("Channel Estimation", "Speech Enhancement", "Beamforming Design",
               "Radar Target Detection", "Source Separation", "Speaker Verification"),
    "math": ("Nonconvex Optimization", "Mean-Field Games", "Sparse Recovery",
             "Elliptic Boundary Problems", "High-Dimensional Testing", "Mechanism Design",
             "Finite Element Discretization"),
    "physics": ("Quantum Error Correction", "Variational Quantum Eigensolvers",
                "Turbulent Channel Flow", "Phase Transitions in Spin Glasses",
                "Interatomic Potentials", "Entanglement Certification"),
    "astro": ("Galaxy Morphology Classification", "Weak Lensing Inference",
              "Star Formation Histories", "Cosmic Reionization"),
    "bio": ("Neural Population Dynamics", "Protein Structure Scoring", "Spike Sorting"),
}
_METHODS = ("Diffusion Models", "State Space Models", "Mixture-of-Experts", "Transformers",
            "Graph Neural Networks", "Contrastive Pretraining", "Sparse Autoencoders",
            "Neural Operators", "Kernel Methods", "Normalizing Flows", "Large Language Models",
            "Bayesian Optimization", "Flow Matching", "Low-Rank Adapters", "Tensor Networks",
            "Policy Gradients", "Vision-Language Models", "Score Matching", "Spectral Methods")
_ADJECTIVES = ("Scalable", "Robust", "Efficient", "Adaptive", "Uncertainty-Aware", "Sparse",
               "Hierarchical", "Training-Free", "Provable", "Lightweight", "Causal",
               "Self-Supervised", "Geometry-Aware", "Federated", "Interpretable", "Calibrated")
_PROPERTIES = ("Sample Complexity", "Robustness", "Implicit Bias", "Stability", "Expressivity",
               "Convergence", "Calibration", "Generalization")
_SYLLABLES = ("Ra", "Mo", "Flux", "Ne", "Tri", "Vo", "Ka", "Zen", "Lu", "Pi", "Sora", "Qu",
              "Hex", "Or", "Tal", "Vi", "Del", "Omni", "Syn", "Cor")
_SUFFIXES = ("", "", "Net", "LM", "GS", "-R1", "++", "Former", "Bench", "-X", "Diff")
_WEAKNESSES = ("scale poorly with the input size", "rely on costly manual annotation",
               "ignore the structure of the data", "are brittle under distribution shift",
               "offer no guarantees on their output", "require heavy task-specific tuning")
_MECHANISMS = ("a learned routing step", "a two-stage coarse-to-fine schedule",
               "an explicit memory of past states", "a convex relaxation of the objective",
               "a lightweight consistency loss", "a factorised attention pattern",
               "a data-dependent sampling rule", "a hierarchy of local experts")
_BASELINES = ("strong baselines", "prior state of the art", "recent specialised systems",
              "tuned open-source models")
_QUOTED = ("free lunch", "lazy training", "grokking", "shortcut", "emergent", "good enough")
_MATH = (r"$O(n \log n)$", r"$\tilde{O}(\sqrt{T})$", r"$\epsilon$", r"$d \gg n$",
         r"$\mathcal{O}(1/\epsilon^2)$", r"$L^2$", r"$k$", r"$\ell_1$", r"$p < 0.05$",
         r"$\mathbb{R}^d$", r"$1/\sqrt{n}$", r"$\alpha \in (0, 1]$")
_DISPLAY_MATH = (r"$$\min_\theta \mathbb{E}_{x \sim p}[\ell(f_\theta(x))]$$",
                 r"$$\|A - UV^\top\|_F \le \epsilon$$")

_ZH_TASKS = ("图像分割", "机器翻译", "强化学习", "机器人抓取", "量子纠错", "时间序列预测",
             "推荐系统", "代码生成", "医学影像分析", "三维重建", "语音增强", "星系分类")
_ZH_TECH = ("扩散模型", "图神经网络", "对比学习", "稀疏注意力", "知识蒸馏", "贝叶斯优化",
            "状态空间模型", "混合专家结构", "低秩适配")
_ZH_ISSUES = ("计算开销过大", "泛化能力不足", "对噪声不够鲁棒", "可解释性较差", "标注数据稀缺")

# --- Synthetic people -----------------------------------------------------------------------

_FIRST = ("Ana", "Bjorn", "Chen", "Dalia", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jun",
          "Kavya", "Lior", "Mateus", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven",
          "Tamar", "Umut", "Vera", "Wei", "Xiu", "Yusuf", "Zoë", "José", "Łucja", "Søren",
          "Aoife", "Björk", "Chloé", "Dmitri", "Eun-ji", "Fatima", "Haruto", "Ikaika", "Jae",
          "Kofi", "Lena", "Minh", "Noor", "Olu", "Pavel", "Rui", "Sakura", "Tomás", "Yara",
          "Zhi", "Aleksander", "Beatriz", "Cyrus", "Dong", "Elif", "Hyun", "Ravi", "Xin",
          "Amara", "Bao", "Camille", "Diego", "Esther", "Felix", "Gita", "Hugo", "Ilse", "Jonas",
          "Keiko", "Mihail", "Nia", "Pilar", "Sami")
_LAST = ("Abara", "Berglund", "Castellano", "Dovrat", "Eskildsen", "Fairweather", "Gallo",
         "Hartmann", "Iwasaki", "Jovanović", "Kowalczyk", "Lindqvist", "Moreau", "Núñez",
         "Okonkwo", "Petrescu", "Quispe", "Rahimi", "Sandoval", "Tanaka", "Uribe", "Varga",
         "Wen", "Xu", "Yilmaz", "Zhao", "Brontë", "Åkesson", "Dąbrowski", "Ó Briain",
         "Li", "Wang", "Liu", "Zhang", "Chen", "Yang", "Huang", "Kim", "Park", "Nguyen",
         "Singh", "Patel", "Haddad", "Mensah", "Ferreira", "Rossi", "Novak", "Ivanova",
         "Sato", "Costa", "Müller", "García", "Öztürk", "Schäfer", "Lefèvre", "Adeyemi",
         "Bianchi", "Dubois", "Eriksen", "Fontaine", "Gupta", "Horvat", "Ishikawa", "Jensen",
         "Kaur", "Lopes", "Mahlaba", "Nakamura", "Olsen", "Pereira", "Reyes", "Suzuki")
_INITIALS = "ABCDEFGHJKLMNPRSTW"
# Zipf offset of author popularity: the busiest synthetic author is on roughly one paper in
# 2,500 (a few papers a week at 200 papers a day); most names turn up once or twice a season.
_ZIPF_OFFSET = 500


@lru_cache(maxsize=8)
def _author_pool(seed: int) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """About 100,000 distinct names, in a seeded order of popularity with Zipf weights."""
    rng = random.Random(f"people:{seed}")
    middles = ("", *(f" {initial}." for initial in _INITIALS))
    names = [f"{first}{middle} {last}" for first in _FIRST for last in _LAST for middle in middles]
    rng.shuffle(names)
    cum = tuple(itertools.accumulate(1.0 / (rank + _ZIPF_OFFSET) for rank in range(len(names))))
    return tuple(names), cum


def _acronym(rng: random.Random) -> str:
    return "".join(rng.choices(_SYLLABLES, k=rng.choice((1, 2, 2, 3)))) + rng.choice(_SUFFIXES)


def _lower(phrase: str) -> str:
    """Lower-case a title phrase for running text, keeping acronyms such as 3D or RAG."""
    return " ".join(w if sum(c.isupper() for c in w) > 1 or w[:1].isdigit() else w.lower()
                    for w in phrase.split())


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _a(word: str) -> str:
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"


@dataclass(frozen=True)
class _Topic:
    """What one paper is about; title, abstract and summaries all talk about the same thing."""

    domain: str
    task: str
    method: str
    other: str
    adj: str
    acr: str

    @property
    def task_text(self) -> str:
        return _lower(self.task)


@dataclass(frozen=True)
class _Paper:
    arxiv_id: str
    title: str
    authors: tuple[str, ...]
    main: str
    section: str
    ai: tuple[str, str, str, str, str]  # tldr, motivation, method, result, conclusion
    abstract: str
    topic: _Topic
    version: str = ""


def _topic(rng: random.Random, domain: str) -> _Topic:
    method, other = rng.sample(_METHODS, 2)
    return _Topic(domain, rng.choice(_TASKS[domain]), method, other, rng.choice(_ADJECTIVES),
                  _acronym(rng))


def _title(rng: random.Random, t: _Topic) -> str:
    shape = rng.randrange(100)
    if shape < 25:
        return f"{t.acr}: {t.adj} {t.method} for {t.task}"
    if shape < 42:
        return f"{t.adj} {t.task} with {t.method}"
    if shape < 55:
        return f"Towards {t.adj} {t.task} via {t.other}"
    if shape < 64:
        return f"On the {rng.choice(_PROPERTIES)} of {t.method} for {t.task}"
    if shape < 72:
        return f"{t.method} Meet {t.other}: {t.adj} {t.task}"
    if shape < 79:
        return f"When Does {t.adj} {t.task} Need {t.method}?"
    if shape < 88:
        return f"{t.task} in {rng.choice(_MATH[:3])} Time with {t.acr}"
    if shape < 93:
        return f"{t.acr}: A Benchmark for {t.task} & {rng.choice(_TASKS[t.domain])}"
    if shape < 96:
        return f"Revisiting [CLS] Tokens for {t.task}"
    return f"${rng.choice('kKdN')}$-{t.adj} {t.method} for {t.task}"


def _abstract(rng: random.Random, t: _Topic) -> str:
    task, method = t.task_text, _lower(t.method)
    first = [
        f"{_cap(task)} underpins many applications, yet current approaches "
        f"{rng.choice(_WEAKNESSES)}.",
        rng.choice((
            f"Recent progress with {_lower(t.other)} has narrowed the gap, but the cost of "
            f"training and deploying such systems keeps growing with every new release.",
            f"A common remedy is to add more data, which is expensive and often unavailable "
            f"in the settings where {task} matters most.",
            "Prior work mostly treats this as an engineering problem and tunes each component "
            "separately, leaving the interaction between them poorly understood.",
        )),
        f"We introduce {t.acr}, {_a(t.adj.lower())} framework built on {method} that handles "
        f"{task} through {rng.choice(_MECHANISMS)}.",
        f"Unlike earlier designs, {t.acr} needs no extra labels and can be added to an existing "
        f"pipeline with {rng.choice(('a few lines of code', 'minor changes', 'no retraining'))}.",
    ]
    if rng.random() < 0.45:
        first.append(
            f"Under mild assumptions we show that {t.acr} reaches error {rng.choice(_MATH)} with "
            f"a cost of {rng.choice(_MATH[:5])}, matching known lower bounds up to constants."
        )
    if rng.random() < 0.04:
        first.append(f"Formally, we study {rng.choice(_DISPLAY_MATH)} over a family of models.")
    if rng.random() < 0.12:
        first.append(
            f"This sheds light on the ``{rng.choice(_QUOTED)}'' behaviour reported in earlier work."
        )
    second = [
        f"We evaluate on {rng.randint(2, 12)} benchmarks and observe gains of "
        f"{rng.randint(1, 35)}.{rng.randint(0, 9)}% over {rng.choice(_BASELINES)}, "
        f"while using {rng.randint(2, 9)}x less compute.",
        f"Ablations show that {rng.choice(_MECHANISMS)} accounts for most of the improvement, "
        f"and that the gains persist when the model size grows by an order of magnitude.",
        f"We also discuss failure cases, in particular inputs far from the training "
        f"distribution, and outline how {t.acr} could be combined with {_lower(t.other)}.",
    ]
    if rng.random() < 0.5:
        second.append(f"Code and data will be released to support further work on {task}.")
    if rng.random() < 0.15:
        # Two paragraphs: the second starts on an indented line, as upstream writes it.
        return " ".join(first) + "\n  We further " + " ".join(second)[3:].lstrip()
    return " ".join(first + second)


def _english_ai(rng: random.Random, t: _Topic) -> tuple[str, str, str, str, str]:
    task, acr = t.task_text, t.acr
    mechanism = rng.choice(_MECHANISMS)
    tldr = (f"{acr} improves {task} by combining {_lower(t.method)} with {mechanism}, "
            f"beating {rng.choice(_BASELINES)} at a fraction of their cost.")
    motivation = (f"Existing methods for {task} {rng.choice(_WEAKNESSES)}, which limits their "
                  f"use in practice and makes results hard to compare across studies. "
                  f"The authors ask whether {_lower(t.method)} can close this gap.")
    if rng.random() < 0.06:
        method = (f"The method has three parts:\n1. A **{t.adj.lower()}** encoder built on "
                  f"{_lower(t.method)}.\n2. {_cap(mechanism)}.\n3. A short calibration pass "
                  "at test time.")
    else:
        method = (f"The authors design {acr}, which relies on {mechanism} and trains it with "
                  f"{_lower(t.other)}; a small auxiliary objective keeps the components "
                  f"consistent during training.")
    result = (f"On {rng.randint(2, 10)} datasets {acr} gains {rng.randint(1, 30)}% in accuracy "
              f"and runs {rng.randint(2, 8)}x faster than the strongest baseline, with the "
              f"largest margins on the hardest splits.")
    conclusion = (f"{acr} is a practical and {t.adj.lower()} option for {task}; the analysis "
                  f"suggests the same idea transfers to related problems.")
    return tldr, motivation, method, result, conclusion


def _chinese_ai(rng: random.Random, t: _Topic) -> tuple[str, str, str, str, str]:
    task, tech, tech2 = rng.choice(_ZH_TASKS), *rng.sample(_ZH_TECH, 2)
    acr = t.acr
    return (
        f"提出了{acr}，一种结合{tech}的{task}方法，在多个基准上取得了明显提升。",
        f"现有的{task}方法{rng.choice(_ZH_ISSUES)}，难以直接用于实际场景，"
        f"因此需要一种更加通用且高效的方案。",
        f"作者设计了{acr}框架，将{tech}与{tech2}相结合，并加入轻量的校准模块以降低开销。",
        f"在{rng.randint(2, 9)}个公开数据集上，{acr}平均提升{rng.randint(1, 25)}%，"
        f"推理速度提高约{rng.randint(2, 6)}倍。",
        f"实验表明{acr}在{task}任务上兼顾精度与效率，为后续研究提供了新思路。",
    )


_FAILED = ("Summary generation failed", "Motivation analysis unavailable",
           "Method extraction failed", "Result analysis unavailable",
           "Conclusion extraction failed")


def _ai_fields(rng: random.Random, t: _Topic) -> tuple[str, str, str, str, str]:
    roll = rng.random()
    if roll < FAILED_SHARE:
        return _FAILED
    if roll < FAILED_SHARE + CHINESE_SHARE:
        return _chinese_ai(rng, t)
    fields = _english_ai(rng, t)
    if rng.random() < 0.03:  # one field failed on its own
        index = rng.randrange(1, 5)
        fields = fields[:index] + (_FAILED[index],) + fields[index + 1 :]
    return fields


def _authors(rng: random.Random, seed: int) -> tuple[str, ...]:
    names, cum = _author_pool(seed)
    roll = rng.random()
    if roll < 0.003:
        return ()
    count = rng.randint(150, 600) if roll < 0.006 else min(1 + int(rng.expovariate(0.22)), 25)
    picked = rng.choices(names, cum_weights=cum, k=count)
    return tuple(dict.fromkeys(picked))


def _section(rng: random.Random) -> str:
    return rng.choices(_CAT_IDS, cum_weights=_CAT_CUM)[0]


def _main_category(rng: random.Random, section: str) -> str:
    if rng.random() >= 0.15:
        return section
    neighbours = _NEIGHBOURS.get(section)
    main = rng.choice(neighbours) if neighbours else _section(rng)
    return main


def _new_id(date: dt.date, offset: int) -> str:
    return f"{date:%y%m}.{offset:05d}"


def _old_id(date: dt.date, slot: int) -> str:
    months = (2007 - 1992) * 12 + 3
    index = date.toordinal() % months
    year, month = 1992 + index // 12, index % 12 + 1
    archive = _OLD_ARCHIVES[slot % len(_OLD_ARCHIVES)]
    return f"{archive}/{year % 100:02d}{month:02d}{slot % 1000:03d}"


def _fresh_count(papers_per_day: int) -> int:
    return papers_per_day - round(papers_per_day * REPEAT_SHARE)


@lru_cache(maxsize=4)
def _fresh_papers(date: dt.date, papers_per_day: int, seed: int) -> tuple[_Paper, ...]:
    """The papers announced for the first time on ``date``."""
    count = _fresh_count(papers_per_day)
    rng = random.Random(f"fresh:{seed}:{date.isoformat()}")
    stride = max(400, papers_per_day * 2)
    base = (date.day - 1) * stride + 1
    offsets = sorted(rng.sample(range(stride), count))
    papers = []
    for slot, offset in enumerate(offsets):
        section = _section(rng)
        main = _main_category(rng, section)
        topic = _topic(rng, _DOMAIN.get(main, "learning"))
        arxiv_id = _old_id(date, slot) if rng.random() < 0.005 else _new_id(date, base + offset)
        papers.append(
            _Paper(
                arxiv_id=arxiv_id,
                title=_title(rng, topic),
                authors=_authors(rng, seed),
                main=main,
                section=section,
                ai=_ai_fields(rng, topic),
                abstract=_abstract(rng, topic),
                topic=topic,
            )
        )
    return tuple(papers)


def _day_papers(date: dt.date, papers_per_day: int, seed: int) -> list[_Paper]:
    """Today's fresh papers plus a share of yesterday's, some with a new version."""
    fresh = _fresh_papers(date, papers_per_day, seed)
    repeats_wanted = papers_per_day - len(fresh)
    rng = random.Random(f"repeat:{seed}:{date.isoformat()}")
    repeats = []
    if repeats_wanted:
        yesterday = _fresh_papers(date - dt.timedelta(days=1), papers_per_day, seed)
        for paper in rng.sample(yesterday, min(repeats_wanted, len(yesterday))):
            changes: dict = {}
            if rng.random() < 0.4:
                changes["version"] = "v3" if rng.random() < 0.1 else "v2"
            if rng.random() < 0.3:  # the summary was generated again
                changes["ai"] = _ai_fields(rng, paper.topic)
            repeats.append(replace(paper, **changes) if changes else paper)
    return list(fresh) + repeats


def day_text(date: dt.date, papers_per_day: int, *, seed: int = 0) -> str:
    """The digest of one day, exactly as ``generate_archive`` writes it."""
    papers = _day_papers(date, papers_per_day, seed)
    by_section: dict[str, list[_Paper]] = {}
    for paper in papers:
        by_section.setdefault(paper.section, []).append(paper)
    order = list(by_section)
    random.Random(f"order:{seed}:{date.isoformat()}").shuffle(order)
    out = ["<div id=toc></div>\n\n# Table of Contents\n\n"]
    out += [f"- [{name}](#{name}) [Total: {len(by_section[name])}]\n" for name in order]
    out.append("\n\n")
    number = 0
    for name in order:
        out.append(f"<div id='{name}'></div>\n\n# {name} [[Back]](#toc)\n\n")
        for paper in by_section[name]:
            number += 1
            tldr, motivation, method, result, conclusion = paper.ai
            out.append(
                f"### [{number}] [{paper.title}](https://arxiv.org/abs/{paper.arxiv_id}"
                f"{paper.version})\n*{','.join(paper.authors)}*\n\n"
                f"Main category: {paper.main}\n\nTL;DR: {tldr}\n\n\n"
                f"<details>\n  <summary>Details</summary>\nMotivation: {motivation}\n\n"
                f"Method: {method}\n\nResult: {result}\n\nConclusion: {conclusion}\n\n"
                f"Abstract: {paper.abstract}\n\n</details>\n\n\n"
            )
    return "".join(out).rstrip("\n") + "\n"


def generate_archive(
    out_dir: str | Path,
    days: int,
    papers_per_day: int,
    *,
    seed: int = 0,
    start: dt.date = DEFAULT_START,
) -> list[Path]:
    """Write ``days`` consecutive ``YYYY-MM-DD.md`` digests into ``out_dir``; return the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(days):
        date = start + dt.timedelta(days=index)
        path = out / f"{date.isoformat()}.md"
        path.write_text(day_text(date, papers_per_day, seed=seed), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m mkdocs_arxiv_digest.demo",
        description="Write a synthetic archive of daily arXiv digests (current upstream format).",
    )
    parser.add_argument("out_dir", type=Path, help="folder to write YYYY-MM-DD.md files into")
    parser.add_argument("--days", type=int, default=30, help="number of consecutive days")
    parser.add_argument("--papers", type=int, default=200, help="paper headings per day")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same archive")
    parser.add_argument("--start", type=dt.date.fromisoformat, default=DEFAULT_START,
                        help="first day, YYYY-MM-DD (default %(default)s)")
    args = parser.parse_args(argv)
    paths = generate_archive(args.out_dir, args.days, args.papers, seed=args.seed,
                             start=args.start)
    print(f"wrote {len(paths)} digests to {args.out_dir}")


if __name__ == "__main__":
    main()
