"""The system's refusals in a user's words: `films.json: the disk is full`.

One wording for every part of Curator that reports a failed read or write, the
command line's last line as much as a refused still.
"""

from __future__ import annotations

import errno
import os

# What a user reads for the system's refusals, by errno.
OS_PROBLEMS = {
    errno.ENOSPC: "the disk is full",
    errno.EFBIG: "the file would grow beyond the size this system allows",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.ENOENT: "no such file or folder",
    errno.EEXIST: "it already exists",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk could not be read or written (input/output error)",
    errno.ENOTEMPTY: "the folder is not empty",
}


def os_reason(exc: OSError) -> str:
    """What the system refused, in words, without the file: `the disk is full`."""
    return OS_PROBLEMS.get(exc.errno or -1) or (exc.strerror or str(exc)).rstrip(".")


def os_problem(exc: OSError) -> str:
    """`/data/films.json: the disk is full`: the system's refusal in words, with its file."""
    problem = os_reason(exc)
    files = [f for f in (exc.filename, getattr(exc, "filename2", None)) if f]
    where = " \u2192 ".join(os.fsdecode(f) for f in files)
    return f"{where}: {problem}" if where else problem
