"""The image store: verified originals named by SHA-256, and their cached derivatives.

No Qt here: the command line, the GUI (through a worker task) and the site
exporter all use these functions the same way.

    result = import_stills(catalog, ["Storm.jpg"], film_id=12)   # store + record
    ensure_derivatives(catalog.archive, result.added_hashes, progress)
    derivative_path(catalog.archive, sha256, 960, "webp")        # made if missing
"""

from curator.stills.derivatives import (
    FORMATS,
    THUMBNAIL,
    WEB_WIDTHS,
    WIDTHS,
    DerivativesReport,
    StillMissing,
    derivative_file,
    derivative_path,
    derivative_size,
    ensure_derivatives,
    has_derivatives,
)
from curator.stills.importing import (
    ALREADY_PRESENT,
    REFUSED,
    SKIPPED,
    STORED,
    ImportOutcome,
    ImportResult,
    import_stills,
)
from curator.stills.originals import (
    MAX_PIXELS,
    SUPPORTED_FORMATS,
    StillFile,
    StillRefused,
    original_path,
    read_still,
)
from curator.stills.upkeep import (
    CheckReport,
    CleanupReport,
    StillProblem,
    check_stills,
    collect_unreferenced,
)

__all__ = [
    "ALREADY_PRESENT", "FORMATS", "MAX_PIXELS", "REFUSED", "SKIPPED", "STORED",
    "SUPPORTED_FORMATS", "THUMBNAIL", "WEB_WIDTHS", "WIDTHS", "CheckReport", "CleanupReport",
    "DerivativesReport", "ImportOutcome", "ImportResult", "StillFile", "StillMissing",
    "StillProblem", "StillRefused", "check_stills", "collect_unreferenced", "derivative_file",
    "derivative_path", "derivative_size", "ensure_derivatives", "has_derivatives",
    "import_stills", "original_path", "read_still",
]  # fmt: skip
