"""One unit of work per user action: a session, its recorded row changes, one transaction.

The recorder listens to the session's flushes and keeps, for every row touched,
its values before and after; `apply_inverse` writes such a record backwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    delete,
    event,
    insert,
    inspect,
    select,
    tuple_,
    update,
)
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from curator import CuratorError
from curator.catalog.changes import BOOKKEEPING, Changes, RowChange, merge_rows
from curator.catalog.errors import Conflict, StaleVersion
from curator.catalog.history_rows import ago, last_change_of_row, record_rows
from curator.catalog.sort_keys import refresh_sort_keys
from curator.catalog.text import clean_text
from curator.model import Base
from curator.model.entities import utcnow
from curator.store import AnyArchive, ArchiveBusy, ArchiveDamaged, ArchiveReadOnly, search
from curator.store.server import server_refusal

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


def _clean_text_columns(obj: Any) -> None:
    """Every text a form or an operation sets passes the one rule for text (catalog/text.py)."""
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        value = state.dict.get(attr.key)
        if isinstance(value, str) and (clean := clean_text(value)) != value:
            setattr(obj, attr.key, clean)


def _spell_countries(session: Session, objects: list[Any]) -> None:
    """Countries take the catalogue's spelling of them (catalog/countries.py)."""
    from curator.catalog.countries import CountrySpellings, used_countries
    from curator.model import Festival, FilmCountry, Person

    fields = [(obj, "name" if isinstance(obj, FilmCountry) else "country") for obj in objects
              if isinstance(obj, FilmCountry | Person | Festival)]
    fields = [(obj, key) for obj, key in fields if getattr(obj, key)]
    if not fields:
        return
    with session.no_autoflush:
        spellings = CountrySpellings(used_countries(session))
    for obj, key in fields:
        spelled = spellings.spell(getattr(obj, key))
        if spelled != getattr(obj, key):
            setattr(obj, key, spelled)


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
        entering = list(session.new) + list(session.dirty)
        for obj in entering:
            _clean_text_columns(obj)
        _spell_countries(session, entering)
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
def translate_errors(database: object = "") -> Iterator[None]:
    """Turn database failures into errors a user can read (naming `database`, the file)."""
    try:
        yield
    except StaleDataError as exc:
        raise StaleVersion(
            "The record was changed by someone else while you were editing; "
            "it has been reloaded, please make your change again."
        ) from exc
    except ProgrammingError as exc:
        if (refusal := server_refusal(exc)) is not None:
            raise refusal from exc
        raise
    except OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig) or \
                "lock timeout" in str(exc.orig):
            raise ArchiveBusy(
                "The archive is busy: another Curator is saving to it. Try again in a moment."
            ) from exc
        if "readonly" in str(exc.orig):
            raise ArchiveReadOnly("The archive is read-only: it can be read, searched and "
                                  "exported, not changed.") from exc
        if (problem := _disk_problem(str(exc.orig))) is not None:
            where = f"{database}: " if database else "The archive: "
            raise DiskFailure(f"{where}{problem}; nothing was changed.") from exc
        raise
    except IntegrityError as exc:
        raise Conflict(f"The catalogue refused the change: {_integrity_reason(exc)}.") from exc
    except DatabaseError as exc:
        if "malformed" in str(exc.orig) or "not a database" in str(exc.orig):
            raise ArchiveDamaged(
                f"The archive is damaged ({exc.orig}). Restore a copy from its backups "
                "folder, or run \u201ccurator repair\u201d on it to save what can be read."
            ) from exc
        raise


class DiskFailure(CuratorError):
    """The disk refused a write (full, over a size limit, failing); the transaction was undone."""


def _disk_problem(message: str) -> str | None:
    if "disk is full" in message:
        return "the disk is full"
    if "disk I/O error" in message:
        return ("the disk could not be written (an input/output error: is it full, "
                "failing or removed?)")
    return None


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


class Writing:
    """One write transaction: its connection, and what its body says it changed."""

    def __init__(self, conn: Connection, label: str, held: ExitStack) -> None:
        self.conn = conn
        self.label = label
        self.rows: Iterable[RowChange] = ()  # set by the body: recorded before the commit
        self.kept = True
        self._held = held

    def keep_pages(self, setting: AbstractContextManager[None]) -> None:
        """Hold a setting of the connection (store/rows.py's pages_kept_for) until after
        the commit: the history and the commit write the pages it keeps."""
        self._held.enter_context(setting)

    def discard(self) -> None:
        """Roll everything back at the end (a dry run): nothing is written or recorded."""
        self.kept = False


@contextmanager
def write_transaction(archive: AnyArchive, label: str) -> Iterator[Writing]:
    """The one way anything is written: one transaction whose rows go into the change
    history (who, when, old and new values) before it commits, whatever wrote them."""
    with translate_errors(archive.database_path), archive.write_engine.connect() as conn, \
            ExitStack() as held:
        transaction = conn.begin()
        try:
            writing = Writing(conn, label, held)
            yield writing
            if writing.kept:
                record_rows(conn, writing.label, writing.rows, archive.user_name, archive.desk)
        except BaseException:
            transaction.rollback()
            raise
        if writing.kept:
            transaction.commit()
        else:
            transaction.rollback()


