/* Search in the exported film archive, narrowed by facets (festival, section, decade,
   country, language, kind, director, award) whose counts follow the words. It reads only
   what a query needs (see curator/publish/search_index.py): the word shards of the words
   typed, the files of the values chosen, and titles only for the page of results shown. */
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("q");
  var facetBox = document.getElementById("search-facets");
  var more = document.getElementById("search-more");
  if (!results || !input || !window.fetch) return;
  var root = results.getAttribute("data-root") || "./";
  var base = root + "search/";
  var cache = {};
  var PAGE = 20;
  var DIRECTORS = 20;
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var meta = {};
  var facets = [];           // [{name, label, values: [[key, label, count]]}]
  var codeKey = {};          // a facet value's code -> its key
  var facetOf = {};          // key -> facet name
  var labelOf = {};          // key -> label
  var countOf = {};          // key -> films in the whole archive
  var selected = {};         // facet name -> key
  var codesOf = {};          // film id -> {letters, keys} once read
  var shown = [];            // the films found, in order, and how many are on the page
  var showing = 0;

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }
  function load(path) {
    if (!(path in cache)) {
      cache[path] = fetch(base + path).then(function (r) {
        return r.ok ? r.json() : null;
      }).catch(function () { return null; });
    }
    return cache[path];
  }
  function decodeIds(text) {
    var ids = [];
    if (!text) return ids;
    if (text.charAt(0) === "~") {
      var bits = atob(text.slice(1));
      for (var n = 0; n < bits.length; n++) {
        var byte = bits.charCodeAt(n);
        for (var b = 0; b < 8; b++) if (byte >> b & 1) ids.push(n * 8 + b);
      }
      return ids;
    }
    var prev = -1, gap = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGITS.indexOf(text.charAt(i));
      if (d < 32) { gap = gap * 32 + d; } else { prev += gap * 32 + d - 32; ids.push(prev); gap = 0; }
    }
    return ids;
  }
  function readCodes(id, text) {
    if (codesOf[id]) return;
    var parts = text.split("|");
    var keys = parts[1] ? parts[1].split(".").map(function (c) { return codeKey[c]; }) : [];
    (parts[2] ? parts[2].split(".") : []).forEach(function (p) { keys.push("p" + parseInt(p, 36)); });
    codesOf[id] = {letters: parts[0], keys: keys};
  }
  // [ids, ids with the word in a title, codes?] -> {ids, titled}; the codes are kept
  function posting(entry) {
    var ids = decodeIds(entry[0]);
    if (entry[2]) ids.forEach(function (id, n) { readCodes(id, entry[2][n]); });
    return {ids: ids, titled: decodeIds(entry[1])};
  }
  // the shards that may hold words starting with `word`
  function shardsFor(word) {
    var dir = meta.words || [];
    var lo = 0, hi = dir.length - 1, at = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (dir[mid][0] <= word) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    var names = at >= 0 ? [dir[at][1]] : [];
    for (var j = at + 1; j < dir.length && dir[j][0].indexOf(word) === 0; j++) names.push(dir[j][1]);
    return names;
  }
  // the films a typed word finds (a word of three letters or more finds the words it begins)
  function idsFor(word) {
    return Promise.all(shardsFor(word).map(function (name) {
      return load("words/" + name + ".json");
    })).then(function (shards) {
      var found = new Set(), titled = new Set();
      var exact = Array.from(word).length < 3;
      shards.forEach(function (terms) {
        Object.keys(terms || {}).forEach(function (term) {
          if (exact ? term === word : term.indexOf(word) === 0) {
            var p = posting(terms[term]);
            p.ids.forEach(function (id) { found.add(id); });
            p.titled.forEach(function (id) { titled.add(id); });
          }
        });
      });
      return {ids: found, titled: titled};
    });
  }
  function idsOf(key) {
    if (facetName(key) === "director") {  // a director's films are beside the name
      var id = Number(key.slice(1));
      return byShard([id], meta.peoplePerShard, "people/").then(function (people) {
        var person = people[String(id)];
        return new Set(person ? decodeIds(person[1]) : []);
      });
    }
    return load("facet/" + key + ".json").then(function (entry) {
      return new Set(entry ? posting(entry).ids : []);
    });
  }
  // reads the codes of the films that no word or value file brought
  function codesFor(ids) {
    var per = meta.codesPerShard;
    var shards = Array.from(new Set(ids.filter(function (id) { return !codesOf[id]; })
      .map(function (id) { return Math.floor(id / per); })));
    return Promise.all(shards.map(function (n) { return load("codes/" + n + ".json"); }))
      .then(function (parts) {
        parts.forEach(function (p) {
          Object.keys(p || {}).forEach(function (id) { readCodes(Number(id), p[id]); });
        });
      });
  }
  function byShard(ids, per, folder) {
    var shards = Array.from(new Set(ids.map(function (id) { return Math.floor(id / per); })));
    return Promise.all(shards.map(function (n) { return load(folder + n + ".json"); }))
      .then(function (parts) {
        var all = {};
        parts.forEach(function (p) { Object.assign(all, p || {}); });
        return all;
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
  function say(total, query) {
    var what = describe(query);
    var page = showing < total ? " The first " + showing.toLocaleString("en") + " are shown." : "";
    status.textContent = total === 0
      ? "No film matches " + what + "."
      : (total === 1 ? "One film matches " : total.toLocaleString("en") + " films match ") +
        what + "." + page;
  }
  // the next page of results: their titles are read now, a few small files
  function showMore(mine, query) {
    var ids = shown.slice(showing, showing + PAGE);
    return byShard(ids, meta.filmsPerShard, "films/").then(function (docs) {
      if (mine !== serial) return;
      ids.forEach(function (id) {
        var d = docs[String(id)];
        if (!d) return;
        var li = document.createElement("li");
        var title = element("span", "film-title");
        var a = element("a", "", d[0]);
        a.href = root + d[4];
        title.appendChild(a);
        if (d[1]) title.appendChild(element("span", "film-meta", " (" + d[1] + ")"));
        li.appendChild(title);
        if (d[2]) li.appendChild(element("span", "film-meta", d[2]));
        if (d[3]) li.appendChild(element("span", "film-by", d[3]));
        results.appendChild(li);
      });
      showing += ids.length;
      if (more) more.hidden = showing >= shown.length;
      say(shown.length, query);
    });
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
        values = Object.keys(counts || {}).filter(function (k) { return facetName(k) === "director" && k in labelOf; })
          .map(function (k) { return [k, labelOf[k], counts[k]]; })
          .sort(function (a, b) { return b[2] - a[2] || (a[1] || "").localeCompare(b[1] || ""); })
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
        var option = element("option", "", (v[1] || v[0]) + " (" + n.toLocaleString("en") + ")");
        option.value = v[0];
        option.selected = selected[name] === v[0];
        select.appendChild(option);
      });
      select.disabled = select.options.length < 2;
      select.parentNode.hidden = name === "director" && select.options.length < 2;
    });
  }
  // the names of the directors the director facet will offer
  function directorNames(counts) {
    var keys = Object.keys(counts).filter(function (k) { return facetName(k) === "director"; })
      .sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); }).slice(0, DIRECTORS);
    if (selected.director) keys.push(selected.director);
    var ids = keys.filter(function (k) { return !(k in labelOf); })
      .map(function (k) { return Number(k.slice(1)); });
    return byShard(ids, meta.peoplePerShard, "people/").then(function (names) {
      ids.forEach(function (id) { if (names[String(id)]) labelOf["p" + id] = names[String(id)][0]; });
    });
  }
  var serial = 0;
  function search(query) {
    var mine = ++serial;
    var ws = Array.from(new Set(words(query)));
    var long = ws.filter(function (w) { return Array.from(w).length > 1; });
    if (long.length) ws = long;
    var keys = chosen();
    results.textContent = "";
    shown = []; showing = 0;
    if (more) more.hidden = true;
    if (!ws.length && !keys.length) {
      status.textContent = query.trim() ? "Type a word of a title, a name, a country or a year." : "";
      drawFacets(null);
      return;
    }
    status.textContent = "Searching\u2026";
    var titled = new Set();
    var counted;  // the films counted: those the words find, or with no words those of the
               // two values chosen with fewest films (enough to count every facet)
    if (ws.length) {
      counted = Promise.all(ws.map(idsFor)).then(function (found) {
        found[0].titled.forEach(function (id) { titled.add(id); });
        var sets = found.map(function (f) { return f.ids; }).sort(function (a, b) { return a.size - b.size; });
        return Array.from(sets[0]).filter(function (id) {
          return sets.every(function (s) { return s.has(id); });
        });
      });
    } else {
      var fewest = keys.slice().sort(function (a, b) { return (countOf[a] || 0) - (countOf[b] || 0); })
        .slice(0, 2);
      counted = Promise.all(fewest.map(idsOf)).then(function (sets) {
        var all = new Set();
        sets.forEach(function (s) { s.forEach(function (id) { all.add(id); }); });
        return Array.from(all);
      });
    }
    counted.then(function (ids) {
      if (mine !== serial) return null;
      return codesFor(ids).then(function () { return ids; });
    }).then(function (ids) {
      if (!ids || mine !== serial) return null;
      var counts = {};
      var matched = ids.filter(function (id) {
        var film = codesOf[id] || {letters: "", keys: []};
        var missing = keys.filter(function (k) { return film.keys.indexOf(k) < 0; });
        // a film counts for a facet's values when it has every other chosen value
        var names = missing.map(facetName);
        film.keys.forEach(function (k) {
          var name = facetName(k);
          if (!missing.length || (missing.length === 1 && names[0] === name)) {
            counts[k] = (counts[k] || 0) + 1;
          }
        });
        return !missing.length;
      });
      if (!ws.length && keys.length === 1) {
        // one value chosen and no words: its own facet's counts are the whole archive's
        var own = facetName(keys[0]);
        Object.keys(countOf).forEach(function (k) { if (facetOf[k] === own) counts[k] = countOf[k]; });
      }
      matched.sort(function (a, b) {
        var at = titled.has(a), bt = titled.has(b);
        if (at !== bt) return at ? -1 : 1;
        var la = (codesOf[a] || {}).letters || "", lb = (codesOf[b] || {}).letters || "";
        return la < lb ? -1 : la > lb ? 1 : a - b;
      });
      shown = matched;
      return directorNames(counts).then(function () {
        if (mine !== serial) return;
        drawFacets(counts);
        return showMore(mine, query.trim());
      });
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
  var ready = Promise.all([load("meta.json"), load("facets.json")]).then(function (both) {
    meta = both[0] || {};
    var data = both[1] || {};
    facets = data.facets || [];
    codeKey = data.codes || {};
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
  ready.then(function () {
    if (selected.director) {
      var id = Number(selected.director.slice(1));
      return byShard([id], meta.peoplePerShard, "people/").then(function (names) {
        if (names[String(id)]) labelOf[selected.director] = names[String(id)][0];
      });
    }
  }).then(function () { search(input.value); });
  if (more) {
    more.addEventListener("click", function () { showMore(serial, input.value.trim()); });
  }
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
