"""The server entry point: patch first, then build the app, then serve.

Run as `python wsgi.py`. This is the only module that may import eventlet,
and the patching must come above every other import. The `flask` command and
pytest never import this file (they use FLASK_APP=app:create_app).

Under eventlet the listening socket is built here (`serving.open_listener`:
a deep backlog, SO_REUSEADDR, TCP_NODELAY) and handed to eventlet's WSGI
server with a connection cap; `socketio.run` would listen with a backlog of
50 and cap the server at 1,024 connections. HOST, PORT, BACKLOG and
MAX_CONNECTIONS come from the environment (serving.settings_from_env).
"""

import os

ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    import eventlet

    eventlet.monkey_patch()
    import eventlet.wsgi

import serving  # noqa: E402
from app import create_app  # noqa: E402
from app.extensions import socketio  # noqa: E402

app = create_app()


def main():
    settings = serving.settings_from_env()
    open_files = serving.raise_open_files_limit()
    if ASYNC_MODE == "eventlet":
        listener = serving.open_listener(settings.host, settings.port, settings.backlog)
        _announce(settings, open_files, tuned=True)
        # `app.wsgi_app` is Flask-SocketIO's middleware, so this serves
        # Engine.IO too. debug=False: no tracebacks in a 500's body.
        eventlet.wsgi.server(
            listener,
            app,
            max_size=settings.max_connections,
            log_output=False,
            debug=False,
        )
    else:
        _announce(settings, open_files, tuned=False)
        socketio.run(
            app,
            host=settings.host,
            port=settings.port,
            use_reloader=False,
            log_output=False,
        )


def _announce(settings, open_files, tuned):
    # Freezing last: everything built so far lives as long as the process.
    frozen = serving.freeze_gc()
    line = serving.startup_line("Common Ground", settings, open_files, frozen, tuned)
    print(line, flush=True)


if __name__ == "__main__":
    main()