# What the search index and the film list's sort keys are built from (None: every column
# of the table; (): only a row inserted or deleted). A change elsewhere leaves them be:
# undoing "Publish 50,000 films" rewrites no index entry.
INDEX_SOURCES: dict[str, tuple[str, ...] | None] = {
    "film": ("title", "original_title", "synopsis"), "alt_title": None, "credit": None,
    "person": ("name",), "name_variant": None, "quote": None, "film_country": None}
SORT_KEY_SOURCES: dict[str, tuple[str, ...] | None] = {
    "film": (), "film_country": None, "credit": None, "person": ("sort_name",),
    "screening": None, "still": None}


def reindex(conn: Connection, rows: tuple[RowChange, ...]) -> None:
    """Bring the search index in step with these row changes: a film whose countries alone
    changed has that column rewritten, any other film its whole entry."""
    whole = films_fed_by(conn, tuple(r for r in rows if r.table != "film_country"),
                         INDEX_SOURCES)
    countries = films_fed_by(conn, tuple(r for r in rows if r.table == "film_country"),
                             INDEX_SOURCES) - whole
    search.reindex_films(conn, whole)
    search.reindex_countries(conn, countries)


def films_fed_by(conn: Connection, rows: tuple[RowChange, ...],
                 sources: dict[str, tuple[str, ...] | None]) -> set[int]:
    """The films whose derived data (index entry or sort keys) these row changes alter."""
    feeding = tuple(
        r for r in rows if r.table in sources and (
            sources[r.table] is None or r.before is None or r.after is None
            or any(r.before.get(c) != r.after.get(c) for c in sources[r.table] or ())))
    return affected_film_ids(conn, feeding) if feeding else set()


class UnitOfWork:
    """A session on the archive's write engine whose changes are recorded."""

    def __init__(self, session: Session, label: str) -> None:
        self.session = session
        self.label = label  # may be refined once the body knows the record's name
        self.recorder = Recorder(session)
        self.extra_rows: list[RowChange] = []  # changes made with Core, recorded by hand
        self.created_id: int | None = None
        self._changes: Changes | None = None

    @property
    def changes(self) -> Changes:
        """What the unit changed: there once it has committed, never before."""
        if self._changes is None:
            raise RuntimeError(f"\u201c{self.label}\u201d has not been committed")
        return self._changes

    def collect(self, conn: Connection) -> Changes:
        rows = merge_rows([*self.recorder.rows, *self.extra_rows])
        rows = tuple(sorted(rows, key=lambda r: TABLE_ORDER.get(r.table, 0)))
        return Changes(self.label, rows, frozenset(affected_film_ids(conn, rows)), self.created_id)


@contextmanager
def unit_of_work(archive: AnyArchive, label: str) -> Iterator[UnitOfWork]:
    """Run the body in one transaction; the unit's `changes` are set once it commits."""
    with write_transaction(archive, label) as writing:
        conn = writing.conn
        # The session joins the transaction; write_transaction commits it, history and all.
        with Session(conn, expire_on_commit=False, autoflush=True) as session:
            uow = UnitOfWork(session, label)
            yield uow
            session.flush()
            changes = uow.collect(conn)
            search.reindex_films(conn, changes.film_ids)
            refresh_sort_keys(conn, changes.film_ids)
        writing.label, writing.rows = changes.label, changes.rows
    uow._changes = changes


