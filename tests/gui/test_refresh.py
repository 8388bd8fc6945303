"""Each kind of change reaches the panes that show it, after the step, its undo and its redo."""

from __future__ import annotations

from curator.catalog import Catalog
from curator.model.enums import PublicationState


def steps(window, operation, shows_new, shows_old) -> None:  # noqa: ANN001
    """Run `operation` as an undo step; the panes show it, then not, then again."""
    assert shows_old(), "the panes show the change before it is made"
    assert window.run_operation(operation)
    assert shows_new(), "the panes did not follow the change"
    window.action_map["undo"].trigger()
    assert shows_old(), "the panes did not follow the undo"
    window.action_map["redo"].trigger()
    assert shows_new(), "the panes did not follow the redo"


def test_a_film_changed(window, demo_catalog: Catalog) -> None:  # noqa: ANN001
    model, form = window.list_pane.films, window.form
    film = model.row(0)
    window.open_record("film", film.id)

    def shown(title: str) -> bool:
        return (model.row(model.row_of(film.id)).title == title
                and form.current.heading.text() == title)

    steps(window, lambda: demo_catalog.films.update(film.id, None, title="Renamed film"),
          lambda: shown("Renamed film"), lambda: shown(film.title))


def test_a_person_changed(window, demo_catalog: Catalog) -> None:  # noqa: ANN001
    person = demo_catalog.people.create("Iosif Pasternak").created_id
    window.open_record("person", person)
    form = window.form

    def shown(name: str) -> bool:
        return form.current.heading.text() == name and name in window.detail.toPlainText()

    steps(window, lambda: demo_catalog.people.update(person, None, name="Josef Pasternak"),
          lambda: shown("Josef Pasternak"), lambda: shown("Iosif Pasternak"))


def test_the_festival_structure_changed(window, demo_catalog: Catalog) -> None:  # noqa: ANN001
    edition = demo_catalog.festivals.all()[0].editions[0]
    window.open_record("edition", edition.id)
    tree = window.sidebar.tree

    def names() -> bool:  # the edition's form lists its sections
        return "Documentary 1989" in window.form.current.sections_label.text()

    def section_shown() -> bool:
        return any(tree.find(f"section:{s.id}:") is not None and s.name == "Documentary 1989"
                   for s in demo_catalog.editions.get(edition.id).sections) and names()

    steps(window, lambda: demo_catalog.sections.create(edition.id, "Documentary 1989"),
          section_shown, lambda: not names() and all(
              s.name != "Documentary 1989"
              for s in demo_catalog.editions.get(edition.id).sections))


def test_a_list_changed(window, demo_catalog: Catalog) -> None:  # noqa: ANN001
    lst = demo_catalog.lists.all()[0]
    tree = window.sidebar.tree

    def shown(title: str) -> bool:
        return tree.find(f"list:{lst.id}:").text() == title

    steps(window, lambda: demo_catalog.lists.update(lst.id, None, title="Glasnost"),
          lambda: shown("Glasnost"), lambda: shown(lst.title))



def test_what_the_desk_counts_changed(window, demo_catalog: Catalog) -> None:  # noqa: ANN001
    """A film's state moves the "Unpublished" count, and a still the "No still" count."""
    from curator.catalog import FilmQuery
    from curator.catalog.search import Attention

    tree = window.sidebar.tree
    query = FilmQuery(attention=Attention.NO_STILL, state=PublicationState.DRAFT)
    film = demo_catalog.search.films(query, limit=1).ids[0]

    def count(view: Attention) -> int:
        item = tree.find(f"attention::{view}")
        return int(tree.itemFromIndex(item.index().siblingAtColumn(1)).text().replace(",", ""))

    unpublished, no_still = count(Attention.UNPUBLISHED), count(Attention.NO_STILL)
    steps(window, lambda: demo_catalog.films.update(film, None, state=PublicationState.PUBLISHED),
          lambda: count(Attention.UNPUBLISHED) == unpublished - 1,
          lambda: count(Attention.UNPUBLISHED) == unpublished)
    steps(window, lambda: demo_catalog.stills.add(
        [{"sha256": "ab" * 32, "width": 1280, "height": 1024, "format": "JPEG"}], film_id=film),
        lambda: count(Attention.NO_STILL) == no_still - 1,
        lambda: count(Attention.NO_STILL) == no_still)
