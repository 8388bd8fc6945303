"""The search field speaks the query language: fields filter, completion offers names and
values from a popup, a bad query says what is wrong, and the ? explains it all."""

from __future__ import annotations

from PySide6.QtCore import Qt

from curator.catalog import FilmQuery


def typed(window, qtbot, text: str) -> None:  # noqa: ANN001
    field = window.list_pane.search
    field.setFocus()
    qtbot.keyClicks(field, text)


def titles(window) -> list[str]:  # noqa: ANN001
    films = window.list_pane.films
    return [films.row(r).title for r in range(min(films.total, 50))]


def test_a_field_query_filters_the_list(window, demo_catalog, qtbot) -> None:  # noqa: ANN001
    typed(window, qtbot, 'director:mykkanen edition:"miff 1989"')
    qtbot.keyClick(window.list_pane.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.list_pane.films.total == 1)
    assert titles(window) == ["From Russia with Rock"]
    assert window.list_pane.count.text() == "1 film"
    assert not window.list_pane.problem.isVisible()


def test_completion_offers_a_field_then_its_values(window, demo_catalog, qtbot) -> None:  # noqa: ANN001
    field = window.list_pane.search
    popup = field.completer_popup.popup()
    typed(window, qtbot, "coun")
    qtbot.waitUntil(popup.isVisible)
    assert field.offers.stringList() == ["country:"]
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == "country:"
    # the field's values follow at once; typing narrows them
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClicks(popup, "us")
    assert field.text() == "country:us"
    assert "country:USSR" in field.offers.stringList()
    offered = field.offers.stringList()
    row = offered.index("country:USSR")
    for _ in range(row):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == "country:USSR "
    qtbot.keyClick(field, Qt.Key.Key_Return)
    expected = demo_catalog.search.films(FilmQuery.parse("country:ussr")).total
    qtbot.waitUntil(lambda: window.list_pane.films.total == expected)
    assert "From Russia with Rock" in titles(window)


def test_a_value_with_spaces_is_completed_in_quotes(window, qtbot) -> None:  # noqa: ANN001
    field = window.list_pane.search
    popup = field.completer_popup.popup()
    typed(window, qtbot, "edition:mi")
    qtbot.waitUntil(popup.isVisible)
    assert field.offers.stringList()[0] == 'edition:"MIFF 1989"'
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == 'edition:"MIFF 1989" '


def test_a_bad_query_says_what_is_wrong_and_keeps_the_list(window, qtbot) -> None:  # noqa: ANN001
    pane = window.list_pane
    before = pane.films.total
    typed(window, qtbot, "rock year:19888")
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)
    qtbot.waitUntil(pane.problem.isVisible)
    assert pane.problem.text() == "year:19888 is not a year."
    assert pane.films.total == before  # the last good answer stays
    qtbot.keyClick(pane.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not pane.problem.isVisible())
    assert "From Russia with Rock" in titles(window)


def test_the_help_beside_the_field_lists_every_field(window, qtbot) -> None:  # noqa: ANN001
    button = window.list_pane.search_help
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(button.popover.isVisible)
    text = button.popover.findChild(type(window.list_pane.title), "queryHelpText").text()
    for name in ("director:", "year:", "edition:", "section:", "has:", "runtime:"):
        assert name in text
    qtbot.keyClick(button.popover, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not button.popover.isVisible())


def test_a_search_that_finds_nothing_offers_the_nearest_spelling(window, qtbot) -> None:  # noqa: ANN001
    pane = window.list_pane
    typed(window, qtbot, "Mykanen")
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)
    qtbot.waitUntil(pane.suggestion.isVisible)
    assert pane.suggestion.text() == "Did you mean \u201cMykkanen\u201d?"
    qtbot.mouseClick(pane.suggestion, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.search.text() == "Mykkanen")
    qtbot.waitUntil(lambda: "From Russia with Rock" in titles(window))


def test_field_completes_the_archives_own_field_names(window, demo_catalog, qtbot) -> None:  # noqa: ANN001
    shelf = demo_catalog.fields.add("Shelf mark").created_id
    demo_catalog.fields.add("Print source")
    rock = demo_catalog.search.films("From Russia with Rock").ids[0]
    demo_catalog.films.update(rock, None, field_values=[(shelf, "B-12")])
    field = window.list_pane.search
    popup = field.completer_popup.popup()
    typed(window, qtbot, "fie")
    qtbot.waitUntil(popup.isVisible)
    assert field.offers.stringList() == ["field:"]
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    # the archive's fields follow at once, in the form's order; typing narrows them
    qtbot.waitUntil(popup.isVisible)
    assert field.offers.stringList() == ['field:"Shelf mark"', 'field:"Print source"']
    qtbot.keyClicks(popup, "sh")
    assert field.offers.stringList() == ['field:"Shelf mark"']
    # meanwhile the unfinished name is a problem said under the field, not a broken list
    qtbot.waitUntil(window.list_pane.problem.isVisible)
    assert "no field called \u201csh\u201d" in window.list_pane.problem.text()
    assert window.list_pane.films.total > 1
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == 'field:"Shelf mark" '
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.list_pane.films.total == 1)
    assert titles(window) == ["From Russia with Rock"]
    assert not window.list_pane.problem.isVisible()
