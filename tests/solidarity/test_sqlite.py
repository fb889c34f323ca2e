"""The embedded SQLite database takes several writers (web, worker, beat): write-ahead log,
a busy timeout, and transactions that take the write lock when they begin."""

import pytest
from django.db import connection, transaction

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded default only"),
]


def pragma(name):
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_sqlite_is_set_up_for_several_writers():
    assert pragma("journal_mode") == "wal"
    assert pragma("busy_timeout") >= 20_000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_a_transaction_holds_the_write_lock_from_its_start():
    # In IMMEDIATE mode a second connection cannot even begin a write transaction.
    other = connection.copy()
    other.settings_dict["OPTIONS"] = {**connection.settings_dict["OPTIONS"], "timeout": 0.1}
    with transaction.atomic(durable=False):
        connection.cursor().execute("SELECT 1")
        with pytest.raises(Exception, match="locked"):
            other.cursor().execute("BEGIN IMMEDIATE")
    other.close()
