"""Reduced decoding: a JPEG decoded only as large as the largest web size needs."""

from __future__ import annotations

from PIL import Image

LARGEST_WEB_WIDTH = 1600
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


def draft_for_web(im: Image.Image) -> None:
    """Ask a JPEG to decode at the smallest 1/2, 1/4 or 1/8 scale that still covers the
    largest web size: most of the work of decoding a big JPEG is saved. Others: no-op."""
    if im.format != "JPEG":
        return
    w, h = im.size
    upright_w = h if im.getexif().get(0x0112, 1) in ROTATED else w
    scale = min(1.0, LARGEST_WEB_WIDTH / upright_w)
    im.draft("RGB" if im.mode in ("RGB", "YCbCr") else None,
             (max(1, int(w * scale)), max(1, int(h * scale))))
