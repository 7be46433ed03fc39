"""Importing a workshop archive (made by app/exports/archive.py) into a team."""


class ImportProblem(Exception):
    """Why an archive cannot be imported, in words for the person importing."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
