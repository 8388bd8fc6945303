"""Printed pages made for the tests: a catalogue's synopsis set in a serif face at 300 dpi,
as a scanner would give it back (slightly turned, with speckle), and small PDFs."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")  # fonts-dejavu-core
DPI = 300
A4 = (2480, 3508)  # pixels at 300 dpi
MARGIN = 300
BOX_TOP = 600  # where the synopsis starts; the tests' boxes are drawn around it

SYNOPSIS = (
    "Nautilus Pompilius play their first concert in Moscow. The group from Sverdlovsk, "
    "led by Vyacheslav Butusov, had been heard on smuggled tapes all over the country "
    "before anyone in the capital had seen them. The film follows the band from the "
    "rehearsal room to the stage of the Gorbunov Palace of Culture, and listens to the "
    "fans who queued through the night for tickets.\n\n"
    "Directed by Marjaana Mykkanen, a Finnish filmmaker who travelled with the musicians "
    "for three months, it is an unusually intimate record of the first steps of "
    "perestroika in action: young people who speak freely, for the first time, "
    "about what they want from their lives."
)

# Words the typesetter breaks at a line's end on the test page, as printed catalogues do.
HYPHENATED = {"Sverdlovsk": "Sverd-", "musicians": "musi-", "perestroika": "peres-"}


def _lines(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int,
           hyphenate: dict[str, str]) -> list[str]:
    """Greedy wrapping; a word listed in `hyphenate` ("perestroika": "peres-") is broken
    with a hyphen when it does not fit, as a typesetter would."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if draw.textlength(trial, font=font) <= width:
                line = trial
                continue
            head = hyphenate.get(word.strip(".,:"))
            if head and draw.textlength(f"{line} {head}", font=font) <= width:
                lines.append(f"{line} {head}")
                line = word[len(head) - 1:]
                continue
            lines.append(line)
            line = word
        lines.append(line)
        lines.append("")
    return lines[:-1]


def synopsis_page(text: str = SYNOPSIS, *, turn: float = 0.6, noise: float = 0.01,
                  seed: int = 18, point_size: float = 11,
                  hyphenate: dict[str, str] | None = None) -> tuple[Image.Image, tuple]:
    """An A4 page at 300 dpi with `text` set in DejaVu Serif, turned by `turn` degrees
    with a `noise` share of pixels speckled; returns the page and the box (x, y, w, h)
    around the text."""
    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(SERIF), round(point_size * DPI / 72))
    title_font = ImageFont.truetype(str(SERIF), round(18 * DPI / 72))
    draw.text((MARGIN, 320), "FROM RUSSIA WITH ROCK", font=title_font, fill=0)
    width = A4[0] - 2 * MARGIN
    lines = _lines(draw, text, font, width, hyphenate or HYPHENATED)
    leading = round(font.size * 1.45)
    y = BOX_TOP
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=0)
        y += leading
    box = (MARGIN - 60, BOX_TOP - 40, width + 120, y - BOX_TOP + 80)
    if turn:
        page = page.rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if noise:
        rng = random.Random(seed)
        pixels = page.load()
        for _ in range(int(A4[0] * A4[1] * noise)):
            x, yy = rng.randrange(A4[0]), rng.randrange(A4[1])
            pixels[x, yy] = rng.choice((0, 90, 160, 255))
    return page, box


def save_scan(image: Image.Image, path: Path, fmt: str = "PNG") -> Path:
    image.save(path, fmt, dpi=(DPI, DPI))
    return path


def pdf_of(pages: list[Image.Image]) -> bytes:
    """A PDF of these page images at 300 dpi (what a scanner's "save as PDF" makes)."""
    out = io.BytesIO()
    first, *rest = [p.convert("RGB") for p in pages]
    first.save(out, "PDF", resolution=DPI, save_all=True, append_images=rest)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    """A PDF that asks for a password (a Standard security handler whose user password is
    not empty)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"00" * 32 + b"> /U <" + b"11" * 32
            + b"> /P -4 >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    ident = b"<0123456789abcdef0123456789abcdef>"
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [%s %s] >>\n"
            % (len(objs) + 1, ident, ident))
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return out
