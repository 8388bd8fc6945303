"""GUI fixtures: the main window on a private copy of the demo archive, settings in a temp dir."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path, qapp) -> Path:  # noqa: ANN001 - pytest-qt's QApplication
    """QSettings in a folder of the test's own, never the user's."""
    from PySide6.QtCore import QSettings

    from curator.gui.app import application

    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    application()  # names the application and applies the style
    return folder


@pytest.fixture(autouse=True)
def modifiers_released(qapp):  # noqa: ANN001, ANN201 - pytest-qt's QApplication
    """After a test, no Shift or Ctrl is left held: a key click with a modifier leaves the
    application believing it is still down, and the next test's selection would extend."""
    yield
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    blank = QWidget()
    QTest.keyClick(blank, Qt.Key.Key_Space)  # a key with no modifier resets the state
    assert qapp.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
    blank.deleteLater()


@pytest.fixture
def open_window(qtbot):  # noqa: ANN001, ANN201
    """Opens a MainWindow on a catalog the way the app does; closes it at the end."""
    from curator.gui.main_window import MainWindow

    windows = []

    def make(catalog):  # noqa: ANN001, ANN202
        window = MainWindow(catalog)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        # keys and shortcuts go to the active window (on a real display too)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        # the sidebar's attention counts and the current record follow the first paint
        qtbot.waitUntil(lambda: not window.starting)
        qtbot.waitUntil(lambda: window.sidebar.tree.attention_counted)  # read aside
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(open_window, demo_catalog):  # noqa: ANN001, ANN201
    return open_window(demo_catalog)
