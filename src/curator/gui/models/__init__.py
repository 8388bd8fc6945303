"""Qt item models over the catalogue: they hold ids and build rows from catalog queries."""
