"""The film form: every field of a film, grouped as an archivist reads a catalogue entry."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from curator import CuratorError
from curator.catalog import Changes, FilmEdit
from curator.catalog.records import (
    AltTitleData,
    CreditData,
    ExternalIdData,
    FilmRecord,
    QuoteData,
    ScreeningData,
)
from curator.catalog.validation import MAX_RUNTIME, check_year
from curator.gui.forms.appearances import ScreeningsField, edition_choices
from curator.gui.forms.awards import AwardsEditor
from curator.gui.forms.base import RecordForm, link
from curator.gui.forms.chips import ChipsField
from curator.gui.forms.credits import CreditsField
from curator.gui.forms.fields import ChoiceField, LineField, NumberField, ParagraphsField
from curator.gui.forms.own_fields import field_id_of, merged, rebuild
from curator.gui.forms.quotes import QuotesField
from curator.gui.forms.related import RelatedField
from curator.gui.forms.rows import Cell, RowsField
from curator.gui.forms.source_line import SourceLine
from curator.gui.forms.stills_slot import StillsSlot
from curator.gui.undo import CatalogUndo
from curator.model import FORMATS, Colour, FilmKind, PublicationState
from curator.model.enums import RecordKind

ID_SCHEMES = ("imdb", "wikidata", "movielens", "tmdb", "filmportal", "bfi")


NEW_FILM_TITLE = "Untitled film"  # what New Film names a film until it is given a title


def state_choices() -> list[tuple[str, str]]:
    return [(s.value, s.label) for s in PublicationState]


def check_runtime(value: int) -> str | None:
    if not 1 <= value <= MAX_RUNTIME:
        return f"The runtime must be 1 to {MAX_RUNTIME:,} minutes, not {value}."
    return None


def external_ids_field(whose: str = "film's") -> RowsField:
    return RowsField("external_ids", [Cell("scheme", "Database, e.g. imdb", stretch=1,
                                 completions=ID_SCHEMES),
                            Cell("value", "Identifier, e.g. tt0095186", stretch=2)],
                     "external id", f"No external ids \u2014 add the {whose} IMDb or Wikidata id "
                     "to link the records.")


class FilmForm(RecordForm):
    kind = RecordKind.FILM

    def __init__(self, undo: CatalogUndo, parent: QWidget | None = None) -> None:
        super().__init__(undo, parent)
        # the completion lists scan every film's countries, languages and genres: read
        # them again only after a change that could add a name, not for every film shown
        self._vocabulary_read = False
        undo.changed.connect(self._vocabulary_may_have_grown)
        self.fresh: set[int] = set()  # films New Film made: "Open It" takes them away
        identity = self.section("Identity")
        self.title = identity.add("Title", self.bind(LineField("title", "The title the "
                                                               "festival used")))
        identity.add("Original title", self.bind(LineField("original_title",
                                                           "In the original script")))
        identity.add("Sort title", self.bind(LineField("sort_title", "Filed under")))
        identity.add("Other titles", self.bind(RowsField(
            "alt_titles", [Cell("title", "Alternative title", stretch=3),
                           Cell("note", "Where used, e.g. UK video", stretch=2)],
            "alternative title", "No other titles \u2014 add working or translated titles.")))
        identity.add("Year", self.bind(NumberField("year", "e.g. 1988", check=check_year)))
        self.countries = self.bind(ChipsField("countries", "Add a country\u2026"))
        identity.add("Countries", self.countries)
        self.languages = self.bind(ChipsField("languages", "Add a language\u2026"))
        identity.add("Languages", self.languages)
        identity.add("Kind", self.bind(ChoiceField(
            "kind", [("", "Not recorded")] + [(k.value, k.value.capitalize()) for k in FilmKind])))
        self.genres = self.bind(ChipsField("genres", "Add a genre or tag\u2026"))
        identity.add("Genres", self.genres)
        identity.add("Publication", self.bind(ChoiceField("state", state_choices())))

        festivals = self.section("Festival appearances")
        self.screenings = self.bind(ScreeningsField())
        festivals.add("Screenings", self.screenings)
        self.awards = AwardsEditor(self._run_award, self.catalog)
        festivals.add("Awards", self.awards)

        credits = self.section("Credits")
        self.credits = self.bind(CreditsField(self.catalog))
        self.credits.person_requested.connect(self.create_person_and_credit)
        self.credits.link_activated.connect(self.open_link)
        credits.add("People", self.credits)

        text = self.section("Text")
        text.add("Synopsis", self.bind(ParagraphsField(
            "synopsis", "What the film is about. Leave a blank line between paragraphs.", 7)))
        text.add("Quotes", self.bind(QuotesField(
            lambda source_id: self.catalog.sources.get(source_id).title,
            lambda: self.scan_page(), self.notice.emit)))
        text.add("Internal notes", self.bind(ParagraphsField(
            "notes", "For the archive team only; never exported.", 3)))
        self.source_line = SourceLine(self, "film_id")
        text.add("Source", self.source_line)

        technical = self.section("Technical")
        runtime = self.bind(NumberField("runtime", "minutes", digits=5, check=check_runtime))
        technical.add("Runtime (min)", runtime)
        technical.add("Format", self.bind(ChoiceField(
            "format", [("", "Not recorded")] + [(f, f) for f in FORMATS])))
        technical.add("Colour", self.bind(ChoiceField(
            "colour", [("", "Not recorded")]
            + [(c.value, c.value.replace("-", " ").capitalize()) for c in Colour])))

        stills = self.section("Stills")
        self.stills = StillsSlot(RecordKind.FILM)
        stills.add_wide(self.stills)

        links = self.section("Links")
        self.related = self.bind(RelatedField(self.catalog))
        self.related.link_activated.connect(self.open_link)
        links.add("See also", self.related)
        links.add("External ids", self.bind(external_ids_field()))
        self.lists = self.links_label("lists")
        links.add("On lists", self.lists)
        # the archive's own fields, below the built-in ones; rows follow the definitions
        self.own = self.section("Archive fields")
        self.own.hide()
        self._own_shown: tuple[Any, ...] | None = None
        self._own_saving = ""  # the archive field being saved, where its problem shows
        self.finish_layout()

    # -- catalog -------------------------------------------------------------------------
    def fetch(self, record_id: int) -> FilmRecord:
        return self.catalog.films.get(record_id)

    def update(self, record_id: int, version: int | None, **fields: Any) -> Changes:
        own = {k: v for k, v in fields.items() if field_id_of(k) is not None}
        if own:
            # an archive field is saved as the film's values, the others kept as they are
            held = {v.field_id: v.value for v in self.record.field_values} \
                if self.record is not None else {}
            fields = {k: v for k, v in fields.items() if k not in own}
            fields["field_values"] = merged(held, own)
            self._own_saving = next(iter(own))
        return self.catalog.films.update(record_id, version, FilmEdit(**fields))

    def problem_target(self, name: str) -> Any:
        if name == "field_values" and self._own_saving in self.fields:
            return self.fields[self._own_saving]
        return super().problem_target(name)

    def save(self, fields: dict[str, Any]) -> bool:
        """A new title or year that another film has too is asked about first."""
        if self.record is not None and ("title" in fields or "year" in fields):
            title = str(fields.get("title", self.record.title) or "")
            year = fields.get("year", self.record.year)
            same = self.catalog.films.titled(title, year, besides=self.record_id)
            if same and title.strip() != NEW_FILM_TITLE:
                answer = self.ask_same_film(title.strip(), year, same[0][0])
                if answer == "open":
                    self._open_instead(same[0][0])
                    return False
                if answer != "keep":
                    self.reload(force=True)  # the field reads as the film still does
                    return False
        return super().save(fields)

    def ask_same_film(self, title: str, year: int | None, other: int) -> str:
        """"open", "keep" or "" (neither: the edit is dropped). A method of its own so a
        test may answer the box as a person does."""
        from PySide6.QtWidgets import QMessageBox

        when = f" ({year})" if year else ""
        box = QMessageBox(QMessageBox.Icon.Question, "The Same Film?",
                          f"\u201c{title}\u201d{when} is already in the archive.", parent=self)
        box.setObjectName("sameFilmBox")
        box.setInformativeText("Open the film already there, or keep both if they are two "
                               "films.")
        open_it = box.addButton("Open It", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Keep Both", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(open_it)
        box.exec()
        clicked = box.clickedButton()
        return "open" if clicked is open_it else "keep" if clicked is keep else ""

    def _open_instead(self, other: int) -> None:
        """Go to the film already there; a film just made by New Film goes (undoably)."""
        this = self.record_id
        if this in self.fresh:
            self.fresh.discard(this)
            self.run(lambda: self.catalog.films.delete(this), [])
        self.record_opened.emit(RecordKind.FILM, other)

    def touched_by(self, changes: Changes) -> bool:
        rid = self.record_id
        touched = changes.touched
        return (rid in touched.films or touched.festival_structure or bool(touched.lists)
                or changes.touches("film_field"))

    def to_catalog(self, name: str, value: Any) -> Any:
        if name == "alt_titles":
            return [AltTitleData(*row) for row in value]
        if name == "external_ids":
            return [ExternalIdData(*row) for row in value]
        if name == "quotes":
            return [QuoteData(*row) for row in value]
        return value

    # -- loading -------------------------------------------------------------------------
    def _vocabulary_may_have_grown(self, changes: Changes) -> None:
        touched = changes.touched
        if touched.vocabulary or touched.people or touched.festival_structure:
            self._vocabulary_read = False

    def load(self, film: FilmRecord, force: bool) -> None:
        if not self._vocabulary_read:
            self.countries.set_completions(self.catalog.vocabulary.countries())
            self.languages.set_completions(self.catalog.vocabulary.languages())
            self.genres.set_completions(self.catalog.vocabulary.genres())
            self._vocabulary_read = True
        self.heading.setText(film.title)
        facts = [" / ".join(film.countries), str(film.year or ""), film.kind.capitalize(),
                 PublicationState.label_of(film.state), f"film {film.id}"]
        self.subheading.setText(" \u00b7 ".join(f for f in facts if f))
        for name in ("title", "original_title", "sort_title", "year", "runtime", "format",
                     "colour", "kind", "synopsis", "notes", "state", "countries", "languages",
                     "genres"):
            self.fields[name].set_value(getattr(film, name), force)
        self.fields["alt_titles"].set_value([(a.title, a.note) for a in film.alt_titles], force)
        self.fields["quotes"].set_value(
            [(q.text, q.attribution, q.source, q.cited) for q in film.quotes], force)
        self.fields["external_ids"].set_value(
            [(e.scheme, e.value) for e in film.external_ids], force)
        editions = edition_choices(self.catalog.festivals.all())
        self.screenings.set_editions(editions)
        self.screenings.set_value([ScreeningData(s.edition_id, s.section_id, s.premiere,
                                                 s.showings)
                                   for s in film.screenings], force)
        self.awards.set_choices(editions, film.credits)
        self.awards.set_awards(film.id, film.awards)
        self.credits.set_credits(film.credits, force)
        self.related.set_related(film.id, film.related, force)
        self._show_own_fields(film, force)
        self._show_lists(film)
        self.stills.show_stills(film.id, film.stills)
        self.source_line.show_citation(self.catalog.sources.citation_of(film_id=film.id))

    def _show_own_fields(self, film: FilmRecord, force: bool) -> None:
        records = self.catalog.fields.all()
        shown = tuple((r.id, r.name, r.kind) for r in records)
        if shown != self._own_shown:
            for name in [n for n in self.fields if field_id_of(n) is not None]:
                del self.fields[name]
            width = max((label.minimumWidth() for s in self.sections if s is not self.own
                         for label in s.labels), default=0)
            for editor in rebuild(self.own, records, width).values():
                self.bind(editor)
            self._own_shown = shown
            self.fix_tab_order()
        held = {v.field_id: v.value for v in film.field_values}
        for r in records:
            self.fields[f"field:{r.id}"].set_value(held.get(r.id, ""), force)

    def _show_lists(self, film: FilmRecord) -> None:
        if film.lists:
            self.lists.setText(", ".join(link(title, RecordKind.LIST, cid)
                                         for cid, title in film.lists))
            self.lists.setStyleSheet("")
        else:
            self.lists.setText("Not on any retrospective list yet.")
            self.lists.setStyleSheet("color: palette(placeholder-text);")

    # -- credits with a new person -------------------------------------------------------
    def create_person_and_credit(self, name: str, role: str) -> bool:
        """Create a person and credit them, as one undoable step; nothing half-done on failure."""
        if self.record_id is None:
            return False
        film_id, version = self.record_id, self.version
        credits = [*self.credits.loaded, None]
        try:
            person = self.catalog.people.create(name)
        except CuratorError as exc:
            self.report(exc, ["credits"], self.credits)
            return False
        credits[-1] = CreditData(person.created_id, role)
        try:
            film = self.catalog.films.update(film_id, version, FilmEdit(credits=credits))
        except CuratorError as exc:
            self.catalog.undo(person)  # the credit was refused: the new person goes too
            self.report(exc, ["credits"], self.credits)
            return False
        title = self.record.title if self.record else "the film"
        with self.undo.macro(f"Add {name} as {role} of {title}"):
            self.undo.push(person)
            self.undo.push(film)
        self.credits.clear_problem()
        return True

    def _run_award(self, operation: Any) -> bool:
        return self.run(operation, ["awards"], self.awards)
