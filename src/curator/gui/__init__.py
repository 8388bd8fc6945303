"""The PySide6 desk over the catalog: windows, item models, panes, dialogs, undo, workers."""
