// Search as you type over window.MESHGOV_SEARCH (written by meshgov site as search-index.js).
// Everything from the index is put on the page with textContent and attribute setters, never as HTML.
(function () {
  "use strict";
  var index = (window.MESHGOV_SEARCH && window.MESHGOV_SEARCH.entries) || [];
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var count = document.getElementById("result-count");
  var facetsBox = document.getElementById("facets");
  if (!input || !list || !count || !facetsBox) { return; }

  var fields = [
    { key: "n", label: "name", weight: 8 },
    { key: "id", label: "id", weight: 6 },
    { key: "t", label: "tag", weight: 5 },
    { key: "p", label: "property", weight: 3 },
    { key: "o", label: "owner", weight: 3 },
    { key: "dm", label: "domain", weight: 3 },
    { key: "d", label: "description", weight: 1 }
  ];
  var facetDefs = [
    { key: "k", label: "Kind" }, { key: "dm", label: "Domain" }, { key: "dt", label: "Domain type" },
    { key: "s", label: "Status" }, { key: "o", label: "Owner team" }, { key: "t", label: "Tag" }, { key: "c", label: "Classification" }
  ];
  var selected = {};
  var maxShown = 100;

  // Lower-cased text of each searchable field, prepared once.
  index.forEach(function (entry) {
    entry._f = {};
    fields.forEach(function (f) {
      var value = entry[f.key];
      if (value == null) { return; }
      entry._f[f.key] = (Array.isArray(value) ? value : [value]).map(function (v) { return String(v).toLowerCase(); });
    });
  });

  function values(entry, key) {
    var value = entry[key];
    if (value == null || value === "") { return []; }
    return Array.isArray(value) ? value : [value];
  }

  function match(entry, tokens) {
    var score = 0, why = {};
    for (var i = 0; i < tokens.length; i++) {
      var token = tokens[i], hit = false;
      for (var j = 0; j < fields.length; j++) {
        var f = fields[j], texts = entry._f[f.key];
        if (!texts) { continue; }
        for (var k = 0; k < texts.length; k++) {
          var at = texts[k].indexOf(token);
          if (at >= 0) {
            hit = true;
            score += f.weight * (at === 0 ? 2 : 1) * (texts[k] === token ? 2 : 1);
            var shown = f.key === "p" || f.key === "t" ? f.label + " " + values(entry, f.key)[k] : f.label;
            why[shown] = true;
            break;
          }
        }
      }
      if (!hit) { return null; }
    }
    return { entry: entry, score: score, why: Object.keys(why) };
  }

  function passesFacets(entry, except) {
    for (var key in selected) {
      if (key === except) { continue; }
      var wanted = selected[key];
      if (!wanted || wanted.size === 0) { continue; }
      var has = values(entry, key).some(function (v) { return wanted.has(String(v)); });
      if (!has) { return false; }
    }
    return true;
  }

  function renderFacets(matches) {
    facetsBox.textContent = "";
    facetDefs.forEach(function (def) {
      var counts = new Map();
      matches.forEach(function (m) {
        if (!passesFacets(m.entry, def.key)) { return; }
        values(m.entry, def.key).forEach(function (v) { counts.set(String(v), (counts.get(String(v)) || 0) + 1); });
      });
      if (counts.size === 0) { return; }
      var group = document.createElement("fieldset");
      group.className = "facet";
      var legend = document.createElement("legend");
      legend.textContent = def.label;
      group.appendChild(legend);
      Array.from(counts.entries()).sort(function (a, b) { return b[1] - a[1] || a[0].localeCompare(b[0]); }).slice(0, 12).forEach(function (pair) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.value = pair[0];
        box.setAttribute("data-facet", def.key);
        box.checked = !!(selected[def.key] && selected[def.key].has(pair[0]));
        box.addEventListener("change", function () {
          selected[def.key] = selected[def.key] || new Set();
          if (box.checked) { selected[def.key].add(pair[0]); } else { selected[def.key].delete(pair[0]); }
          run();
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + pair[0] + " "));
        var n = document.createElement("span");
        n.className = "count";
        n.textContent = "(" + pair[1] + ")";
        label.appendChild(n);
        group.appendChild(label);
      });
      facetsBox.appendChild(group);
    });
  }

  function renderResults(results, query) {
    list.textContent = "";
    results.slice(0, maxShown).forEach(function (m) {
      var e = m.entry;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.setAttribute("href", e.u);
      link.textContent = e.n;
      item.appendChild(link);
      var kind = document.createElement("span");
      kind.className = "badge kind-" + (e.k === "contract" ? "contract" : "product");
      kind.textContent = e.k;
      item.appendChild(document.createTextNode(" "));
      item.appendChild(kind);
      var meta = document.createElement("div");
      meta.className = "muted";
      meta.textContent = [e.id, e.dm, e.o, e.s].filter(Boolean).join(" · ");
      item.appendChild(meta);
      if (e.d) {
        var description = document.createElement("p");
        description.textContent = e.d;
        item.appendChild(description);
      }
      if (query && m.why.length) {
        var why = document.createElement("div");
        why.className = "why";
        why.textContent = "Matched in " + m.why.join(", ");
        item.appendChild(why);
      }
      list.appendChild(item);
    });
    var shown = Math.min(results.length, maxShown);
    count.textContent = results.length === 0 ? "No results." :
      results.length + (results.length === 1 ? " result" : " results") + (shown < results.length ? ", showing the first " + shown : "");
  }

  function run() {
    var query = input.value.trim().toLowerCase();
    var tokens = query.split(/\s+/).filter(Boolean);
    var matches = [];
    for (var i = 0; i < index.length; i++) {
      var m = tokens.length ? match(index[i], tokens) : { entry: index[i], score: 0, why: [] };
      if (m) { matches.push(m); }
    }
    renderFacets(matches);
    var results = matches.filter(function (m) { return passesFacets(m.entry, null); });
    results.sort(function (a, b) { return b.score - a.score || a.entry.n.localeCompare(b.entry.n); });
    renderResults(results, query);
  }

  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
  run();
})();
