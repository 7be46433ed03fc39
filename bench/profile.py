"""Where a server's time goes, sampled by py-spy during the measured window
(`python -m bench --profile`). py-spy reads the process from outside, so the
server runs unchanged; under eventlet or gevent a sample is the stack of the
green thread running at that moment.

Each sample's innermost frame is put in an area (the package its file is
in), and the app's own functions are counted wherever they are on the stack.
The raw samples are kept beside the table, for a flame graph
(`flamegraph.pl` or speedscope both read them).
"""

import shutil
import subprocess
from collections import Counter
from pathlib import Path

AREAS = (
    ("sqlalchemy/", "SQLAlchemy"),
    ("sqlite3/", "sqlite3"),
    ("psycopg/", "psycopg"),
    ("socketio/", "python-socketio"),
    ("engineio/", "python-engineio"),
    ("flask_socketio/", "Flask-SocketIO"),
    ("eventlet/", "eventlet"),
    ("gevent/", "gevent"),
    ("flask/", "Flask"),
    ("werkzeug/", "Werkzeug"),
    ("limits/", "limits (rate limits)"),
    ("json/", "json"),
    ("app/", "the app's own code"),
)
APP = AREAS[-1][1]
APP_FUNCTIONS = 12  # how many of the app's functions the summary lists


def available():
    return shutil.which("py-spy") is not None or _venv_py_spy().exists()


def _venv_py_spy():
    import sys

    return Path(sys.executable).parent / "py-spy"


def record(pid, seconds, out):
    """Start sampling `pid` for `seconds` into `out` (raw, collapsed stacks)."""
    binary = shutil.which("py-spy") or str(_venv_py_spy())
    return subprocess.Popen(
        [
            binary,
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(int(seconds)),
            "--format",
            "raw",
            "--nonblocking",
            "--output",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def summarise(raw_text):
    """(samples, {area: share}, [(app function, share)]) from py-spy's raw
    output: one line per distinct stack, "frame;frame;… count"."""
    areas, functions, total = Counter(), Counter(), 0
    for line in raw_text.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        count = int(count)
        total += count
        frames = stack.split(";")
        areas[_area(frames[-1])] += count
        for name in {_name(f) for f in frames if _area(f) == APP}:
            functions[name] += count
    if not total:
        return 0, {}, []
    shares = {area: n / total for area, n in areas.most_common()}
    top = [(name, n / total) for name, n in functions.most_common(APP_FUNCTIONS)]
    return total, shares, top


def _area(frame):
    for marker, area in AREAS:
        if f"({marker}" in frame or f"/{marker}" in frame:
            return area
    return "other (Python, C extensions)"


def _name(frame):
    """ "apply (/…/app/changes.py:131)" -> "app/changes.py: apply"."""
    function, _, where = frame.partition(" (")
    path = where.split(":")[0].rstrip(")")
    return f"app/{path.rpartition('app/')[2]}: {function}"


def markdown(title, raw_text):
    """The summary as Markdown: where the samples fell, the app's functions."""
    total, shares, top = summarise(raw_text)
    if not total:
        return f"### {title}\n\nNo samples.\n"
    lines = [f"### {title}", "", f"{total} samples.", ""]
    lines += ["| area (innermost frame) | share |", "|---|---|"]
    lines += [f"| {area} | {share:.0%} |" for area, share in shares.items()]
    lines += ["", "| the app's function (inclusive) | share |", "|---|---|"]
    lines += [f"| `{name}` | {share:.0%} |" for name, share in top]
    return "\n".join(lines) + "\n"
