"""Bounds and choices the command line checks before it loads the catalogue.

They live here, apart from `catalog/`, so that `curator --help` and a mistyped
argument are answered without importing the database layer.
"""

LARGEST_INTEGER = 2**63 - 1  # the largest id or number the database stores

# What an import does with a record the archive already holds.
EXISTING_POLICIES = ("skip", "update", "duplicate")
