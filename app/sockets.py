"""Binding Flask-SocketIO with the app's async mode, queue and Origin list."""

from app.extensions import socketio


def init_app(app):
    config = app.config
    socketio.init_app(
        app,
        async_mode=config["SOCKETIO_ASYNC_MODE"],
        message_queue=config["SOCKETIO_MESSAGE_QUEUE"],
        channel="flask-socketio",
        # None: only the app's own origin may connect (Engine.IO's default).
        cors_allowed_origins=config["SOCKETIO_ALLOWED_ORIGINS"],
        max_http_buffer_size=config["SOCKETIO_MAX_PAYLOAD_BYTES"],
    )
