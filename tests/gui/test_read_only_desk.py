"""The desk on an archive it cannot write to: the title says so, editing is disabled,
reading and searching work."""

from __future__ import annotations

from curator.catalog import Catalog
from tests.store.places import read_only_copy


def test_the_desk_opens_a_read_only_archive_for_reading(open_window, demo_archive, tmp_path,
                                                        qtbot, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user cache"))
    with read_only_copy(demo_archive, tmp_path / "cd") as archive:
        catalog = Catalog.open(archive)
        window = open_window(catalog)
        try:
            assert "(read-only)" in window.windowTitle()
            a = window.action_map
            for key in ("new-film", "delete", "merge", "undo", "new-list", "back-up"):
                assert not a[key].isEnabled(), key
            window._update_actions()  # the list's selection would enable Delete again
            assert not a["delete"].isEnabled()
            imports = [x for x in window.menus["file"].actions() if "Import" in x.text()]
            assert imports and not any(x.isEnabled() for x in imports)
            assert not window.form.isEnabled()
            assert a["find"].isEnabled() and a["open-archive"].isEnabled()
            window.list_pane.search.setText("mykkanen")  # searching still works
            qtbot.waitUntil(lambda: window.list_pane.films.rowCount() == 1)
        finally:
            window.close()
            catalog.close()


def test_the_desk_exports_a_read_only_archive(qtbot, demo_archive, tmp_path, monkeypatch):
    from tests.publish.test_gui_export import WAIT, Calls

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user cache"))
    with read_only_copy(demo_archive, tmp_path / "cd") as archive:
        catalog = Catalog.open(archive)
        try:
            calls = Calls([tmp_path / "site"])
            controller = calls.controller(catalog)
            with qtbot.waitSignal(controller.exported, timeout=WAIT):
                controller.export_all()
            assert (tmp_path / "site" / "index.html").is_file()
            assert calls.errors == []
        finally:
            catalog.close()
