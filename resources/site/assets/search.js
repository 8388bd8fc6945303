/* Search in the exported film archive: reads only the index shards of the words typed,
   and narrows by facets (festival, section, decade, country, language, kind, director,
   award) whose counts follow the words. */
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("q");
  var facetBox = document.getElementById("search-facets");
  if (!results || !input || !window.fetch) return;
  var root = results.getAttribute("data-root") || "./";
  var base = root + "search/";
  var cache = {};
  var LIMIT = 200;
  var DIRECTORS = 40;
  var facets = [];           // [{name, label, values: [[key, label, count]]}]
  var facetOf = {};          // key -> facet name
  var labelOf = {};          // key -> label
  var countOf = {};          // key -> films in the whole archive
  var selected = {};         // facet name -> key

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }
  function hex(text) {
    var bytes = new TextEncoder().encode(text);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }
  function shardKey(word) {
    return hex(Array.from(word).slice(0, 3).join(""));
  }
  function load(path) {
    if (!(path in cache)) {
      cache[path] = fetch(base + path).then(function (r) {
        return r.ok ? r.json() : {};
      }).catch(function () { return {}; });
    }
    return cache[path];
  }
  function idsFor(word) {
    var initial = hex(Array.from(word)[0]);
    var key = shardKey(word);
    return load("meta.json").then(function (meta) {
      // only ask for shards that exist: a missing one would log a 404
      if ((meta.initials || []).indexOf(initial) < 0) return [];
      return load("keys/" + initial + ".json");
    }).then(function (keys) {
      return keys.indexOf(key) < 0 ? {} : load("terms/" + key + ".json");
    }).then(function (terms) {
      var found = new Set();
      var exact = Array.from(word).length < 3;
      Object.keys(terms).forEach(function (term) {
        if (exact ? term === word : term.indexOf(word) === 0) {
          terms[term].forEach(function (id) { found.add(id); });
        }
      });
      return found;
    });
  }
  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }
  function facetName(key) {
    return facetOf[key] || (key.charAt(0) === "p" ? "director" : "");
  }
  function chosen() {
    return Object.keys(selected).map(function (name) { return selected[name]; });
  }
  function describe(query) {
    var parts = [];
    if (query) parts.push("\u201c" + query + "\u201d");
    chosen().forEach(function (key) { parts.push(labelOf[key] || key); });
    return parts.join(", ");
  }
  function show(films, total, query) {
    results.textContent = "";
    films.forEach(function (f) {
      var li = document.createElement("li");
      var title = element("span", "film-title");
      var a = element("a", "", f.title);
      a.href = root + f.url;
      title.appendChild(a);
      if (f.original) title.appendChild(element("span", "film-meta", " (" + f.original + ")"));
      li.appendChild(title);
      if (f.meta) li.appendChild(element("span", "film-meta", f.meta));
      if (f.directors) li.appendChild(element("span", "film-by", f.directors));
      results.appendChild(li);
    });
    var shown = films.length < total ? " The first " + films.length + " are shown." : "";
    var what = describe(query);
    status.textContent = total === 0
      ? "No film matches " + what + "."
      : (total === 1 ? "One film matches " : total.toLocaleString("en") + " films match ") +
        what + "." + shown;
  }
  // counts[key]: films with that value among those the words (and the other facets) found;
  // null: nothing asked yet, so the whole archive's counts
  function drawFacets(counts) {
    if (!facetBox) return;
    facetBox.querySelectorAll("select").forEach(function (select) {
      var name = select.name;
      var facet = facets.filter(function (f) { return f.name === name; })[0];
      var values = facet.values.slice();
      if (name === "director") {
        values = Object.keys(counts || {}).filter(function (k) { return facetName(k) === "director"; })
          .map(function (k) { return [k, labelOf[k], counts[k]]; })
          .sort(function (a, b) { return b[2] - a[2] || a[1].localeCompare(b[1]); })
          .slice(0, DIRECTORS);
        if (selected.director && !values.some(function (v) { return v[0] === selected.director; })) {
          values.unshift([selected.director, labelOf[selected.director], (counts || {})[selected.director] || 0]);
        }
      }
      select.textContent = "";
      var any = element("option", "", "Any " + facet.label.toLowerCase());
      any.value = "";
      select.appendChild(any);
      values.forEach(function (v) {
        var n = counts ? (counts[v[0]] || 0) : v[2];
        if (counts && !n && selected[name] !== v[0]) return;
        var option = element("option", "", v[1] + " (" + n.toLocaleString("en") + ")");
        option.value = v[0];
        option.selected = selected[name] === v[0];
        select.appendChild(option);
      });
      select.disabled = select.options.length < 2;
      select.parentNode.hidden = name === "director" && select.options.length < 2;
    });
  }
  function entries(ids) {
    return load("meta.json").then(function (meta) {
      var per = meta.filmsPerShard || 500;
      var shards = Array.from(new Set(ids.map(function (id) { return Math.floor(id / per); })));
      return Promise.all(shards.map(function (n) { return load("films/" + n + ".json"); }));
    }).then(function (parts) {
      var docs = {};
      parts.forEach(function (p) { Object.assign(docs, p); });
      return ids.map(function (id) {
        var d = docs[String(id)];
        if (!d) return null;
        (d[6] || []).forEach(function (pair) { labelOf[pair[0]] = labelOf[pair[0]] || pair[1]; });
        return {id: id, title: d[0], original: d[1], meta: d[2], directors: d[3], url: d[4],
                keys: d[5] || []};
      }).filter(Boolean);
    });
  }
  var serial = 0;
  function search(query) {
    var mine = ++serial;
    var ws = Array.from(new Set(words(query)));
    var long = ws.filter(function (w) { return Array.from(w).length > 1; });
    if (long.length) ws = long;
    var keys = chosen();
    if (!ws.length && !keys.length) {
      results.textContent = "";
      status.textContent = query.trim() ? "Type a word of a title, a name, a country or a year." : "";
      drawFacets(null);
      return;
    }
    status.textContent = "Searching\u2026";
    var found;
    if (ws.length) {
      found = Promise.all(ws.map(idsFor)).then(function (sets) {
        sets.sort(function (a, b) { return a.size - b.size; });
        return Array.from(sets[0]).filter(function (id) {
          return sets.every(function (s) { return s.has(id); });
        });
      });
    } else {
      // no words: the films of the chosen value with fewest films; the others are checked below
      var fewest = keys.filter(function (k) { return k in countOf; })
        .sort(function (a, b) { return countOf[a] - countOf[b]; })[0];
      found = fewest ? load("facet/" + fewest + ".json") : Promise.resolve([]);
    }
    found.then(function (ids) {
      if (mine !== serial) return null;
      return entries(ids);
    }).then(function (films) {
      if (!films || mine !== serial) return;
      var counts = {};
      var matched = films.filter(function (f) {
        var missing = keys.filter(function (k) { return f.keys.indexOf(k) < 0; });
        // a film counts for a facet's values when it has every other chosen value
        var names = missing.map(facetName);
        f.keys.forEach(function (k) {
          var name = facetName(k);
          if (!missing.length || (missing.length === 1 && names[0] === name)) {
            counts[k] = (counts[k] || 0) + 1;
          }
        });
        return !missing.length;
      });
      var first = ws[0];
      matched.sort(function (a, b) {
        if (first) {
          var at = words(a.title + " " + a.original).some(function (w) { return w.indexOf(first) === 0; });
          var bt = words(b.title + " " + b.original).some(function (w) { return w.indexOf(first) === 0; });
          if (at !== bt) return at ? -1 : 1;
        }
        return fold(a.title).localeCompare(fold(b.title));
      });
      drawFacets(counts);
      show(matched.slice(0, LIMIT), matched.length, query.trim());
    });
  }
  function remember() {
    var url = new URL(window.location.href);
    if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
    var keys = chosen();
    if (keys.length) url.searchParams.set("f", keys.join(" ")); else url.searchParams.delete("f");
    window.history.replaceState(null, "", url);
  }
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  var ready = load("facets.json").then(function (data) {
    facets = data.facets || [];
    facets.forEach(function (facet) {
      facet.values.forEach(function (v) {
        facetOf[v[0]] = facet.name; labelOf[v[0]] = v[1]; countOf[v[0]] = v[2];
      });
    });
    if (!facetBox) return;
    facets.forEach(function (facet) {
      if (!facet.values.length && facet.name !== "director") return;
      var label = element("label", "facet");
      label.appendChild(element("span", "facet-name", facet.label));
      var select = document.createElement("select");
      select.name = facet.name;
      select.addEventListener("change", function () {
        if (select.value) selected[facet.name] = select.value; else delete selected[facet.name];
        remember();
        search(input.value);
      });
      label.appendChild(select);
      facetBox.appendChild(label);
    });
    (params.get("f") || "").split(" ").filter(Boolean).forEach(function (key) {
      var name = facetName(key);
      if (name) selected[name] = key;
    });
    facetBox.hidden = false;
  });
  ready.then(function () { search(input.value); });
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      remember();
      search(input.value);
    }, 200);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    remember();
    search(input.value);
  });
})();
