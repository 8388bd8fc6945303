"""Updating a film already in the archive with what an import knows of it.

Values the import gives replace the film's; countries, languages and genres are
replaced as lists; titles, credits, quotes, ids and screenings the film lacks
are added, and nothing is taken away. Every change is recorded for undo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update

from curator.catalog.changes import RowChange
from curator.catalog.unit import TABLES
from curator.model.entities import utcnow

if TYPE_CHECKING:
    from curator.catalog.importing import FilmImport


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
        for table, wanted in (("film_country", film.countries),
                              ("film_language", film.languages), ("film_genre", film.genres)):
            changed |= self._replace_values(fid, table, wanted)
        changed |= self._add_missing(fid, item)
        if changed:
            after = {**before, **values, "version": before["version"] + 1,
                     "updated_at": utcnow()}
            conn.execute(update(t["film"]).where(t["film"].c.id == fid).values(
                **{k: after[k] for k in (*values, "version", "updated_at")}))
            self.extra.append(RowChange("film", (fid,), before, after))
            self.touched.add(fid)
        return changed

    def _replace_values(self, fid: int, table: str, wanted: tuple[str, ...]) -> bool:
        wanted_list = list(dict.fromkeys(v.strip() for v in wanted if v.strip()))
        if not wanted_list:
            return False
        t = TABLES[table]
        current = [dict(r) for r in self.conn.execute(
            select(t).where(t.c.film_id == fid).order_by(t.c.position)).mappings()]
        if [r["name"] for r in current] == wanted_list:
            return False
        self.conn.execute(delete(t).where(t.c.film_id == fid))
        self.extra.extend(RowChange(table, (r["id"],), r, None) for r in current)
        for pos, name in enumerate(wanted_list):
            self.rows.add(table, film_id=fid, position=pos, name=name)
        return True

    def _add_missing(self, fid: int, item: FilmImport) -> bool:
        """Add the parts the import knows and the film lacks; nothing is taken away."""
        film, conn, t = item.film, self.conn, TABLES
        changed = False
        alt = t["alt_title"]
        have_alt = {r.title.casefold(): r.position for r in conn.execute(
            select(alt.c.title, alt.c.position).where(alt.c.film_id == fid))}
        pos = max(have_alt.values(), default=-1) + 1
        for title in dict.fromkeys(a.strip() for a in film.alt_titles if a.strip()):
            if title.casefold() not in have_alt:
                self.rows.add("alt_title", film_id=fid, position=pos, title=title, note="")
                have_alt[title.casefold()] = pos
                pos += 1
                changed = True
        credit = t["credit"]
        held = {(r.person_id, r.role) for r in conn.execute(
            select(credit.c.person_id, credit.c.role).where(credit.c.film_id == fid))}
        top = conn.execute(select(credit.c.position).where(credit.c.film_id == fid)
                           .order_by(credit.c.position.desc()).limit(1)).scalar()
        changed |= self._add_credits(fid, film.credits, held, (top if top is not None else -1) + 1)
        quote = t["quote"]
        have_quotes = {r.text.strip() for r in conn.execute(
            select(quote.c.text).where(quote.c.film_id == fid))}
        pos = len(have_quotes)
        for n, (text, attribution) in enumerate(film.quotes):
            if text.strip() and text.strip() not in have_quotes:
                source = item.quote_sources[n] if n < len(item.quote_sources) else ""
                self.rows.add("quote", film_id=fid, position=pos, text=text.strip(),
                              attribution=attribution.strip(), source=source.strip())
                have_quotes.add(text.strip())
                pos += 1
                changed = True
        ext = t["external_id"]
        have_ids = {(r.scheme.casefold(), r.value) for r in conn.execute(
            select(ext.c.scheme, ext.c.value).where(ext.c.film_id == fid))}
        for scheme, value in film.external_ids:
            if (scheme.casefold(), value.strip()) not in have_ids:
                self._add_external_id(fid, scheme, value)
                have_ids.add((scheme.casefold(), value.strip()))
                changed = True
        for ref in item.screenings:
            changed |= self._add_screening(fid, ref)
        return changed
