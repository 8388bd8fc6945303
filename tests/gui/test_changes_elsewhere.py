"""Team work at the desk: who changed a record, its history, and a colleague's change seen
live (by another process) without losing what this desk's user is typing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from curator.catalog import Catalog

SRC = Path(__file__).resolve().parents[2] / "src"
WAIT_MS = 10_000  # a generous bound on "within two seconds" under a loaded machine


def colleague_writes(catalog: Catalog, statements: str) -> None:
    """Another archivist's Curator, a process of its own, writes to the same archive."""
    script = textwrap.dedent("""
        from curator.catalog import Catalog
        catalog = Catalog.open({folder!r})
        catalog.archive.user_name = "anna"
    """).format(folder=str(catalog.archive.location)) + textwrap.dedent(statements) + \
        "\ncatalog.close()\n"
    subprocess.run([sys.executable, "-c", script], check=True, env={"PYTHONPATH": str(SRC)})


def test_a_colleagues_edit_shows_in_list_preview_and_form_and_typing_is_kept(
        qtbot, window, demo_catalog):  # noqa: ANN001
    model, form = window.list_pane.films, window.form
    qtbot.waitUntil(lambda: form.current is not None and form.current.record_id is not None)
    film = form.current.record_id
    title = demo_catalog.films.get(film).title
    runtime = form.current.fields["runtime"].editor
    runtime.setFocus()
    qtbot.waitUntil(runtime.hasFocus)
    runtime.selectAll()
    qtbot.keyClicks(runtime, "95")  # typed, not yet saved
    colleague_writes(demo_catalog, f"""
        catalog.films.update({film}, None, title="From Russia With Rock!", year=1990)
    """)
    qtbot.waitUntil(lambda: form.current.heading.text() == "From Russia With Rock!",
                    timeout=WAIT_MS)
    assert model.row(model.row_of(film)).title == "From Russia With Rock!"
    assert "1990" in window.detail.toPlainText()
    assert form.current.fields["year"].editor.text() == "1990"
    assert form.current.changed_line.text() == "Changed by anna, just now"
    assert runtime.hasFocus() and runtime.text() == "95"  # the typing is still there
    qtbot.keyClick(runtime, Qt.Key.Key_Return)
    saved = demo_catalog.films.get(film)
    assert (saved.title, saved.year, saved.runtime) == ("From Russia With Rock!", 1990, 95)
    assert title != saved.title
    assert window.undo.stack.count() == 1  # a colleague's change is not this desk's step


def test_a_new_film_and_a_renamed_person_from_elsewhere_reach_the_lists(
        qtbot, window, demo_catalog):  # noqa: ANN001
    model = window.list_pane.films
    before = model.total
    colleague_writes(demo_catalog, """
        catalog.films.create("Igla", year=1988, countries=["USSR"])
    """)
    qtbot.waitUntil(lambda: model.total == before + 1, timeout=WAIT_MS)
    assert any(model.row(i).title == "Igla" for i in range(model.total))
    # a folder announces nothing: the desk's once-a-second look found it
    assert not window.elsewhere.listening and window.elsewhere.woken_by == ["timer"]


@pytest.mark.parametrize("demo_catalog", ["server"], indirect=True)
def test_on_a_server_the_notification_wakes_the_desk_without_polling(
        qtbot, window, demo_catalog):  # noqa: ANN001
    elsewhere, model = window.elsewhere, window.list_pane.films
    qtbot.waitUntil(lambda: elsewhere.listening)
    assert elsewhere.timer.interval() > 10_000  # behind LISTEN, only a rare look
    elsewhere.timer.stop()  # no poll at all: only the server's NOTIFY can wake the desk
    before = model.total
    colleague_writes(demo_catalog, """
        catalog.films.create("Igla", year=1988, countries=["USSR"])
    """)
    qtbot.waitUntil(lambda: model.total == before + 1, timeout=WAIT_MS)
    assert any(model.row(i).title == "Igla" for i in range(model.total))
    assert elsewhere.woken_by == ["notification"]
    window.close()  # the watching thread ends with the window
    assert not elsewhere.listening


