"""The main window's dialogs: About, confirmations, merging people, choosing an archive."""
