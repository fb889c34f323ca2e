"""Sending a mailing: the database, not the broker, decides who still needs an email.

1. `prepare` writes one Delivery row per subscriber before any email leaves.
2. `send_batch` claims a batch of pending rows under a lease, sends them over one connection,
   one message at a time, and marks each row sent as soon as the server has accepted it.
3. A claimed row whose lease expired belonged to a worker that died: if it had been handed to
   the server it may have gone, so it is marked "unknown" (never resent); otherwise it goes
   back to pending. A worker holds at most one handed-but-unrecorded row, so a killed worker
   leaves at most one "unknown".
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, F
from django.template.loader import render_to_string
from django.utils import timezone

from . import links
from .models import Delivery, Mailing, Subscription

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
# Long enough for a batch at a slow server's pace; a dead worker's rows wait this long.
LEASE = timedelta(minutes=10)
PREPARE_CHUNK = 2000


class TransientSendError(Exception):
    """The server or the network failed for now: the batch is released and retried later."""


# Preparing -----------------------------------------------------------------------------------


def prepare(mailing):
    """Write the delivery rows for everyone subscribed to the list. Safe to run again: the
    unique (mailing, subscriber) constraint keeps one row per subscriber."""
    subscriber_ids = (
        Subscription.objects.filter(
            mailing_list_id=mailing.mailing_list_id, status=Subscription.SUBSCRIBED
        )
        .order_by("subscriber_id")
        .values_list("subscriber_id", flat=True)
    )
    chunk = []
    for subscriber_id in subscriber_ids.iterator(chunk_size=PREPARE_CHUNK):
        chunk.append(Delivery(mailing_id=mailing.pk, subscriber_id=subscriber_id))
        if len(chunk) >= PREPARE_CHUNK:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
    refresh_counts(mailing)


def refresh_counts(mailing):
    """Recount from the delivery rows (one query), rather than incrementing under contention."""
    by_status = dict(
        Delivery.objects.filter(mailing_id=mailing.pk)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    counts = {
        "total_count": sum(by_status.values()),
        "sent_count": by_status.get(Delivery.SENT, 0),
        "failed_count": by_status.get(Delivery.FAILED, 0),
        "unknown_count": by_status.get(Delivery.UNKNOWN, 0),
    }
    Mailing.objects.filter(pk=mailing.pk).update(**counts)
    for name, value in counts.items():
        setattr(mailing, name, value)
    return by_status


def start(mailing):
    """Mark the mailing as sending and prepare its deliveries (not for finished ones)."""
    if mailing.status in (Mailing.DONE, Mailing.CANCELLED):
        return False
    # Rows first: the sweeper marks a "sending" mailing with no rows left as done.
    prepare(mailing)
    # Conditional, so a start racing a cancel does not undo it.
    started = (
        Mailing.objects.filter(pk=mailing.pk)
        .exclude(status__in=[Mailing.DONE, Mailing.CANCELLED])
        .update(status=Mailing.SENDING, started_at=mailing.started_at or timezone.now())
    )
    mailing.refresh_from_db()
    return bool(started)


# Claiming ------------------------------------------------------------------------------------


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
    lease_until = timezone.now() + LEASE
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


# Sending -------------------------------------------------------------------------------------


def build_message(mailing, subscriber, connection=None):
    page_url = ""
    if mailing.page_id:
        page_url = mailing.page.get_full_url() or ""
    context = {
        "mailing": mailing,
        "mailing_list": mailing.mailing_list,
        "subscriber": subscriber,
        "page": mailing.page,
        "page_url": page_url,
        "preferences_url": links.preferences_url(subscriber),
        "unsubscribe_url": links.unsubscribe_url(subscriber, mailing.mailing_list),
        "site_url": settings.WAGTAILADMIN_BASE_URL,
    }
    message = EmailMultiAlternatives(
        subject=mailing.subject,
        body=render_to_string("email/mailing.txt", context),
        to=[subscriber.email],
        headers=links.unsubscribe_headers(subscriber, mailing.mailing_list),
        connection=connection,
    )
    message.attach_alternative(render_to_string("email/mailing.html", context), "text/html")
    return message


def is_transient(error):
    """Network trouble and 4xx replies are worth retrying; 5xx replies are final."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
    return isinstance(error, (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError))


