"""Catalogue files: the whole archive as one JSON document, and back (docs/catalogue-format.md).

Every record keeps its id (ids are in the web archive's URLs), its timestamps
and its publication state; parts (credits, countries, screenings...) are listed
in their order inside the record they belong to. Exporting, importing into an
empty archive and exporting again gives the same file, byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from curator.catalog import Catalog, Changes, InvalidRecords
from curator.catalog.errors import ValidationError
from curator.catalog.field_kinds import kind_problem, spelled
from curator.catalog.film_edit import FILM_PARTS, showing_day, showing_time
from curator.catalog.naming import slugify, sort_name, sort_title
from curator.catalog.sources import parse_region, region_problem, region_text
from curator.catalog.validation import catalogue_problems
from curator.interchange.catalogue_check import check_document
from curator.interchange.errors import ReadError
from curator.interchange.files import replacing
from curator.interchange.json_input import parse_json
from curator.paths import is_sha256

FORMAT_NAME = "curator-catalogue"
FORMAT_VERSION = 1

FILM_FIELDS = ("slug", "title", "original_title", "sort_title", "year", "runtime", "kind",
               "format", "colour", "state", "synopsis", "notes")
PERSON_FIELDS = ("slug", "name", "sort_name", "birth_year", "death_year", "country",
                 "biography", "notes", "state")
FESTIVAL_FIELDS = ("slug", "name", "short_name", "city", "country", "description")
EDITION_FIELDS = ("slug", "year", "number", "starts_on", "ends_on", "intro", "state")
SECTION_FIELDS = ("slug", "name", "description")
STILL_FIELDS = ("sha256", "width", "height", "format", "original_name", "caption", "credit",
                "alt_text", "rights")
LIST_FIELDS = ("slug", "title", "curator", "introduction", "state")
SOURCE_FIELDS = ("title", "date", "note", "language", "publishable")
PAGE_FIELDS = ("number", "sha256", "format", "file_page", "width", "height", "original_name")
STAMPS = ("created_at", "updated_at")
# How a row of a record's part is named where the file shows it (a film's parts as
# catalog/film_edit.py names them)
PARTS = {**{part.table: name for name, part in FILM_PARTS.items()},
         "name_variant": "variants", "still": "stills", "section": "sections",
         "collection_item": "items", "source_page": "pages", "citation": "citation",
         "film_field": ""}
DATES = {"starts_on", "ends_on"}


class CatalogueFileError(ReadError):
    """A catalogue file that cannot be imported: names the file and the record;
    `details` lists each row at fault when there are several."""

    def __init__(self, problem: str, details: list[str] | None = None, *, file: str = "",
                 place: str = "") -> None:
        super().__init__(problem, file=file, place=place)
        self.details = details or []


# -- export ----------------------------------------------------------------------------
def export_catalogue(catalog: Catalog) -> dict[str, Any]:
    """The archive as a catalogue document (plain JSON values)."""
    rows = catalog.snapshot.rows()

    def children(table: str, owner: str, order: tuple[str, ...] = ("position", "id")
                 ) -> dict[int, list[dict[str, Any]]]:
        grouped: dict[int, list[dict[str, Any]]] = {}
        for r in sorted(rows[table], key=lambda r: tuple(_sort_key(r[k]) for k in order)):
            if r.get(owner) is not None:
                grouped.setdefault(r[owner], []).append(r)
        return grouped

    film_parts = {name: children(part.table, "film_id", part.stored)
                  for name, part in FILM_PARTS.items()}
    person_ids = children("external_id", "person_id", ("id",))
    film_stills = children("still", "film_id")
    portraits = children("still", "person_id")
    variants = children("name_variant", "person_id", ("id",))
    editions = children("edition", "festival_id", ("year", "id"))
    sections = children("section", "edition_id")
    items = children("collection_item", "collection_id")
    pages = children("source_page", "source_id", ("number", "id"))
    cited = {owner: {r[owner]: _citation(r) for r in rows["citation"] if r[owner] is not None}
             for owner in ("film_id", "person_id", "quote_id")}

    showings = children("showing", "screening_id")

    def screening(row: dict[str, Any]) -> dict[str, Any]:
        given = FILM_PARTS["screenings"].to_file(row)
        if row["id"] in showings:
            given["showings"] = [{"day": w["day"].isoformat(), "time": w["time"],
                                  "venue": w["venue"]} for w in showings[row["id"]]]
        return given

    def quote(row: dict[str, Any]) -> dict[str, Any]:
        given = FILM_PARTS["quotes"].to_file(row)
        if row["id"] in cited["quote_id"]:
            given["cited"] = cited["quote_id"][row["id"]]
        return given

    films = [{
        "id": f["id"], **_fields(f, FILM_FIELDS),
        **{name: [{"quotes": quote, "screenings": screening}.get(name, part.to_file)(r)
                  for r in film_parts[name].get(f["id"], [])]
           for name, part in FILM_PARTS.items()},
        "stills": [_still(s) for s in film_stills.get(f["id"], [])],
        **_cited_by(cited["film_id"], f["id"]),
        **_stamps(f),
    } for f in rows["film"]]
    people = [{
        "id": p["id"], **_fields(p, PERSON_FIELDS),
        "variants": [v["name"] for v in variants.get(p["id"], [])],
        "external_ids": [{"scheme": e["scheme"], "value": e["value"]}
                         for e in person_ids.get(p["id"], [])],
        "portraits": [_still(s) for s in portraits.get(p["id"], [])],
        **_cited_by(cited["person_id"], p["id"]),
        **_stamps(p),
    } for p in rows["person"]]
    festivals = [{
        "id": f["id"], **_fields(f, FESTIVAL_FIELDS),
        "editions": [{
            "id": e["id"], **_fields(e, EDITION_FIELDS), "opening_film": e["opening_film_id"],
            "sections": [{"id": s["id"], **_fields(s, SECTION_FIELDS), **_stamps(s)}
                         for s in sections.get(e["id"], [])],
            **_stamps(e),
        } for e in editions.get(f["id"], [])],
        **_stamps(f),
    } for f in rows["festival"]]
    awards = [{"id": a["id"], "edition": a["edition_id"], "name": a["name"],
               "film": a["film_id"], "person": a["person_id"], "result": a["result"],
               **_stamps(a)} for a in rows["award"]]
    lists = [{
        "id": c["id"], **_fields(c, LIST_FIELDS),
        "items": [{"film": i["film_id"], "note": i["note"]} for i in items.get(c["id"], [])],
        **_stamps(c),
    } for c in rows["collection"]]
    saved = [{"id": s["id"], "name": s["name"], "query": s["query"], **_stamps(s)}
             for s in rows["saved_search"]]
    own_fields = [{"id": f["id"], "name": f["name"], "kind": f["kind"], **_stamps(f)}
                  for f in sorted(rows["film_field"], key=lambda f: (f["position"], f["id"]))]
    # printed sources: their files are named by SHA-256, as stills' originals are
    sources = [{
        "id": r["id"], "edition": r["edition_id"], "festival": r["festival_id"],
        **_fields(r, SOURCE_FIELDS),
        "pages": [_fields(p, PAGE_FIELDS) for p in pages.get(r["id"], [])],
        **_stamps(r),
    } for r in rows["source"]]
    return {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION,
        "films": films, "people": people, "festivals": festivals, "awards": awards,
        "lists": lists, "saved_searches": saved, "sources": sources, "fields": own_fields,
        # what keeps links and decisions of the past good: the site's redirects, the ids
        # of merged films, the pairs the duplicates finder is not to list again
        "past_addresses": [{"film": a["film_id"], "slug": a["slug"], "title": a["title"]}
                           for a in rows["film_address"]],
        "merged_films": [{"id": a["id"], "film": a["film_id"]} for a in rows["film_alias"]],
        "not_duplicates": [{"kind": d["kind"], "first": d["first_id"],
                            "second": d["second_id"]} for d in rows["not_duplicate"]],
        "settings": {s["key"]: s["value"] for s in rows["setting"]},
    }


def _citation(row: dict[str, Any]) -> dict[str, Any]:
    """A citation as the file gives it: the source, the page, and the region (x, y, w, h
    as fractions of the page) when its text was read from a box."""
    region = parse_region(row["region"])
    return {"source": row["source_id"], "page": row["page"],
            **({"region": list(region)} if region is not None else {})}


def _cited_by(citations: dict[int, dict[str, Any]], record_id: int) -> dict[str, Any]:
    return {"citation": citations[record_id]} if record_id in citations else {}


def _sort_key(value: Any) -> tuple[int, Any]:
    return (0, 0) if value is None else (1, value)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _fields(row: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {n: _json_value(row[n]) for n in names}


def _stamps(row: dict[str, Any]) -> dict[str, Any]:
    return {n: _json_value(row[n]) for n in STAMPS}


def _still(s: dict[str, Any]) -> dict[str, Any]:
    return {"id": s["id"], **_fields(s, STILL_FIELDS), "primary": s["is_primary"],
            "focal_point": [s["focal_x"], s["focal_y"]], **_stamps(s)}


def write_catalogue(catalog: Catalog, path: Path | str) -> dict[str, int]:
    """Write the catalogue file (atomically: a failed write leaves no half file)."""
    document = export_catalogue(catalog)
    path = Path(path)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    with replacing(path) as fh:
        fh.write(text)
    return {k: len(document[k]) for k in ("films", "people", "festivals", "awards", "lists")}


# -- import ----------------------------------------------------------------------------
def read_catalogue(path: Path | str) -> dict[str, Any]:
    """Load and check a catalogue file; a wrong one raises a ReadError naming it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogueFileError(f"not a catalogue file (not UTF-8 text: byte {exc.start:,} "
                                 "is not UTF-8).", file=path.name) from None
    document = parse_json(text, file=path.name, error=CatalogueFileError)
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise CatalogueFileError(f"{path.name} is not a Curator catalogue file.")
    version = document.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        found = "none" if version is None else json.dumps(version)
        raise CatalogueFileError(
            f"{path.name} has no valid format_version (a whole number such as "
            f"{FORMAT_VERSION} is expected, the file gives {found}).")
    if version > FORMAT_VERSION:
        raise CatalogueFileError(
            f"{path.name} is in catalogue format {version}, newer than the format "
            f"{FORMAT_VERSION} this Curator reads; upgrade Curator to import it.")
    try:
        check_document(document)
    except ReadError as exc:
        raise CatalogueFileError(exc.problem, file=path.name, place=exc.place) from None
    return document


