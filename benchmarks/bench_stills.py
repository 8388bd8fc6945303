"""How fast stills are imported with all their derivatives, against Pillow's own floor.

Imports ../shared/data/stills and a batch of generated 4000x3000 JPEGs into a
temporary archive and makes every thumbnail and web size; then, in the same
run, decodes the same files on one core with Pillow's reduced JPEG decode
(`draft`, at the scale the largest web size needs): the least work any
derivative maker must do. Target: images/s >= 0.6 x cores x draft-decode rate.

    python benchmarks/bench_stills.py [--generated 12] [--keep] [--stages]

`--stages` adds the CPU time of each step of making one image's derivatives
(one core, the least of three tries per file) and the derivatives' mean sizes:
where the time beyond the floor goes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageOps

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from figures import report as report_figure  # noqa: E402

from curator.catalog import Catalog  # noqa: E402
from curator.stills import ensure_derivatives, import_stills  # noqa: E402
from curator.stills.derivatives import (  # noqa: E402
    FORMATS,
    JPEG_OPTIONS,
    RESAMPLING,
    WEBP_OPTIONS,
    WIDTHS,
    derivative_size,
    draft_for_web,
    to_srgb,
)

TARGET = 0.6


def shared_stills() -> list[Path]:
    for parent in Path(__file__).resolve().parents:
        folder = parent / "shared" / "data" / "stills"
        if folder.is_dir():
            return sorted(folder.glob("*.jpg"))
    return []


def generate_jpegs(folder: Path, count: int) -> list[Path]:
    """Photograph-like 4000x3000 JPEGs: smooth light and colour, with grain."""
    paths = []
    size = (4000, 3000)
    for n in range(count):
        base = Image.linear_gradient("L").resize(size).rotate(15 * n, expand=False)
        grain = Image.effect_noise(size, 22 + n)
        red = Image.blend(base, grain, 0.25)
        green = Image.blend(base.transpose(Image.Transpose.FLIP_LEFT_RIGHT), grain, 0.2)
        blue = Image.radial_gradient("L").resize(size)
        path = folder / f"generated-{n + 1:02}.jpg"
        Image.merge("RGB", (red, green, blue)).save(path, "JPEG", quality=90)
        paths.append(path)
    return paths


def draft_decode_seconds(paths: list[Path]) -> tuple[float, float]:
    """Wall-clock and CPU seconds to draft-decode every file, one after another."""
    started, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        with Image.open(path) as im:
            draft_for_web(im)
            im.load()
    return time.perf_counter() - started, time.process_time() - cpu


def stage_costs(paths: list[Path], folder: Path, tries: int = 3
                ) -> tuple[dict[str, float], dict[str, float]]:
    """Mean CPU milliseconds per image of each step, as `make_derivatives` takes
    them (the least of `tries` per file), and the derivatives' mean kilobytes."""
    costs: dict[str, float] = {}
    sizes: dict[str, float] = {}

    def timed(stage: str, step):  # noqa: ANN001, ANN202 - any callable, any result
        best, result = float("inf"), None
        for _ in range(tries):
            cpu = time.process_time()
            result = step()
            best = min(best, time.process_time() - cpu)
        costs[stage] = costs.get(stage, 0.0) + 1000 * best / len(paths)
        return result

    def read(path: Path) -> bytes:
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        return data

    def decode(data: bytes) -> Image.Image:
        im = Image.open(io.BytesIO(data))
        draft_for_web(im)
        im.load()
        return im

    def upright(im: Image.Image) -> Image.Image:
        ImageOps.exif_transpose(im, in_place=True)  # as make_derivatives: no copy
        return to_srgb(im)

    def encode(image: Image.Image, path: Path, fmt: str) -> int:
        with path.open("wb") as fh:
            image.save(fh, fmt.upper(), **(WEBP_OPTIONS if fmt == "webp" else JPEG_OPTIONS))
        return path.stat().st_size

    for path in paths:
        data = timed("read and SHA-256", lambda p=path: read(p))
        im = timed("draft decode (the floor)", lambda d=data: decode(d))
        current = timed("upright, sRGB", lambda i=im: upright(i))
        for width in sorted(WIDTHS, reverse=True):
            size = derivative_size(current.width, current.height, width)
            if size != current.size:
                current = timed(f"resize to {width}", lambda c=current, s=size: c.resize(
                    s, RESAMPLING, reducing_gap=3.0))
            for fmt, ext in FORMATS.items():
                target = folder / f"{width}.{ext}"
                written = timed(f"{fmt.upper() if fmt == 'jpeg' else 'WebP'} {width}",
                                lambda c=current, t=target, f=fmt: encode(c, t, f))
                sizes[f"{width}.{ext}"] = sizes.get(f"{width}.{ext}", 0.0) + \
                    written / 1000 / len(paths)
    return costs, sizes


