"""Import and export of catalogue data: spreadsheets, catalogue files, archive pages."""
