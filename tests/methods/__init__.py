"""Tests of the workshop methods: content files, their quotes, the loader."""

from pathlib import Path

# The source documents sit beside the repository, in the shared folder.
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
