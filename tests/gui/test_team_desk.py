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
        window.list_pane.search.setText("mykkanen")  # searching works
        qtbot.waitUntil(lambda: window.list_pane.films.rowCount() == 1)
    finally:
        window.close()
        catalog.close()
        postgres_server.drop_database(name)


def test_a_cataloguer_edits_but_the_publication_field_says_who_may(open_window, qtbot,
                                                                   postgres_server,
                                                                   demo_template):
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
    finally:
        window.close()
        catalog.close()
        postgres_server.drop_database(name)
