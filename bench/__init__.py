"""The benchmark (`python -m bench`, `make bench`): the app against a bare relay.

Imports nothing, so that `python -m bench.serve_app` can let wsgi.py monkey
patch before any other import.
"""
