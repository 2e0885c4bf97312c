"""Random codes for public URLs and for people to type, so no URL ever shows a database id."""

import secrets

# For codes people read aloud and type (class codes, live join codes): no 0/O, 1/I/L.
TYPABLE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def typable_code(length: int) -> str:
    return "".join(secrets.choice(TYPABLE_ALPHABET) for _ in range(length))


def url_code(nbytes: int) -> str:
    """URL-safe, `nbytes` random bytes (8 bytes: 64 bits, unguessable behind a 404 for strangers)."""
    return secrets.token_urlsafe(nbytes)
