"""Every command on every input ends in one line naming the problem and the file, never a
traceback; a refused input leaves the archive as it was."""

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from curator.catalog import Catalog
from curator.cli import main

HEAD = '{"format": "curator-catalogue", "format_version": 1, '


def run(*args, env=None, limit=None, timeout=120):
    """The command as a user runs it: its own process, optionally under a file-size limit."""

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "curator", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limited if limit else None,
                          env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})})


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("curator: ")
    return lines[0]


@pytest.fixture
def archive(tmp_path) -> Path:
    folder = tmp_path / "Festival.curator"
    Catalog.create(folder).close()
    return folder


def counts(folder: Path) -> dict[str, int]:
    catalog = Catalog.open(folder)
    try:
        return catalog.counts()
    finally:
        catalog.close()


def failing(capsys, argv) -> str:
    assert main([str(a) for a in argv]) == 1
    return one_line(capsys.readouterr().err)


@pytest.mark.parametrize(("body", "said"), [
    ('"films": [{"id": ' + "7" * 5000 + ', "title": "A"}]}', "a number too long to read"),
    ('"films": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('"films": [{"id": 1, "title": 1988}]}',
     "film 1: \u201ctitle\u201d must be text, not a number"),
    ('"films": [{"id": 1, "title": "A", "credits": ["Mykkanen"]}]}',
     "film 1, credit 1: must be an object, not text"),
    ('"films": [{"id": 1, "title": "A", "synopsis": ["one", "two"]}]}',
     "\u201csynopsis\u201d must be text, not a list"),
    ('"films": [{"id": 1, "title": "Rock\\ud800"}]}', "half of a surrogate pair"),
    ('"films": [{"id": 9223372036854775808, "title": "A"}]}', "\u201cid\u201d must be a whole"),
    ('"films": [{"id": 1, "title": "A", "year": 99999999999999999999}]}',
     "\u201cyear\u201d is too large a number"),
    ('"festivals": [{"id": 1, "name": "MIFF", "editions": [{"id": 2, "year": 1989, '
     '"starts_on": "June"}]}]}', "festival 1, edition 2: \u201cstarts_on\u201d is not a date"),
    ('"films": [{"id": 1, "title": "A", "created_at": "yesterday"}]}',
     "film 1: \u201ccreated_at\u201d is not a date"),
    ('"films": [], "settings": {"site_base_url": {"href": "x"}}}', "must be text, not an object"),
])
def test_a_damaged_catalogue_file_is_one_line_naming_file_and_record(
        archive, tmp_path, capsys, body, said):
    path = tmp_path / "festival.json"
    path.write_text(HEAD + body, encoding="utf-8")
    line = failing(capsys, ["import", archive, path])
    assert line.startswith("curator: festival.json: ") and said in line
    assert not any(counts(archive).values())


def test_a_damaged_catalogue_file_merging_into_records_is_refused_too(archive, tmp_path, capsys):
    main(["import", str(archive), str(_sheet(tmp_path, "Title\nThe Needle\n"))])
    capsys.readouterr()
    path = tmp_path / "more.json"
    path.write_text(HEAD + '"films": [{"id": 1, "title": "A", "synopsis": {"x": 1}}]}')
    assert "more.json: film 1: \u201csynopsis\u201d must be text, not an object" in \
        failing(capsys, ["import", archive, path])
    assert counts(archive)["films"] == 1


def test_a_film_breaking_the_rules_is_skipped_when_merging_and_named(archive, tmp_path, capsys):
    main(["import", str(archive), str(_sheet(tmp_path, "Title\nThe Needle\n"))])
    capsys.readouterr()
    path = tmp_path / "more.json"
    path.write_text(HEAD + '"films": [{"id": 1, "title": "A", "runtime": "90"}, '
                    '{"id": 2, "title": "B", "year": 1990}]}')
    assert main(["import", str(archive), str(path)]) == 0
    out = capsys.readouterr().out
    assert "films[0] (id 1): The runtime must be a whole number" in out
    assert counts(archive)["films"] == 2  # B came in, A was reported and left out


