"""Tests of the activity kinds, one file per kind."""
