"""Serve the app exactly as `python wsgi.py` does, with the lag probe beside it.

Run as `python -m bench.serve_app`. wsgi is imported first because importing
it monkey patches before anything else is imported (bench/__init__ imports
nothing). No app code is changed to be measured.
"""

import wsgi  # noqa: I001 -- first: it patches the standard library

from bench import probe

probe.start(wsgi.socketio)
wsgi.main()
