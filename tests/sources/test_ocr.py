"""Text from a box of a scanned page: accurate, joined into paragraphs, from the CLI too."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys

import pytest

from curator.sources import add_source, join_lines, language_code, read_box
from tests.sources.printed import SYNOPSIS


def character_error_rate(expected: str, read: str) -> float:
    matcher = difflib.SequenceMatcher(None, expected, read, autojunk=False)
    edits = sum(max(i2 - i1, j2 - j1)
                for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    return edits / len(expected)


def test_lines_become_paragraphs_with_hyphenated_words_joined():
    printed = ("The group from Sverd-\nlovsk, led by Butusov,\nplayed in Moscow.\n\n"
               "It is a record of peres-\ntroika in action. Soviet-\nFinnish crews filmed.\n")
    assert join_lines(printed) == (
        "The group from Sverdlovsk, led by Butusov, played in Moscow.\n\n"
        "It is a record of perestroika in action. Soviet-Finnish crews filmed.")


def test_the_language_is_the_sources_when_tesseract_has_it():
    assert language_code("English") == "eng"
    assert language_code("") == "eng"
    assert language_code("Klingon") == "eng"  # no data for it: English rather than nothing


def test_a_box_of_a_scanned_synopsis_reads_with_at_most_two_percent_errors(
        catalog, miff, synopsis, tmp_path):
    page, box = synopsis
    scan = tmp_path / "page 42.png"
    page.save(scan, dpi=(300, 300))
    source = add_source(catalog, [scan], edition_id=miff.edition).source_id
    text = read_box(catalog, source, 1, box)
    assert character_error_rate(SYNOPSIS, text) <= 0.02, text
    assert "Sverdlovsk" in text and "perestroika" in text  # printed hyphenated, read whole
    assert text.count("\n\n") == 1  # two paragraphs, no line breaks inside them


def run(*args):
    return subprocess.run([sys.executable, "-m", "curator", *map(str, args)],
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})


def test_the_command_line_adds_lists_and_reads_sources(catalog, miff, catalogue_pdf, scans,
                                                        synopsis, tmp_path):
    folder = catalog.archive.location
    catalog.close()
    added = run("sources", "add", folder, "miff-1989", catalogue_pdf, "--date", "1989-07",
                "--language", "English")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Source 1: MIFF 1989 catalogue (MIFF 1989), 3 pages")
    listed = run("sources", "list", folder)
    assert "MIFF 1989 catalogue\tMIFF 1989\t3 pages\t1989-07, English" in listed.stdout
    assert "PDF, page 1 is 2480x3508 pixels at 300 dpi" in listed.stdout
    x, y, w, h = synopsis[1]
    read = run("ocr", folder, 1, 2, "--box", f"{x},{y},{w},{h}")
    assert read.returncode == 0, read.stderr
    assert character_error_rate(SYNOPSIS, read.stdout.strip()) <= 0.02


@pytest.mark.parametrize(("args", "words"), [
    (["sources", "add", "{a}", "miff-2999", "{pdf}"], "There is no edition"),
    (["sources", "add", "{a}", "miff-1989", "{bad}"], "bad.pdf: not a PDF"),
    (["ocr", "{a}", "1", "9"], "has no page 9"),
    (["ocr", "{a}", "1", "1", "--box", "0,0,99999,10"], "is not inside page 1"),
])
def test_the_command_line_refuses_in_one_line(catalog, miff, catalogue_pdf, tmp_path, args,
                                              words):
    add_source(catalog, [catalogue_pdf], edition_id=miff.edition)
    folder = catalog.archive.location
    catalog.close()
    bad = tmp_path / "bad.pdf"
    bad.write_text("hello")
    done = run(*(a.format(a=folder, pdf=catalogue_pdf, bad=bad) for a in args))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and words in done.stderr, done.stderr
