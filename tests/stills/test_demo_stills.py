"""The demo archive's photographs: on which films, with what credits, and intact."""

from __future__ import annotations

from PIL import Image

from curator.interchange.demo import DEMO_STILLS, demo_file, read_copyright
from curator.stills import check_stills, derivative_path


def test_demo_films_carry_real_photographs_with_credits(demo_catalog):
    ids = demo_catalog.search.films("From Russia with Rock", limit=5).ids
    film = next(f for f in demo_catalog.films.get_many(ids) if f.title == "From Russia with Rock")

    assert [s.original_name for s in film.stills] == ["Storm.jpg", "Aqua.jpg", "GreenMeadow.jpg"]
    storm = film.stills[0]
    assert storm.is_primary and storm.caption == "Storm clouds over a motorway"
    assert storm.credit == "Photo \u00a9 2008 Sergey Nazarov" and storm.rights == "GPL-2+"
    assert all(s.alt_text for s in film.stills)
    films_with_stills = {f for _sha, f, _p in demo_catalog.stills.all_hashes()}
    assert len(films_with_stills) == 5
    assert check_stills(demo_catalog).problems == []

    with Image.open(derivative_path(demo_catalog.archive, storm.sha256, 480, "webp")) as im:
        assert im.size == (480, 320)


def test_every_demo_photograph_has_a_credit_in_the_copyright_file():
    credits = read_copyright(demo_file("stills") / "COPYRIGHT")
    for _film, name, _caption, _alt in DEMO_STILLS:
        holders, licence = credits[name]
        assert holders and licence == "GPL-2+", name
    assert credits["GreenMeadow.jpg"][0] == "2005 Timothy Schellhase; 2008 Lapo Calamandrei"
    shipped = sorted(p.name for p in demo_file("stills").glob("*.jpg"))
    assert shipped == sorted(name for _f, name, _c, _a in DEMO_STILLS)
    assert sum(p.stat().st_size for p in demo_file("stills").iterdir()) < 3_000_000
