"""The catalogue's tables as typed SQLAlchemy 2 entities.

Every editable row carries a version counter (optimistic locking: a save based
on a stale version is refused) and its creation and change times, save a film's
countries, languages and genres: those carry the counter alone (the film's own
change time and the history say when they changed, and an import writes hundreds
of thousands of them).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import NewType

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from curator.model.enums import PublicationState

FilmId = NewType("FilmId", int)
PersonId = NewType("PersonId", int)
FestivalId = NewType("FestivalId", int)
EditionId = NewType("EditionId", int)
SectionId = NewType("SectionId", int)
CollectionId = NewType("CollectionId", int)
StillId = NewType("StillId", int)

# A naming convention makes constraint names stable, so Alembic batch migrations
# can find and alter them on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """Mixin: a version counter checked on every UPDATE."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805 - SQLAlchemy's declared_attr signature
        return {"version_id_col": cls.__table__.c.version}


class Editable:
    """Mixin: a version counter checked on every UPDATE, and timestamps."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, default=utcnow, onupdate=utcnow
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805 - SQLAlchemy's declared_attr signature
        return {"version_id_col": cls.__table__.c.version}


CASCADE = "all, delete-orphan"


class Film(Editable, Base):
    __tablename__ = "film"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are in URLs: never reuse one

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    original_title: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    sort_title: Mapped[str] = mapped_column(String(500), nullable=False, index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    runtime: Mapped[int | None] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    colour: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    kind: Mapped[str] = mapped_column(String(40), nullable=False, default="", index=True)
    synopsis: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    state: Mapped[str] = mapped_column(String(20), nullable=False,
                                       default=PublicationState.DRAFT, index=True)
    # Sort keys the film list orders by, derived from the film's parts and kept in step
    # by the catalog (catalog/sort_keys.py): sorting 100,000 films stays an index scan.
    sort_countries: Mapped[str] = mapped_column(String(200), nullable=False, default="",
                                                server_default="", index=True)
    sort_directors: Mapped[str] = mapped_column(String(300), nullable=False, default="",
                                                server_default="", index=True)
    appearance_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0,
                                                  server_default="0", index=True)
    still_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0,
                                             server_default="0", index=True)

    countries: Mapped[list[FilmCountry]] = relationship(
        cascade=CASCADE, order_by="FilmCountry.position", back_populates="film"
    )
    languages: Mapped[list[FilmLanguage]] = relationship(
        cascade=CASCADE, order_by="FilmLanguage.position", back_populates="film"
    )
    genres: Mapped[list[FilmGenre]] = relationship(
        cascade=CASCADE, order_by="FilmGenre.position", back_populates="film"
    )
    alt_titles: Mapped[list[AltTitle]] = relationship(
        cascade=CASCADE, order_by="AltTitle.position", back_populates="film"
    )
    credits: Mapped[list[Credit]] = relationship(
        cascade=CASCADE, order_by="Credit.position", back_populates="film"
    )
    quotes: Mapped[list[Quote]] = relationship(
        cascade=CASCADE, order_by="Quote.position", back_populates="film"
    )
    screenings: Mapped[list[Screening]] = relationship(cascade=CASCADE, back_populates="film")
    external_ids: Mapped[list[ExternalId]] = relationship(
        cascade=CASCADE, back_populates="film", foreign_keys="ExternalId.film_id"
    )
    related: Mapped[list[RelatedFilm]] = relationship(
        cascade=CASCADE,
        order_by="RelatedFilm.position",
        foreign_keys="RelatedFilm.film_id",
        back_populates="film",
    )
    stills: Mapped[list[Still]] = relationship(
        cascade=CASCADE, order_by="Still.position", foreign_keys="Still.film_id"
    )
    field_values: Mapped[list[FilmFieldValue]] = relationship(
        cascade=CASCADE, order_by="FilmFieldValue.field_id", back_populates="film"
    )


class _FilmValue(Versioned):
    """A film's ordered list of plain values (countries, languages, genres): a version
    counter, no times of their own (the film's updated_at and its history say when)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    name: Mapped[str] = mapped_column(String(200), nullable=False)

    @declared_attr
    def film_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(ForeignKey("film.id", ondelete="CASCADE"), nullable=False, index=True)


class FilmCountry(_FilmValue, Base):
    __tablename__ = "film_country"
    __table_args__ = (Index("ix_film_country_name", "name"),)
    film: Mapped[Film] = relationship(back_populates="countries")


class FilmLanguage(_FilmValue, Base):
    __tablename__ = "film_language"
    film: Mapped[Film] = relationship(back_populates="languages")


class FilmGenre(_FilmValue, Base):
    __tablename__ = "film_genre"
    film: Mapped[Film] = relationship(back_populates="genres")


class AltTitle(Editable, Base):
    """Another title of a film: a translation, a working title, a title in another script."""

    __tablename__ = "alt_title"

    id: Mapped[int] = mapped_column(primary_key=True)
    film_id: Mapped[int] = mapped_column(
        ForeignKey("film.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    note: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    film: Mapped[Film] = relationship(back_populates="alt_titles")


class Person(Editable, Base):
    __tablename__ = "person"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are in URLs: never reuse one

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    sort_name: Mapped[str] = mapped_column(String(300), nullable=False, index=True)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    death_year: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    biography: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    state: Mapped[str] = mapped_column(String(20), nullable=False,
                                       default=PublicationState.PUBLISHED)

    variants: Mapped[list[NameVariant]] = relationship(
        cascade=CASCADE, order_by="NameVariant.id", back_populates="person"
    )
    credits: Mapped[list[Credit]] = relationship(back_populates="person")
    external_ids: Mapped[list[ExternalId]] = relationship(
        cascade=CASCADE, back_populates="person", foreign_keys="ExternalId.person_id"
    )
    portraits: Mapped[list[Still]] = relationship(
        cascade=CASCADE, order_by="Still.position", foreign_keys="Still.person_id"
    )


class NameVariant(Editable, Base):
    """Another spelling or script of a person's name (Mykkänen / Mykkanen)."""

    __tablename__ = "name_variant"
    __table_args__ = (UniqueConstraint("person_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(300), nullable=False, index=True)
    person: Mapped[Person] = relationship(back_populates="variants")


class Credit(Editable, Base):
    __tablename__ = "credit"
    __table_args__ = (
        UniqueConstraint("film_id", "person_id", "role", "character"),
        # a film's directors: without it SQLite walks every director in the archive
        Index("ix_credit_film_id_role", "film_id", "role"),
        # director: and person: searches: a person's films in a role, from the index alone
        Index("ix_credit_person_id_role", "person_id", "role", "film_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    film_id: Mapped[int] = mapped_column(
        ForeignKey("film.id", ondelete="CASCADE"), nullable=False, index=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    # no index of its own: a role matches a third of all credits, and SQLite would
    # walk it instead of the person's or the film's few (ix_credit_film_id_role serves)
    role: Mapped[str] = mapped_column(String(40), nullable=False)
    character: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    film: Mapped[Film] = relationship(back_populates="credits")
    person: Mapped[Person] = relationship(back_populates="credits")


class Quote(Editable, Base):
    __tablename__ = "quote"

    id: Mapped[int] = mapped_column(primary_key=True)
    film_id: Mapped[int] = mapped_column(
        ForeignKey("film.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    attribution: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    source: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    film: Mapped[Film] = relationship(back_populates="quotes")
    # the printed source's page it was typed from: goes with the quote, recorded, so
    # undo brings it back
    citation: Mapped[Citation | None] = relationship(cascade=CASCADE, uselist=False)


class ExternalId(Editable, Base):
    """An identifier in another database: IMDb, Wikidata, MovieLens..."""

    __tablename__ = "external_id"
    __table_args__ = (Index("ix_external_id_scheme_value", "scheme", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    film_id: Mapped[int | None] = mapped_column(
        ForeignKey("film.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    scheme: Mapped[str] = mapped_column(String(40), nullable=False)
    value: Mapped[str] = mapped_column(String(200), nullable=False)

    film: Mapped[Film | None] = relationship(back_populates="external_ids", foreign_keys=[film_id])
    person: Mapped[Person | None] = relationship(
        back_populates="external_ids", foreign_keys=[person_id]
    )


class FilmAddress(Editable, Base):
    """An address a published film's page had before: the slug it was published under when
    its title changed, or when it was deleted or taken out of the archive. The export
    leaves a redirect or a "no longer in the archive" page there, so no link breaks."""

    __tablename__ = "film_address"
    __table_args__ = (UniqueConstraint("film_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # no foreign key: the address outlives a deleted film
    film_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    slug: Mapped[str] = mapped_column(String(200), nullable=False)
    title: Mapped[str] = mapped_column(String(500), nullable=False, default="")


class FilmAlias(Editable, Base):
    """The id of a film merged into another: a link to it, or a command given it, leads to
    the film it was merged into (`film_id`), and its public addresses redirect there."""

    __tablename__ = "film_alias"

    # the merged-away film's id, never given to another film (ids are not reused)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    # no foreign key: an alias outlives the film it leads to (then it leads nowhere)
    film_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)


class NotDuplicate(Editable, Base):
    """Two films, or two people, an archivist said are not one: the duplicates finder
    never lists them again. `first_id` is the smaller id."""

    __tablename__ = "not_duplicate"
    __table_args__ = (UniqueConstraint("kind", "first_id", "second_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)  # "film" or "person"
    first_id: Mapped[int] = mapped_column(Integer, nullable=False)
    second_id: Mapped[int] = mapped_column(Integer, nullable=False)


class RelatedFilm(Editable, Base):
    """A manual "See also" link, listed before the automatic ones."""

    __tablename__ = "related_film"
    __table_args__ = (UniqueConstraint("film_id", "related_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    film_id: Mapped[int] = mapped_column(
        ForeignKey("film.id", ondelete="CASCADE"), nullable=False, index=True
    )
    related_id: Mapped[int] = mapped_column(
        ForeignKey("film.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    note: Mapped[str] = mapped_column(String(300), nullable=False, default="")

    film: Mapped[Film] = relationship(foreign_keys=[film_id], back_populates="related")
    related_film: Mapped[Film] = relationship(foreign_keys=[related_id])


class Festival(Editable, Base):
    __tablename__ = "festival"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are in URLs: never reuse one

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    short_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    city: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    country: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")

    editions: Mapped[list[Edition]] = relationship(
        cascade=CASCADE, order_by="Edition.year", back_populates="festival"
    )


class Edition(Editable, Base):
    __tablename__ = "edition"
    __table_args__ = (UniqueConstraint("festival_id", "year"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(
        ForeignKey("festival.id", ondelete="CASCADE"), nullable=False, index=True
    )
    slug: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    number: Mapped[int | None] = mapped_column(Integer)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    intro: Mapped[str] = mapped_column(Text, nullable=False, default="")
    opening_film_id: Mapped[int | None] = mapped_column(
        ForeignKey("film.id", ondelete="SET NULL")
    )
    state: Mapped[str] = mapped_column(String(20), nullable=False,
                                       default=PublicationState.PUBLISHED)

    festival: Mapped[Festival] = relationship(back_populates="editions")
    sections: Mapped[list[Section]] = relationship(
        cascade=CASCADE, order_by="Section.position", back_populates="edition"
    )


class Section(Editable, Base):
    __tablename__ = "section"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are in URLs: never reuse one

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("edition.id", ondelete="CASCADE"), nullable=False, index=True
    )
    slug: Mapped[str] = mapped_column(String(200), nullable=False)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    edition: Mapped[Edition] = relationship(back_populates="sections")


class Screening(Editable, Base):
    """A film shown at a festival edition, optionally in one of its sections."""

    __tablename__ = "screening"
    __table_args__ = (UniqueConstraint("film_id", "edition_id", "section_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    film_id: Mapped[int] = mapped_column(
        ForeignKey("film.id", ondelete="CASCADE"), nullable=False, index=True
    )
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("edition.id", ondelete="CASCADE"), nullable=False, index=True
    )
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("section.id", ondelete="SET NULL"), index=True
    )
    premiere: Mapped[str] = mapped_column(String(40), nullable=False, default="")

    film: Mapped[Film] = relationship(back_populates="screenings")
    edition: Mapped[Edition] = relationship()
    section: Mapped[Section | None] = relationship()
    showings: Mapped[list[Showing]] = relationship(
        cascade=CASCADE, back_populates="screening", order_by="Showing.position")


class Showing(Editable, Base):
    """One showing of a film's appearance at an edition: its day, and the time and venue
    when the programme says them (what a "programme by day" lists)."""

    __tablename__ = "showing"

    id: Mapped[int] = mapped_column(primary_key=True)
    screening_id: Mapped[int] = mapped_column(
        ForeignKey("screening.id", ondelete="CASCADE"), nullable=False, index=True
    )
    day: Mapped[date] = mapped_column(Date, nullable=False)
    time: Mapped[str] = mapped_column(String(5), nullable=False, default="")  # "HH:MM"
    venue: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    screening: Mapped[Screening] = relationship(back_populates="showings")


class Award(Editable, Base):
    __tablename__ = "award"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("edition.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    film_id: Mapped[int | None] = mapped_column(
        ForeignKey("film.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    result: Mapped[str] = mapped_column(String(20), nullable=False, default="won")

    edition: Mapped[Edition] = relationship()


class Still(Editable, Base):
    """An image of a film, or a portrait of a person; the file itself lives in stills/."""

    __tablename__ = "still"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are in URLs: never reuse one

    id: Mapped[int] = mapped_column(primary_key=True)
    film_id: Mapped[int | None] = mapped_column(
        ForeignKey("film.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    width: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    height: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    format: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    original_name: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    caption: Mapped[str] = mapped_column(Text, nullable=False, default="")
    credit: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    alt_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    rights: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    is_primary: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    focal_x: Mapped[float] = mapped_column(Float, nullable=False, default=0.5)
    focal_y: Mapped[float] = mapped_column(Float, nullable=False, default=0.5)


class Collection(Editable, Base):
    """A retrospective list: an ordered, annotated selection of films."""

    __tablename__ = "collection"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are in URLs: never reuse one

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    curator: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    introduction: Mapped[str] = mapped_column(Text, nullable=False, default="")
    state: Mapped[str] = mapped_column(String(20), nullable=False, default=PublicationState.DRAFT)

    items: Mapped[list[CollectionItem]] = relationship(
        cascade=CASCADE, order_by="CollectionItem.position", back_populates="collection"
    )


class CollectionItem(Editable, Base):
    __tablename__ = "collection_item"
    __table_args__ = (UniqueConstraint("collection_id", "film_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(
        ForeignKey("collection.id", ondelete="CASCADE"), nullable=False, index=True
    )
    film_id: Mapped[int] = mapped_column(
        ForeignKey("film.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    collection: Mapped[Collection] = relationship(back_populates="items")
    film: Mapped[Film] = relationship()


class SavedSearch(Editable, Base):
    """A search the archivist named and keeps: a query of the query language (catalog/query.py),
    run again whenever it is shown, so its films and count follow the catalogue."""

    __tablename__ = "saved_search"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    query: Mapped[str] = mapped_column(Text, nullable=False)


class FilmField(Editable, Base):
    """A field the archive adds to its films ("Print source", "Shelf mark"): its name, the
    kind of value it holds (text, number or yes/no) and where the form shows it."""

    __tablename__ = "film_field"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False, default="text")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class FilmFieldValue(Editable, Base):
    """What one film holds in one of the archive's own fields, kept as text (a number in
    its plain decimal spelling, yes/no as "yes" or "no")."""

    __tablename__ = "film_field_value"
    __table_args__ = (UniqueConstraint("film_id", "field_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    film_id: Mapped[int] = mapped_column(ForeignKey("film.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("film_field.id", ondelete="CASCADE"),
                                          nullable=False, index=True)
    value: Mapped[str] = mapped_column(Text, nullable=False, default="")

    film: Mapped[Film] = relationship(back_populates="field_values")


class Setting(Base):
    """Per-archive settings: site base URL, export folder, archive name."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Source(Editable, Base):
    """A printed source of an edition or a festival: a catalogue's scanned pages or its PDF.

    Its files live in sources/, named by SHA-256 like stills' originals."""

    __tablename__ = "source"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int | None] = mapped_column(
        ForeignKey("festival.id", ondelete="CASCADE"), index=True
    )
    edition_id: Mapped[int | None] = mapped_column(
        ForeignKey("edition.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    date: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    language: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    publishable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    pages: Mapped[list[SourcePage]] = relationship(
        cascade=CASCADE, order_by="SourcePage.number", back_populates="source"
    )
    edition: Mapped[Edition | None] = relationship()
    festival: Mapped[Festival | None] = relationship()


class SourcePage(Base):
    """One page of a source: a page of a stored file (an image, a TIFF frame or a PDF page)."""

    __tablename__ = "source_page"
    __table_args__ = (UniqueConstraint("source_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), nullable=False, index=True
    )
    number: Mapped[int] = mapped_column(Integer, nullable=False)  # 1, 2, ... as the reader counts
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    format: Mapped[str] = mapped_column(String(10), nullable=False)  # PDF, JPEG, PNG, TIFF
    file_page: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # in its file
    width: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # PDF: at 300 dpi
    height: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    original_name: Mapped[str] = mapped_column(String(300), nullable=False, default="")

    source: Mapped[Source] = relationship(back_populates="pages")


class Citation(Editable, Base):
    """Where a film's, a quote's or a person's text came from: a source's page, and the
    region of it (fractions of the page: "x,y,w,h") when text was taken from a box."""

    __tablename__ = "citation"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), nullable=False, index=True
    )
    film_id: Mapped[int | None] = mapped_column(
        ForeignKey("film.id", ondelete="CASCADE"), index=True
    )
    quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quote.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    page: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    region: Mapped[str] = mapped_column(String(80), nullable=False, default="")