def load_catalogue(path: Path | str) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """A catalogue file and its rows per table, every value and reference checked (the
    catalogue's rules are checked by `checked_tables`, or row by row by an import)."""
    document = read_catalogue(path)
    try:
        return document, catalogue_tables(document)
    except ReadError as exc:
        raise exc.in_file(Path(path).name) from None


def catalogue_tables(document: dict[str, Any], places: dict[str, list[str]] | None = None
                     ) -> dict[str, list[dict[str, Any]]]:
    """The document as rows per table, every reference checked.

    `places`, if given, receives where each row was in the file (`films[3] (id 12),
    credits`), in the same order as the rows, so a problem can be shown there.
    """
    tables: dict[str, list[dict[str, Any]]] = {}
    next_id: dict[str, int] = {}
    where = {"record": ""}
    places = {} if places is None else places

    def add(table: str, row: dict[str, Any], keep_id: bool = False) -> dict[str, Any]:
        if not keep_id:
            next_id[table] = next_id.get(table, 0) + 1
            row = {"id": next_id[table], **row}
        tables.setdefault(table, []).append(row)
        part = PARTS.get(table)
        places.setdefault(table, []).append(where["record"] + (f", {part}" if part else ""))
        return row

    def at(key: str, n: int, record: dict[str, Any], parent: str = "") -> None:
        where["record"] = f"{parent}{key}[{n}] (id {record.get('id')})"

    films = _records(document, "films", "title")
    people = _records(document, "people", "name")
    film_ids = {f["id"] for f in films}
    person_ids = {p["id"] for p in people}
    edition_ids: set[int] = set()
    section_of: dict[int, int] = {}

    for nf, f in enumerate(_records(document, "festivals", "name")):
        at("festivals", nf, f)
        festival_at = where["record"]
        add("festival", {"id": f["id"], "slug": slugify(_text(f["name"]), "festival"),
                         **_values(f, FESTIVAL_FIELDS), **_times(f)}, True)
        for ne, e in enumerate(list_of(f, "editions")):
            _need(e, "editions", "year")
            at("editions", ne, e, festival_at + ", ")
            opening = e.get("opening_film")
            _check_ref(opening, film_ids, f"edition {e['id']}", "film")
            label = f"{f.get('short_name') or f['name']} {e['year']}"
            add("edition", {"id": e["id"], "festival_id": f["id"], "slug": slugify(label),
                            **_values(e, EDITION_FIELDS), "opening_film_id": opening,
                            **_times(e)}, True)
            edition_ids.add(e["id"])
            for pos, s in enumerate(list_of(e, "sections")):
                _need(s, "sections", "name")
                add("section", {"id": s["id"], "edition_id": e["id"],
                                "slug": slugify(s["name"], "section"),
                                **_values(s, SECTION_FIELDS), "position": pos, **_times(s)}, True)
                section_of[s["id"]] = e["id"]

    festival_ids = {f["id"] for f in list_of(document, "festivals")}
    source_pages: dict[int, set[int]] = {}
    for n, r in enumerate(_records(document, "sources", "title")):
        at("sources", n, r)
        _source_owner(r, edition_ids, festival_ids)
        add("source", {"id": r["id"], "edition_id": r.get("edition"),
                       "festival_id": r.get("festival"), **_values(r, SOURCE_FIELDS),
                       **_times(r)}, True)
        source_pages[r["id"]] = set()
        for page in list_of(r, "pages"):
            if not is_sha256(page["sha256"]):  # it names the file: never a path elsewhere
                raise CatalogueFileError(
                    f"A page of source {r['id']} has the hash {page['sha256']!r}, which is "
                    "not a SHA-256 (64 lower-case hex characters); nothing was imported.")
            add("source_page", {"source_id": r["id"], **_values(page, PAGE_FIELDS)})
            source_pages[r["id"]].add(page.get("number"))

    def cite(given: Any, owner: str, owner_id: int, what: str) -> None:
        if given is None:
            return
        _check_ref(given.get("source"), set(source_pages), what, "source", required=True)
        if given.get("page") not in source_pages[given["source"]]:
            raise CatalogueFileError(f"{what.capitalize()} cites page {given.get('page')} of "
                                     f"source {given['source']}, which has no such page.")
        region = given.get("region")
        if region is not None and (len(region) != 4 or region_problem(tuple(region))):
            raise CatalogueFileError(f"{what.capitalize()} cites a region that does not lie "
                                     "inside its page.")
        add("citation", {"source_id": given["source"], "film_id": None, "quote_id": None,
                         "person_id": None, owner: owner_id, "page": given["page"],
                         "region": region_text(tuple(region) if region else None)})

    for n, p in enumerate(people):
        at("people", n, p)
        name = _text(p["name"])
        add("person", {"id": p["id"], "slug": slugify(name, "person"),
                       "sort_name": sort_name(name), **_values(p, PERSON_FIELDS),
                       **_times(p)}, True)
        for name in list_of(p, "variants"):
            add("name_variant", {"person_id": p["id"], "name": name})
        for e in list_of(p, "external_ids"):
            add("external_id", {"film_id": None, "person_id": p["id"], "scheme": e["scheme"],
                                "value": e["value"]})
        for pos, s in enumerate(list_of(p, "portraits")):
            add("still", _still_row(s, None, p["id"], pos,
                                    f"person {p['id']} \u201c{p['name']}\u201d"), True)
        cite(p.get("citation"), "person_id", p["id"], f"person {p['id']}")

    kind_of: dict[int, str] = {}
    for n, d in enumerate(_records(document, "fields", "name")):
        at("fields", n, d)
        kind = d.get("kind", "text")
        if problem := kind_problem(kind):
            raise CatalogueFileError(f"Field {d['id']}: {problem}")
        add("film_field", {"id": d["id"], "name": _text(d["name"]), "kind": kind,
                           "position": n + 1, **_times(d)}, True)
        kind_of[d["id"]] = kind

    for n, f in enumerate(films):
        fid = f["id"]
        at("films", n, f)
        add("film", {"id": fid, "slug": slugify(_text(f["title"]), "film"),
                     "sort_title": sort_title(_text(f["title"])), **_values(f, FILM_FIELDS),
                     **_times(f)}, True)
        for name, part in FILM_PARTS.items():
            for pos, given in enumerate(list_of(f, name)):
                if name == "credits":
                    _check_ref(given.get("person"), person_ids, f"film {fid}", "person",
                               required=True)
                elif name == "screenings":
                    _check_screening(given, fid, edition_ids, section_of)
                elif name == "related":
                    _check_ref(given.get("film"), film_ids, f"film {fid}", "related film",
                               required=True)
                elif name == "field_values":
                    _check_ref(given.get("field"), set(kind_of), f"film {fid}", "field",
                               required=True)
                    try:
                        given = {**given, "value": spelled(kind_of[given["field"]],
                                                           _text(given.get("value", "")))}
                    except ValueError as exc:
                        raise CatalogueFileError(f"Film {fid}, field {given['field']}: "
                                                 f"{exc}") from None
                row = add(part.table, part.from_file(given, fid, pos))
                if name == "quotes":
                    cite(given.get("cited"), "quote_id", row["id"], f"a quote of film {fid}")
                elif name == "screenings":
                    for n_showing, w in enumerate(list_of(given, "showings")):
                        add("showing", {"screening_id": row["id"], "position": n_showing,
                                        **_showing(w, fid)})
        for pos, s in enumerate(list_of(f, "stills")):
            add("still", _still_row(s, fid, None, pos, f"film {fid} \u201c{f['title']}\u201d"),
                True)
        cite(f.get("citation"), "film_id", fid, f"film {fid}")

    for n, a in enumerate(_records(document, "awards", "name")):
        at("awards", n, a)
        _check_ref(a.get("edition"), edition_ids, f"award {a['id']}", "edition", required=True)
        _check_ref(a.get("film"), film_ids, f"award {a['id']}", "film")
        _check_ref(a.get("person"), person_ids, f"award {a['id']}", "person")
        add("award", {"id": a["id"], "edition_id": a["edition"], "name": a["name"],
                      "film_id": a.get("film"), "person_id": a.get("person"),
                      "result": a.get("result", "won"), **_times(a)}, True)
    for n, c in enumerate(_records(document, "lists", "title")):
        at("lists", n, c)
        add("collection", {"id": c["id"], "slug": slugify(_text(c["title"]), "list"),
                           **_values(c, LIST_FIELDS), **_times(c)}, True)
        for pos, i in enumerate(list_of(c, "items")):
            _check_ref(i.get("film"), film_ids, f"list {c['id']}", "film", required=True)
            add("collection_item", {"collection_id": c["id"], "film_id": i["film"],
                                    "position": pos, "note": i.get("note", "")})
    for n, s in enumerate(_records(document, "saved_searches", "name")):
        at("saved_searches", n, s)
        _need(s, "saved_searches", "query")
        add("saved_search", {"id": s["id"], "name": s["name"], "query": s["query"],
                             **_times(s)}, True)
    _past(document, film_ids, add, where)
    settings = document.get("settings") or {}
    if not isinstance(settings, dict):
        raise CatalogueFileError("The settings of a catalogue file are a JSON object.")
    where["record"] = "settings"
    for key, value in settings.items():
        places.setdefault("setting", []).append(f"settings \u201c{key}\u201d")
        tables.setdefault("setting", []).append({"key": key, "value": value})
    return tables


