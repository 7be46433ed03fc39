"""The server entry point: patch first, then build the app, then serve.

Run as `python wsgi.py`. This is the only module that may import eventlet,
and the patching must come above every other import. The `flask` command and
pytest never import this file (they use FLASK_APP=app:create_app).
"""

import os

ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    import eventlet

    eventlet.monkey_patch()

from app import create_app  # noqa: E402
from app.extensions import socketio  # noqa: E402

app = create_app()


def main():
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    print(f"Common Ground is serving on http://{host}:{port}", flush=True)
    socketio.run(app, host=host, port=port, use_reloader=False, log_output=False)


if __name__ == "__main__":
    main()
