"""The made-up catalogue the export benchmarks build: published films with a synopsis,
a director, a cinematographer and a cast member each, the same for every benchmark."""

from __future__ import annotations

import random

from curator.catalog import FilmData
from curator.model.enums import PublicationState

WORDS = ("archive festival rock film light city river night winter summer story music "
         "war love journey mother father island sea road train dream memory border house "
         "street factory village school letter song dance theatre camera").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def published_films(rng: random.Random, films: int) -> list[FilmData]:
    people = [f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()}son {n}"
              for n in range(films // 3)]
    return [FilmData(
        title=sentence(rng, 3)[:-1] + f" {n}", year=rng.randint(1920, 2024),
        countries=(rng.choice(["USSR", "Finland", "Australia", "France", "Japan"]),),
        languages=("English",), runtime=rng.randint(5, 180), format="35mm",
        synopsis="\n\n".join(sentence(rng, 40) for _ in range(2)),
        credits=((rng.choice(people), "director"), (rng.choice(people), "cinematographer"),
                 (rng.choice(people), "cast")),
        state=PublicationState.PUBLISHED) for n in range(films)]
