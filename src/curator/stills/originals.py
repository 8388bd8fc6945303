"""Originals: verifying an image file and storing it unchanged, named by its SHA-256.

    stills/ab/abcdef0123...   (no extension: the catalogue records the format)

A file is read once, checked with Pillow (header, then a real decode at reduced
size), and only then written: to a temporary file in its final folder, flushed
to disk and renamed into place, so a crash never leaves half an original.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import stat
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from curator import CuratorError
from curator.oserrors import os_reason
from curator.paths import OutsideFolder, inside, is_sha256
from curator.stills.decoding import ROTATED, draft_for_web
from curator.store import Archive

# Pillow's format names -> what an archivist calls them.
SUPPORTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "TIFF": "TIFF"}
# Pillow's own decompression-bomb threshold (about 89 megapixels): a 35 mm frame
# scanned at 4000 dpi has about 20; a file claiming more is refused, not just warned of.
MAX_PIXELS = 89_478_485
TEMP_PREFIX = ".incoming-"


class StillRefused(CuratorError):
    """A file that cannot become a still; the message names the file and the reason."""

    def __init__(self, name: str, reason: str) -> None:
        self.name, self.reason = name, reason
        super().__init__(f"{name}: {reason}")


@dataclass(frozen=True)
class StillFile:
    """What the catalogue records about a stored original."""

    sha256: str
    width: int
    height: int
    format: str  # Pillow's name: JPEG, PNG, WEBP, TIFF
    original_name: str

    def as_meta(self) -> dict[str, object]:
        return {"sha256": self.sha256, "width": self.width, "height": self.height,
                "format": self.format, "original_name": self.original_name}


def original_path(archive: Archive, sha256: str) -> Path:
    """Where the original with this hash lives (whether or not it is there).

    Raises OutsideFolder for a value that is not a SHA-256: a catalogue written by hand
    or by an older Curator may hold one, and it must never name a file elsewhere."""
    return inside(archive.stills_dir, f"{checked_hash(sha256)[:2]}/{sha256}")


def on_server(archive: object) -> bool:
    """Whether the archive keeps its originals on a server rather than in its folder."""
    return bool(getattr(archive, "originals_on_server", False))


def local_original(archive: Archive, sha256: str) -> Path:
    """A file on this machine holding the original (fetched from the server into this
    machine's cache when the catalogue is on one); it may not exist if the original is
    missing."""
    path = original_path(archive, sha256)
    if not on_server(archive) or (path.is_file() and file_sha256(path) == sha256):
        return path
    from curator.store.server_files import STILL_ORIGINALS

    data = STILL_ORIGINALS.data(archive, sha256)
    if data is not None:
        write_whole(path, data)
    return path


def checked_hash(sha256: str) -> str:
    if not is_sha256(sha256):
        raise OutsideFolder(f"\u201c{sha256}\u201d is not a still's SHA-256 (64 lower-case "
                            "hex characters).")
    return sha256


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_image(data: bytes, name: str, *, keep_decoded: bool = False
                 ) -> tuple[int, int, str, Image.Image | None]:
    """Check that `data` is a whole, readable still; returns (width, height, format, image).

    `image` is the decoded picture (at the reduced scale web sizes need) when
    `keep_decoded`, so derivatives can be made without decoding the file again.

    The size is the upright one, as the still is shown (EXIF orientation applied).

    Raises StillRefused naming the file: unsupported format, too many pixels,
    truncated or corrupt.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as im:
                fmt = im.format or ""
                size = im.size
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise StillRefused(name, _bomb_reason(data)) from None
        except UnidentifiedImageError:
            raise StillRefused(
                name, "unsupported format; Curator takes JPEG, PNG, WebP and TIFF images, "
                "and this file is none of them."
            ) from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise StillRefused(name, f"the image is corrupt ({exc}).") from None
    if fmt not in SUPPORTED_FORMATS:
        raise StillRefused(name, f"unsupported format {fmt or 'unknown'}; "
            "Curator takes JPEG, PNG, WebP and TIFF images."
        )
    width, height = size
    if width < 1 or height < 1:
        raise StillRefused(name, "the image has no pixels.")
    if width * height > MAX_PIXELS:
        raise StillRefused(name, _too_big(width, height))
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.verify()  # structure and checksums, without decoding
        # A real decode finds what verify cannot (a JPEG cut short); for JPEG
        # a reduced decode is enough to read every byte of the scan.
        im = Image.open(io.BytesIO(data))
        if keep_decoded:
            draft_for_web(im)
        elif fmt == "JPEG":
            im.draft(None, (max(1, width // 8), max(1, height // 8)))
        im.load()
        orientation = im.getexif().get(0x0112, 1)
    except Image.DecompressionBombError:
        raise StillRefused(name, _too_big(width, height)) from None
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombWarning) as exc:
        reason = str(exc) or type(exc).__name__
        if "truncated" in reason or isinstance(exc, EOFError):
            raise StillRefused(name, "the image is truncated (the file ends too early).") \
                from None
        raise StillRefused(name, f"the image is corrupt ({reason}).") from None
    if orientation in ROTATED:  # stored sideways: the catalogue records it upright
        width, height = height, width
    return width, height, fmt, (im if keep_decoded else None)


def _too_big(width: int, height: int) -> str:
    return (f"{width:,}x{height:,} is {width * height:,} pixels, more than the "
            f"{MAX_PIXELS:,} a still may have (a decompression bomb or a damaged file).")


def _bomb_reason(data: bytes) -> str:
    try:  # read the claimed size with no limit, only to say it
        previous, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        with Image.open(io.BytesIO(data)) as im:
            return _too_big(*im.size)
    except Exception:
        return "the image claims more pixels than a still may have (a decompression bomb)."
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def read_still(path: Path, *, keep_decoded: bool = False
               ) -> tuple[bytes, StillFile, Image.Image | None]:
    """Read and verify a file; returns its bytes, what to record and (if asked) the
    decoded image for web sizes. Raises StillRefused."""
    name = path.name
    data = read_regular_file(path, "an image file")
    if not data:
        raise StillRefused(name, "the file is empty.")
    width, height, fmt, image = verify_image(data, name, keep_decoded=keep_decoded)
    sha = hashlib.sha256(data).hexdigest()
    return data, StillFile(sha, width, height, fmt, name[:300]), image


def read_regular_file(path: Path, what: str) -> bytes:
    """The bytes of the plain file at `path`; raises StillRefused saying why not (`what`
    the file should have been: "an image file")."""
    name = path.name
    try:
        return _read_regular_file(path, what)
    except IsADirectoryError:
        raise StillRefused(name, f"a folder, not {what}.") from None
    except FileNotFoundError:
        raise StillRefused(name, f"no such file ({path}).") from None
    except OSError as exc:
        raise StillRefused(name, f"cannot be read ({os_reason(exc)}).") from None


def _read_regular_file(path: Path, what: str) -> bytes:
    """The bytes of a plain file; a named pipe or a device is refused, never waited on.

    Checked before opening, and opened without waiting (O_NONBLOCK) then checked
    again, so a file swapped for a pipe in between cannot hang the import either.
    """
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    _refuse_unless_regular(info, path, what)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        _refuse_unless_regular(os.fstat(fd), path, what)
        return fh.read()


def _refuse_unless_regular(info: os.stat_result, path: Path, what: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = ("a named pipe" if stat.S_ISFIFO(info.st_mode) else
                "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                "a socket" if stat.S_ISSOCK(info.st_mode) else "not a plain file")
        raise StillRefused(path.name, f"{kind}, not {what}.")


def store_original(archive: Archive, data: bytes, sha256: str) -> bool:
    """Write an original into the store unless it is there; True if it was written.

    The bytes go to a temporary file in the final folder, are flushed to disk,
    then renamed into place: the original appears whole or not at all.
    """
    if on_server(archive):
        from curator.store.server_files import STILL_ORIGINALS

        return STILL_ORIGINALS.put(archive, sha256, data)
    target = original_path(archive, sha256)
    if target.is_file() and file_sha256(target) == sha256:
        return False  # a damaged copy (found by `stills check`) is replaced below
    write_whole(target, data)
    return True


def write_whole(target: Path, data: bytes) -> None:
    """Write `data` as `target`, read-only: to a temporary file in its folder, flushed to
    disk and renamed into place, so the file appears whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, 0o444)  # originals are never modified
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
