"""The full export as users run it, `curator export` as a process, against Hugo building
the same pages from Markdown, alternately, each into an empty folder.

    .venv/bin/python benchmarks/bench_export_vs_hugo.py [--films N] [--keep DIR]

The archive is built through Curator itself: films through the catalogue's bulk path,
stills through the image store (`import_stills` stores each of a few real photos once
and makes its web sizes; the other films are given stills of the same stored images,
as an archivist reusing a festival photo would). The Hugo site holds the same films
as content files (front matter and the synopsis in Markdown), a template printing the
same fields, "See also" by director and each film's still, and the same pages besides:
a page for each person credited (a taxonomy), for each year and each country (with their
indexes), for each letter of the directors A-Z, a redirect at each film's permanent
address (`films/<id>/`, as aliases), the home, search and 404 pages. Curator writes more
besides (each film's JSON, the search index, the data downloads, the feeds).

Prints the median seconds of three runs of each, the HTML pages and all files each wrote,
the like-for-like time ratio (Hugo's seconds over Curator's: target >= 1.0x, Curator as
fast on the same pages while writing its extra files), files per second of each and
their ratio, the CPU seconds of each (user and system, every thread and process), and
the load average.
Hugo is Debian's `hugo` package: `./scripts/setup.sh --bench` installs it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from figures import report

from curator.model.enums import PublicationState

RUNS = 3
STILLS = Path(__file__).resolve().parents[1] / "resources" / "demo" / "stills"

FILM_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="/">Select a festival</a> <a href="/search/">Search The Film Archive</a>
<a href="/directors/">Browse By Director</a></nav>
<h1>{{ .Title }}</h1>
<p>{{ delimit .Params.countries " / " }}, {{ .Params.year }}</p>
<p>Director: {{ delimit .Params.directed_by ", " }}</p>
<dl><dt>Runtime</dt><dd>{{ .Params.runtime }} min</dd>
<dt>Format</dt><dd>{{ .Params.format }}</dd></dl>
{{ with .Params.still }}<img src="/{{ . }}" alt="A still from the film">{{ end }}
{{ .Content }}
<h2>See also…</h2><ul>
{{ $self := .Permalink }}
{{ range first 6 (index .Site.Taxonomies.people (urlize (index .Params.directed_by 0))).Pages }}
{{ if ne .Permalink $self }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ delimit .Params.countries " / " }}, {{ .Params.year }}<p>{{ .Summary | truncate 200 }}</p>
<a href="{{ .RelPermalink }}">More »</a></li>{{ end }}{{ end }}
</ul></body></html>
"""
SEARCH_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><form><input type="search" name="q"></form>
<p>{{ len (where .Site.RegularPages "Section" "films") }} films</p></body></html>
"""
LIST_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</body></html>
"""


def build_archive(folder: Path, films: int) -> Path:
    from film_data import published_films

    from curator.catalog import Catalog
    from curator.stills import import_stills

    rng = random.Random(1989)
    archive = folder / "Bench.curator"
    catalog = Catalog.create(archive)
    data = published_films(rng, films)
    ids = catalog.imports.bulk_add(data).film_ids
    photos = sorted(STILLS.glob("*.jpg"))
    stored = []
    for photo, film_id in zip(photos, ids, strict=False):
        import_stills(catalog, [photo], film_id=film_id, web_sizes=True,
                      fields={"credit": "Festival archive", "alt_text": "A still from the film"})
        still = catalog.films.get(film_id).stills[0]
        stored.append({"sha256": still.sha256, "width": still.width, "height": still.height,
                       "format": still.format, "original_name": still.original_name,
                       "credit": "Festival archive", "alt_text": "A still from the film"})
    for n, film_id in enumerate(ids[len(stored):], start=len(stored)):
        catalog.stills.add([stored[n % len(stored)]], film_id=film_id)
    catalog.close()
    return archive


