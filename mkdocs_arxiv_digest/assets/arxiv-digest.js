/* mkdocs-arxiv-digest: reading controls for digest pages.
 *
 * Filter box with highlighting, category and AI-summary toggles, expand/collapse all, a
 * watchlist kept in localStorage, "Copy BibTeX", and keyboard shortcuts. Everything works on
 * the page's own HTML: no requests, no HTML built from strings. Without JavaScript the controls
 * stay `hidden` and every card is shown.
 *
 * Set up once per page view: on Material's `document$` (which also fires after each instant
 * navigation) when present, else on DOMContentLoaded. Listeners live on elements of the page
 * content, which instant navigation replaces, except the one keydown listener on window.
 */
(function () {
  "use strict";
  if (window.__arxivDigestReader) return; // the script was included twice
  window.__arxivDigestReader = true;

  const STORE = "arxiv-digest.watchlist";
  // URL parameters. Not `q`: Material opens its search dialog for `?q=`.
  const PARAMS = { filter: "filter", cat: "cat", ai: "ai", watch: "watch" };
  // Where the filter looks (and highlights); labels, math and our own badges are left out.
  const REGIONS = ".axd-card__title, .axd-card__authors, .axd-card__tldr, .axd-card__extras dd, " +
    ".axd-card__details > p, .axd-card__raw";
  const SKIP = ".axd-label, .axd-card__tldr--missing, " +
    ".axd-card__more-authors > summary, math, .arithmatex, mjx-container, script, style, svg, " +
    ".axd-watch-badge";

  const HEADER_ROOM = 80; // px hidden under a fixed theme header (Material, mkdocs)

  // English texts. A page brings its own in its site's language (`data-axd-labels`, from
  // data/labels.yml and the site's `labels` option); these fill in for any it lacks.
  const TEXTS = {
    shown_of: "{shown} of {n} papers",
    shown_of_one: "{shown} of {n} paper",
    expanded: "All details expanded",
    collapsed: "All details collapsed",
    watch_added: "Added {term} to the watchlist",
    watch_removed: "Removed {term} from the watchlist",
    watch_remove: "Remove {term} from the watchlist",
    watch_count: "({n}; {matched} on this page)",
    watch_empty: "(empty)",
    watch_site: "Set by the site",
    on_watchlist: "On your watchlist",
    watched_papers: "Papers on your watchlist",
    keyword: "keyword",
    author: "author",
    copy_bibtex: "Copy BibTeX",
    copy_bibtex_title: "Copy a BibTeX entry for this paper",
    bibtex_copied: "BibTeX copied to the clipboard",
    bibtex_entry: "BibTeX entry",
    bibtex_select: "Copy the selected BibTeX entry",
  };

  let page = null; // state of the digest page on screen; null on other pages

  // -- small helpers ------------------------------------------------------------------------

  const all = (selector, root) => Array.from((root || document).querySelectorAll(selector));
  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^\p{L}\p{N}'\s-]/gu, " ").replace(/\s+/g, " ").trim();

  /** The page's text for `key` with its {fields} filled in from `values`; a count `n` of 1
   * takes the `key_one` form where the language has one. `{{` and `}}` are literal braces. */
  function t(state, key, values = {}) {
    const texts = typeof state.texts[key] === "string" ? state.texts : TEXTS;
    const one = values.n === 1 && typeof texts[`${key}_one`] === "string";
    return texts[one ? `${key}_one` : key].replace(/\{\{|\}\}|\{(\w+)\}/g, (match, name) => {
      if (name === undefined) return match[0];
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  /** Filter words; "quoted phrases" stay together. */
  function parseQuery(query) {
    const terms = [];
    for (const match of query.matchAll(/"([^"]+)"|(\S+)/g)) {
      const term = (match[1] || match[2]).trim();
      if (term && !terms.some((t) => t.toLowerCase() === term.toLowerCase())) terms.push(term);
    }
    return terms;
  }

  function textNodes(card) {
    const nodes = [];
    for (const region of card.querySelectorAll(REGIONS)) {
      const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) => (node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT),
      });
      while (walker.nextNode()) nodes.push(walker.currentNode);
    }
    return nodes;
  }

  function isEditable(element) {
    if (!element || element === document.body) return false;
    return element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName);
  }

  // -- watchlist storage --------------------------------------------------------------------

  function strings(value) {
    return Array.isArray(value) ? value.filter((v) => typeof v === "string" && v.trim()) : [];
  }

  function loadWatchlist() {
    try {
      const data = JSON.parse(localStorage.getItem(STORE) || "{}");
      return { keywords: strings(data.keywords), authors: strings(data.authors) };
    } catch (error) {
      return { keywords: [], authors: [] }; // storage blocked or corrupt: start empty
    }
  }

  function saveWatchlist(list) {
    try {
      localStorage.setItem(STORE, JSON.stringify(list));
    } catch (error) {
      /* storage blocked: the watchlist lasts for this page view only */
    }
  }

  // -- page setup ---------------------------------------------------------------------------

  function setup(controls) {
    const head = controls.closest(".axd-head") || controls;
    const root = head.parentElement;
    const state = {
      controls,
      head,
      root,
      input: controls.querySelector("[data-axd-filter]"),
      status: controls.querySelector("[data-axd-status]"),
      announce: controls.querySelector("[data-axd-announce]"),
      toggles: all("[data-axd-category]", controls),
      summaryToggle: controls.querySelector("[data-axd-summary]"),
      watchToggle: controls.querySelector("[data-axd-watch-first]"),
      watchForm: controls.querySelector("[data-axd-watch-form]"),
      watchList: controls.querySelector("[data-axd-watch-list]"),
      watchCount: controls.querySelector("[data-axd-watch-count]"),
      cards: [],
      sections: [],
      query: "",
      categories: new Set(),
      summaryOnly: false,
      watchFirst: false,
      site: { keywords: [], authors: [] },
      reader: loadWatchlist(),
      texts: {},
      pattern: null,
      near: new Set(), // cards on or near the screen
      observer: null,
      current: null,
      box: null,
      timer: 0,
    };
    try {
      const site = JSON.parse(controls.getAttribute("data-axd-watchlist") || "{}");
      state.site = { keywords: strings(site.keywords), authors: strings(site.authors) };
    } catch (error) {
      /* no site defaults */
    }
    try {
      const texts = JSON.parse(controls.getAttribute("data-axd-labels") || "{}");
      if (texts && typeof texts === "object") state.texts = texts;
    } catch (error) {
      /* English texts */
    }

    const byElement = new Map();
    for (const el of all("article.axd-card", root)) {
      const card = {
        el,
        text: textNodes(el).map((n) => n.data).join("\n") + "\n" + (el.dataset.arxivId || ""),
        authors: new Map(all(".axd-author", el).map((a) => [fold(a.textContent), a.textContent])),
        summary: el.dataset.summary === "yes",
        section: null,
        watched: [],
        marker: null,
        marks: [],
      };
      el.tabIndex = -1; // focusable by j/k, not in the Tab order
      state.cards.push(card);
      byElement.set(el, card);
    }
    // A section is its heading and the cards that follow it, as on the page.
    for (const toggle of state.toggles) {
      const heading = document.getElementById(toggle.dataset.axdTarget || "");
      const section = { name: toggle.dataset.axdCategory, heading, cards: [] };
      for (let el = heading && heading.nextElementSibling; el && !/^H[12]$/.test(el.tagName);
        el = el.nextElementSibling) {
        const card = byElement.get(el);
        if (card) {
          card.section = section.name;
          section.cards.push(card);
        }
      }
      state.sections.push(section);
    }

    state.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const card = byElement.get(entry.target);
        if (entry.isIntersecting) {
          state.near.add(card);
          mark(state, card);
        } else {
          state.near.delete(card);
        }
      }
    }, { rootMargin: "50% 0px" });
    for (const card of state.cards) state.observer.observe(card.el);

    readUrl(state);
    bind(state);
    markWatched(state);
    apply(state, false);
    controls.hidden = false;
    addBibtexButtons(state);
    return state;
  }

  function bind(state) {
    const { controls, input, root } = state;
    input.addEventListener("input", () => {
      state.query = input.value;
      apply(state);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      if (input.value) {
        input.value = "";
        state.query = "";
        apply(state);
      } else {
        input.blur();
      }
    });
    controls.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button || !controls.contains(button)) return;
      if (button.hasAttribute("data-axd-category")) {
        const name = button.dataset.axdCategory;
        if (state.categories.has(name)) state.categories.delete(name);
        else state.categories.add(name);
      } else if (button.hasAttribute("data-axd-summary")) {
        state.summaryOnly = !state.summaryOnly;
      } else if (button.hasAttribute("data-axd-watch-first")) {
        state.watchFirst = !state.watchFirst;
      } else if (button.matches("[data-axd-expand], [data-axd-collapse]")) {
        const open = button.hasAttribute("data-axd-expand");
        for (const details of all(".axd-card__details", root)) details.open = open;
        say(state, t(state, open ? "expanded" : "collapsed"));
        return;
      } else if (button.hasAttribute("data-axd-unwatch")) {
        const kind = button.dataset.axdKind;
        state.reader = loadWatchlist(); // another tab may have changed it
        state.reader[kind] = state.reader[kind].filter((t) => t !== button.dataset.axdUnwatch);
        saveWatchlist(state.reader);
        markWatched(state);
        state.watchForm.elements.term.focus(); // the button is gone; keep focus nearby
        say(state, t(state, "watch_removed", { term: button.dataset.axdUnwatch }));
      } else {
        return;
      }
      apply(state);
    });
    state.watchForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const field = state.watchForm.elements.term;
      const kind = state.watchForm.elements.kind.value === "authors" ? "authors" : "keywords";
      const term = field.value.trim().replace(/\s+/g, " ");
      if (!term) return;
      // Re-read first: another tab may have changed the list since this page was set up.
      state.reader = loadWatchlist();
      const known = [...state.site[kind], ...state.reader[kind]];
      if (!known.some((t) => t.toLowerCase() === term.toLowerCase())) {
        state.reader[kind].push(term);
        saveWatchlist(state.reader);
      }
      field.value = "";
      markWatched(state);
      apply(state);
      say(state, t(state, "watch_added", { term }));
    });
    root.addEventListener("click", (event) => {
      const button = event.target.closest(".axd-bibtex");
      if (button && root.contains(button)) copyBibtex(state, button);
    });
  }

  // -- filtering ----------------------------------------------------------------------------

  function apply(state, writeUrl = true) {
    const terms = parseQuery(state.query);
    const tests = terms.map((t) => new RegExp(escapeRegExp(t), "iu"));
    let shown = 0;
    for (const card of state.cards) {
      const visible = (!state.categories.size || state.categories.has(card.section)) &&
        (!state.summaryOnly || card.summary) && tests.every((re) => re.test(card.text));
      card.el.hidden = !visible;
      if (visible) shown += 1;
    }
    arrange(state);
    highlight(state, terms);
    for (const section of state.sections) {
      if (!section.heading || !section.cards.length) continue;
      section.heading.hidden = !section.cards.some((c) => !c.el.hidden && !c.marker);
    }
    for (const toggle of state.toggles) {
      toggle.setAttribute("aria-pressed", String(state.categories.has(toggle.dataset.axdCategory)));
    }
    state.summaryToggle.setAttribute("aria-pressed", String(state.summaryOnly));
    state.watchToggle.setAttribute("aria-pressed", String(state.watchFirst));
    state.status.textContent = t(state, "shown_of", { shown, n: state.cards.length });
    if (state.input.value !== state.query) state.input.value = state.query;
    if (state.current && state.current.hidden) setCurrent(state, null);
    if (writeUrl) {
      clearTimeout(state.timer);
      state.timer = setTimeout(() => page === state && writeUrlState(state), 250);
    }
  }

  /** Highlighting is lazy: only cards on or near the screen get marks, so a one-letter filter
   * on a page of a thousand cards stays quick. The observer marks cards as they come near. */
  function highlight(state, terms) {
    const longestFirst = [...terms].sort((a, b) => b.length - a.length).map(escapeRegExp);
    state.pattern = terms.length ? new RegExp(longestFirst.join("|"), "giu") : null;
    for (const card of state.cards) unmark(card);
    for (const card of state.near) mark(state, card);
  }

  function unmark(card) {
    for (const hit of card.marks) {
      const parent = hit.parentNode;
      if (!parent) continue;
      hit.replaceWith(hit.textContent);
      parent.normalize();
    }
    card.marks = [];
  }

  function mark(state, card) {
    const pattern = state.pattern;
    if (!pattern || card.el.hidden || card.marks.length) return;
    for (const node of textNodes(card.el)) {
      const text = node.data;
      let fragment = null;
      let last = 0;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        fragment = fragment || document.createDocumentFragment();
        const hit = document.createElement("mark");
        hit.className = "axd-hit";
        hit.textContent = m[0];
        fragment.append(text.slice(last, m.index), hit);
        card.marks.push(hit);
        last = m.index + m[0].length;
      }
      if (fragment) {
        fragment.append(text.slice(last));
        node.replaceWith(fragment);
      }
    }
  }

  // -- watchlist ----------------------------------------------------------------------------

  function keywordPattern(term) {
    // A keyword starts at a word boundary ("GAN" finds "GANs", not "organ") in scripts that
    // separate words; in others (Chinese, Japanese) it may start anywhere.
    const spaced = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}]/u.test(term);
    return new RegExp((spaced ? "(?<![\\p{L}\\p{N}])" : "") + escapeRegExp(term), "iu");
  }

  function markWatched(state) {
    const keywords = [...new Set([...state.site.keywords, ...state.reader.keywords])];
    const authors = [...new Set([...state.site.authors, ...state.reader.authors])];
    const patterns = keywords.map((k) => [k, keywordPattern(k)]);
    const names = authors.map((a) => [a, fold(a)]).filter(([, key]) => key);
    let matched = 0;
    for (const card of state.cards) {
      card.watched = [
        ...patterns.filter(([, re]) => re.test(card.text)).map(([k]) => k),
        ...names.filter(([, key]) => card.authors.has(key)).map(([, key]) => card.authors.get(key)),
      ];
      const badge = card.el.querySelector(".axd-watch-badge");
      if (badge) badge.remove();
      card.el.classList.toggle("axd-card--watched", card.watched.length > 0);
      if (card.watched.length) {
        matched += 1;
        const span = document.createElement("span");
        span.className = "axd-watch-badge";
        span.textContent = `★ ${card.watched.join(", ")}`;
        span.title = t(state, "on_watchlist");
        const meta = card.el.querySelector(".axd-card__meta") || card.el;
        meta.prepend(span);
      }
    }
    renderWatchlist(state, matched);
  }

  function renderWatchlist(state, matched) {
    const list = state.watchList;
    list.replaceChildren();
    const entries = [
      ...state.site.keywords.map((t) => ["keywords", t, true]),
      ...state.site.authors.map((t) => ["authors", t, true]),
      ...state.reader.keywords.map((t) => ["keywords", t, false]),
      ...state.reader.authors.map((t) => ["authors", t, false]),
    ];
    for (const [kind, term, fromSite] of entries) {
      const item = document.createElement("li");
      item.className = "axd-watch-item";
      const label = document.createElement("span");
      label.textContent = term;
      const note = document.createElement("span");
      note.className = "axd-watch-item__kind";
      note.textContent = t(state, kind === "authors" ? "author" : "keyword");
      item.append(note, label);
      if (fromSite) {
        item.title = t(state, "watch_site");
        item.classList.add("axd-watch-item--site");
      } else {
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "axd-watch-item__remove";
        remove.dataset.axdUnwatch = term;
        remove.dataset.axdKind = kind;
        remove.setAttribute("aria-label", t(state, "watch_remove", { term }));
        remove.textContent = "×";
        item.append(remove);
      }
      list.append(item);
    }
    state.watchCount.textContent = entries.length
      ? t(state, "watch_count", { n: entries.length, matched }) : t(state, "watch_empty");
  }

  /** "Watchlist first": watched cards move to a block above the first section, and back. */
  function arrange(state) {
    const first = state.watchFirst && state.cards.some((c) => c.watched.length);
    if (first && !state.box) {
      state.box = document.createElement("div");
      state.box.className = "axd-watched";
      state.box.setAttribute("role", "region");
      state.box.setAttribute("aria-label", t(state, "watched_papers"));
      const title = document.createElement("p");
      title.className = "axd-watched__title";
      title.textContent = `★ ${t(state, "on_watchlist")}`;
      state.box.append(title);
      state.head.after(state.box);
    }
    let moved = false;
    for (const card of state.cards) {
      const move = first && card.watched.length > 0;
      if (move && !card.marker) {
        card.marker = document.createComment("axd-card"); // where the card goes back to
        card.el.replaceWith(card.marker);
        moved = true;
      } else if (!move && card.marker) {
        card.marker.replaceWith(card.el);
        card.marker = null;
      }
    }
    if (moved) {
      for (const card of state.cards) if (card.marker) state.box.append(card.el); // page order
    }
    if (state.box && !first) {
      state.box.remove();
      state.box = null;
    }
  }

  // -- URL ----------------------------------------------------------------------------------

  function readUrl(state) {
    const params = new URLSearchParams(location.search);
    state.query = params.get(PARAMS.filter) || "";
    const names = new Set(state.toggles.map((t) => t.dataset.axdCategory));
    state.categories = new Set(params.getAll(PARAMS.cat).filter((c) => names.has(c)));
    state.summaryOnly = params.get(PARAMS.ai) === "1";
    state.watchFirst = params.get(PARAMS.watch) === "1";
  }

  function writeUrlState(state) {
    const url = new URL(location.href);
    for (const name of Object.values(PARAMS)) url.searchParams.delete(name);
    if (state.query.trim()) url.searchParams.set(PARAMS.filter, state.query.trim());
    for (const name of state.categories) url.searchParams.append(PARAMS.cat, name);
    if (state.summaryOnly) url.searchParams.set(PARAMS.ai, "1");
    if (state.watchFirst) url.searchParams.set(PARAMS.watch, "1");
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  // -- cards: current card, BibTeX ----------------------------------------------------------

  function say(state, message) {
    state.announce.textContent = "";
    setTimeout(() => { state.announce.textContent = message; }, 30);
  }

  function setCurrent(state, el) {
    if (state.current) state.current.classList.remove("axd-card--current");
    state.current = el;
    if (!el) return;
    el.classList.add("axd-card--current");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "start" });
  }

  function move(state, step) {
    const visible = state.cards.map((c) => c.el).filter((el) => !el.hidden)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    if (!visible.length) return;
    let index = visible.indexOf(state.current);
    if (index >= 0) {
      index = Math.min(visible.length - 1, Math.max(0, index + step));
    } else {
      // No current card yet: start at the first one not scrolled away above the view.
      index = visible.findIndex((el) => el.getBoundingClientRect().bottom > HEADER_ROOM);
      if (index < 0) index = visible.length - 1;
      else if (step < 0) index = Math.max(0, index - 1);
    }
    setCurrent(state, visible[index]);
  }

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (error) {
        /* denied: try the old way */
      }
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;top:0;left:0;opacity:0";
    document.body.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    return copied;
  }

  /** "Copy BibTeX" buttons, from the entries the build wrote into the page as JSON. */
  function addBibtexButtons(state) {
    const root = state.root;
    const data = root.querySelector("[data-axd-bibtex]");
    if (!data) return;
    let entries = {};
    try {
      entries = JSON.parse(data.getAttribute("data-axd-bibtex"));
    } catch (error) {
      return;
    }
    for (const card of all("article.axd-card", root)) {
      const text = entries[card.dataset.arxivId];
      const meta = card.querySelector(".axd-card__meta");
      if (!text || !meta || meta.querySelector(".axd-bibtex")) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "axd-bibtex";
      button.title = t(state, "copy_bibtex_title");
      button.textContent = t(state, "copy_bibtex");
      button.setAttribute("data-bibtex", text);
      meta.append(" ", button);
    }
  }

  async function copyBibtex(state, button) {
    const text = button.getAttribute("data-bibtex") || "";
    const card = button.closest(".axd-card");
    if (await copyText(text)) {
      button.classList.add("axd-bibtex--copied");
      say(state, t(state, "bibtex_copied"));
      setTimeout(() => button.classList.remove("axd-bibtex--copied"), 1500);
      button.focus();
      return;
    }
    // No clipboard access (e.g. a plain-http site): show the entry, selected, to copy by hand.
    let area = card.querySelector(".axd-bibtex-text");
    if (!area) {
      area = document.createElement("textarea");
      area.className = "axd-bibtex-text";
      area.readOnly = true;
      area.rows = Math.min(12, text.split("\n").length);
      area.setAttribute("aria-label", t(state, "bibtex_entry"));
      area.value = text;
      button.closest(".axd-card__meta").after(area);
    }
    area.focus();
    area.select();
    say(state, t(state, "bibtex_select"));
  }

  // -- keyboard -----------------------------------------------------------------------------

  function onKey(event) {
    const state = page;
    if (!state || !state.controls.isConnected) return;
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey ||
      event.altKey || isEditable(document.activeElement) || isEditable(event.target)) return;
    if (document.querySelector(".modal.show")) return; // the mkdocs theme's search or help dialog
    switch (event.key) {
      case "/":
        // Claimed in the capture phase, before Material (search) or the mkdocs theme (help)
        // see it; `s` and `f` still open Material's search.
        event.preventDefault();
        event.stopPropagation();
        state.input.focus();
        state.input.select();
        return;
      case "j":
      case "k":
        event.preventDefault();
        move(state, event.key === "j" ? 1 : -1);
        return;
      case "o": {
        const link = state.current && state.current.querySelector(".axd-card__title a");
        if (!link) return;
        event.preventDefault();
        window.open(link.href, "_blank", "noopener");
        return;
      }
      case "x": {
        const details = state.current && state.current.querySelector(".axd-card__details");
        if (!details) return;
        event.preventDefault();
        details.open = !details.open;
        return;
      }
      default:
    }
  }

  // -- lifecycle ----------------------------------------------------------------------------

  function init() {
    const controls = document.querySelector("[data-axd-controls]");
    const next = controls ? controls.__axdState || (controls.__axdState = setup(controls)) : null;
    if (page && page !== next) {
      // The previous page was swapped out (instant navigation): stop its timer and observer.
      clearTimeout(page.timer);
      page.observer.disconnect();
    }
    page = next;
  }

  window.addEventListener("keydown", onKey, true);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material: first load and every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* The archive page's date field (templates/arxiv_digest/archive_intro.html): it jumps to the
 * chosen day, or to the nearest day with a digest (the later one on a tie). The days are the
 * calendar's own links, so the page carries them once; without JavaScript the field stays
 * hidden and the calendar works as it is. A link to a month (#month-2026-01) opens it. */
(function archiveCalendar() {
  "use strict";
  if (window.__arxivDigestCalendar) return; // the script was included twice
  window.__arxivDigestCalendar = true;

  const dayNumber = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));

  function nearestDay(links, iso) {
    const wanted = dayNumber(iso);
    let best = null;
    let distance = Infinity;
    for (const link of links) {
      const away = Math.abs(dayNumber(link.dataset.axdDay) - wanted);
      if (away < distance || (away === distance && link.dataset.axdDay > best.dataset.axdDay)) {
        best = link;
        distance = away;
      }
    }
    return best;
  }

  function openTarget() {
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return; // not a fragment any page of ours has
    }
    let element = id ? document.getElementById(id) : null;
    for (; element; element = element.parentElement) {
      if (element.tagName === "DETAILS") element.open = true;
    }
  }

  function init() {
    const form = document.querySelector("[data-axd-jump]");
    if (!form || form.__axdJump) return;
    form.__axdJump = true;
    const links = Array.from(document.querySelectorAll("a[data-axd-day]"));
    if (!links.length) return;
    form.hidden = false;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = form.elements.day.value;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
      nearestDay(links, value).click(); // a click, so Material's instant navigation takes it
    });
    openTarget();
  }

  window.addEventListener("hashchange", openTarget);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
