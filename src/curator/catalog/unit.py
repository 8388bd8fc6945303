"""One unit of work per user action: a session, its recorded row changes, one transaction.

The recorder listens to the session's flushes and keeps, for every row touched,
its values before and after; `apply_inverse` writes such a record backwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, event, insert, inspect, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from curator.catalog.changes import BOOKKEEPING, Changes, RowChange, merge_rows
from curator.catalog.errors import Conflict, StaleVersion
from curator.model import Base
from curator.model.entities import utcnow
from curator.store import ArchiveBusy, search

TABLE_ORDER = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
TABLES = Base.metadata.tables


def row_of(obj: Any, committed: bool = False) -> dict[str, Any]:
    """The column values of an ORM object (as last loaded from the database if committed)."""
    state = inspect(obj)
    values = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if committed and key in state.committed_state:
            values[key] = state.committed_state[key]
        else:
            values[key] = state.dict.get(key)
    return values


def _key(obj: Any) -> tuple[Any, ...]:
    return tuple(inspect(obj).mapper.primary_key_from_instance(obj))


class Recorder:
    """Collects RowChanges from a session's flushes."""

    def __init__(self, session: Session) -> None:
        self.rows: list[RowChange] = []
        self._before: dict[int, tuple[Any, dict[str, Any]]] = {}
        self._new: list[Any] = []
        event.listen(session, "before_flush", self._before_flush)
        event.listen(session, "after_flush", self._after_flush)
        event.listen(session, "after_flush_postexec", self._after_postexec)

    def _before_flush(self, session: Session, _ctx: Any, _instances: Any) -> None:
        for obj in list(session.dirty) + list(session.deleted):
            if id(obj) not in self._before and inspect(obj).has_identity:
                self._before[id(obj)] = (obj, row_of(obj, committed=True))

    def _after_flush(self, session: Session, _ctx: Any) -> None:
        self._new.extend(session.new)
        self._deleted = list(session.deleted)

    def _after_postexec(self, session: Session, _ctx: Any) -> None:
        deleted_ids = {id(o) for o in self._deleted}
        for obj in self._new:
            self.rows.append(RowChange(obj.__tablename__, _key(obj), None, row_of(obj)))
        for oid, (obj, before) in self._before.items():
            table = obj.__tablename__
            key = tuple(before[c.key] for c in inspect(obj).mapper.primary_key)
            if oid in deleted_ids:
                self.rows.append(RowChange(table, key, before, None))
            else:
                self.rows.append(RowChange(table, key, before, row_of(obj)))
        self._before.clear()
        self._new.clear()
        self._deleted = []


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn database failures into errors a user can read."""
    try:
        yield
    except StaleDataError as exc:
        raise StaleVersion(
            "The record was changed by someone else while you were editing; "
            "it has been reloaded, please make your change again."
        ) from exc
    except OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            raise ArchiveBusy(
                "The archive is busy: another Curator is saving to it. Try again in a moment."
            ) from exc
        raise
    except IntegrityError as exc:
        raise Conflict(f"The catalogue refused the change: {_integrity_reason(exc)}.") from exc


def _integrity_reason(exc: IntegrityError) -> str:
    text = str(exc.orig)
    if "UNIQUE" in text:
        return "it would create a duplicate (" + text.split(":", 1)[-1].strip() + ")"
    if "FOREIGN KEY" in text:
        return "it refers to a record that does not exist or is still in use"
    return text


def affected_film_ids(conn: Connection, rows: tuple[RowChange, ...]) -> set[int]:
    """Films whose page (and search entry) a set of row changes affects."""
    films: set[int] = set()
    people: set[int] = set()
    for r in rows:
        if r.table == "film":
            films.add(r.key[0])
        elif r.table in ("person",):
            people.add(r.key[0])
        for row in (r.before, r.after):
            if not row:
                continue
            if row.get("film_id") is not None:
                films.add(row["film_id"])
            if r.table == "name_variant" and row.get("person_id") is not None:
                people.add(row["person_id"])
            if r.table == "related_film":
                films.add(row["related_id"])
    if people:
        credit = TABLES["credit"]
        ids = sorted(people)
        for start in range(0, len(ids), 500):
            films.update(
                conn.execute(
                    select(credit.c.film_id).where(credit.c.person_id.in_(ids[start : start + 500]))
                ).scalars()
            )
    return films


class UnitOfWork:
    """A session on the archive's write engine whose changes are recorded."""

    def __init__(self, session: Session, label: str) -> None:
        self.session = session
        self.label = label  # may be refined once the body knows the record's name
        self.recorder = Recorder(session)
        self.extra_rows: list[RowChange] = []  # changes made with Core, recorded by hand
        self.created_id: int | None = None

    def changes(self, conn: Connection) -> Changes:
        rows = merge_rows([*self.recorder.rows, *self.extra_rows])
        rows = tuple(sorted(rows, key=lambda r: TABLE_ORDER.get(r.table, 0)))
        return Changes(self.label, rows, frozenset(affected_film_ids(conn, rows)), self.created_id)


