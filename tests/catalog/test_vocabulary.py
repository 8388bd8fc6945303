"""Completion lists for countries, languages and genres."""

from __future__ import annotations


def test_historical_countries_are_offered(catalog):
    names = catalog.vocabulary.countries()
    for country in ("USSR", "West Germany", "East Germany", "Yugoslavia", "Czechoslovakia"):
        assert country in names
    assert names == sorted(names, key=str.casefold)


def test_countries_in_use_join_the_list_once(catalog):
    catalog.films.create("A", countries=["Kingdom of Elbonia", "usa", "Finland"])
    catalog.people.create("B", country="Finland")
    names = catalog.vocabulary.countries()
    assert "Kingdom of Elbonia" in names
    assert [n.casefold() for n in names].count("finland") == 1
    assert "usa" in names  # a house spelling is offered beside the standard one


def test_languages_and_genres(catalog):
    catalog.films.create("A", languages=["Karelian"], genres=["Musical", "Rock"])
    assert {"Karelian", "Russian", "English"} <= set(catalog.vocabulary.languages())
    assert catalog.vocabulary.genres() == ["Musical", "Rock"]
