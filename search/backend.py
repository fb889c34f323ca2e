"""The search backend the settings name (WAGTAILSEARCH_BACKENDS): Wagtail's database backend,
with the site's changes.

`SearchBackend(params)` picks the vendor backend as Wagtail's own does: PostgreSQL full-text
search (search/backend_postgres.py), SQLite FTS5 (search/backend_sqlite.py), or else
Wagtail's own, unchanged.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as vendor_backend

from .backend_postgres import PostgresBackend


def SearchBackend(params):  # noqa: N802 -- the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return PostgresBackend(params)
    backend = vendor_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        # Only here: Wagtail's SQLite module cannot be imported on another database.
        from .backend_sqlite import SQLiteBackend

        return SQLiteBackend(params)
    return backend  # MySQL, or SQLite without FTS5: Wagtail's own, unchanged
