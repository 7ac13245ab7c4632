"""File formats: readers for import and writers for export (no database here, except JSON)."""
