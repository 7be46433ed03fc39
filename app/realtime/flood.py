"""Per-actor limits on socket events, so one client cannot flood a workshop."""

from flask import current_app
from limits import parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

_limiter = MovingWindowRateLimiter(MemoryStorage())


def allow(actor):
    """Count one event for `actor`; False once over the configured rates."""
    key = f"{actor.kind}:{actor.participant_id or actor.user_id}"
    rates = parse_many(current_app.config["SOCKET_EVENT_RATE_LIMIT"])
    return all(_limiter.hit(rate, "socket", key) for rate in rates)


def reset():
    _limiter.storage.reset()
