/* mkdocs-arxiv-digest: archive-wide search (docs/search.md).
 *
 * On every page: the theme's search box hands its query over to the search page, which every
 * page names in a `<link rel="search" data-axd-search>`. Enter in the box opens the search page
 * with `?q=<query>`, and a "Search all papers for ..." link sits under the theme's own results
 * (Material's header search, the mkdocs theme's search dialog).
 *
 * On the search page: the query, category and dates of the URL (`?q=&category=&from=&to=`) are
 * searched on load and kept in the URL while typing, so a search can be shared as a link.
 * Results come from the Pagefind bundle of the site (`pagefind.js`, loaded from the same host,
 * on first use); each result is one paper card: a Pagefind sub-result at the card's heading.
 * Text from the index goes into the page as text only.
 */
(function () {
  "use strict";
  if (window.__arxivDigestSearch) return; // the script was included twice
  window.__arxivDigestSearch = true;

  // English texts; the search page brings its own in its site's language (`data-axd-labels`).
  const TEXTS = {
    search_shown: "{n} papers shown",
    search_shown_1: "1 paper shown",
    search_none: "No paper matches.",
    search_loading: "Searching…",
    search_failed: "The search index could not be loaded.",
    search_hint: "Type words from a title, an author's name or an arXiv id.",
    search_more: "More results",
  };
  const STEP = 8; // Pagefind documents (one day's papers in one category) loaded per step
  const DELAY = 250; // ms of quiet typing before a search runs
  const SNIPPET_WORDS = 32;
  const ENOUGH = 10; // close matches to find before results are shown...
  const ROUNDS = 6; // ...or after this many steps (a "More results" button goes on)

  const link = document.querySelector('link[rel="search"][data-axd-search]');
  // Absolute, so it stays right after Material's instant navigation changes the page URL.
  const target = link ? link.href : null;

  function searchUrl(query) {
    const url = new URL(target);
    if (query) url.searchParams.set("q", query);
    return url.href;
  }

  // -- the theme's search box --------------------------------------------------------------

  function handOver(input, place) {
    if (!input || !place || input.__axdSearch) return;
    input.__axdSearch = true;
    const all = document.createElement("a");
    all.className = "axd-search-all";
    all.hidden = true;
    place(all);
    const update = function () {
      const query = input.value.trim();
      all.hidden = !query;
      all.href = searchUrl(query);
      all.textContent = (link.dataset.axdLabel || "Search all papers for {query}")
        .replace("{query}", "\u201c" + query + "\u201d");
    };
    input.addEventListener("input", update);
    input.addEventListener("keyup", update); // the mkdocs theme's dialog
    // On the input, before the themes' window-level handlers: Enter searches every paper.
    input.addEventListener("keydown", function (event) {
      const query = input.value.trim();
      if (event.key !== "Enter" || event.isComposing || !query) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      window.location.href = searchUrl(query);
    });
    update();
  }

  function wireThemes() {
    if (!target) return;
    // Material: the header's search box; the link goes above its result count.
    const material = document.querySelector(".md-search__input");
    const meta = document.querySelector(".md-search-result__meta");
    handOver(material, meta && function (all) { meta.before(all); });
    // The mkdocs theme: the search dialog; the link goes under its results.
    const dialog = document.getElementById("mkdocs-search-query");
    const results = document.getElementById("mkdocs-search-results");
    handOver(dialog, results && function (all) { results.after(all); });
  }

  // -- the search page ---------------------------------------------------------------------

  function closeThemeSearch() {
    // Both themes open their own search for `?q=` when a page loads; here it is ours.
    const toggle = document.getElementById("__search"); // Material
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    const modal = document.getElementById("mkdocs_search_modal"); // the mkdocs theme
    const bootstrap = window.bootstrap;
    if (modal && bootstrap && bootstrap.Modal) {
      const hide = function () { bootstrap.Modal.getOrCreateInstance(modal).hide(); };
      if (modal.classList.contains("show")) hide();
      modal.addEventListener("shown.bs.modal", hide, { once: true });
      setTimeout(function () { modal.removeEventListener("shown.bs.modal", hide); }, 2000);
    }
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  // A paper's snippet: words of its TL;DR and abstract (from the `t-<id>` anchor to the next
  // card), starting a little before its first hit there, hits in <mark>. Built from the
  // result's plain text (`content`, whose words `locations` count), so no HTML from the index
  // reaches the page.
  function snippet(data, sub, positions) {
    const words = (data.content || "").split(/\s+/);
    const start = positions["t-" + sub.anchor.id];
    if (start === undefined) return null;
    let end = words.length;
    (data.anchors || []).forEach(function (a) {
      if (/^h\d$/i.test(a.element) && a.location > start && a.location < end) end = a.location;
    });
    const hits = new Set(sub.locations || []);
    const first = (sub.locations || []).find(function (l) { return l >= start && l < end; });
    const from = first === undefined ? start : Math.max(start, first - 8);
    const to = Math.min(end, from + SNIPPET_WORDS);
    const out = element("p", "axd-hit__excerpt");
    if (from > start) out.append("\u2026 ");
    for (let i = from; i < to; i++) {
      if (hits.has(i)) out.append(element("mark", "", words[i]));
      else out.append(words[i]);
      if (i < to - 1) out.append(" ");
    }
    if (to < end) out.append(" \u2026");
    return out;
  }

  function element(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // A card's best hit (a title word weighs more); not the sum, which a list of a thousand
  // authors would win.
  function score(sub) {
    return (sub.weighted_locations || []).reduce(function (best, l) {
      return Math.max(best, l.balanced_score);
    }, 0);
  }

  function setupPage(root) {
    const texts = Object.assign({}, TEXTS, JSON.parse(root.dataset.axdLabels || "{}"));
    const form = root.querySelector("form");
    const field = form.elements;
    const status = root.querySelector("[data-axd-search-status]");
    const list = root.querySelector("[data-axd-search-results]");
    const more = root.querySelector("[data-axd-search-more]");
    const bundle = new URL(root.dataset.axdBundle, window.location.href).href;
    // Records name their day page relative to the bundle's folder (docs/search.md).
    const folder = new URL("../", bundle).href;
    let pagefind = null;
    let dates = null; // every date of the index, for date ranges
    let run = 0; // the latest search; older ones stop when they see a newer one
    let pending = [];
    let shown = 0;
    let timer = 0;
    let terms = null; // the words every result holds (see wanted)
    let seen = new Set(); // the cards shown, by URL

    function load() {
      if (!pagefind) {
        pagefind = import(bundle + "pagefind.js");
      }
      return pagefind;
    }

    function readUrl() {
      const params = new URL(window.location.href).searchParams;
      field.q.value = params.get("q") || "";
      field.category.value = params.get("category") || "";
      field.from.value = params.get("from") || "";
      field.to.value = params.get("to") || "";
    }

    function writeUrl() {
      const url = new URL(window.location.href);
      for (const name of ["q", "category", "from", "to"]) {
        const value = field[name].value.trim();
        if (value) url.searchParams.set(name, value);
        else url.searchParams.delete(name);
      }
      if (url.href !== window.location.href) history.replaceState(history.state, "", url.href);
    }

    function filters(module) {
      const chosen = {};
      if (field.category.value) chosen.category = field.category.value;
      const from = field.from.value;
      const to = field.to.value;
      if (!from && !to) return Promise.resolve(chosen);
      const known = dates || module.filters().then(function (all) {
        return Object.keys(all.date || {});
      });
      dates = Promise.resolve(known);
      return dates.then(function (values) {
        chosen.date = { any: values.filter(function (d) {
          return (!from || d >= from) && (!to || d <= to);
        }) };
        return chosen;
      });
    }

    function say(text) {
      status.textContent = text;
    }

    function paper(data, sub) {
      const anchors = {};
      const positions = {};
      (data.anchors || []).forEach(function (a) {
        anchors[a.id] = a.text || "";
        positions[a.id] = a.location;
      });
      const id = sub.anchor.id;
      const item = element("li", "axd-hit");
      const title = element("a", "axd-hit__title", sub.title);
      title.href = new URL(data.meta.url + "#" + id, folder).href;
      item.append(title);
      const meta = element("p", "axd-hit__meta");
      if (data.meta.category) meta.append(element("span", "axd-badge", data.meta.category), " ");
      meta.append(element("span", "axd-hit__date", data.meta.date || ""));
      const ident = (anchors["id-" + id] || "").split(" ")[0];
      if (ident) meta.append(" \u00b7 ", element("span", "axd-hit__id", ident));
      item.append(meta);
      if (anchors["by-" + id]) item.append(element("p", "axd-hit__authors", anchors["by-" + id]));
      const text = snippet(data, sub, positions);
      if (text) item.append(text);
      return item;
    }

    // Pagefind returns the documents (a day's papers in one category) holding every word of
    // the query, and in them each card with any of the words. A card is a result when it holds
    // every word itself (by the words' stems, roughly: their first letters); cards where the
    // words stand together in the query's order come first, so "Ada Lovelace" lists her papers
    // before those of an Ada and a Lovelace. Chinese text has no spaces to count words by:
    // there every card Pagefind marks is a result.
    function wanted(query) {
      if (/[\u3000-\u9fff\uac00-\ud7af]/.test(query)) return null;
      const terms = parts(query);
      return terms.length > 1 ? terms : null;
    }

    function parts(text) {
      return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    }

    function stems(data, sub) {
      const words = (data.__axdWords = data.__axdWords || (data.content || "").split(/\s+/));
      return (sub.locations || []).map(function (l) { return [l, parts(words[l] || "")]; });
    }

    function matches(word, term) {
      const stem = term.slice(0, Math.max(3, term.length - 3));
      return word.startsWith(stem) || (word.length > 2 && term.startsWith(word));
    }

    // 4: found as a phrase by Pagefind; 3: the words one after the other in the query's order
    // (a name, a title; by stems); 2: in order,
    // close together; 1: all of them somewhere in the card; 0: not all (not shown).
    function fit(data, sub, terms) {
      const found = stems(data, sub);
      const at = terms.map(function (term) {
        return found.filter(function (f) {
          return f[1].some(function (w) { return matches(w, term); });
        }).map(function (f) { return f[0]; });
      });
      if (at.some(function (places) { return !places.length; })) return 0;
      const chain = function (gap) {
        return at[0].some(function (start) {
          let last = start;
          return at.slice(1).every(function (places) {
            const next = places.find(function (l) { return l > last && l <= last + gap; });
            if (next === undefined) return false;
            last = next;
            return true;
          });
        });
      };
      return chain(1) ? 3 : chain(3) ? 2 : 1;
    }

    function showMore(current, terms, rounds, hits) {
      const step = pending.splice(0, STEP);
      more.hidden = true;
      hits = hits || [];
      return Promise.all(step.map(function (r) { return r.result.data(); })).then(function (pages) {
        if (current !== run) return;
        pages.forEach(function (data, number) {
          (data.sub_results || []).forEach(function (sub) {
            const key = sub.anchor && sub.anchor.id && data.meta.url + "#" + sub.anchor.id;
            if (!key || seen.has(key)) return;
            const rank = step[number].phrase ? 4 : terms ? fit(data, sub, terms) : 3;
            if (!rank) return;
            seen.add(key);
            hits.push([rank, score(sub), data, sub]);
          });
        });
        const good = hits.filter(function (h) { return h[0] >= 3; }).length;
        if (good < ENOUGH && pending.length && rounds > 1) {
          return showMore(current, terms, rounds - 1, hits); // few close matches: read on
        }
        hits.sort(function (a, b) { return b[0] - a[0] || b[1] - a[1]; });
        hits.forEach(function (hit) { list.append(paper(hit[2], hit[3])); });
        shown += hits.length;
        say(shown ? (shown === 1 ? texts.search_shown_1 : format(texts.search_shown, { n: shown }))
          : pending.length ? "" : texts.search_none);
        more.hidden = pending.length === 0;
      });
    }

    function search() {
      clearTimeout(timer);
      writeUrl();
      const current = ++run;
      const query = field.q.value.trim();
      list.replaceChildren();
      more.hidden = true;
      shown = 0;
      if (!query) {
        say(texts.search_hint);
        return Promise.resolve();
      }
      say(texts.search_loading);
      terms = wanted(query);
      // Several words: the documents holding them as a phrase come first (a title, a name).
      const phrase = terms && !query.includes('"') ? '"' + query + '"' : null;
      return load().then(function (module) {
        return filters(module).then(function (chosen) {
          return Promise.all([phrase && module.search(phrase, { filters: chosen }),
            module.search(query, { filters: chosen })]);
        });
      }).then(function (found) {
        if (current !== run) return;
        const first = found[0] ? found[0].results : [];
        pending = first.map(function (r) { return { result: r, phrase: true }; }).concat(
          found[1].results.map(function (r) { return { result: r, phrase: false }; }));
        seen = new Set();
        return showMore(current, terms, ROUNDS);
      }).catch(function (error) {
        if (current !== run) return;
        say(texts.search_failed);
        console.warn("arxiv-digest search:", error);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      search();
    });
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, DELAY);
    });
    form.addEventListener("change", function (event) {
      if (event.target !== field.q) search();
    });
    more.addEventListener("click", function () { showMore(run, terms, ROUNDS); });
    // Start loading Pagefind when the box gets focus; a failure shows when a search runs.
    field.q.addEventListener("focus", function () { load().catch(function () {}); },
      { once: true });
    readUrl();
    closeThemeSearch();
    if (field.q.value.trim()) search();
    return { search: search };
  }

  // -- lifecycle ---------------------------------------------------------------------------

  function init() {
    wireThemes();
    const root = document.querySelector("[data-axd-search-page]");
    if (root && !root.__axdSearch) root.__axdSearch = setupPage(root);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material: first load and every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