def test_the_history_dialog_lists_who_changed_what_newest_first(
        qtbot, window, demo_catalog):  # noqa: ANN001
    form = window.form
    qtbot.waitUntil(lambda: form.current is not None and form.current.record_id is not None)
    film = form.current.record_id
    old_year = demo_catalog.films.get(film).year
    colleague = Catalog.open(demo_catalog.archive.location)
    colleague.archive.user_name = "anna"
    try:
        colleague.films.update(film, None, year=1991)
    finally:
        colleague.close()
    window.show_message("")
    qtbot.waitUntil(lambda: form.current.fields["year"].editor.text() == "1991",
                    timeout=WAIT_MS)
    window.list_pane.table.setFocus()
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.history_box
    assert dialog is not None and dialog.isVisible()
    newest = dialog.tree.topLevelItem(0)
    assert (newest.text(1), newest.text(2)) == (
        "anna", f"Change year of {form.current.heading.text()}")
    change = newest.child(0)
    assert (change.text(2), change.text(3), change.text(4)) == ("year", str(old_year), "1991")
    qtbot.waitUntil(dialog.tree.hasFocus)  # the keyboard reads the history at once
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_field_a_colleague_changed_under_the_typing_says_so(qtbot, window, demo_catalog):  # noqa: ANN001
    form = window.form
    qtbot.waitUntil(lambda: form.current is not None and form.current.record_id is not None)
    film = form.current.record_id
    year = form.current.fields["year"].editor
    year.setFocus()
    qtbot.waitUntil(year.hasFocus)
    year.selectAll()
    qtbot.keyClicks(year, "1987")
    colleague_writes(demo_catalog, f"catalog.films.update({film}, None, year=1990)")
    qtbot.waitUntil(window.form.banner.isVisible, timeout=WAIT_MS)
    assert window.form.banner.label.text().startswith(
        "Changed by anna: the year changed while you were typing.")
    assert year.text() == "1987"  # kept; Escape shows the colleague's
    qtbot.keyClick(year, Qt.Key.Key_Escape)
    assert year.text() == "1990"
    assert demo_catalog.films.get(film).year == 1990


def test_people_festivals_and_lists_say_who_changed_them(qtbot, window, demo_catalog):  # noqa: ANN001
    demo_catalog.archive.user_name = "boris"
    person = demo_catalog.people.create("Iosif Pasternak").created_id
    festival = demo_catalog.festivals.create("Kinotavr").created_id
    listed = demo_catalog.lists.create("Rock on film").created_id
    for kind, ident in (("person", person), ("festival", festival), ("list", listed)):
        window.open_record(kind, ident)
        assert window.form.current.changed_line.text() == "Changed by boris, just now", kind
    window.open_record("person", person)
    menu = window.list_pane.row_menu()
    assert "History\u2026" in [a.text() for a in menu.actions()]


@pytest.mark.parametrize("demo_catalog", ["server"], indirect=True)
def test_a_desk_whose_notifications_are_cut_off_looks_meanwhile_and_listens_again(
        qtbot, window, demo_catalog, postgres_server):  # noqa: ANN001
    from curator.gui.elsewhere import CHECK_EVERY_MS, FALLBACK_EVERY_MS

    elsewhere, model = window.elsewhere, window.list_pane.films
    qtbot.waitUntil(lambda: elsewhere.listening)
    # the server drops the desk's listening connection (a restart, a network cut)
    postgres_server.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE query LIKE 'LISTEN curator_changes%'")
    qtbot.waitUntil(lambda: not elsewhere.listening and
                    elsewhere.timer.interval() == CHECK_EVERY_MS, timeout=WAIT_MS)
    before = model.total
    colleague_writes(demo_catalog, """
        catalog.films.create("Igla", year=1988, countries=["USSR"])
    """)
    qtbot.waitUntil(lambda: model.total == before + 1, timeout=WAIT_MS)
    # it listens again by itself, and the notifications wake it as before
    qtbot.waitUntil(lambda: elsewhere.listening, timeout=WAIT_MS)
    assert elsewhere.timer.interval() == FALLBACK_EVERY_MS
    elsewhere.timer.stop()
    woken = len(elsewhere.woken_by)
    colleague_writes(demo_catalog, """
        catalog.films.create("Assa", year=1987, countries=["USSR"])
    """)
    qtbot.waitUntil(lambda: model.total == before + 2, timeout=WAIT_MS)
    assert elsewhere.woken_by[woken:] == ["notification"]