def apply_inverse(conn: Connection, changes: Changes) -> list[RowChange]:
    """Write each row of `changes` back to its `before` state; returns what that changed.

    Refuses with StaleVersion when a row is no longer as the operation left it
    (someone changed it since), so an undo never overwrites another edit. Rows
    are read and written table by table in batches: undoing a whole import is
    one step too.
    """
    by_table: dict[str, list[RowChange]] = {}
    for r in changes.rows:
        by_table.setdefault(r.table, []).append(r)
    order = sorted(by_table, key=TABLE_ORDER.__getitem__)
    current: dict[tuple[str, tuple[Any, ...]], dict[str, Any] | None] = {}
    for name in order:
        table = TABLES[name]
        found = _current_rows(conn, table, [r.key for r in by_table[name]], versions_only=True)
        # A row at the version the operation left holds what it wrote (its `after`); only
        # the others are read whole, to tell an undone later step from someone's edit.
        unsure = [r.key for r in by_table[name] if not _at_version(found.get(r.key), r.after)]
        found.update(_current_rows(conn, table, unsure) if unsure else {})
        for r in by_table[name]:
            now = found.get(r.key)
            if _at_version(now, r.after):
                now = dict(r.after)
            current[(name, r.key)] = now
            if not _same_version(now, r.after):
                raise StaleVersion(_changed_since(conn, changes.label, r, now))
    done: list[RowChange] = []
    # A list replaced whole (credits, countries) deleted rows and added new ones with
    # new ids (PostgreSQL never gives an id twice); the added ones go first, or putting
    # back the deleted ones would collide with them on the table's unique keys.
    replaced = [name for name in order
                if any(r.before is None for r in by_table[name])
                and any(r.after is None for r in by_table[name])]
    for name in reversed(replaced):
        _delete_added(conn, TABLES[name], by_table[name], current, done)
    for name in order:  # inserts: parents first
        rows = [r for r in by_table[name] if r.after is None and r.before is not None]
        if rows:
            conn.execute(insert(TABLES[name]), [dict(r.before) for r in rows])
            done.extend(RowChange(name, r.key, None, dict(r.before)) for r in rows)
    stamp = utcnow()
    for name in order:  # updates
        table = TABLES[name]
        rows = [r for r in by_table[name] if r.after is not None and r.before is not None]
        if not rows:
            continue
        written = []
        keys = [c.name for c in table.primary_key.columns]
        # Only the columns that differ are written, grouped by which they are: undoing
        # "Publish 50,000 films" sets one column (and the version), not every text.
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for r in rows:
            now = current[(name, r.key)]
            values = dict(r.before)
            if "version" in table.c:
                values["version"] = now["version"] + 1
            if "updated_at" in table.c:
                values["updated_at"] = stamp
            written.append(values)
            changed = tuple(c for c in values if c not in keys and values[c] != now.get(c))
            groups.setdefault(changed, []).append(values)
        for changed, group in groups.items():
            if not changed:
                continue
            stmt = update(table).where(
                *(table.c[k] == bindparam(f"_key_{k}") for k in keys)
            ).values({c: bindparam(f"_v_{c}") for c in changed})
            conn.execute(stmt, [{**{f"_v_{c}": v[c] for c in changed},
                                 **{f"_key_{k}": v[k] for k in keys}} for v in group])
        done.extend(RowChange(name, r.key, current[(name, r.key)], v)
                    for r, v in zip(rows, written, strict=True))
    for name in reversed(order):  # deletes: children first
        if name not in replaced:
            _delete_added(conn, TABLES[name], by_table[name], current, done)
    return done


def _delete_added(conn: Connection, table: Table, changes: list[RowChange],
                  current: dict[tuple[str, tuple[Any, ...]], dict[str, Any] | None],
                  done: list[RowChange]) -> None:
    """Delete the rows an operation added to `table` (undoing it)."""
    rows = [r for r in changes if r.before is None and r.after is not None]
    for start in range(0, len(rows), 500):
        chunk = rows[start:start + 500]
        conn.execute(delete(table).where(_key_in(table, [r.key for r in chunk])))
        done.extend(RowChange(table.name, r.key, current[(table.name, r.key)], None)
                    for r in chunk)


def _changed_since(conn: Connection, label: str, row: RowChange,
                   now: dict[str, Any] | None) -> str:
    """Why an undo is refused: who changed its row since, and when, as the history says."""
    what = {"film": "the film", "person": "the person", "festival": "the festival",
            "collection": "the list"}.get(row.table, f"its {row.table.replace('_', ' ')}")
    if row.table == "film" and (now or row.after):
        what = f"\u201c{(now or row.after)['title']}\u201d"
    last = last_change_of_row(conn, row.table, row.key, now or row.after)
    since = f"{last.who} changed {what} {ago(last.at)}" if last else f"{what} was changed since"
    return f"Cannot undo \u201c{label}\u201d: {since}; nothing was undone."


def _key_in(table: Table, keys: list[tuple[Any, ...]]) -> Any:
    columns = list(table.primary_key.columns)
    if len(columns) == 1:
        return columns[0].in_([k[0] for k in keys])
    return tuple_(*columns).in_(keys)


def _at_version(now: dict[str, Any] | None, expected: Any) -> bool:
    return (now is not None and expected is not None and "version" in now
            and now["version"] == expected.get("version"))


def _current_rows(conn: Connection, table: Table, keys: list[tuple[Any, ...]],
                  versions_only: bool = False) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The rows now in the table (with `versions_only`, their keys and version alone)."""
    columns = list(table.primary_key.columns)
    read = [*columns, table.c.version] if versions_only and "version" in table.c else [table]
    found = {}
    for start in range(0, len(keys), 500):
        for row in conn.execute(select(*read).where(_key_in(table, keys[start:start + 500]))
                                ).mappings():
            found[tuple(row[c.name] for c in columns)] = dict(row)
    return found


def _same_version(now: dict[str, Any] | None, expected: Any) -> bool:
    if now is None or expected is None:
        return now is None and expected is None
    if "version" in now and now["version"] == expected.get("version"):
        return True
    # Undoing a later step on the same row bumps its version but puts back exactly
    # what this step left, so steps can be undone one after another; only a real
    # change of content since (someone else's edit) refuses.
    return all(now.get(k) == v for k, v in expected.items() if k not in BOOKKEEPING)