def _past(document: dict[str, Any], film_ids: set[int],
          add: Callable[..., dict[str, Any]], where: dict[str, str]) -> None:
    """A page's former addresses, merged films' ids and pairs said not to be one: a past
    address may be a film's no longer in the file (its page says so); a merged film's id
    is none of the file's films, and may lead to a film deleted since."""
    seen: set[tuple[int, str]] = set()
    for n, a in enumerate(list_of(document, "past_addresses")):
        where["record"] = f"past_addresses[{n}]"
        _need_keys(a, "past_addresses", "film", "slug")
        if (a["film"], a["slug"]) in seen:
            raise CatalogueFileError(f"Film {a['film']} has the past address {a['slug']!r} "
                                     "twice.")
        seen.add((a["film"], a["slug"]))
        add("film_address", {"film_id": a["film"], "slug": a["slug"],
                             "title": a.get("title", "")})
    for n, m in enumerate(_records(document, "merged_films", "film")):
        where["record"] = f"merged_films[{n}] (id {m['id']})"
        if m["id"] in film_ids:
            raise CatalogueFileError(f"Film {m['id']} is in the file and also merged into "
                                     f"film {m['film']}.")
        add("film_alias", {"id": m["id"], "film_id": m["film"]}, True)
    pairs: set[tuple[str, int, int]] = set()
    for n, d in enumerate(list_of(document, "not_duplicates")):
        where["record"] = f"not_duplicates[{n}]"
        _need_keys(d, "not_duplicates", "kind", "first", "second")
        if d["kind"] not in ("film", "person"):
            raise CatalogueFileError(f"A pair said not to be one is of {d['kind']!r}; "
                                     "it is of films or of people.")
        # a pair outlives a record deleted or merged since: it is kept as the archive kept it
        first, second = sorted((d["first"], d["second"]))
        if first == second or (d["kind"], first, second) in pairs:
            continue  # a record is itself; a pair given twice is one decision
        pairs.add((d["kind"], first, second))
        add("not_duplicate", {"kind": d["kind"], "first_id": first, "second_id": second})


