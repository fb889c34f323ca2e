"""Riding out a database blip inside a batch: a restarted or briefly unreachable database must
cost the sender seconds, not a released batch (whose rows would then wait for their lease) or
an email recorded as "unknown" because its "sent" mark could not be written."""

import functools
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db import connection as db_connection

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)


def survives_database_blips(function):
    """Run `function` again, on a fresh connection, when the database connection fails,
    backing off up to MAILINGS_DATABASE_PATIENCE_SECONDS in all; then the error is raised.

    Every statement it wraps may run twice: each is written so that a second run (after the
    first committed but its answer was lost) changes nothing more."""

    @functools.wraps(function)
    def retrying(*args, **kwargs):
        deadline = time.monotonic() + settings.MAILINGS_DATABASE_PATIENCE_SECONDS
        delay = 0.05
        while True:
            try:
                return function(*args, **kwargs)
            except DATABASE_ERRORS as error:
                # Inside a transaction the whole transaction must be retried, by its caller.
                if db_connection.in_atomic_block or time.monotonic() + delay > deadline:
                    raise
                logger.warning("Database unavailable in %s, retrying: %s", function.__name__, error)
                db_connection.close()  # Django opens a new connection for the next query
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    return retrying


@contextmanager
def relaxed_commit():
    """A transaction whose commit does not wait for the disk (PostgreSQL's synchronous_commit
    off; the database stays consistent, but a crash of its server may lose the last fraction
    of a second of such commits). For marks whose loss costs information, never an email
    sent twice: a lost "sent" leaves the row handed over, so it becomes "unknown".

    Waiting for the disk is most of what a one-row update costs (about 2 ms of the 2.5 here)."""
    with transaction.atomic():
        if db_connection.vendor == "postgresql":
            with db_connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield
