"""The desk on a catalogue on a server: opened from its connection file, asking for a
password the server wants (kept nowhere), remembered in Open Recent."""

from __future__ import annotations

from pathlib import Path

from curator.gui import app
from curator.store.server import write_team_file


def _answer_password(qtbot, password: str) -> list[str]:  # noqa: ANN001
    """Type `password` into the password prompt when it appears; returns its label."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

    asked: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        asked.append(dialog.labelText())
        assert dialog.textEchoMode() == QLineEdit.EchoMode.Password
        dialog.setTextValue(password)
        dialog.accept()

    QTimer.singleShot(0, answer)
    return asked


def test_a_team_catalogue_opens_in_the_desk_with_a_typed_password(
        qtbot, postgres_server, demo_template, tmp_path: Path, monkeypatch):  # noqa: ANN001
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no pgpass"))
    name = postgres_server.new_database(demo_template)
    postgres_server.sql(
        "CREATE ROLE pw_desk LOGIN PASSWORD 'secret' IN ROLE password_users, curator_admin")
    team_file = write_team_file(tmp_path / "MIFF.curator-team",
                                postgres_server.url(name, "pw_desk"), tmp_path / "cache")
    asked = _answer_password(qtbot, "secret")
    window = app.open_archive_window(team_file)
    try:
        assert window is not None
        assert asked and "wants a password" in asked[0]
        assert window.windowTitle().startswith("MIFF")
        qtbot.waitUntil(lambda: not window.starting, timeout=30_000)
        assert window.catalog.search.films("From Russia with Rock").total >= 1
        assert app.recent_archives()[0] == team_file.resolve()
        assert "secret" not in team_file.read_text(encoding="utf-8")
    finally:
        window.close()
        postgres_server.drop_database(name)


def test_a_viewer_reads_and_searches_with_editing_greyed_out(open_window, qtbot,
                                                             postgres_server, demo_template):
    from PySide6.QtWidgets import QLabel

    from curator.catalog import Catalog

    name = postgres_server.new_database(demo_template)
    postgres_server.sql("CREATE ROLE vic LOGIN IN ROLE curator_viewer")
    catalog = Catalog.open(postgres_server.url(name, "vic"))
    window = open_window(catalog)
    try:
        assert "(viewer)" in window.windowTitle()
        a = window.action_map
        for key in ("new-film", "delete", "merge", "new-list"):
            assert not a[key].isEnabled(), key
        assert not window.form.isEnabled() and "viewer" in window.form.toolTip()
        [note] = window.statusBar().findChildren(QLabel, "readOnlyNote")
        assert note.text().startswith("Viewer:") and "a cataloguer edits" in note.toolTip()
        window.list_pane.search.setText("mykkanen")  # searching works
        qtbot.waitUntil(lambda: window.list_pane.films.rowCount() == 1)
    finally:
        window.close()
        catalog.close()
        postgres_server.drop_database(name)


def test_a_cataloguer_edits_but_the_publication_field_says_who_may(open_window, qtbot,
                                                                   postgres_server,
                                                                   demo_template):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QComboBox, QLabel

    from curator.catalog import Catalog
    from curator.model.enums import RecordKind

    name = postgres_server.new_database(demo_template)
    postgres_server.sql("CREATE ROLE cleo LOGIN IN ROLE curator_cataloguer")
    catalog = Catalog.open(postgres_server.url(name, "cleo"))
    window = open_window(catalog)
    try:
        assert "(viewer)" not in window.windowTitle() and window.form.isEnabled()
        film = window.form.form(RecordKind.FILM)
        assert film.fields["title"].isEnabled()
        assert not film.fields["state"].isEnabled()
        assert "Only a publisher" in film.fields["state"].toolTip()
        # a list's state too, and the status bar says why
        [listed] = catalog.lists.all()
        window.open_record(RecordKind.LIST, listed.id)
        qtbot.waitUntil(lambda: window.form.kind == RecordKind.LIST)
        state = window.form.form(RecordKind.LIST).fields["state"]
        assert not state.isEnabled() and "Only a publisher" in state.toolTip()
        [note] = window.statusBar().findChildren(QLabel, "readOnlyNote")
        assert note.text() == "Cataloguer: only a publisher changes what is published"
        assert "Only a publisher" in note.toolTip()

        # Edit Films offers every change but the publication state
        seen: dict[str, object] = {}

        def look() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(20, look)
                return
            for field in ("state", "kind"):
                combo = dialog.findChild(QComboBox, f"bulk-{field}")
                seen[field] = (combo.isEnabled(), combo.toolTip())
            dialog.reject()

        window.list_pane.table.setFocus()
        QTimer.singleShot(0, look)
        QTest.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: len(seen) == 2)
        assert seen["state"][0] is False and "Only a publisher" in seen["state"][1]
        assert seen["kind"][0] is True
    finally:
        window.close()
        catalog.close()
        postgres_server.drop_database(name)


def _team_file_for(postgres_server, demo_template, tmp_path: Path, user: str) -> tuple[Path, str]:  # noqa: ANN001
    name = postgres_server.new_database(demo_template)
    postgres_server.sql(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                        f"'{user}') THEN CREATE ROLE {user} LOGIN IN ROLE curator_cataloguer; "
                        "END IF; END $$")
    team_file = write_team_file(tmp_path / "MIFF.curator-team",
                                postgres_server.url(name, user), tmp_path / "cache")
    return team_file, name


# the desk as a process, saying what its first window shows once it is up, then closed
DESK_SAYS = """
import sys
from PySide6.QtCore import QTimer
from curator.gui import app

