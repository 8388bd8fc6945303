"""The panes of the main window: sidebar, list, detail, and the status bar's task progress."""
