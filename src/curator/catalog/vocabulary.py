"""Suggestions for free-text vocabularies: countries, languages and genres.

Completion lists for the editors. A country list has to hold the countries
films were made in, which are not always today's: a 1988 film is from the USSR,
not from Russia. Values the catalogue already uses come first in no particular
authority; they are merged with the built-in names, so a house spelling is offered
alongside the standard one. Nothing here is enforced: the fields stay free text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from curator.catalog.core import CatalogCore, Operations
from curator.model import Festival, FilmCountry, FilmGenre, FilmLanguage, Person

# Countries that no longer exist but are where many archive films come from.
HISTORICAL_COUNTRIES = (
    "USSR", "West Germany", "East Germany", "Yugoslavia", "Czechoslovakia",
    "Serbia and Montenegro", "Zaire", "Burma", "Ceylon", "Rhodesia", "South Vietnam",
    "North Vietnam", "South Yemen", "North Yemen", "Upper Volta", "Dahomey",
)  # fmt: skip

COUNTRIES = (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia",
    "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados",
    "Belarus", "Belgium", "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia and Herzegovina",
    "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso", "Burundi", "Cambodia",
    "Cameroon", "Canada", "Cape Verde", "Central African Republic", "Chad", "Chile", "China",
    "Colombia", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic",
    "Democratic Republic of the Congo", "Denmark", "Djibouti", "Dominican Republic",
    "Ecuador", "Egypt", "El Salvador", "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji",
    "Finland", "France", "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece",
    "Greenland", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras",
    "Hong Kong", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland",
    "Israel", "Italy", "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya",
    "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia",
    "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Macao", "Madagascar", "Malawi",
    "Malaysia", "Mali", "Malta", "Mauritania", "Mauritius", "Mexico", "Moldova", "Monaco",
    "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nepal",
    "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea",
    "North Macedonia", "Norway", "Oman", "Pakistan", "Palestine", "Panama",
    "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland", "Portugal",
    "Puerto Rico", "Qatar", "Romania", "Russia", "Rwanda", "Samoa", "Saudi Arabia",
    "Senegal", "Serbia", "Sierra Leone", "Singapore", "Slovakia", "Slovenia",
    "Solomon Islands", "Somalia", "South Africa", "South Korea", "South Sudan", "Spain",
    "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland", "Syria", "Taiwan",
    "Tajikistan", "Tanzania", "Thailand", "Timor-Leste", "Togo", "Tonga",
    "Trinidad and Tobago", "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine",
    "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan",
    "Vanuatu", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe",
    *HISTORICAL_COUNTRIES,
)  # fmt: skip

LANGUAGES = (
    "Afrikaans", "Albanian", "Amharic", "Arabic", "Armenian", "Azerbaijani", "Basque",
    "Belarusian", "Bengali", "Bosnian", "Bulgarian", "Burmese", "Cantonese", "Catalan",
    "Croatian", "Czech", "Danish", "Dutch", "English", "Estonian", "Farsi", "Finnish",
    "Flemish", "French", "Galician", "Georgian", "German", "Greek", "Gujarati", "Hebrew",
    "Hindi", "Hungarian", "Icelandic", "Indonesian", "Inuktitut", "Irish", "Italian",
    "Japanese", "Kazakh", "Khmer", "Korean", "Kurdish", "Kyrgyz", "Lao", "Latin", "Latvian",
    "Lithuanian", "Macedonian", "Malay", "Malayalam", "Maltese", "Mandarin", "Māori",
    "Marathi", "Mongolian", "Nepali", "Norwegian", "Pashto", "Polish", "Portuguese",
    "Punjabi", "Quechua", "Romani", "Romanian", "Russian", "Sámi", "Serbian",
    "Serbo-Croatian", "Sinhala", "Slovak", "Slovenian", "Somali", "Spanish", "Swahili",
    "Swedish", "Tagalog", "Tajik", "Tamil", "Telugu", "Thai", "Tibetan", "Turkish",
    "Turkmen", "Ukrainian", "Urdu", "Uzbek", "Vietnamese", "Welsh", "Wolof", "Yiddish",
    "Yoruba", "Zulu", "Sign language", "No dialogue",
)  # fmt: skip


def _merged(builtin: tuple[str, ...], used: list[str]) -> list[str]:
    """Built-in and used names, one of each (case-insensitively), sorted as people read."""
    seen: dict[str, str] = {}
    for name in (*used, *builtin):
        name = name.strip()
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return sorted(seen.values(), key=str.casefold)


def _used(core: CatalogCore, *columns: Any) -> list[str]:
    names: list[str] = []
    with core.read() as session:
        for column in columns:
            names.extend(session.scalars(select(column).distinct()))
    return names


class Vocabulary(Operations):
    """The names to offer where a form asks for a country, a language or a genre."""

    def countries(self) -> list[str]:
        """Every country to offer: the built-in list, historical ones, and those in use."""
        used = _used(self.core, FilmCountry.name, Person.country, Festival.country)
        return _merged(COUNTRIES, used)

    def languages(self) -> list[str]:
        return _merged(LANGUAGES, _used(self.core, FilmLanguage.name))

    def genres(self) -> list[str]:
        """Genres have no standard list: the catalogue's own tags are the vocabulary."""
        return _merged((), _used(self.core, FilmGenre.name))
