"""A record as its web-archive page will read, as escaped HTML for the detail pane.

Film pages follow the festival's archive: title, `USSR, 1988 (MIFF 1989, Section)`
per appearance, `Director: A, B`, synopsis, quotes, "See also...". Empty fields are
left out, never shown as "(, )". Links are `curator://kind/id`.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from curator.catalog.records import (
    CollectionRecord,
    EditionRecord,
    FestivalRecord,
    FilmRecord,
    FilmRow,
    PersonRecord,
)
from curator.catalog.see_also import SeeAlsoFilm
from curator.catalog.wording import (
    appearance_line,
    country_year,
    credit_groups,
    film_details,
    life_years,
    paragraphs,
    role_label,
    synopsis_teaser,
)
from curator.model.enums import PublicationState, RecordKind

STILL_WIDTH = 420


def link(kind: RecordKind, record_id: int, text: str) -> str:
    return f'<a href="curator://{kind}/{record_id}">{escape(text)}</a>'


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs(text))


def _films(n: int) -> str:
    return f"{n:,} film" if n == 1 else f"{n:,} films"


def _state(state: str) -> str:
    if state == PublicationState.PUBLISHED:
        return ""
    label = PublicationState.label_of(state)
    return f'<p class="state">{escape(label)} \u2014 not on the web archive</p>'


def film_html(film: FilmRecord, see_also: list[SeeAlsoFilm], image: str = "",
              source_line: str = "") -> str:
    """The film's page; `image` is the URL of its primary still at reading size, if any;
    `source_line` what the page says of its printed source (when sources are published).

    Worded by `curator.catalog.wording`, as the exported page is."""
    out = [f"<h1>{escape(film.title)}</h1>"]
    if film.original_title and film.original_title != film.title:
        out.append(f'<p class="muted"><i>{escape(film.original_title)}</i></p>')
    out.append(_state(film.state))
    lines = [appearance_line(film.countries, film.year, s.label) for s in film.screenings
             ] or [country_year(film.countries, film.year)]
    if any(lines):
        out.append(f'<p class="line">{"<br>".join(escape(x) for x in lines if x)}</p>')
    directors = [c for c in film.credits if c.role == "director"]
    if directors:
        names = ", ".join(link(RecordKind.PERSON, c.person_id, c.person_name) for c in directors)
        out.append(f'<p class="directors"><b>{role_label("director", len(directors))}:</b> '
                   f"{names}</p>")
    still = film.primary_still
    if image and still is not None:
        alt = escape(still.alt_text or still.caption or film.title)
        out.append(f'<p><img src="{escape(image)}" width="{STILL_WIDTH}" alt="{alt}"></p>')
        caption = " — ".join(escape(x) for x in (still.caption, still.credit) if x)
        if caption:
            out.append(f'<p class="muted">{caption}</p>')
    if film.synopsis.strip():
        out.append(f'<div class="synopsis">{_paragraphs(film.synopsis)}</div>')
    for q in film.quotes:
        if not q.text.strip():
            continue
        who = ", ".join(p for p in (q.attribution, q.source) if p)
        out.append('<blockquote class="quote">' + _paragraphs(q.text)
                   + (f'<p class="muted">\u2014 {escape(who)}</p>' if who else "")
                   + "</blockquote>")
    if source_line:
        out.append(f'<p class="muted">{escape(source_line)}</p>')
    out.append(_facts(film))
    if see_also:
        out.append('<h3>See also\u2026</h3><div class="see-also">')
        for f in see_also:
            place = country_year(f.countries, f.year)
            short = synopsis_teaser(f.synopsis)
            out.append(f"<p><b>{link(RecordKind.FILM, f.id, f.title)}</b>"
                       + (f'<br><span class="film-meta muted">{escape(place)}</span>'
                          if place else "")
                       + (f'<br><span class="teaser">{escape(short)}</span>' if short else "")
                       + "</p>")
        out.append("</div>")
    if film.lists:
        names = ", ".join(link(RecordKind.LIST, cid, title) for cid, title in film.lists)
        out.append(f"<h3>On lists</h3><p>{names}</p>")
    return "".join(out)


def _facts(film: FilmRecord) -> str:
    """Credits, details (runtime, format, languages...) and awards under the text."""
    rows: list[tuple[str, str]] = []
    for label, credits in credit_groups(film):
        rows.append((label, ", ".join(
            link(RecordKind.PERSON, c.person_id, c.person_name)
            + (f" ({escape(c.character)})" if c.character else "") for c in credits)))
    rows += [(label, escape(value)) for label, value in film_details(film)]
    if film.kind:
        rows.append(("Kind", escape(film.kind.capitalize())))
    for a in film.awards:
        rows.append(("Award", escape(f"{a.name}, {a.edition_label}"
                                     + (" (nominated)" if a.result == "nominated" else ""))))
    if film.stills:
        rows.append(("Stills", str(len(film.stills))))
    if not rows:
        return ""
    body = "".join(f'<tr><td class="key">{escape(k)}</td><td>{v}</td></tr>' for k, v in rows)
    return f'<table class="facts">{body}</table>'


def person_html(person: PersonRecord) -> str:
    out = [f"<h1>{escape(person.name)}</h1>", _state(person.state)]
    about = ", ".join(p for p in (person.country,
                                  life_years(person.birth_year, person.death_year)) if p)
    if about:
        out.append(f'<p class="line">{escape(about)}</p>')
    if person.variants:
        out.append(f'<p class="muted">Also written: {escape(", ".join(person.variants))}</p>')
    out.append(_paragraphs(person.biography))
    if person.filmography:
        out.append("<h3>Films</h3><p>")
        out.append("<br>".join(
            link(RecordKind.FILM, fid, title) + escape(f" ({year})" if year else "")
            + f' <span class="muted">{escape(role)}</span>'
            for fid, title, year, role in person.filmography))
        out.append("</p>")
    return "".join(out)


def films_screened(films: Sequence[FilmRow], total: int) -> str:
    """The films of an edition or a section: each title with its Country, Year and director."""
    if not films:
        return ""
    lines = []
    for f in films:
        facts = ", ".join(p for p in (f.countries, str(f.year or "")) if p)
        by = f"; {f.directors}" if f.directors else ""
        lines.append(link(RecordKind.FILM, f.id, f.title)
                     + (f' <span class="muted">{escape(facts + by)}</span>' if facts or by
                        else ""))
    more = (f'<br><span class="muted">and {total - len(films):,} more in the list</span>'
            if total > len(films) else "")
    return "<h3>Films screened</h3><p>" + "<br>".join(lines) + more + "</p>"


def edition_html(edition: EditionRecord, festival: FestivalRecord | None = None,
                 films: Sequence[FilmRow] = (), total: int = 0) -> str:
    out = [f"<h1>{escape(edition.label)}</h1>", _state(edition.state)]
    facts = [edition.festival_name]
    if edition.number:
        facts.append(f"edition {edition.number}")
    if edition.starts_on and edition.ends_on:
        facts.append(f"{edition.starts_on:%-d %B} \u2013 {edition.ends_on:%-d %B %Y}")
    out.append(f'<p class="line">{escape(", ".join(facts))}</p>')
    out.append(_paragraphs(edition.intro))
    out.append(f"<p>{_films(edition.film_count)} screened.</p>" if edition.film_count else "")
    if edition.sections:
        out.append("<h3>Sections</h3><p>" + "<br>".join(
            link(RecordKind.SECTION, s.id, s.name)
            + f' <span class="muted">{_films(s.film_count)}</span>'
            for s in edition.sections) + "</p>")
    out.append(films_screened(films, total))
    return "".join(out)


def section_html(edition: EditionRecord, section_id: int, films: Sequence[FilmRow] = (),
                 total: int = 0) -> str:
    section = next(s for s in edition.sections if s.id == section_id)
    return "".join([
        f"<h1>{escape(section.name)}</h1>",
        f'<p class="line">{link(RecordKind.EDITION, edition.id, edition.label)}</p>',
        _paragraphs(section.description),
        f"<p>{_films(section.film_count)}.</p>" if section.film_count else "",
        films_screened(films, total),
    ])


def festival_html(festival: FestivalRecord) -> str:
    place = ", ".join(p for p in (festival.city, festival.country) if p)
    out = [f"<h1>{escape(festival.name)}</h1>"]
    if place:
        out.append(f'<p class="line">{escape(place)}</p>')
    out.append(_paragraphs(festival.description))
    if festival.editions:
        out.append("<h3>Editions</h3><p>" + "<br>".join(
            link(RecordKind.EDITION, e.id, e.label)
            + f' <span class="muted">{_films(e.film_count)}</span>'
            for e in festival.editions) + "</p>")
    return "".join(out)


def list_html(collection: CollectionRecord) -> str:
    out = [f"<h1>{escape(collection.title)}</h1>", _state(collection.state)]
    if collection.curator:
        out.append(f'<p class="line">Curated by {escape(collection.curator)}</p>')
    out.append(_paragraphs(collection.introduction))
    if collection.items:
        out.append("<ol>" + "".join(
            f"<li>{link(RecordKind.FILM, i.film_id, i.title)}"
            + escape(f" ({i.year})" if i.year else "")
            + (f'<br><span class="muted">{escape(i.note)}</span>' if i.note else "") + "</li>"
            for i in collection.items) + "</ol>")
    return "".join(out)
