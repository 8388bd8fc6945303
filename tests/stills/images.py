"""Generated image files for the stills tests: small, real, and each awkward in one way."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image

# Colours far enough apart that a rotation or a channel mix-up cannot hide.
RED, GREEN, BLUE = (220, 20, 20), (20, 200, 20), (20, 20, 220)


def marked_jpeg(path: Path, size: tuple[int, int] = (120, 80), orientation: int = 1) -> Path:
    """A JPEG whose top-left quarter is red, stored with an EXIF orientation tag."""
    im = Image.new("RGB", size, BLUE)
    im.paste(RED, (0, 0, size[0] // 2, size[1] // 2))
    exif = Image.Exif()
    exif[0x0112] = orientation
    im.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


def cmyk_jpeg(path: Path) -> Path:
    """A CMYK JPEG of pure cyan (what print houses send)."""
    Image.new("CMYK", (90, 60), (255, 0, 0, 0)).save(path, "JPEG", quality=95)
    return path


def sixteen_bit_png(path: Path) -> Path:
    """A 16-bit greyscale PNG at half brightness (32768 of 65535)."""
    Image.new("I;16", (64, 48), 32768).save(path, "PNG")
    return path


def alpha_png(path: Path) -> Path:
    """An RGBA PNG: left half opaque green, right half fully transparent."""
    im = Image.new("RGBA", (80, 40), (0, 0, 0, 0))
    im.paste((*GREEN, 255), (0, 0, 40, 40))
    im.save(path, "PNG")
    return path


def palette_png(path: Path) -> Path:
    im = Image.new("RGB", (40, 30), RED).convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    im.save(path, "PNG")
    return path


def webp_and_tiff(folder: Path) -> list[Path]:
    im = Image.new("RGB", (70, 50), GREEN)
    im.save(folder / "green.webp", "WEBP", quality=90)
    im.save(folder / "green.tif", "TIFF", compression="tiff_deflate")
    return [folder / "green.webp", folder / "green.tif"]


def truncated_jpeg(path: Path, source: Path) -> Path:
    """The first 60% of a real photograph."""
    data = source.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def corrupt_png(path: Path) -> Path:
    """A PNG with damaged image data (its checksum no longer matches)."""
    Image.new("RGB", (50, 50), RED).save(path, "PNG")
    data = bytearray(path.read_bytes())
    at = data.index(b"IDAT") + 8
    data[at:at + 6] = b"\xff" * 6
    path.write_bytes(bytes(data))
    return path


def decompression_bomb(path: Path, side: int = 20000) -> Path:
    """A real, valid 1-bit PNG of side x side white pixels: 400 megapixels in ~60 kB."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    row = b"\x00" + b"\xff" * ((side + 7) // 8)
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body)
                     + chunk(b"IEND", b""))
    return path


def text_as_jpeg(path: Path) -> Path:
    path.write_text("Programme notes, MIFF 1989: not a photograph.\n", encoding="utf-8")
    return path


def gif(path: Path) -> Path:
    Image.new("RGB", (20, 20), RED).save(path, "GIF")
    return path


def swapped_primaries_profile() -> bytes:
    """An ICC RGB profile whose red and blue colorants are swapped (a deliberately odd space).

    A pixel stored as pure red in this space is blue in sRGB: a derivative that
    ignored the embedded profile would come out red.
    """
    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(struct.pack(">i", round(v * 65536)) for v in (x, y, z))

    desc_text = b"Swapped primaries\0"
    desc = (b"desc\0\0\0\0" + struct.pack(">I", len(desc_text)) + desc_text
            + b"\0" * 12 + b"\0" * 67)
    gamma = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"  # gamma 2.2
    tags = [
        (b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.1431, 0.0606, 0.7141)),  # sRGB's blue
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.4361, 0.2225, 0.0139)),  # sRGB's red
        (b"rTRC", gamma), (b"gTRC", gamma), (b"bTRC", gamma),
    ]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    table, data = struct.pack(">I", len(tags)), b""
    for sig, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = 128 + table_size + len(data)
    header = (struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntr"
              + b"RGB " + b"XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 28
              + b"".join(struct.pack(">i", round(v * 65536)) for v in (0.9642, 1.0, 0.8249))
              + b"\0" * 48)
    assert len(header) == 128
    return header + table + data


def profiled_jpeg(path: Path) -> Path:
    Image.new("RGB", (60, 40), (255, 0, 0)).save(
        path, "JPEG", quality=95, icc_profile=swapped_primaries_profile())
    return path


def stored_files(catalog) -> list[Path]:
    """Every file in the archive's stills folder, temporary ones included."""
    return sorted(p for p in catalog.archive.stills_dir.rglob("*") if p.is_file())
