"""The one way the project hands work to Celery.

Every job (a print build, a mailing's start, its batches) is first written to the database,
and a sweeper run by beat sends again whatever the broker never received. So a broker that is
down or restarting must never fail the request that asked for the work: the message is simply
left to the sweeper.
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def send_task(task, *args, description="", times=1):
    """Send `task(*args)` to the broker `times` times; True if every message was sent.

    When the broker cannot be reached, log it (naming `description`) and return False: the
    sweeper sends the work later from what the database says is still to do.
    """
    try:
        for _ in range(times):
            task.delay(*args)
    except OperationalError:
        logger.warning("Broker unavailable: %s is left to the sweeper", description or task.name)
        return False
    return True


def send_task_on_commit(task, *args, description="", times=1):
    """send_task() once the current transaction commits, so the worker finds the rows."""
    transaction.on_commit(lambda: send_task(task, *args, description=description, times=times))
