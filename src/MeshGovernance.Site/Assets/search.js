// Search as you type over window.MESHGOV_SEARCH (written by meshgov site as search-index.js; SearchIndex.cs
// documents its keys). The query and the ticked filters live in the address (#q=...&dm=...), so a search can be
// shared, and Back and Forward restore it. Everything from the index is put on the page with textContent and
// attribute setters, never as HTML.
(function () {
  "use strict";
  var data = window.MESHGOV_SEARCH || {};
  // An index written by another version of meshgov than this script (a half-updated site) is not read.
  if (data.v !== 2) { data = {}; }
  var entries = data.entries || [];
  var domains = data.domains || [];
  var teams = data.teams || [];
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var count = document.getElementById("result-count");
  var filters = document.getElementById("filters");
  var facetsBox = document.getElementById("facets");
  var clearButton = document.getElementById("clear-filters");
  var moreButton = document.getElementById("more-results");
  var selectedCount = document.getElementById("selected-count");
  if (!input || !list || !count || !filters || !facetsBox || !clearButton || !moreButton || !selectedCount) { return; }

  var pageSize = 100;
  var collapsedValues = 8;
  var statusRank = { active: 0, draft: 1, proposed: 1, deprecated: 2, retired: 3 };
  var facetDefs = [
    { key: "k", label: "Kind" }, { key: "s", label: "Status" }, { key: "dm", label: "Domain" },
    { key: "dt", label: "Domain type" }, { key: "o", label: "Owner team" }, { key: "t", label: "Tag" },
    { key: "c", label: "Classification" }, { key: "pl", label: "Platform" }
  ];

  function lower(values) {
    return (values || []).filter(function (v) { return v != null && v !== ""; }).map(function (v) { return String(v).toLowerCase(); });
  }

  function field(label, weight, values, listed) {
    var shown = (values || []).filter(function (v) { return v != null && v !== ""; }).map(String);
    return { label: label, weight: weight, values: shown, lower: lower(shown), listed: listed };
  }

  var teamFields = teams.map(function (t) { return { owner: field("owner", 3, [t[0], t[1]]), members: field("member", 2, t[2] || [], true) }; });
  var domainFields = domains.map(function (d) { return field("domain", 3, [d[0], d[1]]); });

  // Everything searched and filtered, prepared once per entry. Fields go from the heaviest to the lightest, so
  // that scoring can stop once no later field could beat the best found.
  entries.forEach(function (e) {
    e.kind = e.k === "c" ? "contract" : "product";
    e.name = e.n || e.id;
    e.url = (e.k === "c" ? "contracts/" : "products/") + (e.sl || e.id) + "/index.html";
    e.rank = e.s && statusRank.hasOwnProperty(e.s.toLowerCase()) ? statusRank[e.s.toLowerCase()] : 1;
    e.nameLower = e.name.toLowerCase();
    e.idLower = e.id.toLowerCase();
    var team = e.o != null ? teamFields[e.o] : null;
    e.fields = [
      field("name", 8, [e.name]), field("id", 6, [e.id]), field("tag", 5, e.t, true),
      field("column", 3, e.p, true), team ? team.owner : null, domainFields[e.dm] || null,
      field("platform", 3, e.pl, true), field("role", 2, e.r, true), field("classification", 2, e.c, true),
      field("member", 2, e.m, true), team ? team.members : null,
      field("purpose", 1, [e.d]), field("usage", 1, [e.us]), field("limitations", 1, [e.li])
    ].filter(function (f) { return f && f.lower.length > 0; });
    var domain = domains[e.dm];
    e.facets = {
      k: [e.kind], s: e.s ? [e.s] : [], dm: domain ? [domain[0]] : [], dt: domain && domain[2] ? [domain[2]] : [],
      o: e.o != null ? [teams[e.o][0]] : [], t: e.t || [], c: e.c || [], pl: e.pl || []
    };
  });
  // A product is found by the columns of the contracts it serves. All of an entry's text in one string rules most
  // entries out with a single search.
  entries.forEach(function (e) {
    e.served = (e.sv || []).map(function (i) { return entries[i]; }).filter(Boolean).map(function (contract) {
      return { id: contract.id, fields: contract.fields.filter(function (f) { return f.label === "column"; }) };
    });
    e.text = e.fields.concat.apply(e.fields, e.served.map(function (c) { return c.fields; }))
      .map(function (f) { return f.lower.join("\n"); }).join("\n");
  });

  // Ties are broken by name: the order is worked out once, as comparing by locale costs too much per keystroke.
  var byName = entries.slice().sort(function (a, b) { return a.name.localeCompare(b.name); });
  byName.forEach(function (e, i) { e.order = i; });

  // All the text of the index, to tell whether a word occurs at all, and its words, for typo tolerance: made on the
  // first search that needs them.
  var allText = null, wordText = null, vocabulary = null, wordCharacters = /^[\p{L}\p{N}]+$/u;
  function prepareTypos() {
    allText = entries.map(function (e) { return e.text; }).join("\n");
    var words = new Set();
    allText.split(/[^\p{L}\p{N}]+/u).forEach(function (w) { if (w.length >= 3) { words.add(w); } });
    // A token of letters and digits occurs in the text exactly when it occurs in one of its words: searching the
    // distinct words is fifty times less text.
    wordText = Array.from(words).join("\n");
    // By first letter: a typo is looked for only among the words that start as the token does.
    vocabulary = new Map();
    words.forEach(function (w) {
      var bucket = vocabulary.get(w[0]);
      if (bucket) { bucket.push(w); } else { vocabulary.set(w[0], [w]); }
    });
  }

  // The optimal-string-alignment distance from the token to the closest prefix of the word (a typo or a word not
  // finished yet), or max + 1 when it is more than max.
  function prefixDistance(token, word, max) {
    var n = token.length, m = Math.min(word.length, n + max);
    if (m < n - max) { return max + 1; }
    var before = null, previous = [], current;
    for (var j = 0; j <= m; j++) { previous.push(j); }
    for (var i = 1; i <= n; i++) {
      current = [i];
      var rowMin = i;
      for (j = 1; j <= m; j++) {
        var cost = token[i - 1] === word[j - 1] ? 0 : 1;
        var d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && token[i - 1] === word[j - 2] && token[i - 2] === word[j - 1]) { d = Math.min(d, before[j - 2] + 1); }
        current.push(d);
        if (d < rowMin) { rowMin = d; }
      }
      if (rowMin > max) { return max + 1; }
      before = previous;
      previous = current;
    }
    var best = max + 1;
    for (j = Math.max(0, n - max); j <= m; j++) { best = Math.min(best, previous[j]); }
    return best;
  }

  // The words a token stands for: itself when it occurs in the index; otherwise the closest words within one typo
  // (two from eight letters on) that start with the same letter.
  var maxAlternatives = 8;
  function alternatives(token) {
    if (token.length < 4) { return { words: [token], fuzzy: false }; }
    if (allText === null) { prepareTypos(); }
    if ((wordCharacters.test(token) ? wordText : allText).indexOf(token) >= 0) { return { words: [token], fuzzy: false }; }
    var max = token.length >= 8 ? 2 : 1, close = [], bucket = vocabulary.get(token[0]) || [];
    for (var i = 0; i < bucket.length; i++) {
      var distance = prefixDistance(token, bucket[i], max);
      if (distance <= max) { close.push({ word: bucket[i], distance: distance }); }
    }
    close.sort(function (a, b) { return a.distance - b.distance || a.word.length - b.word.length || (a.word < b.word ? -1 : 1); });
    // Matching is by substring, so a word that starts with a closer or shorter one finds nothing more ("product"
    // already finds all that "products" would): only the shortest of each stem is searched.
    var words = [];
    for (i = 0; i < close.length && words.length < maxAlternatives; i++) {
      var word = close[i].word;
      if (!words.some(function (kept) { return word.indexOf(kept) === 0; })) { words.push(word); }
    }
    return { words: words, fuzzy: true };
  }

  // The best score of a token in the fields (weight, doubled at the start of a value, quadrupled for the whole
  // value). With why, every field it is found in is recorded too: only for the results shown, as building those
  // words for 20,000 results would cost more than the search.
  function scoreIn(fields, token, scale, why, suffix) {
    var best = 0;
    for (var j = 0; j < fields.length; j++) {
      var f = fields[j];
      if (!why && f.weight * 4 * scale <= best) { break; }
      // The best value of a listed field: a tag equal to the word beats an earlier tag that only contains it.
      var fieldBest = 0, shown = -1;
      for (var k = 0; k < f.lower.length && fieldBest < 4; k++) {
        var text = f.lower[k], at = text.indexOf(token);
        var factor = at < 0 ? 0 : text === token ? 4 : at === 0 ? 2 : 1;
        if (factor > fieldBest) { fieldBest = factor; shown = k; }
      }
      if (shown < 0) { continue; }
      best = Math.max(best, f.weight * scale * fieldBest);
      if (why) { why[f.label + (f.listed ? " " + f.values[shown] : "") + suffix] = true; }
    }
    return best;
  }

  // The entry's score for the query (every term must be found), or 0; exact ids and names first, and active
  // entries before drafts, deprecated and retired ones.
  function score(entry, query, terms, why) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var best = 0;
      for (var w = 0; w < terms[i].words.length; w++) {
        var word = terms[i].words[w];
        if (entry.text.indexOf(word) < 0) { continue; }
        var found = scoreIn(entry.fields, word, 1, why, "");
        for (var s = 0; s < entry.served.length && (why || found < 6); s++) {
          found = Math.max(found, scoreIn(entry.served[s].fields, word, 0.5, why, " (contract " + entry.served[s].id + ")"));
        }
        best = Math.max(best, terms[i].fuzzy ? found / 2 : found);
      }
      if (best === 0) { return 0; }
      total += best;
    }
    if (entry.idLower === query || entry.nameLower === query) { total += 100; }
    return total / (1 + entry.rank);
  }

  // Filters: built once from the whole index, in a fixed order (most common first); a search only updates their
  // counts and which of them show, so keyboard focus and ticked boxes stay where they are. Values are counted by
  // position, each entry holding the positions of its values.
  var labels = { dm: new Map(domains.map(function (d) { return [d[0], d[1]]; })), o: new Map(teams.map(function (t) { return [t[0], t[1]]; })) };
  function labelOf(key, value) { return (labels[key] && labels[key].get(value)) || value; }
  var groups = facetDefs.map(function (def, d) {
    var totals = new Map();
    entries.forEach(function (e) { e.facets[def.key].forEach(function (v) { totals.set(v, (totals.get(v) || 0) + 1); }); });
    var values = Array.from(totals.keys()).sort(function (a, b) { return totals.get(b) - totals.get(a) || labelOf(def.key, a).localeCompare(labelOf(def.key, b)); });
    var positions = new Map(values.map(function (v, i) { return [v, i]; }));
    entries.forEach(function (e) {
      e.facetPositions = e.facetPositions || [];
      e.facetPositions[d] = e.facets[def.key].map(function (v) { return positions.get(v); });
    });
    var group = { def: def, index: d, expanded: false, options: [] };
    if (values.length === 0) { return group; }
    group.box = document.createElement("fieldset");
    group.box.className = "facet";
    var legend = document.createElement("legend");
    legend.textContent = def.label;
    group.box.appendChild(legend);
    values.forEach(function (value) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = value;
      box.setAttribute("data-facet", def.key);
      box.addEventListener("change", function () { run("ticked"); });
      var number = document.createElement("span");
      number.className = "count";
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + labelOf(def.key, value) + " "));
      label.appendChild(number);
      group.box.appendChild(label);
      group.options.push({ value: value, label: label, box: box, number: number });
    });
    group.toggle = document.createElement("button");
    group.toggle.type = "button";
    group.toggle.className = "link-button";
    group.toggle.setAttribute("aria-expanded", "false");
    group.toggle.addEventListener("click", function () {
      group.expanded = !group.expanded;
      group.toggle.setAttribute("aria-expanded", String(group.expanded));
      updateFacet(group, lastCounts[d]);
    });
    group.box.appendChild(group.toggle);
    facetsBox.appendChild(group.box);
    return group;
  });

  // Only what changed is written: a facet of 500 domains is otherwise thousands of writes, and a new layout, per key.
  function updateFacet(group, counts) {
    if (!group.box) { return; }
    var shown = 0, withResults = 0;
    group.options.forEach(function (option, i) {
      var n = counts ? counts[i] : 0;
      if (n > 0) { withResults++; }
      var visible = option.box.checked || (n > 0 && (group.expanded || withResults <= collapsedValues));
      if (option.label.hidden === visible) { option.label.hidden = !visible; }
      if (visible && option.shown !== n) {
        option.number.textContent = "(" + n + ")";
        option.shown = n;
      }
      if (visible) { shown++; }
    });
    group.box.hidden = shown === 0;
    group.toggle.hidden = withResults <= collapsedValues;
    var toggleText = group.expanded ? "Show fewer" : "Show all " + withResults;
    if (group.toggle.textContent !== toggleText) { group.toggle.textContent = toggleText; }
  }

  var lastCounts = [];
  var results = [];
  var current = { query: "", terms: [] };
  var shownCount = 0;

  // Counts each facet's values over the matches that pass every other facet (so a ticked value's siblings keep
  // their counts), and returns the matches that pass them all.
  function filter(matches) {
    var ticked = groups.filter(function (g) { return g.options.some(function (o) { return o.box.checked; }); }).map(function (g) {
      return { index: g.index, wanted: Uint8Array.from(g.options, function (o) { return o.box.checked ? 1 : 0; }) };
    });
    var counts = groups.map(function (g) { return new Int32Array(g.options.length); });
    var passing = [];
    for (var m = 0; m < matches.length; m++) {
      var positions = matches[m].entry.facetPositions, failed = 0, which = -1;
      for (var t = 0; t < ticked.length; t++) {
        var own = positions[ticked[t].index], hit = false;
        for (var p = 0; p < own.length && !hit; p++) { hit = ticked[t].wanted[own[p]] === 1; }
        if (!hit) { failed++; which = ticked[t].index; }
      }
      if (failed === 0) { passing.push(matches[m]); }
      if (failed > 1) { continue; }
      for (var d = 0; d < positions.length; d++) {
        if (failed === 1 && which !== d) { continue; }
        for (p = 0; p < positions[d].length; p++) { counts[d][positions[d][p]]++; }
      }
    }
    lastCounts = counts;
    groups.forEach(function (group) { updateFacet(group, counts[group.index]); });
    var tickedCount = groups.reduce(function (n, g) { return n + g.options.filter(function (o) { return o.box.checked; }).length; }, 0);
    clearButton.hidden = tickedCount === 0;
    selectedCount.textContent = tickedCount === 0 ? "" : " (" + tickedCount + " selected)";
    return passing;
  }

  function resultItem(e, query, terms) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.setAttribute("href", e.url);
    link.textContent = e.name;
    item.appendChild(link);
    var kind = document.createElement("span");
    kind.className = "badge kind-" + e.kind;
    kind.textContent = e.kind;
    item.appendChild(document.createTextNode(" "));
    item.appendChild(kind);
    if (e.s && e.s.toLowerCase() !== "active") {
      var status = document.createElement("span");
      status.className = "badge status-" + e.s.toLowerCase();
      status.textContent = e.s;
      item.appendChild(document.createTextNode(" "));
      item.appendChild(status);
    }
    var meta = document.createElement("div");
    meta.className = "muted";
    meta.textContent = [e.id, domains[e.dm] && domains[e.dm][1], e.o != null && teams[e.o][1]].filter(Boolean).join(" · ");
    item.appendChild(meta);
    if (e.d) {
      var description = document.createElement("p");
      description.textContent = e.d;
      item.appendChild(description);
    }
    var why = {};
    if (terms.length && score(e, query, terms, why) > 0) {
      var reason = document.createElement("div");
      reason.className = "why";
      reason.textContent = "Matched in " + Object.keys(why).join(", ");
      item.appendChild(reason);
    }
    return item;
  }

  function showMore() {
    var query = current.query, terms = current.terms;
    var end = Math.min(results.length, shownCount + pageSize);
    var first = null;
    for (var i = shownCount; i < end; i++) {
      var item = resultItem(results[i], query, terms);
      first = first || item;
      list.appendChild(item);
    }
    shownCount = end;
    var left = results.length - shownCount;
    moreButton.hidden = left <= 0;
    moreButton.textContent = "Show " + Math.min(left, pageSize) + " more (" + left + " not shown)";
    count.textContent = results.length === 0
      ? "No results" + (query ? " for “" + input.value.trim() + "”" : "") + (clearButton.hidden ? "." : " with these filters.")
      : results.length + (results.length === 1 ? " result" : " results") + (shownCount < results.length ? ", showing the first " + shownCount : "") + ".";
    return first;
  }

  function hashOf() {
    var params = new URLSearchParams();
    if (input.value.trim()) { params.set("q", input.value.trim()); }
    groups.forEach(function (group) {
      group.options.forEach(function (o) { if (o.box.checked) { params.append(group.def.key, o.value); } });
    });
    var text = params.toString();
    return text ? "#" + text : "";
  }

  // remember: "typed" or "ticked" to record the state in the address and history; absent when restoring it.
  function run(remember) {
    var query = input.value.trim().toLowerCase();
    var terms = query.split(/\s+/).filter(Boolean).map(alternatives);
    var matches = [];
    for (var i = 0; i < entries.length; i++) {
      var points = terms.length ? score(entries[i], query, terms, null) : 1;
      if (points > 0) { matches.push({ entry: entries[i], score: points }); }
    }
    // Sorted as numbers (score, then status, then name), which is several times faster than a comparison function.
    var passing = filter(matches), size = entries.length;
    var keys = new Float64Array(passing.length);
    for (i = 0; i < passing.length; i++) {
      // Scores are capped so that the key stays positive (a query of hundreds of words could pass the cap).
      var points = Math.min(Math.round(passing[i].score * 1000), 1e7);
      keys[i] = (1e7 - points) * 4 * size + passing[i].entry.rank * size + passing[i].entry.order;
    }
    keys.sort();
    results = Array.from(keys, function (key) { return byName[key % size]; });
    list.textContent = "";
    shownCount = 0;
    current = { query: query, terms: terms };
    showMore();
    if (remember === "typed") {
      // Writing the address costs a browser more than the search itself (12 ms of a 50 ms keystroke at 20,000
      // entries), so while typing it is written once the typing pauses, or at once when a filter is ticked or a
      // link followed.
      cancelTypedAddress();
      typedHash = hashOf();
      typedTimer = setTimeout(writeTypedAddress, typingPause);
    } else if (remember === "ticked") {
      writeTypedAddress();
      writeAddress(hashOf(), false);
    }
  }

  var typedTimer = null, typedHash = null, typingPause = 300;
  function writeTypedAddress() {
    var hash = typedHash;
    cancelTypedAddress();
    if (hash !== null) { writeAddress(hash, true); }
  }

  function cancelTypedAddress() {
    clearTimeout(typedTimer);
    typedHash = null;
  }

  // Typing adds one entry per search and then replaces it as the query grows; a ticked filter always adds one.
  function writeAddress(hash, typed) {
    if (hash === location.hash) { return; }
    var address = hash || location.pathname + location.search;
    if (typed && typing) { history.replaceState(null, "", address); } else { history.pushState(null, "", address); }
    typing = typed;
  }

  // The state in the address: #q=text&k=contract&dm=orders (a key per ticked value).
  // Other fragments (the skip link's #main, an anchor in a description) are not a search: they leave it alone
  // (false).
  function restore() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    var isSearch = params.has("q") || facetDefs.some(function (def) { return params.has(def.key); });
    // Back or Forward (to a search or to an anchor such as the skip link's) wins over a query typed a moment before.
    cancelTypedAddress();
    typing = false;
    if (location.hash.length > 1 && !isSearch) { return false; }
    input.value = params.get("q") || "";
    groups.forEach(function (group) {
      var wanted = params.getAll(group.def.key);
      group.options.forEach(function (option) { option.box.checked = wanted.indexOf(option.value) >= 0; });
    });
    run();
    return true;
  }

  clearButton.addEventListener("click", function () {
    groups.forEach(function (group) { group.options.forEach(function (option) { option.box.checked = false; }); });
    run("ticked");
    input.focus();
  });
  moreButton.addEventListener("click", function () {
    var first = showMore();
    if (first) { first.querySelector("a").focus(); }
  });

  var typing = false;
  var pending = false;
  input.addEventListener("input", function () {
    if (pending) { return; }
    pending = true;
    setTimeout(function () { pending = false; run("typed"); }, 0);
  });
  window.addEventListener("popstate", restore);
  // Clicks are captured before a link is followed, so Back from a result returns to the search that found it.
  document.addEventListener("click", writeTypedAddress, true);

  filters.hidden = false;
  if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) { filters.open = true; }
  if (!restore()) { run(); }
})();
