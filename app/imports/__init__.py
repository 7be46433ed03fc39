"""Importing a workshop archive (made by app/exports/archive.py) into a team."""
