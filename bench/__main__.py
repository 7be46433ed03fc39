"""Benchmark the app against a bare Flask-SocketIO relay, in the same run:
`python -m bench [--quick] [--runs sqlite-1,pg-2,export,search,...] [--db-dir DIR]
[--out FILE]` (or `make bench ARGS=--quick`). See docs/performance.md.

Heavy imports wait inside main(): client processes are spawned, and each
re-imports this module.
"""

import argparse
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def main():
    from bench import report, runs

    args = _arguments([*runs.RUNS, "export", "search"])
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    rows = []
    names = args.runs.split(",")
    # `export` is a run of its own kind (bench/export.py): no client load.
    # `search` too (bench/search.py): timed in process, no server.
    chosen = runs.plan([n for n in names if n not in ("export", "search")], args.quick)
    out = Path(args.out) if args.out else RESULTS / _stamp(args.quick)
    out.parent.mkdir(parents=True, exist_ok=True)
    samples = _samples_dir(out) if args.profile else None
    with runs.Bench(log, args.db_dir, samples) as bench:
        for run in chosen:
            log(f"{run.name}: {run.what}")
            rows.extend(bench.measure(run))
    text = _header(chosen, args.quick) + (report.table(rows) + "\n" if rows else "")
    if "export" in names:
        from bench import export

        text += "\n" + export.measure(log, args.quick, args.db_dir)
    if "search" in names:
        from bench import search

        text += "\n" + search.measure(log, args.quick, args.db_dir)
    if bench.profiles:
        text += "\n## Where the app's time went (py-spy)\n\n"
        text += "\n".join(bench.profiles)
    print(text)
    out.write_text(text)
    log(f"written to {out}")


def _arguments(known):
    summary = __doc__.split("\n\n")[0]
    parser = argparse.ArgumentParser(prog="python -m bench", description=summary)
    parser.add_argument("--quick", action="store_true", help="small runs, minutes")
    parser.add_argument(
        "--runs",
        default=",".join(known),
        help=f"comma-separated: {', '.join(known)}",
    )
    parser.add_argument(
        "--db-dir", help="where the SQLite file goes (e.g. /dev/shm: no fsync cost)"
    )
    parser.add_argument("--out", help="the table's file (default: bench/results/)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample the app with py-spy in each window; a summary follows the table",
    )
    return parser.parse_args()


def _samples_dir(out):
    """py-spy's raw samples go in a folder named after the table's file."""
    folder = out.with_suffix("")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _header(chosen, quick):
    import os

    lines = [f"# make bench{' --quick' if quick else ''}, {time.ctime()}", ""]
    lines.append(f"Machine: {os.cpu_count()} CPUs, {_memory()}.")
    for run in chosen:
        where = f"groups of {run.group_size}" if run.in_groups else "one room"
        lines.append(
            f"- {run.name}: {run.what}; {run.participants} participants in "
            f"{where}, a note each every {run.interval:g} s, "
            f"{run.duration:g} s measured, {run.clients} client processes"
        )
    lines.append(
        "- The relay is measured once per load and async mode; runs with the "
        "same load share that measurement."
    )
    return "\n".join(lines) + "\n\n"


def _memory():
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
    return "RAM unknown"


def _stamp(quick):
    return f"{time.strftime('%Y%m%d-%H%M%S')}{'-quick' if quick else ''}.md"


if __name__ == "__main__":
    main()
