"""Per-actor limits on socket events, so one client cannot flood a workshop."""

from functools import lru_cache

from flask import current_app
from limits import parse_many
from limits.storage import MemoryStorage
from limits.strategies import SlidingWindowCounterRateLimiter

# A sliding window counter: two counters a key, where a moving window keeps
# (and scans) a timestamp for every event in the window.
_limiter = SlidingWindowCounterRateLimiter(MemoryStorage())


def allow(actor):
    """Count one event for `actor`; False once over the configured rates."""
    key = f"{actor.kind}:{actor.participant_id or actor.user_id}"
    rates = _rates(current_app.config["SOCKET_EVENT_RATE_LIMIT"])
    return all(_limiter.hit(rate, "socket", key) for rate in rates)


@lru_cache
def _rates(text):
    return parse_many(text)


def reset():
    _limiter.storage.reset()
