"""The closed vocabularies of the catalogue."""

import enum


class PublicationState(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


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
