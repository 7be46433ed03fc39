"""Opaque identifiers and codes handed to clients."""

import secrets

# Letters and digits that cannot be confused when read aloud or from a
# projector: no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V.
READABLE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY"


def public_id():
    """A random, URL-safe id for anything a client may name."""
    return secrets.token_urlsafe(12)


def readable_code(length, group=4):
    """A random code from the readable alphabet, grouped with dashes."""
    chars = "".join(secrets.choice(READABLE_ALPHABET) for _ in range(length))
    return "-".join(chars[i : i + group] for i in range(0, length, group))


def normalise_code(text):
    """A typed code in canonical form: upper case, no spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())
