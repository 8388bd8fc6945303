"""Find and replace in one field of many films: titles, original titles, synopses, notes,
quotes, or the names of the people they credit.

`plan_replace` lists every change, before and after, and writes nothing; the desk
shows the list with a tick for each, the command line prints it. `apply_replace`
writes the ticked ones as one undo step, refusing any whose text has changed since.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from curator.catalog.changes import Changes
from curator.catalog.core import Operations, get_row
from curator.catalog.errors import StaleVersion, ValidationError
from curator.catalog.naming import sort_name, sort_title
from curator.catalog.text import clean_text
from curator.catalog.validation import film_problems, person_problems
from curator.model import Credit, Film, Person, Quote

# field -> (what it is called, in the singular and the plural)
FIELDS = {
    "title": ("title", "titles"),
    "original_title": ("original title", "original titles"),
    "synopsis": ("synopsis", "synopses"),
    "notes": ("note", "notes"),
    "quotes": ("quote", "quotes"),
    "people": ("person's name", "people's names"),
}
FIELD_NAMES = {"original-title": "original_title", "original": "original_title",
               "note": "notes", "quote": "quotes", "person": "people", "names": "people",
               "name": "people"}
_CHUNK = 500


@dataclass(frozen=True)
class ReplaceRule:
    """What to look for and what to put instead; `old` is a regular expression if asked."""

    field: str
    old: str
    new: str
    whole_word: bool = False
    match_case: bool = False
    regex: bool = False

    def pattern(self) -> re.Pattern[str]:
        if not self.old:
            raise ValidationError({"old": "Say what to look for."})
        text = self.old if self.regex else re.escape(self.old)
        if self.whole_word:
            text = rf"(?<!\w)(?:{text})(?!\w)"
        try:
            return re.compile(text, 0 if self.match_case else re.IGNORECASE)
        except re.error as exc:
            raise ValidationError({"old": f"\u201c{self.old}\u201d is not a regular "
                                   f"expression Curator can read: {exc}."}) from None

    def replaced(self, pattern: re.Pattern[str], text: str) -> str:
        if self.regex:
            return pattern.sub(self.new, text)
        return pattern.sub(lambda _m: self.new, text)  # a "\1" typed is meant literally


@dataclass(frozen=True)
class Replacement:
    """One text that would change: where it is, and it before and after."""

    table: str  # "film", "quote" or "person"
    row_id: int
    film_id: int | None  # the film it belongs to (None for a person)
    record: str  # the film's title or the person's name, to show beside it
    before: str
    after: str


def field_of(name: str) -> str:
    """The field a typed name means, or a ValidationError listing them."""
    key = name.strip().lower().replace(" ", "_")
    key = FIELD_NAMES.get(key.replace("_", "-"), FIELD_NAMES.get(key, key))
    if key not in FIELDS:
        raise ValidationError({"field": f"\u201c{name}\u201d cannot be searched and replaced; "
                               f"these can: {', '.join(f.replace('_', '-') for f in FIELDS)}."})
    return key


class Replacing(Operations):
    """Find and replace over a set of films."""

    def plan(self, film_ids: Sequence[int], rule: ReplaceRule) -> list[Replacement]:
        """Every text of `rule.field` in these films that would change, in film order."""
        pattern = rule.pattern()
        field = field_of(rule.field)
        found: list[Replacement] = []
        ids = sorted(set(film_ids))
        with self.core.read() as session:
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start:start + _CHUNK]
                for table, row_id, film_id, record, text in self._texts(session, field, chunk):
                    if text and pattern.search(text):
                        after = rule.replaced(pattern, text)
                        if after != text:
                            found.append(Replacement(table, row_id, film_id, record, text,
                                                     after))
        if field == "people":  # one person credited on several films is one change
            found = list({r.row_id: r for r in found}.values())
        return found

    @staticmethod
    def _texts(session, field: str, chunk: list[int]):  # noqa: ANN001, ANN205
        if field in ("title", "original_title", "synopsis", "notes"):
            column = getattr(Film, field)
            for fid, title, text in session.execute(
                    select(Film.id, Film.title, column).where(Film.id.in_(chunk))
                    .order_by(Film.sort_title, Film.id)):
                yield "film", fid, fid, title, text
        elif field == "quotes":
            for qid, fid, title, text in session.execute(
                    select(Quote.id, Quote.film_id, Film.title, Quote.text)
                    .join(Film, Film.id == Quote.film_id).where(Quote.film_id.in_(chunk))
                    .order_by(Film.sort_title, Quote.position)):
                yield "quote", qid, fid, title, text
        else:
            for pid, name in session.execute(
                    select(Person.id, Person.name).where(Person.id.in_(
                        select(Credit.person_id).where(Credit.film_id.in_(chunk))))
                    .order_by(Person.sort_name)):
                yield "person", pid, None, name, name

    def apply(self, rule: ReplaceRule, replacements: Sequence[Replacement]) -> Changes:
        """Write these replacements (the ticked ones of a plan) as one undo step, named
        "Replace “USSR” with “Soviet Union” in 12 titles"."""
        field = field_of(rule.field)
        singular, plural = FIELDS[field]
        n = len(replacements)
        label = (f"Replace \u201c{_short(rule.old)}\u201d with \u201c{_short(rule.new)}\u201d "
                 f"in {n:,} {singular if n == 1 else plural}")
        with self.core.write(label) as uow:
            session = uow.session
            for r in replacements:
                after = clean_text(r.after)
                if r.table == "film":
                    film = get_row(session, Film, r.row_id, "film")
                    self._still_reads(getattr(film, field), r, film.title)
                    if field == "title":
                        problems = film_problems({"title": after})
                        if problems:
                            raise ValidationError({"title": f"{r.before}: {problems['title']}"})
                        after = after.strip()
                        if film.sort_title == sort_title(film.title):
                            film.sort_title = sort_title(after)
                    setattr(film, field, after)
                elif r.table == "quote":
                    quote = get_row(session, Quote, r.row_id, "quote")
                    self._still_reads(quote.text, r, r.record)
                    quote.text = after
                else:
                    person = get_row(session, Person, r.row_id, "person")
                    self._still_reads(person.name, r, person.name)
                    problems = person_problems({"name": after})
                    if problems:
                        raise ValidationError({"name": f"{r.before}: {problems['name']}"})
                    if person.sort_name == sort_name(person.name):
                        person.sort_name = sort_name(after.strip())
                    person.name = after.strip()
        return uow.changes

    @staticmethod
    def _still_reads(now: str, r: Replacement, name: str) -> None:
        if now != r.before:
            raise StaleVersion(f"\u201c{name}\u201d was changed since the replacements were "
                               "listed; list them again.")


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "\u2026"
