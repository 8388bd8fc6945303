"""Text from a scan: Tesseract reads a box of a page, and its lines become paragraphs.

Tesseract runs as its own process (`tesseract stdin stdout`), the image handed over on
its standard input: no Python binding to keep in step with the installed Tesseract, a
time limit that really stops it, and a missing Tesseract said in one line.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess

from PIL import Image, ImageFilter, ImageOps

from curator import CuratorError

TIMEOUT = 60.0  # seconds; a box of a page takes about one
# The languages a source may name, as the catalogue spells them, and Tesseract's codes.
LANGUAGES = {
    "english": "eng", "russian": "rus", "finnish": "fin", "german": "deu", "french": "fra",
    "italian": "ita", "spanish": "spa", "swedish": "swe", "estonian": "est",
    "ukrainian": "ukr", "polish": "pol", "czech": "ces", "hungarian": "hun",
    "japanese": "jpn", "dutch": "nld", "norwegian": "nor", "danish": "dan",
    "portuguese": "por", "latvian": "lav", "lithuanian": "lit",
}


class OcrUnavailable(CuratorError):
    """Tesseract is not installed, or failed on the page."""


def tesseract_path() -> str | None:
    return shutil.which(os.environ.get("CURATOR_TESSERACT", "tesseract"))


@functools.cache
def installed_languages() -> frozenset[str]:
    path = tesseract_path()
    if path is None:
        return frozenset()
    try:
        out = subprocess.run([path, "--list-langs"], capture_output=True, text=True,
                             timeout=TIMEOUT, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def language_code(language: str) -> str:
    """Tesseract's code for a source's language, when its data is installed; else English."""
    wanted = [LANGUAGES.get(part.strip().casefold(), part.strip().casefold())
              for part in re.split(r"[,;+/]", language or "") if part.strip()]
    have = installed_languages()
    found = [code for code in wanted if code in have]
    return "+".join(found) if found else "eng"


def prepare(image: Image.Image) -> Image.Image:
    """Greyscale, with the scanner's speckle taken out (a 3x3 median filter).

    Deskewing, binarising and enlarging are left out: on the test pages Tesseract's own
    line finding and threshold did as well or better, and they cost time (docs/ocr.md
    gives the figures)."""
    grey = ImageOps.grayscale(image) if image.mode != "L" else image
    return grey.filter(ImageFilter.MedianFilter(3))


def read_text(image: Image.Image, *, language: str = "eng", dpi: int = 300) -> str:
    """The text of `image` (a box of a page), as paragraphs joined for a field."""
    path = tesseract_path()
    if path is None:
        raise OcrUnavailable("Tesseract is not installed, so text cannot be read from scans "
                             "(on Debian: apt-get install tesseract-ocr).")
    buffer = io.BytesIO()
    # the least compression: a tenth of a second saved, the bytes go through a pipe
    prepare(image).save(buffer, "PNG", dpi=(dpi, dpi), compress_level=1)
    # one thread: on a box Tesseract's threads cost more than they save, and two desks'
    # readings must not crowd out each other
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            # the LSTM engine alone (the legacy one's data is not loaded), and no second
            # pass looking for light text on dark: a catalogue prints dark on light
            [path, "stdin", "stdout", "-l", language, "--psm", "4", "--oem", "1",
             "-c", "tessedit_do_invert=0"],
            input=buffer.getvalue(), capture_output=True, timeout=TIMEOUT, env=env,
            check=False)
    except subprocess.TimeoutExpired:
        raise OcrUnavailable(f"Tesseract took more than {TIMEOUT:.0f} s on the box and was "
                             "stopped; draw a smaller one.") from None
    except OSError as exc:
        raise OcrUnavailable(f"Tesseract could not be started ({exc.strerror}).") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrUnavailable("Tesseract could not read the box ("
                             f"{reason[-1] if reason else f'exit {done.returncode}'}).")
    return join_lines(done.stdout.decode("utf-8", "replace"))


_HYPHENS = "-\u00ad\u2010"


def join_lines(text: str) -> str:
    """Printed lines as a field's text: a word hyphenated at a line's end is joined (a
    compound of capitalised words keeps its hyphen), the other line breaks inside a
    paragraph become spaces, paragraphs stay apart."""
    text = text.replace("\f", "\n").replace("\r\n", "\n")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        joined = lines[0]
        for line in lines[1:]:
            if joined[-1] in _HYPHENS and len(joined) > 1 and joined[-2].isalpha() \
                    and line[0].islower():
                joined = joined[:-1] + line  # peres- / troika: one word, broken to fit
            elif joined[-1] == "-" and len(joined) > 1 and joined[-2].isalpha() \
                    and line[0].isupper():
                joined = joined + line  # Soviet- / Finnish: a compound keeps its hyphen
            else:
                joined = f"{joined} {line}"
        paragraphs.append(joined.replace("\u00ad", ""))
    return "\n\n".join(paragraphs)
