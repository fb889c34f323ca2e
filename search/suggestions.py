"""Suggestions as a reader types, cached: the same few letters are typed again and again.

Each answer is cached with the generation it was computed in; search/signal_handlers.py starts
a new generation whenever a page is published, unpublished, moved or deleted or a view
restriction changes, so that an unpublished or private page is not suggested from the cache.
One cache round trip reads both the generation and the answer.
"""

import hashlib
import uuid

from django.core.cache import cache

GENERATION_KEY = "search:suggest:generation"
TIMEOUT = 60  # seconds; bounds staleness where the cache is per process (local memory)


def new_generation():
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    return generation


def cached(parts, compute):
    """compute(), or its cached value for the same parts in the current generation.

    compute() returns (value, cacheable): an answer cut short by an error is not kept.
    """
    digest = hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()
    key = f"search:suggest:{digest}"
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = new_generation()
    elif key in found and found[key][0] == generation:
        return found[key][1]
    value, cacheable = compute()
    if cacheable:
        cache.set(key, (generation, value), TIMEOUT)
    return value
