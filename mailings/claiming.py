"""Claiming deliveries: a worker takes a batch of rows under a short lease, which it renews
while it sends, so parallel workers take different rows, and the rows of a worker that died
come back within a lease: as "unknown" if it had handed them to the server and no answer
came (they are never sent again), else as pending.

A batch takes pending rows, and deferred rows whose retry time has come.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .database import survives_database_blips
from .models import Delivery

logger = logging.getLogger(__name__)

BATCH_SIZE = 100


def lease_length():
    """How long a claimed batch stays a worker's unless renewed."""
    return timedelta(seconds=settings.MAILINGS_LEASE_SECONDS)


def claimable(mailing_id, now=None):
    """The rows a batch may take now: pending, or deferred and due again."""
    due = Q(status=Delivery.DEFERRED, retry_at__lte=now or timezone.now())
    return Delivery.objects.filter(Q(status=Delivery.PENDING) | due, mailing_id=mailing_id)


@survives_database_blips
def recover_expired(mailing):
    """Release the rows of workers that died: handed-over rows become "unknown", the rest
    pending again. Returns the number of rows made pending."""
    expired = Delivery.objects.filter(
        mailing_id=mailing.pk, status=Delivery.CLAIMED, lease_until__lt=timezone.now()
    )
    unknown = expired.filter(handed_at__isnull=False).update(
        status=Delivery.UNKNOWN,
        lease_until=None,
        error="The worker stopped while sending this email: it may or may not have arrived.",
    )
    if unknown:
        logger.warning("Mailing %s: %s deliveries of unknown outcome", mailing.pk, unknown)
    return expired.filter(handed_at__isnull=True).update(status=Delivery.PENDING, lease_until=None)


@survives_database_blips
def claim_batch(mailing, size=None):
    """Claim up to `size` rows for this process; returns (deliveries, lease_until).

    On PostgreSQL, SKIP LOCKED lets parallel workers take different rows without waiting;
    SQLite has no row locks, so each row is taken by a conditional update instead."""
    size = size or BATCH_SIZE
    recover_expired(mailing)
    now = timezone.now()
    lease_until = now + lease_length()
    rows = claimable(mailing.pk, now).order_by("pk")
    with transaction.atomic():
        if db_connection.features.has_select_for_update_skip_locked:
            ids = list(rows.select_for_update(skip_locked=True).values_list("pk", flat=True)[:size])
            Delivery.objects.filter(pk__in=ids).update(
                status=Delivery.CLAIMED, lease_until=lease_until
            )
        else:
            ids = [
                pk
                for pk in rows.values_list("pk", flat=True)[:size]
                if claimable(mailing.pk, now)
                .filter(pk=pk)
                .update(status=Delivery.CLAIMED, lease_until=lease_until)
            ]
    deliveries = list(
        Delivery.objects.filter(pk__in=ids).select_related("subscriber").order_by("pk")
    )
    return deliveries, lease_until


@survives_database_blips
def release(deliveries, lease_until):
    """Give back the rows of our batch that were never handed to the server (pause, cancel,
    a server that cannot be reached): another batch sends them. A handed row whose answer
    never came is not released: its lease runs out and it becomes "unknown"."""
    Delivery.objects.filter(
        pk__in=[d.pk for d in deliveries],
        status=Delivery.CLAIMED,
        lease_until=lease_until,
        handed_at__isnull=True,
    ).update(status=Delivery.PENDING, lease_until=None)


@survives_database_blips
def renew_lease(deliveries, lease_until):
    """Extend our claim on the rows still to send once a third of the lease has gone.
    Returns the new lease, or None if the rows are no longer ours (our lease ran out and the
    sweeper gave them to another worker)."""
    length = lease_length()
    if lease_until - timezone.now() > length * 2 / 3:
        return lease_until
    renewed = timezone.now() + length
    ours = Delivery.objects.filter(
        pk__in=[d.pk for d in deliveries], status=Delivery.CLAIMED, lease_until=lease_until
    ).update(lease_until=renewed)
    return renewed if ours else None


# What the sweeper asks -----------------------------------------------------------------------


def batches_for(rows, size=None):
    return -(-rows // (size or BATCH_SIZE))


def claimable_batches(mailing, size=None):
    """How many batches the rows a batch could take now would fill."""
    return batches_for(claimable(mailing.pk).count(), size)


def due_deferred(mailing):
    return claimable(mailing.pk).filter(status=Delivery.DEFERRED).count()


def has_live_leases(mailing):
    return Delivery.objects.filter(
        mailing_id=mailing.pk, status=Delivery.CLAIMED, lease_until__gte=timezone.now()
    ).exists()
