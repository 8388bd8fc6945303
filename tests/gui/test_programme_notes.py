"""Programme notes of a list as a PDF, checked with a PDF text extractor."""

import subprocess
import unicodedata

from curator.gui.programme_notes import write_programme_notes
from curator.interchange.demo_list import build_demo_list


def test_the_pdf_has_the_introduction_and_one_section_per_film(qapp, demo_catalog, tmp_path):
    list_id = build_demo_list(demo_catalog)
    pdf = write_programme_notes(demo_catalog, list_id, tmp_path / "Perestroika notes.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = unicodedata.normalize("NFKC", text)  # the PDF sets "fi" as a ligature
    assert "Perestroika on film" in text
    assert "Programmed by MIFF programming team" in text
    sections = [line.strip() for line in text.splitlines()
                if line.strip()[:2] in ("1.", "2.", "3.")]
    assert sections == ["1. From Russia with Rock", "2. Black Square", "3. Defence Councel Sedov"]
    assert "USSR, 1988 · Director: Marjaana Mykkanen" in text
    assert "Open with the noise" in text
    assert not list(tmp_path.glob(".*.part"))
