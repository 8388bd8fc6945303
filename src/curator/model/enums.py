"""The closed vocabularies of the catalogue."""

import enum


class PublicationState(enum.StrEnum):
    """Whether a record is on the web archive; the one place its names are spelt."""

    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """The state as the desk shows it: "Draft", "Published", "Withdrawn"."""
        return self.value.capitalize()

    @classmethod
    def label_of(cls, state: str) -> str:
        """The label of a stored state; a value from before the enum is shown as it is."""
        try:
            return cls(state).label
        except ValueError:
            return state


class RecordKind(enum.StrEnum):
    """The kinds of record the desk opens, links to and lists ("film:12" in a link)."""

    FILM = "film"
    PERSON = "person"
    FESTIVAL = "festival"
    EDITION = "edition"
    SECTION = "section"
    LIST = "list"


class FilmKind(enum.StrEnum):
    FEATURE = "feature"
    SHORT = "short"
    DOCUMENTARY = "documentary"
    ANIMATION = "animation"
    EXPERIMENTAL = "experimental"
    SERIES = "series"
    OTHER = "other"


class Colour(enum.StrEnum):
    COLOUR = "colour"
    BLACK_AND_WHITE = "black-and-white"
    MIXED = "mixed"


class Role(enum.StrEnum):
    DIRECTOR = "director"
    PRODUCER = "producer"
    SCREENWRITER = "screenwriter"
    CINEMATOGRAPHER = "cinematographer"
    EDITOR = "editor"
    COMPOSER = "composer"
    CAST = "cast"
    ANIMATOR = "animator"
    SOUND = "sound"
    PRODUCTION_DESIGNER = "production designer"
    NARRATOR = "narrator"
    OTHER = "other"


class Premiere(enum.StrEnum):
    NONE = ""
    WORLD = "world"
    INTERNATIONAL = "international"
    NATIONAL = "national"
    LOCAL = "local"


class AwardResult(enum.StrEnum):
    WON = "won"
    NOMINATED = "nominated"


FORMATS = ("35mm", "16mm", "Super-8", "8mm", "70mm", "video", "Betacam", "DCP", "digital")
