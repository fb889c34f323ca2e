"""Benchmarks (`make bench`), apart from the tests: what they share."""

import os
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent.parent


def postgres_url(database, override_variable):
    """The URL of a benchmark's own PostgreSQL database: `override_variable` if set, else on
    the server of DATABASE_URL when that is PostgreSQL, else on 127.0.0.1:5432."""
    url = os.environ.get(override_variable)
    if url:
        return url
    main = os.environ.get("DATABASE_URL", "")
    server = main if main.startswith(("postgres://", "postgresql://")) else None
    parts = urlparse(server or "postgres://postgres@127.0.0.1:5432/postgres")
    return urlunparse(parts._replace(path=f"/{database}"))


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    sys.path.insert(0, str(ROOT))
    # Imported here, once Django is set up: the benchmark starts before it is.
    import django

    django.setup()