def build_hugo_site(archive: Path, folder: Path) -> None:
    """The same published films as a Hugo site: one content file per film."""
    from curator.catalog import Catalog
    from curator.publish.text import initial
    from curator.stills import derivative_path

    catalog = Catalog.open(archive)
    films = catalog.films.get_many(catalog.films.with_state(PublicationState.PUBLISHED))
    names = catalog.people.get_many({c.person_id for f in films for c in f.credits})
    (folder / "content" / "films").mkdir(parents=True)
    (folder / "static" / "stills").mkdir(parents=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    shipped: set[str] = set()
    for film in films:
        directors = [c.person_name for c in film.credits if c.role == "director"]
        still = ""
        if film.stills:
            sha = film.stills[0].sha256
            still = f"stills/{sha[:16]}.jpg"
            if sha not in shipped:
                shutil.copyfile(derivative_path(catalog.archive, sha, 960, "jpeg"),
                                folder / "static" / still)
                shipped.add(sha)
        people = list(dict.fromkeys(c.person_name for c in film.credits))
        # directors A-Z: a page for each initial of their sort names, as Curator files them
        letters = sorted({initial(names[c.person_id].sort_name or c.person_name)
                          for c in film.credits if c.role == "director"})
        front = {"title": film.title, "year": film.year, "countries": list(film.countries),
                 "directed_by": directors, "runtime": film.runtime, "format": film.format,
                 "still": still, "people": people, "years": [str(film.year or "")],
                 "directors": letters, "aliases": [f"/films/{film.id}/"],
                 "url": f"/films/{film.id}/{film.slug}/"}
        (folder / "content" / "films" / f"{film.id}.md").write_text(
            json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + film.synopsis + "\n",
            encoding="utf-8")
    catalog.close()
    (folder / "content" / "search.md").write_text(
        json.dumps({"title": "Search the film archive", "layout": "search"}) + "\n",
        encoding="utf-8")
    (folder / "config.json").write_text(json.dumps({
        "baseURL": "/", "title": "Film Archive", "disableKinds": ["RSS", "sitemap"],
        "taxonomies": {"person": "people", "year": "years", "country": "countries",
                       "director": "directors"}}), encoding="utf-8")
    (folder / "layouts" / "_default" / "single.html").write_text(FILM_TEMPLATE)
    (folder / "layouts" / "_default" / "search.html").write_text(SEARCH_TEMPLATE)
    for name in ("list.html", "terms.html", "taxonomy.html", "term.html"):
        (folder / "layouts" / "_default" / name).write_text(LIST_TEMPLATE)
    (folder / "layouts" / "index.html").write_text(LIST_TEMPLATE)
    (folder / "layouts" / "404.html").write_text(LIST_TEMPLATE)


def timed(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, and user and system CPU seconds of the process and its children:
    system time is the kernel making files and folders, which the machine's other work
    can slow as much as the command's own."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def files_in(folder: Path) -> tuple[int, int]:
    """The HTML pages and all files in the folder."""
    pages = files = 0
    for _root, _dirs, names in os.walk(folder):
        files += len(names)
        pages += sum(name.endswith(".html") for name in names)
    return pages, files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--films", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the archive and Hugo site here")
    args = parser.parse_args()
    hugo = shutil.which("hugo")
    if hugo is None:
        print("Hugo is not installed: ./scripts/setup.sh --bench installs Debian's hugo package "
              "(or apt-get install hugo).", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        archive, hugo_site = folder / "Bench.curator", folder / "hugo"
        if not archive.exists():
            started = time.perf_counter()
            build_archive(folder, args.films)
            print(f"archive of {args.films:,} films built in {time.perf_counter() - started:.0f} s")
        if not hugo_site.exists():
            build_hugo_site(archive, hugo_site)
        curator_s, hugo_s, curator_cpu, hugo_cpu = [], [], [], []
        curator_sys, hugo_sys = [], []
        curator_files = hugo_files = curator_pages = hugo_pages = 0
        for n in range(RUNS):
            out = folder / f"curator-site-{n}"
            shutil.rmtree(out, ignore_errors=True)
            wall, user, system = timed([sys.executable, "-m", "curator", "export",
                                        str(archive), str(out), "--quiet"])
            curator_s.append(wall)
            curator_cpu.append(user + system)
            curator_sys.append(system)
            curator_pages, curator_files = files_in(out)
            curator_files -= 1  # the manifest is Curator's own
            shutil.rmtree(out)
            out = folder / f"hugo-site-{n}"
            shutil.rmtree(out, ignore_errors=True)
            wall, user, system = timed([hugo, "--quiet", "-s", str(hugo_site), "-d", str(out)])
            hugo_s.append(wall)
            hugo_cpu.append(user + system)
            hugo_sys.append(system)
            hugo_pages, hugo_files = files_in(out)
            shutil.rmtree(out)
        cur, hug = median(curator_s), median(hugo_s)
        ours, theirs = curator_files / cur, hugo_files / hug
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
              f"{args.films:,} films, medians of {RUNS} runs each, alternately, empty folders")
        print(f"curator export: {cur:6.2f} s ({', '.join(f'{s:.2f}' for s in curator_s)}), "
              f"{curator_pages:,} pages, {curator_files:,} files: {ours:,.0f} files/s")
        print(f"hugo:           {hug:6.2f} s ({', '.join(f'{s:.2f}' for s in hugo_s)}), "
              f"{hugo_pages:,} pages, {hugo_files:,} files: {theirs:,.0f} files/s")
        print(f"like for like (the same pages; Curator writes its data files besides): "
              f"{hug / cur:.2f}x Hugo's speed (Hugo's seconds over Curator's; target >= 1.00x) "
              f"{'OK' if cur <= hug else 'UNDER'}")
        print(f"files per second: {ours / theirs:.2f}x Hugo's")
        # both use the two cores: Hugo its threads, Curator a second process rendering pages
        cur_cpu, hug_cpu = median(curator_cpu), median(hugo_cpu)
        print(f"CPU seconds (user + system, medians): curator {cur_cpu:.2f} "
              f"(system {median(curator_sys):.2f}), hugo {hug_cpu:.2f} "
              f"(system {median(hugo_sys):.2f}): {hug_cpu / cur_cpu:.2f}x "
              f"(Hugo's over Curator's; {os.cpu_count()} cores)")
        report(f"full `curator export`, {args.films:,} films (bench_export_vs_hugo)",
               f"{cur:.1f} s median ({min(curator_s):.1f}–{max(curator_s):.1f} s), CPU "
               f"{cur_cpu:.1f} s (user + system, both processes): {curator_pages:,} pages, "
               f"{curator_files:,} files, {ours:,.0f} files/s",
               peer=f"Hugo writing the same pages {hug:.1f} s ({min(hugo_s):.1f}–"
                    f"{max(hugo_s):.1f} s), CPU {hug_cpu:.1f} s on both cores: "
                    f"{hugo_files:,} files, {theirs:,.0f} files/s; like for like "
                    f"{hug / cur:.2f}×, files per second {ours / theirs:.2f}×, CPU "
                    f"{hug_cpu / cur_cpu:.2f}×",
               target="≥ 1.0×", met=hug / cur >= 1.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