@contextmanager
def unit_of_work(engine: Any, label: str, out: list[Changes]) -> Iterator[UnitOfWork]:
    """Run the body in one transaction; append its Changes to `out` after commit."""
    with translate_errors():
        with Session(engine, expire_on_commit=False, autoflush=True) as session:
            with session.begin():
                uow = UnitOfWork(session, label)
                yield uow
                session.flush()
                conn = session.connection()
                changes = uow.changes(conn)
                search.reindex_films(conn, changes.film_ids)
            out.append(changes)


def apply_inverse(conn: Connection, changes: Changes) -> list[RowChange]:
    """Write each row of `changes` back to its `before` state; returns what that changed.

    Refuses with StaleVersion when a row is no longer as the operation left it
    (someone changed it since), so an undo never overwrites another edit.
    """
    plan: list[tuple[Table, RowChange]] = [(TABLES[r.table], r) for r in changes.rows]
    current: dict[tuple[str, tuple[Any, ...]], dict[str, Any] | None] = {}
    for table, r in plan:
        row = conn.execute(select(table).where(_match(table, r.key))).mappings().first()
        now = dict(row) if row is not None else None
        current[(r.table, r.key)] = now
        if not _same_version(now, r.after):
            raise StaleVersion(
                f"Cannot undo \u201c{changes.label}\u201d: the {r.table.replace('_', ' ')} "
                "it changed has been changed since."
            )
    done: list[RowChange] = []
    by_order = sorted(plan, key=lambda p: TABLE_ORDER[p[0].name])
    for table, r in by_order:  # inserts: parents first
        if r.after is None and r.before is not None:
            conn.execute(insert(table).values(**r.before))
            done.append(RowChange(r.table, r.key, None, dict(r.before)))
    for table, r in by_order:  # updates
        if r.after is not None and r.before is not None:
            now = current[(r.table, r.key)]
            values = dict(r.before)
            if "version" in table.c:
                values["version"] = now["version"] + 1
                values["updated_at"] = utcnow()
            conn.execute(update(table).where(_match(table, r.key)).values(**values))
            done.append(RowChange(r.table, r.key, now, values))
    for table, r in reversed(by_order):  # deletes: children first
        if r.before is None and r.after is not None:
            conn.execute(delete(table).where(_match(table, r.key)))
            done.append(RowChange(r.table, r.key, current[(r.table, r.key)], None))
    return done


def _match(table: Table, key: tuple[Any, ...]) -> Any:
    return and_(*(col == value for col, value in zip(table.primary_key.columns, key, strict=True)))


def _same_version(now: dict[str, Any] | None, expected: Any) -> bool:
    if now is None or expected is None:
        return now is None and expected is None
    if "version" in now and now["version"] == expected.get("version"):
        return True
    # Undoing a later step on the same row bumps its version but puts back exactly
    # what this step left, so steps can be undone one after another; only a real
    # change of content since (someone else's edit) refuses.
    return all(now.get(k) == v for k, v in expected.items() if k not in BOOKKEEPING)