def _need_keys(record: Any, what: str, *fields: str) -> None:
    if not isinstance(record, dict):
        raise CatalogueFileError(f"An entry of {what} is not a JSON object.")
    for field in fields:
        if record.get(field) in (None, ""):
            raise CatalogueFileError(f"An entry of {what} has no {field}.")


def _records(document: dict[str, Any], key: str, required: str) -> list[dict[str, Any]]:
    records = list_of(document, key)
    seen = set()
    for r in records:
        _need(r, key, required)
        if r["id"] in seen:
            raise CatalogueFileError(f"Two {key} share the id {r['id']}.")
        seen.add(r["id"])
    return records


def list_of(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key) or []
    if not isinstance(value, list):
        raise CatalogueFileError(f"\u201c{key}\u201d must be a list in a catalogue file.")
    return value


def _need(record: Any, what: str, field: str) -> None:
    if not isinstance(record, dict):
        raise CatalogueFileError(f"An entry of {what} is not a JSON object.")
    if "id" in record and not isinstance(record["id"], int):
        raise CatalogueFileError(f"An entry of {what} has the id {record['id']!r}, "
                                 "not a whole number.")
    if "id" not in record or record.get(field) in (None, ""):
        ident = record.get("id", "without an id")
        raise CatalogueFileError(f"An entry of {what} ({ident}) has no {field}.")


