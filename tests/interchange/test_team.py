"""Team push and pull through the command line: a folder onto a server and back."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from curator.catalog import Catalog
from curator.cli import main
from curator.interchange.catalogue_file import write_catalogue
from curator.sources import add_source
from curator.stills import import_stills
from tests.helpers import catalogue_miff
from tests.sources.printed import pdf_of, synopsis_page


@pytest.fixture
def empty_server(postgres_server):
    """The address of an empty database (no catalogue yet)."""
    name = postgres_server.new_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


def _source_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (folder / "sources").glob("*/*") if p.is_file()}


def _originals(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (folder / "stills").glob("*/*") if p.is_file()}


@pytest.mark.folder_only
def test_push_then_pull_gives_back_the_same_catalogue_and_stills(empty_server, tmp_path,
                                                                 sample_data, capsys):
    local = tmp_path / "Local.curator"
    catalog = Catalog.create(local)
    miff = catalogue_miff(catalog)
    photos = sorted((sample_data / "stills").glob("*.jpg"), key=lambda p: p.stat().st_size)
    import_stills(catalog, photos[:2], film_id=miff.film)
    import_stills(catalog, photos[:1], person_id=miff.director)  # one original, twice used
    catalog.settings.set("site_base_url", "https://archive.miff.example/")
    catalog.saved_searches.save("Soviet", "country:ussr")  # saved searches travel too
    catalog.films.delete(catalog.films.create("Deleted before the push").created_id)
    pdf = tmp_path / "catalogue.pdf"
    pdf.write_bytes(pdf_of([synopsis_page(turn=0, noise=0)[0]] * 2))
    source = add_source(catalog, [pdf], edition_id=miff.edition).source_id
    catalog.sources.cite(source, 2, (0.1, 0.2, 0.5, 0.3), film_id=miff.film)
    catalog.close()

    assert main(["team", "init", empty_server]) == 0
    assert main(["team", "push", str(local), empty_server]) == 0
    out = capsys.readouterr().out
    assert "3 films" not in out and "2 films" in out and "The counts agree" in out
    assert main(["team", "push", str(local), empty_server]) == 1  # never into a full one
    assert "already holds records" in capsys.readouterr().err
    assert main(["stills", "check", empty_server]) == 0  # the originals, on the server

    copy = tmp_path / "Copy.curator"
    assert main(["team", "pull", empty_server, str(copy)]) == 0
    pairs = []
    for folder in (local, copy):
        opened = Catalog.open(folder)
        write_catalogue(opened, tmp_path / f"{folder.stem}.json")
        pairs.append(opened.films.create("Added after").created_id)
        opened.close()
    assert (tmp_path / "Copy.json").read_bytes() == (tmp_path / "Local.json").read_bytes()
    assert '"query": "country:ussr"' in (tmp_path / "Copy.json").read_text()
    assert _originals(copy) == _originals(local) and len(_originals(local)) == 2
    assert pairs[0] == pairs[1]  # the deleted film's id is not given again in the copy
    # the printed source came along: its PDF on the server, then in the copy's folder
    assert _source_files(copy) == _source_files(local) == {
        hashlib.sha256(pdf.read_bytes()).hexdigest(): pdf.read_bytes()}
    pulled = Catalog.open(copy)
    try:
        assert pulled.sources.citation_of(film_id=miff.film).reference == \
            "MIFF 1989 catalogue, p. 2"
    finally:
        pulled.close()


@pytest.mark.folder_only
def test_every_verb_takes_the_servers_address(empty_server, demo_archive, tmp_path, capsys):
    assert main(["team", "init", empty_server]) == 0
    assert main(["team", "push", str(demo_archive), empty_server]) == 0
    team_file = tmp_path / "MIFF.curator-team"
    assert main(["team", "connection", empty_server, str(team_file),
                 "--cache", str(tmp_path / "cache")]) == 0
    capsys.readouterr()
    for where in (empty_server, str(team_file)):
        assert main(["search", where, "from russia", "--json"]) == 0
        assert "From Russia with Rock" in capsys.readouterr().out
    assert main(["info", str(team_file)]) == 0
    assert "films" in capsys.readouterr().out
    assert main(["export", str(team_file), str(tmp_path / "site"), "--quiet"]) == 0
    assert (tmp_path / "site" / "index.html").is_file()
    assert main(["export-data", empty_server, str(tmp_path / "all.json")]) == 0
    assert main(["lists", empty_server]) == 0
    capsys.readouterr()
    status = main(["check", str(demo_archive)])  # what would make a poor page...
    local_check = capsys.readouterr()
    assert main(["check", empty_server]) == status  # ...reads the same from the server
    assert capsys.readouterr() == local_check
    sheet = tmp_path / "new.csv"
    sheet.write_text("Title,Year,Director\nAssa,1987,Sergei Solovyov\n", encoding="utf-8")
    assert main(["import", empty_server, str(sheet)]) == 0
    capsys.readouterr()
    assert main(["search", empty_server, "solovyov"]) == 0
    assert "Assa" in capsys.readouterr().out
    assert main(["stills", "check", str(team_file)]) == 0