def look():
    if not app._windows or app._windows[-1].starting:
        QTimer.singleShot(50, look)
        return
    window = app._windows[-1]
    print(window.windowTitle(), window.list_pane.films.total, sep="\\n", flush=True)
    window.close()  # the last window: the desk ends

app.application()
QTimer.singleShot(0, look)
from curator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_desktop_entry_opens_a_double_clicked_connection_file(
        postgres_server, demo_template, tmp_path: Path):  # noqa: ANN001
    # Linux: the file manager runs the menu entry's Exec line with the file for %f
    import os
    import subprocess
    import sys
    from configparser import ConfigParser

    team_file, name = _team_file_for(postgres_server, demo_template, tmp_path, "dora")
    entry = ConfigParser(interpolation=None)
    entry.read(Path(__file__).parents[2] / "packaging" / "linux" /
               "io.github.curator.Curator.desktop", encoding="utf-8")
    program, *argv = entry["Desktop Entry"]["Exec"].replace("%f", str(team_file)).split()
    assert program == "curator"
    try:
        done = subprocess.run(
            [sys.executable, "-c", DESK_SAYS, *argv], capture_output=True, text=True,
            timeout=120, env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"),
                              "XDG_DATA_HOME": str(tmp_path / "data")})
    finally:
        postgres_server.drop_database(name)
    assert done.returncode == 0, done.stderr
    title, films = done.stdout.splitlines()[-2:]
    assert title.startswith("MIFF") and films == "9068"


def test_a_connection_file_opened_from_the_finder_opens_once(
        qtbot, postgres_server, demo_template, tmp_path: Path):  # noqa: ANN001
    # macOS: a double-click reaches the running Curator as a FileOpen event
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    team_file, name = _team_file_for(postgres_server, demo_template, tmp_path, "finn")
    before = len(app._windows)
    try:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(team_file)))
        qtbot.waitUntil(lambda: len(app._windows) == before + 1, timeout=30_000)
        window = app._windows[-1]
        qtbot.waitUntil(lambda: not window.starting, timeout=30_000)
        assert window.windowTitle().startswith("MIFF")
        assert window.catalog.archive.user_name == "finn"
        # opened again: the same window comes forward, no second one
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(team_file)))
        qtbot.wait(200)
        assert len(app._windows) == before + 1
    finally:
        for window in app._windows[before:]:
            window.close()
        qtbot.waitUntil(lambda: len(app._windows) == before)
        postgres_server.drop_database(name)
