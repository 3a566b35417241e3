/* mkdocs-arxiv-digest: reading controls for digest pages, and the author index's name box.
 *
 * Filter box with highlighting, category toggles (on the chip row), an AI-summary toggle,
 * cards or compact view, expand/collapse all, a watchlist and a mute list kept in localStorage,
 * "Copy BibTeX" (from the day's .bib file), and keyboard shortcuts. Everything works on the
 * page's own HTML and this site's files: no other host, no HTML built from strings. Without
 * JavaScript the controls stay `hidden` and every card is shown.
 *
 * Set up once per page view: on Material's `document$` (which also fires after each instant
 * navigation) when present, else on DOMContentLoaded. Listeners live on elements of the page
 * content, which instant navigation replaces, except the one keydown listener on window. The
 * compact view is a class on <html> (CSS does the rest), so it survives instant navigation.
 */
(function () {
  "use strict";
  if (window.__arxivDigestReader) return; // the script was included twice
  window.__arxivDigestReader = true;

  const STORES = { watchlist: "arxiv-digest.watchlist", mute: "arxiv-digest.mute" };
  const VIEW_STORE = "arxiv-digest.view";
  const COMPACT = "axd-compact"; // class on <html>
  // URL parameters. Not `q`: Material opens its search dialog for `?q=`.
  const PARAMS = { filter: "filter", cat: "cat", ai: "ai", watch: "watch", view: "view" };
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
    mute_added: "Added {term} to the mute list",
    mute_removed: "Removed {term} from the mute list",
    mute_remove: "Remove {term} from the mute list",
    muted_hidden: "{n} muted papers hidden",
    muted_hidden_one: "{n} muted paper hidden",
    muted_shown: "{n} muted papers shown",
    muted_shown_one: "{n} muted paper shown",
    show_muted: "Show them",
    hide_muted: "Hide them",
    on_mute_list: "Matches your mute list",
    keyword: "keyword",
    author: "author",
    copy_bibtex: "Copy BibTeX",
    copy_bibtex_title: "Copy a BibTeX entry for this paper",
    bibtex_copied: "BibTeX copied to the clipboard",
    bibtex_entry: "BibTeX entry",
    bibtex_select: "Copy the selected BibTeX entry",
    bibtex_missing: "No BibTeX entry found for this paper",
    card_open: "Details",
    view_is: "{view} view",
    view_cards: "Cards",
    view_compact: "Compact",
    names_shown: "{shown} of {n} authors",
    names_shown_one: "{shown} of {n} author",
    names_loading: "Reading the other initials…",
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

  // -- storage: watchlist, mute list, view -------------------------------------------------

  function strings(value) {
    return Array.isArray(value) ? value.filter((v) => typeof v === "string" && v.trim()) : [];
  }

  function terms(data) {
    return { keywords: strings(data && data.keywords), authors: strings(data && data.authors) };
  }

  function loadTerms(name) {
    try {
      return terms(JSON.parse(localStorage.getItem(STORES[name]) || "{}"));
    } catch (error) {
      return terms({}); // storage blocked or corrupt: start empty
    }
  }

  function saveTerms(name, list) {
    try {
      localStorage.setItem(STORES[name], JSON.stringify(list));
    } catch (error) {
      /* storage blocked: the list lasts for this page view only */
    }
  }

  function storedView() {
    try {
      return localStorage.getItem(VIEW_STORE) === "compact" ? "compact" : "cards";
    } catch (error) {
      return "cards";
    }
  }

  function storeView(view) {
    try {
      localStorage.setItem(VIEW_STORE, view);
    } catch (error) {
      /* storage blocked: the view lasts while the URL keeps it */
    }
  }

  function parseJson(element, name) {
    try {
      const value = JSON.parse(element.getAttribute(name) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (error) {
      return {};
    }
  }

  // -- page setup ---------------------------------------------------------------------------

  /** A watchlist or mute list: the site's terms, the reader's, and its disclosure. */
  function termList(controls, name) {
    const el = controls.querySelector(`[data-axd-list="${name}"]`);
    return {
      name,
      el,
      form: el.querySelector("[data-axd-list-form]"),
      items: el.querySelector("[data-axd-list-items]"),
      count: el.querySelector("[data-axd-list-count]"),
      site: terms(parseJson(controls, `data-axd-${name}`)),
      reader: loadTerms(name),
    };
  }

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
      toggles: all("[data-axd-category]", head),
      summaryToggle: controls.querySelector("[data-axd-summary]"),
      watchToggle: controls.querySelector("[data-axd-watch-first]"),
      viewButtons: all("[data-axd-view]", controls),
      more: controls.querySelector("[data-axd-more]"),
      mutedNote: controls.querySelector("[data-axd-muted]"),
      mutedCount: controls.querySelector("[data-axd-muted-count]"),
      mutedButton: controls.querySelector("[data-axd-show-muted]"),
      lists: { watchlist: termList(controls, "watchlist"), mute: termList(controls, "mute") },
      cards: [],
      sections: [],
      query: "",
      categories: new Set(),
      summaryOnly: false,
      watchFirst: false,
      showMuted: false,
      view: "cards",
      texts: parseJson(controls, "data-axd-labels"),
      pattern: null,
      near: new Set(), // cards on or near the screen
      observer: null,
      current: null,
      box: null,
      timer: 0,
      bibtex: null, // promise of the day's entries, on first use
    };

    const byElement = new Map();
    for (const el of all("article.axd-card", root)) {
      const card = {
        el,
        text: textNodes(el).map((n) => n.data).join("\n") + "\n" + (el.dataset.arxivId || ""),
        authors: new Map(all(".axd-author", el).map((a) => [fold(a.textContent), a.textContent])),
        summary: el.dataset.summary === "yes",
        section: null,
        watched: [],
        muted: [],
        marker: null,
        marks: [],
        opener: null,
      };
      el.tabIndex = -1; // focusable by j/k, not in the Tab order
      state.cards.push(card);
      byElement.set(el, card);
    }
    state.byElement = byElement;
    // A section is its heading and the cards that follow it, as on the page.
    for (const toggle of state.toggles) {
      toggle.hidden = false;
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
    markLists(state);
    setView(state, state.view, false);
    apply(state, false);
    if (state.view === "compact") writeUrlState(state); // the URL says which view this is
    controls.hidden = false;
    addBibtexButtons(state);
    return state;
  }

  function bind(state) {
    const { controls, head, input, root } = state;
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
    head.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button || !head.contains(button)) return;
      if (button.hasAttribute("data-axd-category")) {
        const name = button.dataset.axdCategory;
        if (state.categories.has(name)) state.categories.delete(name);
        else state.categories.add(name);
      } else if (button.hasAttribute("data-axd-summary")) {
        state.summaryOnly = !state.summaryOnly;
      } else if (button.hasAttribute("data-axd-watch-first")) {
        state.watchFirst = !state.watchFirst;
      } else if (button.hasAttribute("data-axd-show-muted")) {
        state.showMuted = !state.showMuted;
      } else if (button.hasAttribute("data-axd-view")) {
        setView(state, button.dataset.axdView, true);
      } else if (button.hasAttribute("data-axd-more")) {
        const open = !controls.classList.contains("axd-controls--open");
        controls.classList.toggle("axd-controls--open", open);
        button.setAttribute("aria-expanded", String(open));
        return;
      } else if (button.matches("[data-axd-expand], [data-axd-collapse]")) {
        const open = button.hasAttribute("data-axd-expand");
        for (const card of state.cards) openCard(state, card, open);
        if (!open) for (const more of all(".axd-card__more-authors", root)) more.open = false;
        say(state, t(state, open ? "expanded" : "collapsed"));
        return;
      } else if (button.hasAttribute("data-axd-unlist")) {
        const list = state.lists[button.dataset.axdList];
        const kind = button.dataset.axdKind;
        list.reader = loadTerms(list.name); // another tab may have changed it
        list.reader[kind] = list.reader[kind].filter((t) => t !== button.dataset.axdUnlist);
        saveTerms(list.name, list.reader);
        markLists(state);
        list.form.elements.term.focus(); // the button is gone; keep focus nearby
        say(state, t(state, `${listKey(list)}_removed`, { term: button.dataset.axdUnlist }));
      } else {
        return;
      }
      apply(state);
    });
    for (const list of Object.values(state.lists)) {
      list.form.addEventListener("submit", (event) => {
        event.preventDefault();
        const field = list.form.elements.term;
        const kind = list.form.elements.kind.value === "authors" ? "authors" : "keywords";
        const term = field.value.trim().replace(/\s+/g, " ");
        if (!term) return;
        // Re-read first: another tab may have changed the list since this page was set up.
        list.reader = loadTerms(list.name);
        const known = [...list.site[kind], ...list.reader[kind]];
        if (!known.some((t) => t.toLowerCase() === term.toLowerCase())) {
          list.reader[kind].push(term);
          saveTerms(list.name, list.reader);
        }
        field.value = "";
        markLists(state);
        apply(state);
        say(state, t(state, `${listKey(list)}_added`, { term }));
      });
    }
    root.addEventListener("click", (event) => {
      const bibtex = event.target.closest(".axd-bibtex");
      if (bibtex && root.contains(bibtex)) {
        copyBibtex(state, bibtex);
        return;
      }
      // Compact view: the row's button, or a click on the row outside its links, opens it.
      if (state.view !== "compact") return;
      const el = event.target.closest("article.axd-card");
      const card = el && state.byElement.get(el);
      if (!card) return;
      const opener = event.target.closest(".axd-card__open");
      if (!opener && (event.target.closest("a, button, summary, details, input, textarea") ||
        el.classList.contains("axd-card--open") || String(window.getSelection()))) return;
      openCard(state, card, !el.classList.contains("axd-card--open"));
    });
    // Fetch the .bib file as soon as a reader reaches for a button, so the copy that follows
    // the click still runs close to it (some browsers allow the clipboard only then).
    root.addEventListener("pointerover", (event) => {
      if (event.target.closest(".axd-bibtex")) bibtexEntries(state);
    });
    root.addEventListener("focusin", (event) => {
      if (event.target.closest(".axd-bibtex")) bibtexEntries(state);
    });
  }

  const listKey = (list) => (list.name === "mute" ? "mute" : "watch");

  // -- filtering ----------------------------------------------------------------------------

  function apply(state, writeUrl = true) {
    const terms = parseQuery(state.query);
    const tests = terms.map((t) => new RegExp(escapeRegExp(t), "iu"));
    let shown = 0;
    let muted = 0;
    for (const card of state.cards) {
      let visible = (!state.categories.size || state.categories.has(card.section)) &&
        (!state.summaryOnly || card.summary) && tests.every((re) => re.test(card.text));
      // The watchlist wins over the mute list: a paper asked for is never hidden.
      const mutedHere = visible && card.muted.length > 0 && !card.watched.length;
      if (mutedHere) {
        muted += 1;
        visible = state.showMuted;
      }
      card.el.classList.toggle("axd-card--muted", mutedHere);
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
    state.mutedNote.hidden = muted === 0;
    state.mutedCount.textContent = t(state, state.showMuted ? "muted_shown" : "muted_hidden",
      { n: muted });
    state.mutedButton.textContent = t(state, state.showMuted ? "hide_muted" : "show_muted");
    state.mutedButton.setAttribute("aria-pressed", String(state.showMuted));
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

  // -- watchlist and mute list --------------------------------------------------------------

  function keywordPattern(term) {
    // A keyword starts at a word boundary ("GAN" finds "GANs", not "organ") in scripts that
    // separate words; in others (Chinese, Japanese) it may start anywhere.
    const spaced = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}]/u.test(term);
    return new RegExp((spaced ? "(?<![\\p{L}\\p{N}])" : "") + escapeRegExp(term), "iu");
  }

  /** The terms of `list` that each card matches: keywords in its text, authors by full name. */
  function matchList(state, list, field) {
    const keywords = [...new Set([...list.site.keywords, ...list.reader.keywords])];
    const authors = [...new Set([...list.site.authors, ...list.reader.authors])];
    const patterns = keywords.map((k) => [k, keywordPattern(k)]);
    const names = authors.map((a) => [a, fold(a)]).filter(([, key]) => key);
    let matched = 0;
    for (const card of state.cards) {
      card[field] = [
        ...patterns.filter(([, re]) => re.test(card.text)).map(([k]) => k),
        ...names.filter(([, key]) => card.authors.has(key)).map(([, key]) => card.authors.get(key)),
      ];
      if (card[field].length) matched += 1;
    }
    renderList(state, list, matched);
  }

  function markLists(state) {
    matchList(state, state.lists.watchlist, "watched");
    matchList(state, state.lists.mute, "muted");
    for (const card of state.cards) {
      const badge = card.el.querySelector(".axd-watch-badge");
      if (badge) badge.remove();
      card.el.classList.toggle("axd-card--watched", card.watched.length > 0);
      if (card.watched.length) {
        const span = document.createElement("span");
        span.className = "axd-watch-badge";
        span.textContent = `★ ${card.watched.join(", ")}`;
        span.title = t(state, "on_watchlist");
        const meta = card.el.querySelector(".axd-card__meta") || card.el;
        meta.prepend(span);
      }
      // A muted paper, when shown, says why it is dimmed.
      if (card.muted.length && !card.watched.length) {
        card.el.title = `${t(state, "on_mute_list")}: ${card.muted.join(", ")}`;
      } else {
        card.el.removeAttribute("title");
      }
    }
  }

  function renderList(state, list, matched) {
    list.items.replaceChildren();
    const entries = [
      ...list.site.keywords.map((t) => ["keywords", t, true]),
      ...list.site.authors.map((t) => ["authors", t, true]),
      ...list.reader.keywords.map((t) => ["keywords", t, false]),
      ...list.reader.authors.map((t) => ["authors", t, false]),
    ];
    for (const [kind, term, fromSite] of entries) {
      const item = document.createElement("li");
      item.className = "axd-terms__item";
      const label = document.createElement("span");
      label.textContent = term;
      const note = document.createElement("span");
      note.className = "axd-terms__kind-note";
      note.textContent = t(state, kind === "authors" ? "author" : "keyword");
      item.append(note, label);
      if (fromSite) {
        item.title = t(state, "watch_site");
        item.classList.add("axd-terms__item--site");
      } else {
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "axd-terms__remove";
        remove.dataset.axdUnlist = term;
        remove.dataset.axdList = list.name;
        remove.dataset.axdKind = kind;
        remove.setAttribute("aria-label", t(state, `${listKey(list)}_remove`, { term }));
        remove.textContent = "×";
        item.append(remove);
      }
      list.items.append(item);
    }
    list.count.textContent = entries.length
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
    // A shared ?view= wins, and becomes this reader's choice; else the last one chosen.
    const view = params.get(PARAMS.view);
    if (view === "compact" || view === "cards") storeView(view);
    state.view = view === "compact" || view === "cards" ? view : storedView();
  }

  /** Cards view is the default, so only the compact view shows in the URL. */
  function writeUrlState(state) {
    const url = new URL(location.href);
    for (const name of Object.values(PARAMS)) url.searchParams.delete(name);
    if (state.query.trim()) url.searchParams.set(PARAMS.filter, state.query.trim());
    for (const name of state.categories) url.searchParams.append(PARAMS.cat, name);
    if (state.summaryOnly) url.searchParams.set(PARAMS.ai, "1");
    if (state.watchFirst) url.searchParams.set(PARAMS.watch, "1");
    if (state.view === "compact") url.searchParams.set(PARAMS.view, "compact");
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  // -- views: cards or compact rows ---------------------------------------------------------

  function setView(state, view, chosen) {
    state.view = view === "compact" ? "compact" : "cards";
    const compact = state.view === "compact";
    document.documentElement.classList.toggle(COMPACT, compact);
    for (const button of state.viewButtons) {
      button.setAttribute("aria-pressed", String(button.dataset.axdView === state.view));
    }
    if (compact) for (const card of state.cards) addOpener(state, card);
    if (chosen) {
      storeView(state.view);
      const current = state.current;
      if (current) current.scrollIntoView({ block: "start" }); // keep the reader's place
      say(state, t(state, "view_is", { view: t(state, `view_${state.view}`) }));
    }
  }

  /** The compact row's disclosure button (shown only in the compact view). */
  function addOpener(state, card) {
    if (card.opener) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "axd-card__open";
    button.setAttribute("aria-expanded", String(card.el.classList.contains("axd-card--open")));
    const title = card.el.querySelector(".axd-card__title");
    if (title && title.id) button.setAttribute("aria-describedby", title.id);
    button.setAttribute("aria-label", t(state, "card_open"));
    card.el.prepend(button);
    card.opener = button;
  }

  /** Open or close a card: its details, and in the compact view the whole card. */
  function openCard(state, card, open) {
    card.el.classList.toggle("axd-card--open", open);
    if (card.opener) card.opener.setAttribute("aria-expanded", String(open));
    const details = card.el.querySelector(".axd-card__details");
    if (details) details.open = open;
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

  /** "Copy BibTeX" buttons on every card. Their entries come from the day's .bib file
   * (`data-axd-bibtex-url`), fetched once on first use, or, on a site that writes no .bib
   * files, from the page itself (`data-axd-bibtex`). */
  function addBibtexButtons(state) {
    const data = state.head;
    if (!data.hasAttribute("data-axd-bibtex-url") && !data.hasAttribute("data-axd-bibtex")) return;
    const inline = data.hasAttribute("data-axd-bibtex") ? parseJson(data, "data-axd-bibtex") : null;
    for (const card of state.cards) {
      const meta = card.el.querySelector(".axd-card__meta");
      if (!meta || meta.querySelector(".axd-bibtex")) continue;
      if (inline && typeof inline[card.el.dataset.arxivId] !== "string") continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "axd-bibtex";
      button.title = t(state, "copy_bibtex_title");
      button.textContent = t(state, "copy_bibtex");
      meta.append(" ", button);
    }
  }

  /** The day's entries: a function from a card to its entry ("" when there is none). */
  function bibtexEntries(state) {
    if (state.bibtex) return state.bibtex;
    const head = state.head;
    if (head.hasAttribute("data-axd-bibtex")) {
      const inline = parseJson(head, "data-axd-bibtex");
      state.bibtex = Promise.resolve((el) => inline[el.dataset.arxivId] || "");
      return state.bibtex;
    }
    const url = new URL(head.getAttribute("data-axd-bibtex-url"), location.href);
    state.bibtex = fetch(url.href).then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${url.href}`);
      return response.text();
    }).then((text) => {
      // Entries are "@type{key," ... "}" blocks. arXiv papers are found by their eprint,
      // others by key: the card's anchor with what a key cannot hold made "-" (bibtex.py).
      const byEprint = new Map();
      const byKey = new Map();
      for (const entry of text.split(/\n(?=@)/)) {
        const body = entry.trim();
        const key = /^@\w+\{([^,\s]+),/.exec(body);
        if (!key) continue;
        byKey.set(key[1], body);
        const eprint = /\n\s*eprint = \{([^}]*)\}/.exec(body);
        if (eprint) byEprint.set(eprint[1], body);
      }
      return (el) => byEprint.get(el.dataset.arxivId || "") ||
        byKey.get(el.id.replace(/[^A-Za-z0-9.:_-]+/g, "-")) || "";
    }).catch((error) => {
      state.bibtex = null; // try again on the next click
      throw error;
    });
    return state.bibtex;
  }

  async function copyBibtex(state, button) {
    const card = button.closest(".axd-card");
    let text = "";
    try {
      text = (await bibtexEntries(state))(card);
    } catch (error) {
      text = "";
    }
    if (!text) {
      say(state, t(state, "bibtex_missing"));
      return;
    }
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
        const card = state.current && state.byElement.get(state.current);
        const details = card && card.el.querySelector(".axd-card__details");
        if (!card || (!details && state.view !== "compact")) return;
        event.preventDefault();
        const open = state.view === "compact" ? card.el.classList.contains("axd-card--open")
          : details.open;
        openCard(state, card, !open);
        return;
      }
      case "v":
        event.preventDefault();
        setView(state, state.view === "compact" ? "cards" : "compact", true);
        apply(state);
        return;
      case "[":
      case "]": {
        // The day links themselves, so Material's instant navigation takes them.
        const link = state.head.querySelector(event.key === "[" ? "a.axd-daynav__prev"
          : "a.axd-daynav__next");
        if (!link) return;
        event.preventDefault();
        link.click();
        return;
      }
      default:
    }
  }

  // -- author index: the name box ----------------------------------------------------------

  /** Filters the author entries by any part of a name. When the index is split by initial,
   * the other initials' pages (on this site) are read on first use and their matches listed
   * under the box, linked to their entries. */
  function setupNames(box) {
    const state = { texts: parseJson(box, "data-axd-labels") };
    const input = box.querySelector("[data-axd-names-input]");
    const status = box.querySelector("[data-axd-names-status]");
    const here = all(".axd-authors > li").map((el) => ({ el, key: fold(nameOf(el)) }));
    const blocks = all(".axd-authors");
    const others = all(".axd-initials a").map((a) => a.href);
    let elsewhere = null; // entries of the other initials' pages, once read
    let results = null;
    box.hidden = false;

    function nameOf(el) {
      const strong = el.querySelector("strong");
      return strong ? strong.textContent : "";
    }

    function readOthers() {
      if (elsewhere) return elsewhere;
      status.textContent = t(state, "names_loading");
      elsewhere = Promise.all(others.map((href) => fetch(href).then((r) => (r.ok ? r.text() : ""))
        .then((html) => {
          const doc = new DOMParser().parseFromString(html, "text/html");
          return all(".axd-authors > li", doc).map((li) => ({
            name: nameOf(li), href: `${href.split("#")[0]}#${li.id}`,
            count: (li.querySelector(".axd-chip__count") || {}).textContent || "",
          }));
        }).catch(() => []))).then((lists) => lists.flat().map((e) => ({ ...e, key: fold(e.name) })));
      return elsewhere;
    }

    async function run() {
      const words = fold(input.value).split(" ").filter(Boolean);
      const hit = (key) => words.every((w) => key.includes(w));
      let shown = 0;
      for (const entry of here) {
        entry.el.hidden = words.length > 0 && !hit(entry.key);
        if (!entry.el.hidden) shown += 1;
      }
      for (const block of blocks) {
        const heading = block.previousElementSibling;
        const empty = !block.querySelector(":scope > li:not([hidden])");
        if (heading && /^H[2-4]$/.test(heading.tagName)) heading.hidden = empty;
      }
      let total = here.length;
      if (results) results.replaceChildren();
      if (others.length && words.length) {
        const asked = input.value;
        const found = await readOthers();
        if (input.value !== asked) return; // typed on meanwhile
        total += found.length;
        const matches = found.filter((e) => hit(e.key));
        if (!results) {
          results = document.createElement("ul");
          results.className = "axd-names__results";
          box.after(results);
        }
        results.replaceChildren();
        for (const match of matches.slice(0, 200)) {
          const item = document.createElement("li");
          const link = document.createElement("a");
          link.href = match.href;
          link.textContent = match.name;
          item.append(link, ` ${match.count}`);
          results.append(item);
        }
        shown += matches.length;
      }
      status.textContent = words.length ? t(state, "names_shown", { shown, n: total }) : "";
    }

    input.addEventListener("input", run);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && input.value) {
        input.value = "";
        run();
      }
    });
    return state;
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
    // The compact view is for digest pages; keep it off the rest of the site.
    if (!next) document.documentElement.classList.remove(COMPACT);
    const names = document.querySelector("[data-axd-names]");
    if (names && !names.__axdState) names.__axdState = setupNames(names);
  }

  window.addEventListener("keydown", onKey, true);
  // The reader's view before the first set-up, so a long page is not laid out as cards first
  // (init takes the class off again on pages without digest controls).
  const asked = new URLSearchParams(location.search).get(PARAMS.view);
  if (asked === "compact" || (asked !== "cards" && storedView() === "compact")) {
    document.documentElement.classList.add(COMPACT);
  }
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
