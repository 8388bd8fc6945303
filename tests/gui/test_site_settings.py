"""Archive › Site Settings…: the site's settings in the desk, checked as the command line's."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit

from curator.catalog import Catalog
from curator.gui.dialogs.site_settings import SiteSettingsDialog
from curator.gui.menus import ActionKey


def _ok(dialog: SiteSettingsDialog, qtbot) -> None:  # noqa: ANN001 - pytest-qt's bot
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_dialog_saves_what_is_typed_and_refuses_a_bad_address(catalog: Catalog, qtbot):
    dialog = SiteSettingsDialog(catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    address = dialog.findChild(QLineEdit, "site_base_url")
    address.setText("festival.example/archive")  # no http://
    dialog.findChild(QLineEdit, "site_name").setText("MIFF Film Archive")
    _ok(dialog, qtbot)
    assert dialog.isVisible()
    problem = dialog.problem.text()
    assert problem.startswith("The site's address must be an http:// or https:// address")
    assert catalog.settings.get("site_name") == ""  # nothing saved while a value is wrong

    address.setText("https://festival.example/archive/")
    dialog.findChild(QLineEdit, "site_language").setText("en-AU")
    dialog.findChild(QCheckBox, "show_citations").setChecked(False)
    _ok(dialog, qtbot)
    assert not dialog.isVisible()
    assert catalog.settings.get("site_base_url") == "https://festival.example/archive/"
    assert catalog.settings.get("site_name") == "MIFF Film Archive"
    assert catalog.settings.get("site_language") == "en-AU"
    assert catalog.settings.get("show_citations") == "no"
    assert catalog.settings.get("show_sources") == ""  # untouched: still the default

    again = SiteSettingsDialog(catalog)
    qtbot.addWidget(again)
    assert again.findChild(QLineEdit, "site_name").text() == "MIFF Film Archive"
    assert not again.findChild(QCheckBox, "show_citations").isChecked()


def test_site_settings_is_in_the_archive_menu(window):  # noqa: ANN001
    action = window.action_map[ActionKey.SITE_SETTINGS]
    assert action in window.menus["archive"].actions()
    assert action.text() == "Site Settings\u2026" and action.isEnabled()


def test_the_programme_by_day_is_off_until_ticked(catalog: Catalog, qtbot):
    dialog = SiteSettingsDialog(catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.findChild(QCheckBox, "show_programme")
    assert not box.isChecked()  # off by default
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    _ok(dialog, qtbot)
    assert catalog.settings.get("show_programme") == "yes"


def test_publishing_sources_is_a_switch_that_reads_the_old_on(catalog: Catalog, qtbot):
    catalog.settings.set("publish_sources", "on")  # as `curator sources publish` writes it
    dialog = SiteSettingsDialog(catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.findChild(QCheckBox, "publish_sources")
    assert box.isChecked()
    _ok(dialog, qtbot)
    assert catalog.settings.get("publish_sources") == "on"  # left as it was
    dialog = SiteSettingsDialog(catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.findChild(QCheckBox, "publish_sources")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    _ok(dialog, qtbot)
    assert catalog.settings.get("publish_sources") == "no"
    assert catalog.sources.published_line(1) == ""  # off: no source line on any page
