"""Operations on films and their parts: credits, quotes, screenings, titles, links."""

from __future__ import annotations

from dataclasses import fields as dc_fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from curator.catalog.addresses import follows_title, remember_address, remember_if_public
from curator.catalog.changes import Changes
from curator.catalog.core import (
    Operations,
    check_version,
    describe,
    get_row,
    set_fields,
)
from curator.catalog.film_edit import FILM_COLUMNS, FILM_PARTS, RECORD_COLUMNS, FilmEdit
from curator.catalog.naming import slugify, sort_title
from curator.catalog.records import (
    AwardRecord,
    FilmRecord,
    FilmRow,
    StillRecord,
)
from curator.catalog.search import film_rows
from curator.catalog.see_also import SEE_ALSO_LIMIT, SeeAlsoFilm, see_also
from curator.catalog.sources import forget_citations
from curator.catalog.validation import film_problems, raise_if
from curator.catalog.wording import edition_name
from curator.model import (
    Award,
    Collection,
    CollectionItem,
    Credit,
    Edition,
    Film,
    FilmAlias,
    FilmField,
    Person,
    Quote,
    RelatedFilm,
    Screening,
    Still,
)
from curator.model.entities import FilmId, utcnow
from curator.model.enums import PublicationState


def still_record(s: Still) -> StillRecord:
    return StillRecord(**{f.name: getattr(s, f.name) for f in dc_fields(StillRecord)})


def award_record(a: Award, session: Session) -> AwardRecord:
    film = session.get(Film, a.film_id) if a.film_id else None
    person = session.get(Person, a.person_id) if a.person_id else None
    edition = a.edition
    return AwardRecord(
        id=a.id,
        edition_id=a.edition_id,
        edition_label=edition_name(edition.festival.short_name, edition.festival.name,
                                   edition.year),
        name=a.name,
        film_id=a.film_id,
        film_title=film.title if film else "",
        person_id=a.person_id,
        person_name=person.name if person else "",
        result=a.result,
        version=a.version,
    )


def film_record(session: Session, film: Film) -> FilmRecord:
    awards = session.scalars(select(Award).where(Award.film_id == film.id).order_by(Award.id))
    lists = session.execute(
        select(Collection.id, Collection.title)
        .join(CollectionItem, CollectionItem.collection_id == Collection.id)
        .where(CollectionItem.film_id == film.id)
        .order_by(Collection.title)
    )
    return FilmRecord(
        **{c: getattr(film, c) for c in RECORD_COLUMNS},
        **{name: part.records(getattr(film, name)) for name, part in FILM_PARTS.items()},
        awards=tuple(award_record(a, session) for a in awards),
        stills=tuple(still_record(s) for s in film.stills),
        lists=tuple((row.id, row.title) for row in lists),
    )


_FILM_LOAD = (
    selectinload(Film.countries),
    selectinload(Film.languages),
    selectinload(Film.genres),
    selectinload(Film.alt_titles),
    selectinload(Film.credits).selectinload(Credit.person),
    selectinload(Film.quotes).selectinload(Quote.citation),
    selectinload(Film.screenings),
    selectinload(Film.external_ids),
    selectinload(Film.related),
    selectinload(Film.stills),
)


