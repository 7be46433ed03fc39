"""An in-process event-loop lag probe, run beside the server being measured.

A background task sleeps for a short period again and again; how much later
than asked it wakes is how long the loop was busy with something else (the
time any socket event or request waited to start). Each second it appends
"<monotonic time> <worst lag ms in that second>" to BENCH_LAG_FILE, which the
benchmark reads after the run. Unlike eventlet's hub blocking detection, this
raises nothing inside handlers.
"""

import os
import time

PERIOD = 0.05


def start(socketio):
    """Start the probe on `socketio`'s async mode, if BENCH_LAG_FILE is set."""
    path = os.environ.get("BENCH_LAG_FILE")
    if path:
        socketio.start_background_task(_probe, socketio, path)


def _probe(socketio, path):
    with open(path, "a", buffering=1) as out:
        worst, second = 0.0, int(time.monotonic())
        while True:
            before = time.monotonic()
            socketio.sleep(PERIOD)
            now = time.monotonic()
            worst = max(worst, now - before - PERIOD)
            if int(now) != second:
                out.write(f"{now:.3f} {worst * 1000:.2f}\n")
                worst, second = 0.0, int(now)
