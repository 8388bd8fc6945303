"""The wording rules of the web archive and the "See also" rule, on their own."""

from __future__ import annotations

from curator.catalog.records import CreditData, RelatedData, ScreeningData
from curator.catalog.see_also import SeeAlso
from curator.catalog.wording import country_year, teaser
from curator.model.enums import PublicationState
from curator.publish.text import fold, initial, tokens

LONG = ("Late one evening in Moscow in 1937, Defence Councel Sedov hears a knock at the door. "
        "Three women whose agronomist husbands have been sentenced to death for alleged "
        "sabotage beg him to take on the case, and he travels to the provinces to find out.")


def test_teaser_cuts_at_a_word_with_an_ellipsis():
    assert teaser("A short synopsis.") == "A short synopsis."
    cut = teaser(LONG)
    assert cut.endswith("\u2026") and len(cut) <= 201
    assert LONG.startswith(cut[:-1]) and LONG[len(cut) - 1] == " "
    assert teaser("word " * 30 + "end,  \n and more " * 20).count("  ") == 0
    assert not teaser("x" * 150 + ", " + "y" * 100).endswith(",\u2026")


def test_country_year_never_leaves_empty_punctuation():
    assert country_year(["USSR", "Finland"], 1988) == "USSR / Finland, 1988"
    assert country_year(["USSR"], None) == "USSR"
    assert country_year([], 1988) == "1988"
    assert country_year(["", ""], None) == ""


def test_search_folding_ignores_accents_and_case():
    assert fold("Mykkänen") == fold("MYKKANEN") == "mykkanen"
    assert tokens("Jäniksen vuosi (1977)") == ["janiksen", "vuosi", "1977"]
    assert tokens("Наутилус Помпилиус") == ["наутилус", "помпилиус"]
    assert initial("Ölmez, Ayşe") == "o" and initial("Тарковский") == "other"


def test_see_also_order_and_limit(catalog):
    festival = catalog.festivals.create("Melbourne International Film Festival",
                                       short_name="MIFF").created_id
    edition = catalog.editions.create(festival, 1989).created_id
    other_edition = catalog.editions.create(festival, 1990).created_id
    animation = catalog.sections.create(edition, "Animation").created_id
    director = catalog.people.create("Priit Pärn").created_id

    def film(title: str, year: int | None = None, **fields) -> int:
        state = fields.pop("state", PublicationState.PUBLISHED)
        return catalog.films.create(title, year=year, state=state, **fields).created_id

    manual_b = film("Manual B", 2001)
    manual_a = film("Manual A", 1999)
    hidden = film("Unpublished", 1980, state=PublicationState.DRAFT)
    by_director = [film("Later", 1990, credits=[CreditData(director, "director")]),
                   film("Earlier", 1984, credits=[CreditData(director, "director")]),
                   film("Undated", None, credits=[CreditData(director, "director")])]
    same_section = film("Section film", 1985, screenings=[ScreeningData(edition, animation)])
    same_country = film("Country film", 1970, countries=["Estonia"],
                        screenings=[ScreeningData(edition)])
    film("Other edition", 1970, countries=["Estonia"], screenings=[ScreeningData(other_edition)])
    subject = film("Breakfast on the Grass", 1987, countries=["Estonia"],
                   credits=[CreditData(director, "director")],
                   screenings=[ScreeningData(edition, animation)],
                   related=[RelatedData(manual_b), RelatedData(hidden), RelatedData(manual_a)])

    published = catalog.films.get_many(catalog.films.with_state(PublicationState.PUBLISHED))
    rule = SeeAlso(published)
    [record] = [f for f in published if f.id == subject]
    titles = [f.title for f in rule.of(record, limit=10)]
    assert titles == ["Manual B", "Manual A", "Undated", "Earlier", "Later", "Section film",
                      "Country film"]
    assert [f.title for f in rule.of(record)] == titles[:5]
    assert [f.id for f in SeeAlso(reversed(published)).of(record)] == \
        [f.id for f in rule.of(record)]  # deterministic whatever the loading order
    assert hidden not in {f.id for f in rule.of(record, limit=10)}
    assert by_director[0] in {f.id for f in rule.of(record)}
    assert same_section and same_country


def test_bulk_reads_give_the_same_records_as_one_at_a_time(demo_catalog):
    ids = demo_catalog.films.with_state(PublicationState.PUBLISHED) + [9, 10, 11]
    # get_many reads in bulk; the reference is films.get, one film per query
    assert demo_catalog.films.get_many(ids) == [demo_catalog.films.get(i) for i in ids]
    people = demo_catalog.people.get_many([1, 999])
    record = demo_catalog.people.get(1)
    assert list(people) == [1]
    assert people[1].variants == record.variants == ("Marjaana Mykkänen",)
    assert people[1].name == record.name and people[1].portraits == record.portraits


def test_a_page_prints_every_kind_of_value_as_jinjas_own_escaping_does():
    from jinja2 import DictLoader, Environment
    from markupsafe import Markup

    from curator.publish.render import SiteEnvironment

    source = ("{% macro b(x) %}<b>{{ x }}</b>{% endmacro %}"
              "{% for v in values %}[{{ v }}|{{ b(v) }}|{{ v|safe }}]{% endfor %}"
              "{{ values|join(', ') }}")
    values = ["Tom & Jerry <3 \"quoted\" 'single'", "plain", "", 1984, -3, 2.5, True, None,
              Markup("<i>kept</i> &amp;"), Markup("")]
    theirs = Environment(loader=DictLoader({"t.html": source}), autoescape=True)
    ours = SiteEnvironment(loader=DictLoader({"t.html": source}), autoescape=True)
    expected = theirs.get_template("t.html").render(values=values)
    assert "Tom &amp; Jerry &lt;3 &#34;quoted&#34; &#39;single&#39;" in expected
    assert ours.get_template("t.html").render(values=values) == expected