def still_sending(mailing_id):
    return Mailing.objects.filter(pk=mailing_id, status=Mailing.SENDING).exists()


def still_subscribed(mailing, subscriber_id):
    return Subscription.objects.filter(
        mailing_list_id=mailing.mailing_list_id,
        subscriber_id=subscriber_id,
        status=Subscription.SUBSCRIBED,
    ).exists()


def send_batch(mailing_id, size=None):
    """Claim and send one batch. Returns the number of rows claimed (0: nothing left to do).
    Raises TransientSendError after releasing the unsent rows, for the caller to retry."""
    mailing = Mailing.objects.select_related("mailing_list", "page").get(pk=mailing_id)
    if mailing.status != Mailing.SENDING:
        return 0
    deliveries, lease_until = claim_batch(mailing, size)
    if not deliveries:
        finish_if_complete(mailing)
        return 0
    connection = get_connection()
    try:
        connection.open()
        for index, delivery in enumerate(deliveries):
            # An editor may pause or cancel at any moment: checked before every message.
            if not still_sending(mailing_id):
                release(deliveries[index:], lease_until)
                break
            if not still_subscribed(mailing, delivery.subscriber_id):
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.SKIPPED, lease_until=None
                )
                continue
            send_one(mailing, delivery, lease_until, connection)
    except Exception as error:
        release(deliveries, lease_until)
        if is_transient(error):
            raise TransientSendError(str(error)) from error
        raise
    finally:
        try:
            connection.close()
        except Exception:  # a dead connection may fail to say goodbye: nothing to lose
            logger.debug("Closing the mail connection failed", exc_info=True)
        refresh_counts(mailing)
    finish_if_complete(mailing)
    return len(deliveries)


def send_one(mailing, delivery, lease_until, connection):
    """Hand one message to the server and record the outcome at once."""
    message = build_message(mailing, delivery.subscriber, connection)
    # Still ours? If our lease expired and the row was recovered, someone else owns it now.
    if not Delivery.objects.filter(
        pk=delivery.pk, status=Delivery.CLAIMED, lease_until=lease_until
    ).update(handed_at=timezone.now(), attempts=F("attempts") + 1):
        return
    try:
        connection.send_messages([message])
    except smtplib.SMTPException as error:
        if is_transient(error):
            # Not accepted: safe to send again later.
            Delivery.objects.filter(pk=delivery.pk).update(handed_at=None)
            raise
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.FAILED, lease_until=None, error=str(error)[:500]
        )
        return
    except (ConnectionError, TimeoutError):
        Delivery.objects.filter(pk=delivery.pk).update(handed_at=None)
        raise
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.SENT, lease_until=None, sent_at=timezone.now(), error=""
    )


def finish_if_complete(mailing):
    """Mark a sending mailing done once no row is pending or claimed."""
    left = Delivery.objects.filter(
        mailing_id=mailing.pk, status__in=[Delivery.PENDING, Delivery.CLAIMED]
    ).exists()
    if left:
        return False
    refresh_counts(mailing)
    done = Mailing.objects.filter(pk=mailing.pk, status=Mailing.SENDING).update(
        status=Mailing.DONE, finished_at=timezone.now()
    )
    if done:
        mailing.status = Mailing.DONE
    return bool(done)


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


# Mailings for pages --------------------------------------------------------------------------


def mailing_for_issue(issue, user=None):
    """The new-issue mailing of an issue to the weekly list: made once, then reused."""
    from .models import WEEKLY_SLUG, MailingList

    mailing, _ = Mailing.objects.get_or_create(
        mailing_list=MailingList.objects.get(slug=WEEKLY_SLUG),
        kind=Mailing.NEW_ISSUE,
        period=f"issue-{issue.number}",
        defaults={"subject": f"{issue.title} is out", "page": issue, "created_by": user},
    )
    return mailing


def mailing_for_edition(edition, mailing_list, user=None):
    """The mailing of a bulletin edition to its series' list: made once, then reused."""
    series = edition.get_parent()
    mailing, _ = Mailing.objects.get_or_create(
        mailing_list=mailing_list,
        kind=Mailing.BULLETIN_EDITION,
        period=f"edition-{series.slug}-{edition.number}",
        defaults={"subject": edition.title, "page": edition, "created_by": user},
    )
    return mailing