class Films(Operations):
    """Films and their parts: credits, quotes, screenings, titles, links."""

    def get(self, film_id: int) -> FilmRecord:
        """The film's record; the id of a film merged into another gives that film's."""
        with self.core.read() as session:
            film = session.scalars(
                select(Film).where(Film.id == film_id).options(*_FILM_LOAD)
            ).first()
            if film is None:
                alias = session.get(FilmAlias, film_id)
                film = session.scalars(
                    select(Film).where(Film.id == alias.film_id).options(*_FILM_LOAD)
                ).first() if alias is not None else None
            if film is None:
                get_row(session, Film, film_id, "film")
            return film_record(session, film)

    def resolve(self, film_id: int) -> int:
        """The film `film_id` is now: itself, or the film it was merged into."""
        from curator.catalog.film_merge import FilmMerge

        return FilmMerge(self.core).resolve(film_id)

    def merge(self, keep_id: int, other_id: int,
              choices: dict[str, str] | None = None) -> Changes:
        """Merge film `other_id` into `keep_id`, choosing field by field which value stays
        (catalog/film_merge.py); one step, undone whole."""
        from curator.catalog.film_merge import FilmMerge

        return FilmMerge(self.core).merge(keep_id, other_id, choices)

    def merge_rows(self, keep: FilmRecord, other: FilmRecord) -> list:
        """Two films' chosen fields side by side, the archive's own ones after the others,
        for the merge dialog."""
        from curator.catalog.film_merge import film_merge_rows

        with self.core.read() as session:
            fields = session.execute(select(FilmField.id, FilmField.name)
                                     .order_by(FilmField.position, FilmField.id)).all()
        return film_merge_rows(keep, other, [tuple(f) for f in fields])

    def get_many(self, film_ids: list[int]) -> list[FilmRecord]:
        """Several films at once, in the order asked (missing ones are left out).

        Read table by table rather than film by film: the export reads thousands.
        """
        from curator.catalog.export_reads import films_in_bulk

        return films_in_bulk(self.core, list(film_ids))

    def rows(self, film_ids: list[int]) -> list[FilmRow]:
        """The list pane's rows for these films, in the order given."""
        return film_rows(self.core, film_ids)

    def see_also(self, film_id: int, limit: int = SEE_ALSO_LIMIT, *,
                 published_only: bool = False) -> list[SeeAlsoFilm]:
        """The films a page of this film suggests; `published_only` for the public export."""
        return see_also(self.core, film_id, limit, published_only=published_only)

    def titled(self, title: str, year: int | None, *, besides: int | None = None
               ) -> list[tuple[int, str]]:
        """(id, title) of the films that read as `title` of the same year: the same film
        typed twice (catalog/same_film.py says when two titles are the same)."""
        from curator.catalog.same_film import SameFilms

        return SameFilms(self.core).titled(title, year, besides=besides)

    def records_in_state(self, state: PublicationState) -> list[FilmRecord]:
        """The records of every film in this publication state, in id order: the whole
        archive's in one query per table (the export's read)."""
        from curator.catalog.export_reads import films_by_state

        return films_by_state(self.core, state)

    def with_state(self, state: PublicationState) -> list[FilmId]:
        """Ids of every film in this publication state, in id order."""
        with self.core.read() as session:
            return list(session.scalars(select(Film.id).where(Film.state == state)
                                        .order_by(Film.id)))

    def create(self, title: str, edit: FilmEdit | None = None, **fields: Any) -> Changes:
        """A new film titled `title`, with what `edit` (or the keyword fields) sets.

        The keyword fields are a shorthand for a FilmEdit: a field a film does not have
        is a TypeError before anything is written.
        """
        edit = _one_edit(edit, fields)
        values = {**edit.values(), "title": title}
        raise_if(film_problems(values))
        columns = {k: v for k, v in values.items() if k in FILM_COLUMNS}
        with self.core.write(f"Create film {title.strip()}") as uow:
            film = Film(
                title=title.strip(),
                sort_title=columns.pop("sort_title", None) or sort_title(title),
                slug=columns.pop("slug", None) or slugify(title, "film"),
                state=columns.pop("state", PublicationState.DRAFT),
            )
            columns.pop("title")
            uow.session.add(film)
            set_fields(film, columns, FILM_COLUMNS)
            uow.session.flush()
            self._replace_parts(uow.session, film, edit.parts())
            uow.session.flush()
            uow.created_id = film.id
        return uow.changes

    def update(self, film_id: FilmId, version: int | None, edit: FilmEdit | None = None,
                    **fields: Any) -> Changes:
        """Change a film's fields and parts; refused if `version` is stale.

        Give a FilmEdit, or the fields as keywords, which are made into one (so a field a
        film does not have is a TypeError before anything is written).
        """
        edit = _one_edit(edit, fields)
        raise_if(film_problems(edit.values()))
        with self.core.write("Edit film") as uow:
            film = get_row(uow.session, Film, film_id, "film")
            check_version(film, version, film.title)
            name, slug = film.title, film.slug
            was_published = film.state == PublicationState.PUBLISHED
            # read before any column is set: a read after would flush the film early
            held = ({v.field_id: v.value for v in film.field_values}
                    if "field_values" in edit.parts() else {})
            columns = edit.columns()
            if "title" in columns:
                columns["title"] = columns["title"].strip()
                if "sort_title" not in columns and film.sort_title == sort_title(film.title):
                    columns["sort_title"] = sort_title(columns["title"])
                if "slug" not in columns and follows_title(film):
                    columns["slug"] = slugify(columns["title"], "film")
            changed = set_fields(film, columns, FILM_COLUMNS)
            remember_if_public(uow.session, film, slug, name, was_published)
            changed += self._replace_parts(uow.session, film, edit.parts())
            visible = [c for c in changed if c not in ("sort_title", "slug")] or changed
            if visible == ["field_values"]:  # "Change Print source of ...", not "field values"
                visible = _own_fields_changed(uow.session, held, film)
            uow.label = describe(visible, name)
            if changed:
                film.updated_at = utcnow()  # the film's version counts edits of its parts too
        return uow.changes

    def delete(self, film_id: int) -> Changes:
        with self.core.write("Delete film") as uow:
            film = get_row(uow.session, Film, film_id, "film")
            uow.label = f"Delete {film.title}"
            self._delete_film(uow.session, film)
        return uow.changes

    def delete_many(self, film_ids: list[int]) -> Changes:
        with self.core.write(f"Delete {len(film_ids)} films") as uow:
            for film_id in film_ids:
                self._delete_film(uow.session, get_row(uow.session, Film, film_id, "film"))
        return uow.changes

    def _delete_film(self, session: Session, film: Film) -> None:
        # Rows that point at the film from elsewhere go explicitly, so they are recorded.
        for entity, column in (
            (RelatedFilm, RelatedFilm.related_id),
            (CollectionItem, CollectionItem.film_id),
            (Award, Award.film_id),
        ):
            for row in session.scalars(select(entity).where(column == film.id)):
                session.delete(row)
        if film.state == PublicationState.PUBLISHED:  # its page becomes "no longer here"
            remember_address(session, film.id, film.slug, film.title)
        for edition in session.scalars(select(Edition).where(Edition.opening_film_id == film.id)):
            edition.opening_film_id = None
        forget_citations(session, film_id=film.id)
        session.delete(film)

    def deletion_impact(self, film_ids: list[int]) -> dict[str, int]:
        """What else deleting these films removes: stills, screenings, list entries, awards."""
        from sqlalchemy import func

        with self.core.read() as session:
            def count(entity: Any, column: Any) -> int:
                return session.scalar(select(func.count()).select_from(entity)
                                      .where(column.in_(film_ids))) or 0
            return {
                "stills": count(Still, Still.film_id),
                "screenings": count(Screening, Screening.film_id),
                "list entries": count(CollectionItem, CollectionItem.film_id),
                "awards": count(Award, Award.film_id),
            }

    # -- parts -------------------------------------------------------------------------
    def _replace_parts(self, session: Session, film: Film, parts: dict[str, Any]) -> list[str]:
        changed = []
        for name, value in parts.items():
            if self._replace_part(session, film, name, list(value)):
                changed.append(name)
        return changed

    def _replace_part(self, session: Session, film: Film, name: str, value: list) -> bool:
        part = FILM_PARTS[name]
        collection = getattr(film, name)
        current = [part.read(r) for r in collection]
        wanted = part.settle([part.tidy(v) for v in value])
        if current == wanted:
            return False
        if part.check is not None:
            part.check(lambda entity, ident, what: get_row(session, entity, ident, what),
                       film, wanted)
        for old in list(collection):
            session.delete(old)
        collection.clear()
        session.flush()  # old rows go before new ones take their unique keys
        for position, v in enumerate(wanted):
            collection.append(part.make(v, position))
        return True


def _own_fields_changed(session: Session, held: dict[int, str], film: Film) -> list[str]:
    """The names of the archive's own fields whose value the film changed."""
    now = {v.field_id: v.value for v in film.field_values}
    ids = sorted(i for i in held.keys() | now.keys() if held.get(i) != now.get(i))
    names = dict(session.execute(select(FilmField.id, FilmField.name)
                                 .where(FilmField.id.in_(ids))).all())
    return [names.get(i, "field values") for i in ids] or ["field_values"]


def _one_edit(edit: FilmEdit | None, fields: dict[str, Any]) -> FilmEdit:
    """The edit asked for: a FilmEdit, or keyword fields made into one (not both)."""
    if edit is not None and fields:
        raise TypeError("Give a FilmEdit or keyword fields, not both")
    return edit if edit is not None else FilmEdit(**fields)