def print_stages(paths: list[Path], folder: Path) -> None:
    folder.mkdir()
    costs, sizes = stage_costs(paths, folder)
    total = sum(costs.values())
    floor = costs["draft decode (the floor)"]
    print("\nCPU per image by step, one core (least of three tries per file):")
    for stage, ms in costs.items():
        print(f"  {stage:26s} {ms:6.1f} ms")
    print(f"  {'all':26s} {total:6.1f} ms = {total / floor:.2f} x the floor; the target "
          f"allows {floor / TARGET:.1f} ms (floor / {TARGET}) on idle cores")
    print("Mean size: " + ", ".join(f"{name} {kb:.0f} KB" for name, kb in sizes.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--generated", type=int, default=12, help="4000x3000 JPEGs to make")
    parser.add_argument("--keep", action="store_true", help="keep the temporary archive")
    parser.add_argument("--stages", action="store_true",
                        help="also time each step of making the derivatives, on one core")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="curator-bench-stills-"))
    try:
        photos = shared_stills()
        if not photos:
            print("../shared/data/stills not found; using generated images only")
        print(f"Generating {args.generated} JPEGs of 4000x3000\u2026", flush=True)
        files = photos + generate_jpegs(work, args.generated)
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        catalog = Catalog.create(work / "Bench.curator")
        film = catalog.films.create("Benchmark").created_id
        cores = os.cpu_count() or 1

        # the floor is measured before and after, so a change in the machine's load
        # during the run weighs on both figures alike
        before_seconds, before_cpu = draft_decode_seconds(files)
        started, cpu = time.perf_counter(), time.process_time()
        # as `curator stills add` does: the decode that verifies a file makes its sizes
        result = import_stills(catalog, files, film_id=film, web_sizes=True)
        imported = time.perf_counter()
        report = ensure_derivatives(catalog.archive, result.added_hashes)  # all there already
        finished, cpu = time.perf_counter(), time.process_time() - cpu
        catalog.close()
        assert not result.refused and not report.failed, (result.refused, report.failed)
        count = len(result.added_hashes)
        ours = count / (finished - started)

        after_seconds, after_cpu = draft_decode_seconds(files)
        floor_seconds = (before_seconds + after_seconds) / 2
        floor_cpu = (before_cpu + after_cpu) / 2
        floor = len(files) / floor_seconds
        target = TARGET * cores * floor
        # CPU time does not depend on what else the machine is running: the fairest view
        # of the work per image, where wall-clock rates move with other processes' load.
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

        print(f"{count} images ({len(photos)} shared photographs, {args.generated} generated "
              f"4000x3000), {megabytes:.0f} MB, {cores} cores")
        print(f"  import: verify, hash, store, 4 widths x WebP+JPEG: {imported - started:6.2f} s")
        print(f"  check that every derivative is there:             {finished - imported:6.2f} s")
        print(f"  images/second with all derivatives made: {ours:6.2f}")
        print(f"  Pillow draft-decode rate, one core:        {floor:6.2f} images/s")
        print(f"  target {TARGET} x {cores} cores x {floor:.2f} = {target:.2f} images/s; "
              f"ratio {ours / target:.2f} ({'met' if ours >= target else 'NOT met'})")
        print(f"  CPU per image: {1000 * cpu / count:.0f} ms all derivatives, "
              f"{1000 * floor_cpu / len(files):.0f} ms draft decode alone "
              f"({floor_cpu / cpu * count / len(files):.2f} of the work); cores busy "
              f"{cpu / (finished - started):.2f} of {cores}; load average {load:.1f}")
        ideal = cores * count / cpu  # every core ours, none waiting
        print(f"  on {cores} idle cores (from CPU time): {ideal:.2f} images/s, ratio "
              f"{ideal / (TARGET * cores * len(files) / floor_cpu):.2f}")
        report_figure(f"stills imported with every derivative, {count} images (bench_stills)",
                      f"{ours:.2f} images/s (CPU {1000 * cpu / count:.0f} ms per image)",
                      peer=f"Pillow's draft decode {floor:.2f} images/s on one core; "
                           f"{TARGET} × {cores} cores × that = {target:.2f}: {ours / target:.2f}×",
                      target=f"≥ {target:.2f} images/s", met=ours >= target)
        if args.stages:
            print_stages(files, work / "stages")
        if args.keep:
            print(f"  archive kept at {work / 'Bench.curator'}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
