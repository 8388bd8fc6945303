"""The PySide6 desk over the catalog: windows, item models, panes, dialogs, undo, workers."""

# The core the desk stands on is loaded before Qt. Once PySide6 is imported, its import
# hook reads the source of every module imported after it (to learn whether the module
# asks for PySide's snake_case features): SQLAlchemy, the models and the catalogue took
# 2-4 s to load after Qt on a busy machine, 0.7 s before it.
import curator.catalog.facade  # noqa: F401
import curator.catalog.query_values  # noqa: F401
import curator.interchange.sheet_import  # noqa: F401
import curator.stills.importing  # noqa: F401
import curator.stills.upkeep  # noqa: F401
