"""Digest math typeset at build time: TeX to MathML that browsers draw natively, with no script.

A formula is converted by `latex2mathml` (MIT) and then written out again from its element tree
through a whitelist: presentation elements only, and per element the few attributes that carry
layout, each checked against the values it may take. Whatever a digest could use to reach the
page (``\\style``, ``\\class``, ``\\cssId``, ``\\href``, colours, ids) has no attribute to land in;
commands the converter does not know stay visible as their own name. Formulas that define macros
(``\\def\\a{\\a\\a}``), that are too long, or that the converter rejects are shown as the TeX they
are, escaped. Results are cached by the formula's text.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from xml.etree.ElementTree import Element

from latex2mathml.converter import convert_to_element

from . import markup  # escape and clean (markup imports this module: attributes used at call time)

MAX_LENGTH = 2000  # characters of TeX in one formula; longer ones are shown as written
# Macro definitions are the one way a short formula expands into a huge one: never expanded.
_DEFINITIONS = re.compile(r"\\(?:[egx]?def|let|futurelet|(?:re)?newcommand|providecommand|"
                          r"newenvironment|renewenvironment|DeclareMathOperator|expandafter|"
                          r"csname)(?![a-zA-Z])")

_LENGTH = r"-?(?:\d+\.?\d*|\.\d+)(?:em|ex|px|pt|%)?"
_BOOLEAN = r"true|false"
_CHECKS = {name: re.compile(f"(?:{pattern})\\Z") for name, pattern in {
    "display": "block|inline", "form": "prefix|infix|postfix", "length": _LENGTH,
    "boolean": _BOOLEAN, "scriptlevel": r"[+-]?\d", "normal": "normal",
    "align": "left|center|right",
}.items()}
_MO = {"stretchy": "boolean", "fence": "boolean", "separator": "boolean", "accent": "boolean",
       "largeop": "boolean", "movablelimits": "boolean", "symmetric": "boolean", "form": "form",
       "lspace": "length", "rspace": "length", "minsize": "length", "maxsize": "length"}
_SPACE = {"width": "length", "height": "length", "depth": "length"}
_SCRIPTS = {"accent": "boolean", "accentunder": "boolean"}
# Element -> attribute -> kind of value. Anything else the converter writes is dropped.
ALLOWED: dict[str, dict[str, str]] = {
    "math": {"display": "display"}, "mrow": {}, "mi": {"mathvariant": "normal"}, "mn": {},
    "mo": _MO, "mtext": {}, "ms": {}, "mspace": _SPACE, "mpadded": {**_SPACE, "lspace": "length",
    "voffset": "length"}, "mphantom": {}, "msub": {}, "msup": {}, "msubsup": {},
    "munder": _SCRIPTS, "mover": _SCRIPTS, "munderover": _SCRIPTS, "mmultiscripts": {},
    "mprescripts": {}, "none": {}, "mfrac": {"linethickness": "length"}, "msqrt": {},
    "mroot": {}, "mstyle": {"displaystyle": "boolean", "scriptlevel": "scriptlevel"},
    "mtable": {}, "mtr": {}, "mtd": {"columnalign": "align"}, "merror": {},
}

# `mathvariant` as Unicode letters (Chromium draws only mathvariant="normal"; MathML Core asks
# for the Mathematical Alphanumeric Symbols instead).
_STYLES = {"bold": "BOLD", "italic": "ITALIC", "bold-italic": "BOLD ITALIC",
           "double-struck": "DOUBLE-STRUCK", "script": "SCRIPT", "bold-script": "BOLD SCRIPT",
           "fraktur": "FRAKTUR", "bold-fraktur": "BOLD FRAKTUR", "sans-serif": "SANS-SERIF",
           "bold-sans-serif": "SANS-SERIF BOLD", "sans-serif-italic": "SANS-SERIF ITALIC",
           "sans-serif-bold-italic": "SANS-SERIF BOLD ITALIC", "monospace": "MONOSPACE"}


def _styled(style: str, char: str) -> str:
    """``char`` in one of the styles above, or ``char`` itself where Unicode has no such letter."""
    name = unicodedata.name(char, "")
    short = (name.replace("LATIN ", "").replace("GREEK ", "").replace(" LETTER", "")
             if name.startswith(("LATIN CAPITAL LETTER ", "LATIN SMALL LETTER ", "GREEK ",
                                 "DIGIT ")) else "")
    if not short:
        return char
    # The few letters that were encoded earlier, in the Letterlike Symbols block.
    candidates = [f"MATHEMATICAL {style} {short}", f"{style} {short}",
                  f"{style.replace('FRAKTUR', 'BLACK-LETTER')} {short}"]
    if (style, short) == ("ITALIC", "SMALL H"):
        candidates.insert(0, "PLANCK CONSTANT")
    for candidate in candidates:
        try:
            return unicodedata.lookup(candidate)
        except KeyError:
            continue
    return char


_ALPHABET = [chr(c) for c in (*range(0x30, 0x3A), *range(0x41, 0x5B), *range(0x61, 0x7B),
                              *range(0x391, 0x3AA), *range(0x3B1, 0x3CA))]
_VARIANTS = {variant: str.maketrans({c: _styled(style, c) for c in _ALPHABET})
             for variant, style in _STYLES.items()}


@functools.lru_cache(maxsize=65536)
def to_mathml(tex: str, display: bool = False) -> str | None:
    """``tex`` as a safe ``<math>`` element, or None when it is shown as written instead."""
    if len(tex) > MAX_LENGTH or _DEFINITIONS.search(tex):
        return None
    try:
        root = convert_to_element(tex, display="block" if display else "inline")
        out: list[str] = []
        _write(root, out)
    except Exception:  # the converter's own errors, and RecursionError on deep nesting
        return None
    return "".join(out)


def _write(element: Element, out: list[str], variant: str = "") -> None:
    tag = element.tag if element.tag in ALLOWED else "mrow"
    allowed = ALLOWED[tag]
    attributes = []
    for name, value in element.attrib.items():
        kind = allowed.get(name)
        if kind and _CHECKS[kind].match(value):
            attributes.append(f' {name}="{value}"')
    variant = element.attrib.get("mathvariant", variant)
    if tag == "mo" and element.text == "&#x0002F;" and not attributes:
        attributes.append(' lspace="0" rspace="0"')  # `1/n`: TeX sets a slash with no space
    out.append(f"<{tag}{''.join(attributes)}>")
    if element.text:
        out.append(_text(element.text, variant))
    for child in element:
        _write(child, out, variant)
        if child.tail:
            out.append(_text(child.tail, variant))
    out.append(f"</{tag}>")


def _text(text: str, variant: str) -> str:
    # The converter writes symbols as character references and copies \text{...} as it is.
    text = markup.clean(html.unescape(text))
    if variant in _VARIANTS:
        text = text.translate(_VARIANTS[variant])
    return markup.escape(text)
