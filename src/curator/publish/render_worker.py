"""A second process that renders and writes pages while the export lays out the next ones.

Rendering is pure Python, so a thread would only take turns with the exporter;
a process renders on another core. The exporter sends batches of laid-out pages
(template, path, root, context) with the digest the last export recorded for each,
and, once the pages are laid out, the small files written besides as they are;
the worker renders them with the same templates, writes each new or changed page
into the staging folder, and answers with each page's digest and whether it
wrote it. The exporter keeps the manifest and decides everything else, so the
site is the same byte for byte whichever process rendered a page.

    python -m curator.publish.render_worker RESOURCES STAGING SITE

reads pickled batches on standard input (None ends), answers each on standard
output; a failure is answered as ("error", errno, message, filename) and ends it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import select
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO

import curator
from curator.publish.render import Layout, Renderer, layout_of
from curator.publish.writer import ExportError, Folders

if TYPE_CHECKING:
    from curator.publish.pages import Page

# (file in the site, laid-out page or the file's content, digest recorded last time)
Job = tuple[str, Layout | bytes, str]
Answer = list[tuple[str, str, bool]]  # (file, digest of its content, written)


class PageFiles:
    """Writes pages into the staging folder."""

    def __init__(self, staging: str, site: str) -> None:
        self.staging, self.site = staging, site
        self.folders = Folders(staging)

    def write(self, file: str, data: bytes, old_digest: str) -> tuple[str, bool]:
        digest = hashlib.sha256(data).hexdigest()
        if digest == old_digest and os.path.isfile(os.path.join(self.site, file)):
            return digest, False
        self.folders.write(os.path.join(self.staging, file), data)
        return digest, True


def serve(resources: Path, staging: str, site: str, jobs: BinaryIO, answers: BinaryIO) -> None:
    renderer = Renderer(resources)
    files = PageFiles(staging, site)
    while True:
        batch: list[Job] | None = pickle.load(jobs)
        if batch is None:
            return
        try:
            answer: Answer = [(file, *files.write(
                file, page if isinstance(page, bytes) else renderer.lay_out(*page), old))
                for file, page, old in batch]
        except OSError as exc:
            pickle.dump(("error", exc.errno or 0, exc.strerror or str(exc), exc.filename or ""),
                        answers)
            answers.flush()
            return
        except Exception as exc:  # noqa: BLE001 - reported to the exporter, which raises it
            pickle.dump(("error", 0, f"{type(exc).__name__}: {exc}", ""), answers)
            answers.flush()
            return
        pickle.dump(answer, answers)
        answers.flush()


BATCH = 32  # pages a batch: big enough to cost little to send, small enough to share
SMALL_BATCH = 6  # where the pipe cannot be widened: a batch must fit its 64 KiB
IN_FLIGHT = 2  # batches handed over and not yet answered; beyond, the exporter renders
PIPE_SIZE = 1 << 20


def _widen(pipe: BinaryIO | None) -> bool:
    """Let the pipe hold a few batches, so handing one over never waits for the worker
    to finish the one before (Linux; elsewhere batches are kept small instead)."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_SIZE)  # type: ignore[union-attr]
    except (ImportError, AttributeError, OSError):
        return False
    return True


def usable() -> bool:
    """Whether a worker process can be started: a Python to run it (not a frozen
    bundle), pipes that can be polled, and a second core to run on."""
    return (not getattr(sys, "frozen", False) and os.name == "posix"
            and (os.cpu_count() or 1) > 1)


class RenderWorker:
    """The exporter's side: starts the worker, hands it pages, takes its answers."""

    def __init__(self, resources: Path, staging: Path, site: Path) -> None:
        env = dict(os.environ)
        package_root = str(Path(curator.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH"))
                                            if p)
        self._stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "curator.publish.render_worker", str(resources),
             str(staging), str(site)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, env=env)
        self._batch: list[Job] = []
        self.in_flight = 0
        self.answers: Answer = []
        self.batch_size = BATCH if _widen(self.process.stdin) else SMALL_BATCH

    def __enter__(self) -> RenderWorker:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.process.poll() is None:
            self.process.kill()  # an export that failed or was cancelled: stop writing now
        self.process.wait()
        self._stderr.close()

    def ready(self) -> bool:
        """Whether the worker can take another page now (answers are collected first)."""
        self._collect(block=False)
        return self.in_flight < IN_FLIGHT or len(self._batch) < self.batch_size - 1

    def offer(self, file: str, data: bytes, old_digest: str) -> bool:
        """Hand over a file to write as it is, if the worker can take it now."""
        if not self.ready():
            return False
        self.add(file, data, old_digest)
        return True

    def add(self, file: str, page: Page | bytes, old_digest: str) -> None:
        self._batch.append((file, page if isinstance(page, bytes) else layout_of(page),
                            old_digest))
        if len(self._batch) >= self.batch_size:
            self._send(self._batch)
            self._batch = []

    def finish(self) -> Answer:
        """Every answer, once the worker has rendered all it was given."""
        if self._batch:
            self._send(self._batch)
            self._batch = []
        self._send(None)
        while self.in_flight:
            self._collect(block=True)
        self.process.wait()
        return self.answers

    def _send(self, batch: list[Job] | None) -> None:
        assert self.process.stdin is not None
        try:
            pickle.dump(batch, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.process.stdin.flush()
        except BrokenPipeError:
            self._collect(block=True)  # it stopped: its answer says why
            raise self._died() from None
        if batch is not None:
            self.in_flight += 1

    def _collect(self, block: bool) -> None:
        out = self.process.stdout
        assert out is not None
        while self.in_flight and (block or select.select([out], [], [], 0)[0]):
            try:
                answer = pickle.load(out)
            except EOFError:
                raise self._died() from None
            if isinstance(answer, tuple):  # ("error", errno, message, filename)
                _, number, message, filename = answer
                if number:
                    raise OSError(number, message, filename or None)
                raise ExportError(f"Rendering the pages failed ({message}); the previous "
                                  "site is unchanged.")
            self.answers.extend(answer)
            self.in_flight -= 1
            block = False

    def _died(self) -> ExportError:
        self.process.wait()
        self._stderr.seek(0)
        last = self._stderr.read().decode(errors="replace").strip().splitlines()[-1:]
        why = last[0] if last else f"exit status {self.process.returncode}"
        return ExportError(f"The process rendering the pages stopped ({why}); the previous "
                           "site is unchanged.")


def main() -> int:
    resources, staging, site = sys.argv[1:4]
    serve(Path(resources), staging, site, sys.stdin.buffer, sys.stdout.buffer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
