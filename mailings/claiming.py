"""Claiming deliveries: a worker takes a batch of pending rows under a lease, so parallel
workers take different rows, and the rows of a worker that died come back when its lease
expires: as "unknown" if it may have sent them (they are never sent again), else as pending.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection as db_connection
from django.db import transaction
from django.utils import timezone

from .models import Delivery

logger = logging.getLogger(__name__)

BATCH_SIZE = 100


def lease_length():
    """How long a claimed batch stays a worker's: a dead worker's rows wait this long. The
    worker renews it as it goes, so a slow server does not make it expire."""
    return timedelta(seconds=getattr(settings, "MAILINGS_LEASE_SECONDS", 600))


def recover_expired(mailing):
    """Release the rows of workers that died: maybe-sent rows become "unknown", the rest
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


def claim_batch(mailing, size=None):
    """Claim up to `size` pending rows for this process; returns (deliveries, lease_until).

    On PostgreSQL, SKIP LOCKED lets parallel workers take different rows without waiting;
    SQLite has no row locks, so each row is taken by a conditional update instead."""
    size = size or BATCH_SIZE
    recover_expired(mailing)
    lease_until = timezone.now() + lease_length()
    pending = Delivery.objects.filter(mailing_id=mailing.pk, status=Delivery.PENDING).order_by("pk")
    with transaction.atomic():
        if db_connection.features.has_select_for_update_skip_locked:
            ids = list(
                pending.select_for_update(skip_locked=True).values_list("pk", flat=True)[:size]
            )
            Delivery.objects.filter(pk__in=ids).update(
                status=Delivery.CLAIMED, lease_until=lease_until
            )
        else:
            ids = [
                pk
                for pk in pending.values_list("pk", flat=True)[:size]
                if Delivery.objects.filter(pk=pk, status=Delivery.PENDING).update(
                    status=Delivery.CLAIMED, lease_until=lease_until
                )
            ]
    deliveries = list(
        Delivery.objects.filter(pk__in=ids).select_related("subscriber").order_by("pk")
    )
    return deliveries, lease_until


def release(deliveries, lease_until):
    """Give unsent rows of our batch back (pause, cancel, transient error)."""
    Delivery.objects.filter(
        pk__in=[d.pk for d in deliveries], status=Delivery.CLAIMED, lease_until=lease_until
    ).update(status=Delivery.PENDING, lease_until=None, handed_at=None)


def renew_lease(deliveries, lease_until):
    """Extend our claim on the rows still to send once half the lease has gone."""
    length = lease_length()
    if lease_until - timezone.now() > length / 2:
        return lease_until
    renewed = timezone.now() + length
    Delivery.objects.filter(
        pk__in=[d.pk for d in deliveries], status=Delivery.CLAIMED, lease_until=lease_until
    ).update(lease_until=renewed)
    return renewed


# What the sweeper asks -----------------------------------------------------------------------


def needs_work(mailing):
    """Rows a batch could take now: pending, or claimed with an expired lease."""
    rows = Delivery.objects.filter(mailing_id=mailing.pk)
    return (
        rows.filter(status=Delivery.PENDING).exists()
        or rows.filter(status=Delivery.CLAIMED, lease_until__lt=timezone.now()).exists()
    )


def pending_batches(mailing, size=None):
    size = size or BATCH_SIZE
    pending = Delivery.objects.filter(mailing_id=mailing.pk, status=Delivery.PENDING).count()
    return -(-pending // size)


def has_live_leases(mailing):
    return Delivery.objects.filter(
        mailing_id=mailing.pk, status=Delivery.CLAIMED, lease_until__gte=timezone.now()
    ).exists()