def _source_owner(r: dict[str, Any], edition_ids: set[int], festival_ids: set[int]) -> None:
    if (r.get("edition") is None) == (r.get("festival") is None):
        raise CatalogueFileError(f"Source {r['id']} must belong to one edition or one "
                                 "festival.")
    if r.get("edition") is not None:
        _check_ref(r["edition"], edition_ids, f"source {r['id']}", "edition", required=True)
    else:
        _check_ref(r["festival"], festival_ids, f"source {r['id']}", "festival", required=True)


def _showing(w: dict[str, Any], fid: int) -> dict[str, Any]:
    """A showing as the file gives it, its day and time read as the catalogue keeps them."""
    try:
        return {"day": showing_day(w.get("day")), "time": showing_time(w.get("time", "")),
                "venue": str(w.get("venue", "")).strip()}
    except ValidationError as e:
        raise CatalogueFileError(f"Film {fid}: {e.problems['screenings']}") from None


def _check_screening(s: dict[str, Any], fid: int, edition_ids: set[int],
                     section_of: dict[int, int]) -> None:
    _check_ref(s.get("edition"), edition_ids, f"film {fid}", "edition", required=True)
    section = s.get("section")
    if section is not None and section_of.get(section) != s["edition"]:
        raise CatalogueFileError(
            f"Film {fid} screens in section {section}, which is not a section of "
            f"edition {s['edition']}.")


