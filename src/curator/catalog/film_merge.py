"""Merging two records of one film: field by field, the archivist chooses which value
stays, the archive's own fields ("Shelf mark") too; everything either film has (credits,
screenings, awards, quotes, stills, list entries, related films, titles, external ids,
cited sources) is kept, once. The merged-away film's id becomes an alias of the film it
was merged into, so links and commands that name it, and its public addresses, lead there.

One unit of work: undoing it brings both films back exactly as they were.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from curator.catalog.addresses import follows_title, remember_address, remember_if_public
from curator.catalog.changes import Changes
from curator.catalog.core import Operations, get_row
from curator.catalog.errors import Conflict, ValidationError
from curator.catalog.matching import fold
from curator.catalog.naming import slugify, sort_title
from curator.catalog.records import FilmRecord
from curator.model import (
    AltTitle,
    Award,
    Citation,
    CollectionItem,
    Credit,
    Edition,
    ExternalId,
    Film,
    FilmAlias,
    FilmCountry,
    FilmField,
    FilmFieldValue,
    FilmGenre,
    FilmLanguage,
    Quote,
    RelatedFilm,
    Screening,
    Still,
)
from curator.model.entities import utcnow
from curator.model.enums import PublicationState

KEEP, OTHER = "keep", "other"
# The fields whose value the archivist chooses, with their names in the dialog, in order.
CHOSEN_FIELDS = {
    "title": "Title", "original_title": "Original title", "year": "Year",
    "runtime": "Runtime", "kind": "Kind", "format": "Format", "colour": "Colour",
    "countries": "Countries", "languages": "Languages", "genres": "Genres",
    "synopsis": "Synopsis", "notes": "Notes", "state": "State",
}  # fmt: skip
_VALUE_ROWS = {"countries": FilmCountry, "languages": FilmLanguage, "genres": FilmGenre}


@dataclass(frozen=True)
class MergeRow:
    """One row of a side-by-side merge: a field, each record's value as it reads, and
    which one stays unless the archivist says otherwise."""

    field: str
    label: str
    keep: str
    other: str
    default: str  # KEEP or OTHER

    @property
    def differs(self) -> bool:
        return self.keep != self.other


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def choice_key(name: str) -> str:
    """A field as a merge's choices name it: `original_title`, `shelf_mark` (typed as
    "Shelf mark", "shelf-mark" or "shelf_mark")."""
    return re.sub(r"[\s\-]+", "_", name.strip()).lower()


def archive_field_keys(fields: Iterable[tuple[int, str]]) -> dict[str, tuple[int, str]]:
    """The archive's own fields by their key in a merge's choices, each with its id and
    name; `field:KEY` for one named like a field every film has ("Notes")."""
    keys = {}
    for field_id, name in fields:
        key = choice_key(name)
        keys[f"field:{key}" if key in CHOSEN_FIELDS else key] = (field_id, name)
    return keys


def film_merge_rows(keep: FilmRecord, other: FilmRecord,
                    fields: Iterable[tuple[int, str]] = ()) -> list[MergeRow]:
    """The chosen fields of two films side by side, then the archive's own fields
    (`fields`: id and name, in the form's order) that either film holds; by default the
    kept film's value stays, unless it is empty and the other's is not."""
    rows = []
    for name, label in CHOSEN_FIELDS.items():
        mine, theirs = _text(getattr(keep, name)), _text(getattr(other, name))
        if name == "runtime":
            mine, theirs = (f"{v} min" if v else "" for v in (mine, theirs))
        rows.append(MergeRow(name, label, mine, theirs,
                             OTHER if not mine.strip() and theirs.strip() else KEEP))
    kept = {v.field_id: v.value for v in keep.field_values}
    others = {v.field_id: v.value for v in other.field_values}
    for key, (field_id, label) in archive_field_keys(fields).items():
        mine, theirs = kept.get(field_id, ""), others.get(field_id, "")
        if mine or theirs:
            rows.append(MergeRow(key, label, mine, theirs,
                                 OTHER if not mine.strip() and theirs.strip() else KEEP))
    return rows


def film_kept_rows(keep: FilmRecord, other: FilmRecord) -> list[tuple[str, str, str]]:
    """What both films have and the merge keeps all of, as (what, this film's, the other's)
    counts: "3 credits"."""
    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}" if count else "none"

    parts = (("Credits", "credits", "credit", "credits"),
             ("Screenings", "screenings", "screening", "screenings"),
             ("Awards", "awards", "award", "awards"),
             ("Quotes", "quotes", "quote", "quotes"),
             ("Stills", "stills", "still", "stills"),
             ("Lists", "lists", "list", "lists"),
             ("See also", "related", "film", "films"),
             ("Other titles", "alt_titles", "title", "titles"),
             ("External ids", "external_ids", "id", "ids"))
    return [(label, n(len(getattr(keep, attr)), one, many),
             n(len(getattr(other, attr)), one, many)) for label, attr, one, many in parts]


def read_choices(given: Mapping[str, str], fields: Mapping[str, str] = CHOSEN_FIELDS
                 ) -> dict[str, str]:
    """Choices as a user gave them (`title=other`): each a field that can be chosen, and
    `keep` or `other`; anything else is one clear line."""
    choices = {}
    for name, side in given.items():
        field = choice_key(name)
        if field not in fields:
            raise ValidationError({name: (
                f"\u201c{name}\u201d is not a field a merge chooses; choose among "
                f"{', '.join(f.replace('_', '-') for f in fields)}.")})
        if side.strip().lower() not in (KEEP, OTHER):
            raise ValidationError({name: f"{name}={side}: say {name}=other or {name}=keep."})
        choices[field] = side.strip().lower()
    return choices


class FilmMerge(Operations):
    """Merge two films into one, and follow a merged-away film's id to the film it became."""

    def resolve(self, film_id: int) -> int:
        """The film `film_id` is now: itself, or the film it was merged into (the id as
        given when there is neither, so the caller's "no film" message names it)."""
        with self.core.read() as session:
            if session.get(Film, film_id) is not None:
                return film_id
            alias = session.get(FilmAlias, film_id)
            return alias.film_id if alias is not None else film_id

    def rows(self, keep: FilmRecord, other: FilmRecord) -> list[MergeRow]:
        return film_merge_rows(keep, other)

    def merge(self, keep_id: int, other_id: int,
              choices: Mapping[str, str] | None = None) -> Changes:
        """Merge film `other_id` into `keep_id`; `choices` say, field by field, which
        film's value stays (KEEP or OTHER; by default the kept film's, unless empty)."""
        if keep_id == other_id:
            raise Conflict("Choose two different films to merge.")
        with self.core.write("Merge films") as uow:
            s = uow.session
            own = archive_field_keys(s.execute(select(FilmField.id, FilmField.name)
                                               .order_by(FilmField.position, FilmField.id)))
            chosen = read_choices(choices or {}, {**CHOSEN_FIELDS, **own})
            keep = get_row(s, Film, keep_id, "film")
            other = get_row(s, Film, other_id, "film")
            uow.label = f"Merge {other.title} into {keep.title}"
            slug, title = keep.slug, keep.title
            was_published = keep.state == PublicationState.PUBLISHED
            if other.state == PublicationState.PUBLISHED:
                remember_address(s, other.id, other.slug, other.title)
            titles = [keep.title, other.title]
            _choose_fields(s, keep, other, chosen)
            _choose_archive_fields(s, keep, other, chosen, own)
            _move_parts(s, keep, other, titles)
            for alias in s.scalars(select(FilmAlias).where(FilmAlias.film_id == other.id)):
                alias.film_id = keep.id  # a film merged into `other` before leads on here
            s.add(FilmAlias(id=other.id, film_id=keep.id))
            s.flush()
            s.expire(other)  # its parts have moved: deleting it must not take them along
            s.delete(other)
            s.flush()
            s.refresh(keep)  # its parts read again, with what moved to it
            remember_if_public(s, keep, slug, title, was_published)
            keep.updated_at = utcnow()
        return uow.changes


def _choose_fields(s: Session, keep: Film, other: Film, chosen: dict[str, str]) -> None:
    for name in CHOSEN_FIELDS:
        side = chosen.get(name)
        if side is None:
            mine, theirs = getattr(keep, name), getattr(other, name)
            if name in _VALUE_ROWS:
                mine, theirs = [v.name for v in mine], [v.name for v in theirs]
            side = OTHER if (mine in (None, "", []) and theirs not in (None, "", [])) else KEEP
        if side == KEEP:
            continue
        if name in _VALUE_ROWS:
            for row in list(getattr(keep, name)):
                s.delete(row)
            for row in list(getattr(other, name)):
                row.film_id = keep.id
            continue
        value = getattr(other, name)
        if name == "title":
            if keep.sort_title == sort_title(keep.title):
                keep.sort_title = sort_title(value)
            if follows_title(keep):
                keep.slug = slugify(value, "film")
        setattr(keep, name, value)


def _choose_archive_fields(s: Session, keep: Film, other: Film, chosen: dict[str, str],
                           own: dict[str, tuple[int, str]]) -> None:
    """The archive's own fields, chosen as the others: the other film's value is copied to
    the kept film (its own row goes with the other film, as Undo brings it back)."""
    mine = {v.field_id: v for v in keep.field_values}
    theirs = {v.field_id: v for v in other.field_values}
    for key, (field_id, _name) in own.items():
        kept, taken = mine.get(field_id), theirs.get(field_id)
        side = chosen.get(key)
        if side is None:
            empty = kept is None or not kept.value.strip()
            side = OTHER if empty and taken is not None and taken.value.strip() else KEEP
        if side == KEEP:
            continue
        if taken is None:
            if kept is not None:
                keep.field_values.remove(kept)
        elif kept is None:
            keep.field_values.append(FilmFieldValue(field_id=field_id, value=taken.value))
        else:
            kept.value = taken.value
    s.flush()


def _move_parts(s: Session, keep: Film, other: Film, titles: list[str]) -> None:
    """Everything the other film has moves to the kept one, where it is not there already."""
    def owned(entity, column=None):  # noqa: ANN001, ANN202
        column = column if column is not None else entity.film_id
        return list(s.scalars(select(entity).where(column == other.id).order_by(entity.id)))

    def last(entity) -> int:  # noqa: ANN001
        return max((r.position for r in s.scalars(select(entity).where(
            entity.film_id == keep.id))), default=-1) + 1

    held = {(c.person_id, c.role, c.character) for c in keep.credits}
    start = last(Credit)
    for credit in owned(Credit):
        key = (credit.person_id, credit.role, credit.character)
        if key in held:
            s.delete(credit)
        else:
            held.add(key)
            credit.film_id, credit.position = keep.id, start + credit.position
    known = {fold(t.title) for t in keep.alt_titles}
    start = last(AltTitle)
    for alt in owned(AltTitle):
        if fold(alt.title) in known | {fold(keep.title)}:
            s.delete(alt)
        else:
            known.add(fold(alt.title))
            alt.film_id, alt.position = keep.id, start + alt.position
    # the title that does not stay stays findable, as another title of the film
    s.flush()
    for text in titles:
        if fold(text) not in known | {fold(keep.title)} and text.strip():
            known.add(fold(text))
            s.add(AltTitle(film_id=keep.id, title=text, note="title before a merge",
                           position=last(AltTitle)))
            s.flush()
    said = {" ".join(q.text.split()) for q in keep.quotes}
    start = last(Quote)
    for quote in owned(Quote):
        if " ".join(quote.text.split()) in said:
            s.delete(quote)
        else:
            said.add(" ".join(quote.text.split()))
            quote.film_id, quote.position = keep.id, start + quote.position
    shown = {(r.edition_id, r.section_id): r for r in keep.screenings}
    for screening in owned(Screening):
        kept = shown.get((screening.edition_id, screening.section_id))
        if kept is not None:
            # one appearance: its showings are the two films' together, each day once
            days = {(w.day, w.time, w.venue.casefold()) for w in kept.showings}
            for w in list(screening.showings):
                if (w.day, w.time, w.venue.casefold()) not in days:
                    days.add((w.day, w.time, w.venue.casefold()))
                    screening.showings.remove(w)
                    w.position = len(kept.showings)
                    kept.showings.append(w)
            s.flush()
            s.delete(screening)
        else:
            shown[(screening.edition_id, screening.section_id)] = screening
            screening.film_id = keep.id
    ids = {(e.scheme.casefold(), e.value.strip()) for e in keep.external_ids}
    for ext in owned(ExternalId):
        if (ext.scheme.casefold(), ext.value.strip()) in ids:
            s.delete(ext)
        else:
            ids.add((ext.scheme.casefold(), ext.value.strip()))
            ext.film_id = keep.id
    linked = {r.related_id for r in keep.related}
    start = last(RelatedFilm)
    for link in owned(RelatedFilm):
        if link.related_id in linked or link.related_id == keep.id:
            s.delete(link)
        else:
            linked.add(link.related_id)
            link.film_id, link.position = keep.id, start + link.position
    for link in owned(RelatedFilm, RelatedFilm.related_id):
        pointing = s.scalar(select(RelatedFilm.id).where(RelatedFilm.film_id == link.film_id,
                                                         RelatedFilm.related_id == keep.id))
        if link.film_id == keep.id or pointing is not None:
            s.delete(link)
        else:
            link.related_id = keep.id
    has_primary = any(st.is_primary for st in keep.stills)
    start = last(Still)
    for still in owned(Still):
        still.film_id, still.position = keep.id, start + still.position
        if has_primary and still.is_primary:
            still.is_primary = False
    for award in owned(Award):
        award.film_id = keep.id
    listed = {i.collection_id: i for i in s.scalars(select(CollectionItem).where(
        CollectionItem.film_id == keep.id))}
    for item in owned(CollectionItem):
        mine = listed.get(item.collection_id)
        if mine is None:
            item.film_id = keep.id
        else:
            if not mine.note.strip() and item.note.strip():
                mine.note = item.note
            s.delete(item)
    for edition in s.scalars(select(Edition).where(Edition.opening_film_id == other.id)):
        edition.opening_film_id = keep.id
    for citation in owned(Citation):
        citation.film_id = keep.id
