"""The server entry point: patch first, then build the app, then serve.

Run as `python wsgi.py`. This is the only module of the app that patches the
standard library, and the patching must come above every other import. The
`flask` command and pytest never import this file (they use
FLASK_APP=app:create_app).

ASYNC_MODE is `eventlet` (the default) or `gevent`: either way the listening
socket and the process limits come from serving.py (a deep backlog,
TCP_NODELAY, a connection cap, the open-files limit, a frozen collector).
`threading` is for development only and serves with `socketio.run`.
HOST, PORT, BACKLOG and MAX_CONNECTIONS come from the environment.
"""

import os

import serving

ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
if ASYNC_MODE in serving.ASYNC_MODES:
    serving.monkey_patch(ASYNC_MODE)

from app import create_app  # noqa: E402
from app.exports import runner  # noqa: E402
from app.extensions import socketio  # noqa: E402
from app.retention import start as start_retention  # noqa: E402

app = create_app()


def main():
    # Exports and chart images are made by worker processes started with
    # the server (never by `flask` or pytest, which do not import this file).
    runner.start(app)
    # Closed workshops past their team's retention period: deleted hourly.
    start_retention(app)
    if ASYNC_MODE in serving.ASYNC_MODES:
        # `app.wsgi_app` is Flask-SocketIO's middleware: this serves Engine.IO too.
        serving.serve(app, "Common Ground", ASYNC_MODE)
    else:
        settings = serving.settings_from_env()
        print(f"Common Ground (development, {ASYNC_MODE}) on port {settings.port}")
        socketio.run(
            app,
            host=settings.host,
            port=settings.port,
            use_reloader=False,
            log_output=False,
        )


if __name__ == "__main__":
    main()
