"""Process settings for a long-lived socket server, shared by `wsgi.py` and
the benchmark's bare relay so that both serve with the very same settings.

Standard library only at import, and no eventlet or gevent: after monkey
patching the `socket.socket` looked up here at call time is already the green
one, so a caller patches first and then calls these plain functions. `serve`
imports the WSGI server of the async mode it is asked for, when called.
"""

import gc
import os
import resource
import socket
from typing import NamedTuple

DEFAULT_BACKLOG = 2048
DEFAULT_MAX_CONNECTIONS = 10_000
# Linux refuses an unlimited RLIMIT_NOFILE; this is its default fs.nr_open.
NOFILE_WHEN_UNLIMITED = 1 << 20
SOMAXCONN_PATH = "/proc/sys/net/core/somaxconn"
# Descriptors a server holds besides its clients' sockets: the listener,
# database files and connections, logs, the hub's own.
FD_HEADROOM = 64


ASYNC_MODES = ("eventlet", "gevent")


def monkey_patch(async_mode):
    """Patch the standard library for `async_mode`: the first thing a server
    process does, before anything else is imported."""
    if async_mode == "eventlet":
        import eventlet

        eventlet.monkey_patch()
    elif async_mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    else:
        raise ValueError(f"serve with one of {ASYNC_MODES}, not {async_mode!r}")


def serve(wsgi_app, name, async_mode):
    """Serve `wsgi_app` until stopped, on our own listener and limits, with
    the async mode's WSGI server (`socketio.run` would listen with a backlog
    of 50 and, under eventlet, cap the server at 1,024 connections)."""
    settings = settings_from_env()
    open_files = raise_open_files_limit()
    listener = open_listener(settings.host, settings.port, settings.backlog)
    # Freezing last: everything built so far lives as long as the process.
    frozen = freeze_gc()
    print(startup_line(name, settings, open_files, frozen), flush=True)
    if async_mode == "eventlet":
        import eventlet.wsgi

        # debug=False: no tracebacks in a 500's body.
        eventlet.wsgi.server(
            listener,
            wsgi_app,
            max_size=settings.max_connections,
            log_output=False,
            debug=False,
        )
    else:
        from gevent.pool import Pool
        from gevent.pywsgi import WSGIServer

        # The pool's size is the connection cap, as eventlet's max_size.
        pool = Pool(settings.max_connections)
        WSGIServer(listener, wsgi_app, spawn=pool, log=None).serve_forever()


class ServerSettings(NamedTuple):
    host: str
    port: int
    backlog: int
    max_connections: int


def settings_from_env(environ=None):
    """HOST, PORT, BACKLOG and MAX_CONNECTIONS from the environment, or defaults."""
    environ = os.environ if environ is None else environ
    return ServerSettings(
        host=environ.get("HOST", "127.0.0.1"),
        port=int(environ.get("PORT", "5000")),
        backlog=int(environ.get("BACKLOG", DEFAULT_BACKLOG)),
        max_connections=int(environ.get("MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS)),
    )


def tune_listener(sock):
    """Set SO_REUSEADDR and TCP_NODELAY on a listening socket, before bind()."""
    # A restarted server binds at once, not after the old sockets' TIME_WAIT.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Small websocket frames go out at once instead of waiting on an ACK.
    # Linux copies this option to every accepted socket.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def open_listener(host, port, backlog=DEFAULT_BACKLOG, socket_class=None):
    """A TCP socket tuned, bound to (host, port) and listening with `backlog`."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = (socket_class or socket.socket)(family, kind, proto)
    try:
        tune_listener(sock)
        sock.bind(address)
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock


def kernel_backlog_cap(path=SOMAXCONN_PATH):
    """The kernel's silent cap on any listen() backlog (somaxconn), if known."""
    try:
        with open(path) as file:
            return int(file.read())
    except (OSError, ValueError):
        return None


def raise_open_files_limit(limit=None):
    """Raise the soft RLIMIT_NOFILE to `limit` (default: the hard limit), never
    lowering it; returns the (soft, hard) limits now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if limit is None else limit
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    elif wanted == resource.RLIM_INFINITY:
        wanted = NOFILE_WHEN_UNLIMITED
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return soft, hard
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ValueError, OSError):
        pass  # e.g. macOS's per-process ceiling: keep the limit there is
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def freeze_gc(thresholds=None):
    """Collect once, then move every object alive now (the built app) out of
    the collector's sight; returns how many objects were frozen."""
    # Start-up leaves a large heap that lives as long as the process (Flask,
    # SQLAlchemy's metadata, templates, method content). Frozen, it is never
    # traversed again, so full collections scan only what serving creates.
    if thresholds:
        gc.set_threshold(*thresholds)
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def startup_line(name, settings, open_files, frozen):
    """The one line a server prints when it starts, with its limits."""
    soft, hard = open_files
    hard = "unlimited" if hard == resource.RLIM_INFINITY else hard
    url = f"http://{settings.host}:{settings.port}"
    cap = kernel_backlog_cap()
    capped = f" (kernel somaxconn {cap})" if cap and cap < settings.backlog else ""
    line = (
        f"{name} is serving on {url} (backlog {settings.backlog}{capped}, "
        f"max connections {settings.max_connections}, "
        f"open files {soft} of {hard}, gc froze {frozen} objects)"
    )
    # eventlet's accept loop ends the server on EMFILE rather than waiting.
    short = soft != resource.RLIM_INFINITY
    if short and soft < settings.max_connections + FD_HEADROOM:
        line += "; warning: the open-files limit is below max connections"
    return line
