"""Database ids from what a client sends (query strings, webhook metadata)."""

import re

# ASCII digits only (str.isdigit() takes "²", which int() refuses), and few enough to fit a
# PostgreSQL bigint.
ID = re.compile(r"[0-9]{1,18}")


def parse_id(value):
    """A database id from a query string or a webhook's metadata; None for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value < 10**18 else None
    return int(value) if isinstance(value, str) and ID.fullmatch(value) else None
