"""Which spreadsheet column holds which field of a film: guessed from headers, changeable.

Headers are compared case-, accent- and punctuation-blind, in English and the
variants archives commonly use ("Regie", "Réalisateur", "Running time", "movieId").
"""

from __future__ import annotations

from curator import CuratorError
from curator.catalog.importing import fold

# field -> (what the archivist reads, header variants)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "title": ("Title", ("title", "film", "film title", "english title", "titel", "titre",
                        "titulo", "movie", "movie title", "name")),
    "original_title": ("Original title", ("original title", "title original", "originaltitel",
                                          "titre original", "titulo original",
                                          "original language title", "native title")),
    "alt_titles": ("Alternative titles", ("alternative title", "alternative titles",
                                          "alt title", "alt titles", "aka", "a k a",
                                          "also known as", "other titles", "other title")),
    "year": ("Year", ("year", "production year", "year of production", "yr", "jahr",
                      "produktionsjahr", "annee", "ano", "anno", "release year")),
    "directors": ("Directors", ("director", "directors", "director s", "directed by", "dir",
                                "regie", "regisseur", "realisateur", "realisation",
                                "director name", "filmmaker", "filmmakers")),
    "countries": ("Countries", ("country", "countries", "country s", "country of production",
                                "production country", "production countries", "land",
                                "pays", "pais", "paese", "origin")),
    "runtime": ("Runtime", ("runtime", "running time", "run time", "length", "duration",
                            "minutes", "mins", "min", "laufzeit", "duree", "duracion",
                            "runtime min", "length min")),
    "synopsis": ("Synopsis", ("synopsis", "description", "summary", "plot", "blurb",
                              "catalogue text", "catalog text", "programme note",
                              "program note", "inhalt", "resume")),
    "genres": ("Genres", ("genre", "genres", "tags", "tag", "category", "categories")),
    "languages": ("Languages", ("language", "languages", "sprache", "langue", "idioma")),
    "kind": ("Kind", ("kind", "type", "film type", "kind of film")),
    "format": ("Format", ("format", "gauge", "print format", "screening format")),
    "colour": ("Colour", ("colour", "color", "colour b w", "color b w", "b w colour")),
    "notes": ("Internal notes", ("notes", "note", "internal notes", "remarks", "comments",
                                 "comment")),
    "state": ("Publication state", ("state", "status", "publication state",
                                    "publication status")),
    "imdb_id": ("IMDb id", ("imdb", "imdb id", "imdbid", "imdb url", "imdb link", "imdb tt")),
    "wikidata_id": ("Wikidata id", ("wikidata", "wikidata id", "qid", "wikidata qid")),
    "movielens_id": ("MovieLens id", ("movieid", "movie id", "movielens id", "movielens")),
    "festival": ("Festival", ("festival", "festival name", "festival edition", "event")),
    "festival_year": ("Festival year", ("festival year", "edition year", "edition",
                                        "year of festival", "festival jahr")),
    "section": ("Section", ("section", "festival section", "programme", "program",
                            "programme section", "strand", "sidebar", "sektion")),
    "premiere": ("Premiere", ("premiere", "premiere status")),
    "cast": ("Cast", ("cast", "actors", "starring", "darsteller")),
    "producers": ("Producers", ("producer", "producers", "produced by")),
    "screenwriters": ("Screenwriters", ("screenwriter", "screenwriters", "screenplay",
                                        "writer", "writers", "script", "written by")),
    "cinematographers": ("Cinematographers", ("cinematographer", "cinematography", "camera",
                                              "photography", "director of photography",
                                              "dop")),
    "editors": ("Editors", ("editor", "editors", "editing", "edited by")),
    "composers": ("Composers", ("composer", "composers", "music", "score")),
}
IGNORE = ""  # the field of a column that is not imported
# Fields whose values add up when two columns hold them.
MULTI_VALUED = {"alt_titles", "directors", "countries", "genres", "languages", "cast",
                "producers", "screenwriters", "cinematographers", "editors", "composers",
                "notes"}
ROLES = {"directors": "director", "cast": "cast", "producers": "producer",
         "screenwriters": "screenwriter", "cinematographers": "cinematographer",
         "editors": "editor", "composers": "composer"}
_BY_HEADER = {fold(variant): name for name, (_label, variants) in FIELDS.items()
              for variant in variants}
_BY_HEADER.update({fold(label): name for name, (label, _v) in FIELDS.items()})
_BY_HEADER.update({name.replace("_", " "): name for name in FIELDS})
_UNITS = {"min", "mins", "minutes", "s", "es", "en", "yyyy"}
_IGNORE_WORDS = {"ignore", "skip", "none", "-", ""}


def field_label(name: str) -> str:
    return FIELDS[name][0] if name in FIELDS else "(not imported)"


def field_for(text: str) -> str | None:
    """The field a header (or a field name typed by a user) stands for, if any."""
    key = fold(text)
    if key in _BY_HEADER:
        return _BY_HEADER[key]
    words = key.split()
    if len(words) > 1 and words[-1] in _UNITS:  # "Laufzeit (min)", "Director(s)"
        return _BY_HEADER.get(" ".join(words[:-1]))
    return None


def guess_mapping(header: list[str]) -> list[str]:
    """A field per column ("" for a column not imported); a field is used once, lists aside."""
    taken: set[str] = set()
    mapping = []
    for column in header:
        name = field_for(column) or IGNORE
        if name and name in taken and name not in MULTI_VALUED:
            name = IGNORE
        taken.add(name)
        mapping.append(name)
    return mapping


def apply_overrides(header: list[str], mapping: list[str], overrides: list[str]) -> list[str]:
    """Apply `Column=field` overrides (as given to --map); a wrong one raises CuratorError."""
    result = list(mapping)
    columns = {fold(h): i for i, h in reversed(list(enumerate(header)))}
    for override in overrides:
        column, sep, target = override.partition("=")
        if not sep:
            raise CuratorError(f"--map takes \u201cColumn=field\u201d, not \u201c{override}\u201d.")
        index = columns.get(fold(column))
        if index is None:
            raise CuratorError(
                f"The file has no column \u201c{column.strip()}\u201d; its columns are: "
                + ", ".join(header) + ".")
        if target.strip().casefold() in _IGNORE_WORDS:
            result[index] = IGNORE
            continue
        name = field_for(target)
        if name is None:
            raise CuratorError(
                f"\u201c{target.strip()}\u201d is not a field; the fields are: "
                + ", ".join(FIELDS) + " (or \u201cignore\u201d).")
        if name not in MULTI_VALUED:  # the column named now replaces a guessed one
            result = [IGNORE if f == name else f for f in result]
        result[index] = name
    return result
