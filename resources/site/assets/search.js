/* Search in the exported film archive: reads only the index shards of the words typed. */
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("q");
  if (!results || !input || !window.fetch) return;
  var root = results.getAttribute("data-root") || "./";
  var base = root + "search/";
  var cache = {};
  var LIMIT = 200;
  var meta = null;

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
    status.textContent = total === 0
      ? "No film matches \u201c" + query + "\u201d."
      : (total === 1 ? "One film matches" : total.toLocaleString("en") + " films match") +
        " \u201c" + query + "\u201d." + shown;
  }
  var serial = 0;
  function search(query) {
    var mine = ++serial;
    var ws = Array.from(new Set(words(query)));
    var long = ws.filter(function (w) { return Array.from(w).length > 1; });
    if (long.length) ws = long;
    if (!ws.length) {
      results.textContent = "";
      status.textContent = query.trim() ? "Type a word of a title, a name, a country or a year." : "";
      return;
    }
    status.textContent = "Searching\u2026";
    Promise.all(ws.map(idsFor)).then(function (sets) {
      if (mine !== serial) return null;
      sets.sort(function (a, b) { return a.size - b.size; });
      var ids = Array.from(sets[0]).filter(function (id) {
        return sets.every(function (s) { return s.has(id); });
      });
      return load("meta.json").then(function (m) {
        meta = m;
        var per = meta.filmsPerShard || 500;
        var shards = Array.from(new Set(ids.map(function (id) { return Math.floor(id / per); })));
        return Promise.all(shards.map(function (n) { return load("films/" + n + ".json"); }))
          .then(function (parts) {
            var docs = {};
            parts.forEach(function (p) { Object.assign(docs, p); });
            var films = ids.map(function (id) {
              var d = docs[String(id)];
              return d && {id: id, title: d[0], original: d[1], meta: d[2], directors: d[3], url: d[4]};
            }).filter(Boolean);
            var first = ws[0];
            films.sort(function (a, b) {
              var at = words(a.title + " " + a.original).some(function (w) { return w.indexOf(first) === 0; });
              var bt = words(b.title + " " + b.original).some(function (w) { return w.indexOf(first) === 0; });
              if (at !== bt) return at ? -1 : 1;
              return fold(a.title).localeCompare(fold(b.title));
            });
            return films;
          });
      });
    }).then(function (films) {
      if (films && mine === serial) show(films.slice(0, LIMIT), films.length, query.trim());
    });
  }
  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  if (initial) search(initial);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = new URL(window.location.href);
      if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
      search(input.value);
    }, 200);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    search(input.value);
  });
})();