def _check_ref(value: Any, known: set[int], where: str, what: str,
               required: bool = False) -> None:
    if value is None and not required:
        return
    if value not in known:
        raise CatalogueFileError(f"{where.capitalize()} refers to {what} {value}, which the "
                                 "file does not contain.")


def _values(record: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    out = {}
    for n in names:
        if n not in record:
            continue  # the database default applies
        value = record[n]
        if n in DATES and isinstance(value, str) and value:
            try:
                value = date.fromisoformat(value)
            except ValueError:
                pass  # left as written: the catalogue's rules name it
        out[n] = value
    return out


def _times(record: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for n in STAMPS:
        if record.get(n):
            try:
                out[n] = datetime.fromisoformat(record[n])
            except (TypeError, ValueError):
                raise CatalogueFileError(
                    f"\u201c{record[n]}\u201d is not a date and time ({n} of record "
                    f"{record.get('id')}).") from None
    return out


def _still_row(s: dict[str, Any], film_id: int | None, person_id: int | None,
               pos: int, owner: str) -> dict[str, Any]:
    _need(s, "stills", "sha256")
    if not is_sha256(s["sha256"]):  # it names the original's file: never a path elsewhere
        raise CatalogueFileError(
            f"Still {s.get('id')} of {owner} has the hash {s['sha256']!r}, which is not a "
            "SHA-256 (64 lower-case hex characters); nothing was imported.")
    focal = s.get("focal_point") or [0.5, 0.5]
    if not isinstance(focal, list) or len(focal) != 2:
        raise CatalogueFileError("\u201cfocal_point\u201d must be two numbers, x and y.",
                                 place=f"still {s['id']}")
    return {"id": s["id"], "film_id": film_id, "person_id": person_id,
            **_values(s, STILL_FIELDS), "position": pos, "is_primary": bool(s.get("primary")),
            "focal_x": focal[0], "focal_y": focal[1], **_times(s)}


def _text(value: Any) -> str:
    """A text the file gives, for deriving slugs and sort keys; the rules check the value."""
    return value if isinstance(value, str) else ""


def checked_tables(document: dict[str, Any], name: str) -> dict[str, list[dict[str, Any]]]:
    """The document as rows per table, each checked by the catalogue's rules; a file with
    rows that break them raises CatalogueFileError naming every row by its place."""
    places: dict[str, list[str]] = {}
    try:
        tables = catalogue_tables(document, places)
    except ReadError as exc:
        raise exc.in_file(name) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogueFileError(f"{name} is damaged ({exc}).") from None
    problems = catalogue_problems(tables)
    if problems:
        raise CatalogueFileError(
            f"{name}: {InvalidRecords(problems)}",
            [f"{places[t][i]}: {message}" for t, i, message in problems])
    return tables


def import_catalogue(catalog: Catalog, path: Path | str) -> Changes:
    """Restore a catalogue file into an empty archive, ids and all; one undoable step."""
    name = Path(path).name
    tables = checked_tables(read_catalogue(path), name)
    return catalog.snapshot.restore(tables, label=f"Import {name}")

