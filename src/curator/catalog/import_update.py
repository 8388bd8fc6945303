"""Updating a film already in the archive with what an import knows of it.

Values the import gives replace the film's; countries, languages and genres are
replaced as lists; titles, credits, quotes, ids and screenings the film lacks
are added, and nothing is taken away. Every change is recorded for undo.

Several rows of one file may update the same film (rows sharing an IMDb id, say). The
rows an import adds are written at its end, so what a film holds is kept here as the
import has left it: a later row sees what the earlier ones added (a credit is not added
twice; a later row's genres replace an earlier row's, as they replace the film's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update

from curator.catalog.changes import RowChange
from curator.catalog.unit import TABLES
from curator.model.entities import utcnow

if TYPE_CHECKING:
    from curator.catalog.importing import FilmImport


@dataclass
class HeldParts:
    """What a film in the archive holds of the parts an import adds to, as the import has
    left it so far (its own rows included, before they are written)."""

    alt_titles: dict[str, int]  # casefolded title -> position
    credits: set[tuple[int, str]]  # (person, role)
    next_credit: int
    quotes: set[str]
    ids: set[tuple[str, str]]  # (scheme casefolded, value)
    # countries, languages, genres: the names the film has now, once a row has given some
    values: dict[str, list[str]] = field(default_factory=dict)
    queued: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)  # our rows of them


class UpdatingFilms:
    """The update half of an import run (mixed into it: it shares the run's state)."""

    def _update(self, fid: int, item: FilmImport) -> bool:
        film, conn, t = item.film, self.conn, TABLES
        before = dict(conn.execute(select(t["film"]).where(t["film"].c.id == fid))
                      .mappings().one())
        values: dict[str, Any] = {}
        for name in ("original_title", "year", "runtime", "kind", "format", "colour",
                     "synopsis"):
            new = getattr(film, name)
            if isinstance(new, str):
                new = new.strip()
            if new not in (None, "") and new != before[name]:
                values[name] = new
        if item.sets_state and film.state != before["state"]:
            values["state"] = film.state
        if film.notes.strip() and film.notes.strip() not in before["notes"]:
            values["notes"] = "\n\n".join(x for x in (before["notes"], film.notes.strip()) if x)
        changed = bool(values)
        held = self._held(fid)
        for table, wanted in (("film_country", film.countries),
                              ("film_language", film.languages), ("film_genre", film.genres)):
            changed |= self._replace_values(fid, table, wanted, held)
        changed |= self._add_missing(fid, item, held)
        if changed:
            after = {**before, **values, "version": before["version"] + 1,
                     "updated_at": utcnow()}
            conn.execute(update(t["film"]).where(t["film"].c.id == fid).values(
                **{k: after[k] for k in (*values, "version", "updated_at")}))
            self.extra.append(RowChange("film", (fid,), before, after))
            self.touched.add(fid)
        return changed

    def _held(self, fid: int) -> HeldParts:
        """What the film holds: read from the archive at its first update in this import,
        kept up to date by this import after that."""
        held = self.held.get(fid)
        if held is not None:
            return held
        conn, t = self.conn, TABLES
        alt, credit, quote, ext = t["alt_title"], t["credit"], t["quote"], t["external_id"]
        top = conn.execute(select(credit.c.position).where(credit.c.film_id == fid)
                           .order_by(credit.c.position.desc()).limit(1)).scalar()
        held = self.held[fid] = HeldParts(
            alt_titles={r.title.casefold(): r.position for r in conn.execute(
                select(alt.c.title, alt.c.position).where(alt.c.film_id == fid))},
            credits={(r.person_id, r.role) for r in conn.execute(
                select(credit.c.person_id, credit.c.role).where(credit.c.film_id == fid))},
            next_credit=(top if top is not None else -1) + 1,
            quotes={r.text.strip() for r in conn.execute(
                select(quote.c.text).where(quote.c.film_id == fid))},
            ids={(r.scheme.casefold(), r.value) for r in conn.execute(
                select(ext.c.scheme, ext.c.value).where(ext.c.film_id == fid))})
        return held

    def _replace_values(self, fid: int, table: str, wanted: tuple[str, ...],
                        held: HeldParts) -> bool:
        wanted_list = list(dict.fromkeys(v.strip() for v in wanted if v.strip()))
        if not wanted_list:
            return False
        queued = self.rows.by_table.setdefault(table, [])
        if table not in held.values:  # the first row to give them: the archive's are replaced
            t = TABLES[table]
            current = [dict(r) for r in self.conn.execute(
                select(t).where(t.c.film_id == fid).order_by(t.c.position)).mappings()]
            held.values[table] = [r["name"] for r in current]
            if held.values[table] == wanted_list:
                return False
            self.conn.execute(delete(t).where(t.c.film_id == fid))
            self.extra.extend(RowChange(table, (r["id"],), r, None) for r in current)
        elif held.values[table] == wanted_list:
            return False
        else:  # an earlier row of this file gave others: they are not written after all
            for row in held.queued.pop(table, []):
                queued.remove(row)
        mine = held.queued[table] = []
        for pos, name in enumerate(wanted_list):
            self.rows.add(table, film_id=fid, position=pos, name=name)
            mine.append(queued[-1])
        held.values[table] = wanted_list
        return True

    def _add_missing(self, fid: int, item: FilmImport, held: HeldParts) -> bool:
        """Add the parts the import knows and the film lacks; nothing is taken away."""
        film = item.film
        changed = False
        have_alt = held.alt_titles
        pos = max(have_alt.values(), default=-1) + 1
        for title in dict.fromkeys(a.strip() for a in film.alt_titles if a.strip()):
            if title.casefold() not in have_alt:
                self.rows.add("alt_title", film_id=fid, position=pos, title=title, note="")
                have_alt[title.casefold()] = pos
                pos += 1
                changed = True
        before = len(held.credits)
        self._add_credits(fid, film.credits, held.credits, held.next_credit)
        held.next_credit += len(held.credits) - before
        changed |= len(held.credits) > before
        have_quotes = held.quotes
        pos = len(have_quotes)
        for n, (text, attribution) in enumerate(film.quotes):
            if text.strip() and text.strip() not in have_quotes:
                source = item.quote_sources[n] if n < len(item.quote_sources) else ""
                self.rows.add("quote", film_id=fid, position=pos, text=text.strip(),
                              attribution=attribution.strip(), source=source.strip())
                have_quotes.add(text.strip())
                pos += 1
                changed = True
        have_ids = held.ids
        for scheme, value in film.external_ids:
            if (scheme.casefold(), value.strip()) not in have_ids:
                self._add_external_id(fid, scheme, value)
                have_ids.add((scheme.casefold(), value.strip()))
                changed = True
        for ref in item.screenings:
            changed |= self._add_screening(fid, ref)
        return changed