def _sheet(tmp_path: Path, text: str, name: str = "films.csv", data: bytes | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(data if data is not None else text.encode("utf-8"))
    return path


def test_a_spreadsheet_header_past_the_field_limit_is_one_line(archive, tmp_path, capsys):
    path = _sheet(tmp_path, "Title," + "x" * 140_000 + "\nThe Needle,1\n")
    line = failing(capsys, ["import", archive, path])
    assert "films.csv: row 1: the header cannot be read (a value is longer than 131,072" in line
    assert counts(archive)["films"] == 0


def test_a_broken_utf16_spreadsheet_names_its_file(archive, tmp_path, capsys):
    path = _sheet(tmp_path, "", "export.csv", data=b"\xff\xfeT\x00i\x00,\x00Y")
    line = failing(capsys, ["import", archive, path])
    assert "export.csv: it is marked as UTF-16" in line and "save it again as UTF-8" in line


@pytest.mark.parametrize("json_ld", [
    '{"@context": "https://schema.org", "@graph": 5}',
    '{"@graph": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"@graph": [{"@type": "Movie", "name": {"text": "x"}}]}',
])
def test_a_page_with_odd_json_ld_still_imports(archive, tmp_path, capsys, json_ld):
    page = tmp_path / "needle.html"
    page.write_text(f'<html><head><script type="application/ld+json">{json_ld}</script>'
                    "</head><body><h1>The Needle</h1><p>USSR, 1988 (MIFF 1989)</p>"
                    "<p>Director: Rashid Nugmanov</p><p>A film.</p></body></html>")
    assert main(["import", str(archive), str(page)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert counts(archive)["films"] == 1


def test_a_year_of_twenty_digits_and_an_id_past_the_largest(archive, capsys):
    assert "--year takes a year" in failing(
        capsys, ["search", archive, "x", "--year", "99999999999999999999"])
    for argv in (["stills", "add", archive, "99999999999999999999", "x.jpg"],
                 ["lists", archive, "--csv", "99999999999999999999", "x.csv"],
                 ["search", archive, "x", "--limit", "99999999999999999999"]):
        with pytest.raises(SystemExit) as usage:
            main([str(a) for a in argv])
        assert usage.value.code == 2
        err = capsys.readouterr().err
        assert "1 to 9,223,372,036,854,775,807" in err and "Traceback" not in err
    assert "needs an id from 1 to" in failing(
        capsys, ["export", archive, archive.parent / "site", "--select",
                 "film:99999999999999999999"])


def test_an_export_into_the_top_of_the_disk_is_refused(archive, capsys):
    assert "/ is the top of a disk" in failing(capsys, ["export", archive, "/"])


def test_open_without_the_gui_extra_says_how_to_install_it(archive):
    # an installation without [gui]: PySide6 cannot be imported
    result = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['PySide6'] = None\n"
         "from curator.cli import main; sys.exit(main(['open', sys.argv[1]]))", str(archive)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "pip install 'curator[gui]'" in one_line(result.stderr)


def test_an_unexpected_error_is_one_line_and_a_report(archive, tmp_path, capsys, monkeypatch):
    import curator.cli.core

    def broken(_args):
        return {}["no such key"]

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(curator.cli.core, "cmd_info", broken)
    line = failing(capsys, ["info", archive])
    assert "An unexpected error stopped Curator (KeyError)" in line
    report = Path(line.rsplit("the full report is in ", 1)[1].rstrip("."))
    assert report.parent == tmp_path / "cache" / "curator" / "reports"
    text = report.read_text()
    assert "Traceback" in text and "no such key" in text and "curator info" in text


# -- a full disk: the process may write only so much (RLIMIT_FSIZE) ------------------------
def test_a_full_disk_during_import_is_one_line_and_changes_nothing(archive, tmp_path):
    rows = "".join(f"Film {n},1990,Person {n},{'x' * 300}\n" for n in range(3000))
    sheet = _sheet(tmp_path, "Title,Year,Director,Synopsis\n" + rows)
    limit = (archive / "archive.sqlite").stat().st_size + 50_000
    result = run("import", archive, sheet, limit=limit)
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "archive.sqlite: the disk" in line and "nothing was changed" in line
    assert not any(counts(archive).values())


def test_a_full_disk_during_export_data_leaves_no_file(archive, tmp_path):
    rows = "".join(f"Film {n},1990,Person {n},{'x' * 300}\n" for n in range(300))
    assert main(["import", str(archive), str(_sheet(tmp_path, "Title,Year,Director,Synopsis\n"
                                                    + rows))]) == 0
    out = tmp_path / "out"
    out.mkdir()
    result = run("export-data", archive, out / "festival.json", limit=60_000)
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "festival.json: the file would grow beyond" in line
    assert list(out.iterdir()) == []


def test_a_full_disk_during_new_leaves_no_half_made_archive(tmp_path):
    result = run("new", tmp_path / "New.curator", limit=50_000)
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "New.curator" in line and "disk" in line and "nothing was left behind" in line
    assert not (tmp_path / "New.curator").exists()


def test_a_full_disk_during_stills_add_stores_and_records_nothing(archive, tmp_path):
    image = tmp_path / "still.jpg"
    Image.effect_noise((800, 600), 90).convert("RGB").save(image, quality=95)
    assert image.stat().st_size > 100_000
    catalog = Catalog.open(archive)
    film = catalog.films.create("The Needle").created_id
    catalog.close()
    result = run("stills", "add", archive, film, image, limit=60_000)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{image.name}: refused, could not be stored in the archive: the file would grow "
        "beyond the size this system allows."]
    assert counts(archive)["stills"] == 0
    assert not [p for p in (archive / "stills").rglob("*") if p.is_file()]


def test_stills_add_refuses_a_named_pipe_and_a_device_without_waiting(archive, tmp_path):
    pipe = tmp_path / "still.jpg"
    os.mkfifo(pipe)
    catalog = Catalog.open(archive)
    film = catalog.films.create("The Needle").created_id
    catalog.close()
    result = run("stills", "add", archive, film, pipe, "/dev/zero", timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "still.jpg: refused, a named pipe, not an image file." in result.stderr
    assert "zero: refused, a device, not an image file." in result.stderr
    assert result.stderr.splitlines()[-1] == "2 of 2 files refused."
    assert counts(archive)["stills"] == 0


def test_a_spreadsheet_into_a_missing_folder_names_the_file_asked_for(archive, tmp_path, capsys):
    catalog = Catalog.open(archive)
    film = catalog.films.create("The Needle").created_id
    list_id = catalog.lists.create("Kino", [film]).created_id
    catalog.close()
    target = tmp_path / "no such folder" / "kino.csv"
    line = failing(capsys, ["lists", archive, "--csv", list_id, target])
    assert line == f"curator: {target}: no such file or folder."


def test_a_runtime_of_four_hundred_digits_is_a_row_error(archive, tmp_path, capsys):
    path = _sheet(tmp_path, "Title,Runtime\nThe Needle," + "9" * 400 + "\nAssa,1h 1e400m\n")
    assert main(["import", str(archive), str(path)]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and not captured.err
    assert "row 2: \u201c" + "9" * 40 + "\u2026\u201d is not a running time" in captured.out
    assert "row 3: " in captured.out and counts(archive)["films"] == 0
