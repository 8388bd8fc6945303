"""Completion lists for countries, languages and genres."""

from __future__ import annotations

from curator.catalog.vocabulary import country_names, genre_names, language_names


def test_historical_countries_are_offered(catalog):
    names = country_names(catalog)
    for country in ("USSR", "West Germany", "East Germany", "Yugoslavia", "Czechoslovakia"):
        assert country in names
    assert names == sorted(names, key=str.casefold)


def test_countries_in_use_join_the_list_once(catalog):
    catalog.create_film("A", countries=["Kingdom of Elbonia", "usa", "Finland"])
    catalog.create_person("B", country="Finland")
    names = country_names(catalog)
    assert "Kingdom of Elbonia" in names
    assert [n.casefold() for n in names].count("finland") == 1
    assert "usa" in names  # a house spelling is offered beside the standard one


def test_languages_and_genres(catalog):
    catalog.create_film("A", languages=["Karelian"], genres=["Musical", "Rock"])
    assert {"Karelian", "Russian", "English"} <= set(language_names(catalog))
    assert genre_names(catalog) == ["Musical", "Rock"]
