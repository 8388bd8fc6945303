"""Deleting what is selected in the view that is showing: films, people, festival editions,
lists, or a list's entries; asking first, by name, when more than the record would go."""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.catalog import Changes
from curator.gui.models.sidebar import ListTable

if TYPE_CHECKING:
    from curator.gui.main_window import MainWindow


def delete_selected(window: MainWindow) -> None:
    """Delete what is selected in the view that is showing, naming it when asking."""
    lists = getattr(window, "lists", None)
    if lists is not None and lists.editing:  # a list's entries: take them off the list
        lists.editor.remove_action.trigger()
        return
    pane = window.list_pane
    rows = sorted(i.row() for i in pane.table.selectionModel().selectedRows())
    ids = pane.selected_ids()
    if not ids:
        return
    name = pane.table_name
    if name is ListTable.FILMS:
        impact = window.catalog.films.deletion_impact(ids)
        what = (f"\u201c{pane.films.row(rows[0]).title}\u201d" if len(ids) == 1
                else f"{len(ids):,} films")
        if any(impact.values()) and not window.confirm_deletion(what, impact):
            return
        done = window.run_operation(
            (lambda: window.catalog.films.delete(ids[0])) if len(ids) == 1
            else (lambda: window.catalog.films.delete_many(ids)))
    elif name is ListTable.PEOPLE:
        names = [pane.people.row(r).name for r in rows]
        credits = sum(window.catalog.people.credit_count(i) for i in ids)
        what = f"\u201c{names[0]}\u201d" if len(ids) == 1 else f"{len(ids):,} people"
        if credits and not window.confirm_deletion(what, {"credits": credits}):
            return
        done = _delete_each(window, ids, window.catalog.people.delete, f"Delete {what}")
    elif name in (ListTable.EDITIONS, ListTable.LISTS):
        records = [pane.model.row(r) for r in rows]
        if name is ListTable.EDITIONS:
            labels = [r.label for r in records]
            impact = {"sections": sum(len(r.sections) for r in records),
                      "screenings": sum(r.film_count for r in records)}
            delete = window.catalog.editions.delete
        else:
            labels = [r.title for r in records]
            impact = {"list entries": sum(len(r.items) for r in records)}
            delete = window.catalog.lists.delete
        plural = "festival editions" if name is ListTable.EDITIONS else "lists"
        what = (f"\u201c{labels[0]}\u201d" if len(labels) == 1
                else f"{len(labels):,} {plural}")
        if any(impact.values()) and not window.confirm_deletion(what, impact):
            return
        done = _delete_each(window, ids, delete, f"Delete {what}")
    else:
        return
    if done:
        pane.select_row(rows[0])
        said = done.label if len(ids) == 1 or name is ListTable.FILMS else f"Deleted {what}"
        window.show_message(f"{said}. Undo brings it back.")


def _delete_each(window: MainWindow, ids: list[int], delete, label: str,  # noqa: ANN001
                 ) -> Changes | None:
    """Delete records one by one as one undo step."""
    if len(ids) == 1:
        return window.run_operation(lambda: delete(ids[0]))
    last = None
    with window.undo.macro(label):
        for record_id in ids:
            last = window.run_operation(lambda r=record_id: delete(r))
            if last is None:
                break
    return last
