"""From the client processes' results and the server readings to one row of
the table, and the table itself (Markdown, so it pastes into the docs)."""

from collections import Counter

COLUMNS = [
    ("run", "{}"),
    ("server", "{}"),
    ("people", "{}"),
    ("groups", "{}"),
    ("offered w/s", "{:.0f}"),
    ("p50 ms", "{:.1f}"),
    ("p95 ms", "{:.1f}"),
    ("p99 ms", "{:.1f}"),
    ("max ms", "{:.0f}"),
    ("ack p50", "{:.1f}"),
    ("ack p99", "{:.1f}"),
    ("acked w/s", "{:.1f}"),
    ("deliveries/s", "{:.0f}"),
    ("lost", "{}"),
    ("out of order", "{}"),
    ("refused", "{}"),
    ("unacked", "{}"),
    ("CPU %", "{:.0f}"),
    ("RSS/person KB", "{:.0f}"),
    ("health max ms", "{:.0f}"),
    ("loop lag max ms", "{:.0f}"),
]


def percentile(values, fraction):
    """The nearest-rank percentile of `values` (already sorted), or NaN."""
    if not values:
        return float("nan")
    rank = min(len(values) - 1, max(0, round(fraction * len(values)) - 1))
    return values[rank]


def row(run, server, results, readings):
    """One row: latencies, counts and the server's readings for one server."""
    delivery = sorted(x for r in results for x in r.delivery_ms)
    acks = sorted(x for r in results for x in r.ack_ms)
    received = Counter()
    for r in results:
        received.update(r.received)
    acked = [op for r in results for op in r.acked]
    sizes = run.group_sizes
    lost = sum(max(0, sizes[group] - received[op]) for op, group in acked)
    refused = sum(sum(r.refused.values()) for r in results)
    window = readings["window"]
    return {
        "run": run.name,
        "server": server,
        "people": readings["connected"],
        "groups": len(sizes),
        "offered w/s": run.participants / run.interval,
        "p50 ms": percentile(delivery, 0.50),
        "p95 ms": percentile(delivery, 0.95),
        "p99 ms": percentile(delivery, 0.99),
        "max ms": delivery[-1] if delivery else float("nan"),
        "ack p50": percentile(acks, 0.50),
        "ack p99": percentile(acks, 0.99),
        "acked w/s": sum(r.acked_in_window for r in results) / window,
        "deliveries/s": sum(r.delivered_in_window for r in results) / window,
        "lost": lost,
        "out of order": sum(r.out_of_order for r in results),
        "refused": refused,
        "unacked": sum(r.unacked for r in results),
        "CPU %": 100 * readings["cpu_seconds"] / window,
        "RSS/person KB": readings["rss_growth"] / max(1, readings["connected"]) / 1024,
        "health max ms": max(readings["health_ms"], default=float("nan")),
        "loop lag max ms": max(readings["loop_lag_ms"], default=float("nan")),
        "problems": _problems(results, readings),
    }


def _problems(results, readings):
    notes = []
    failures = [f for r in results for f in r.connect_failures]
    if failures:
        notes.append(f"{len(failures)} connections failed, e.g. {failures[0]}")
    dropped = sum(r.dropped for r in results)
    if dropped:
        notes.append(f"{dropped} connections dropped during the run")
    codes = Counter()
    for r in results:
        codes.update(r.refused)
    if codes:
        notes.append(f"refused: {dict(codes)}")
    retried = sum(r.retried for r in results)
    if retried:
        notes.append(f"{retried} writes answered busy or rate limited, sent again")
    if readings["health_failures"]:
        notes.append(f"{readings['health_failures']} /healthz requests failed")
    return notes


def table(rows):
    """The rows as a Markdown table, then the app/relay ratios per run."""
    lines = [
        "| " + " | ".join(name for name, _ in COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    for r in rows:
        cells = [fmt.format(r[name]) for name, fmt in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.extend(_ratios(rows))
    for r in rows:
        for note in r["problems"]:
            lines.append(f"- {r['run']} {r['server']}: {note}")
    return "\n".join(lines)


def _ratios(rows):
    lines = []
    by_run = {}
    for r in rows:
        by_run.setdefault(r["run"], {})[r["server"]] = r
    for name, servers in by_run.items():
        app, relay = servers.get("app"), servers.get("relay")
        if app and relay:
            lines.append(
                f"- {name}: p99 delivery app/relay = "
                f"{app['p99 ms'] / relay['p99 ms']:.2f}, "
                f"ack p99 app/relay = {app['ack p99'] / relay['ack p99']:.2f}, "
                f"RSS/person app/relay = "
                f"{app['RSS/person KB'] / max(relay['RSS/person KB'], 1e-9):.2f}"
            )
    return lines
