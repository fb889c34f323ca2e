"""A fixed-window counter in the Django cache (Redis in production, files under var/ on the
embedded default: shared by every web process either way), enough to stop a bot from mailing
strangers through the subscribe form."""

import hashlib

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS = {"ip": (10, 3600), "email": (3, 3600)}


def limits():
    return {**DEFAULT_LIMITS, **getattr(settings, "MAILINGS_RATE_LIMITS", {})}


def hit(kind, value):
    """Count one attempt; True if it is within the limit for `kind` ("ip" or "email")."""
    if not value:
        return True
    allowed, window = limits()[kind]
    # Hashed, so addresses are not kept in the cache in the clear.
    key = f"mailings:rate:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= allowed
