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
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, F
from django.template.defaultfilters import pluralize
from django.utils import timezone

from . import content
from .models import Delivery, Mailing, Subscription

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
# How soon a pause, a cancel or an unsubscribe takes effect in a batch being sent.
CHECK_EVERY = timedelta(seconds=0.5)

# Failures of the sending account rather than of one address: every other message would
# fail the same way, so the mailing pauses and says why.
SENDER_ERRORS = (
    smtplib.SMTPSenderRefused,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPNotSupportedError,
    smtplib.SMTPHeloError,
)


def lease_length():
    """How long a claimed batch stays a worker's: a dead worker's rows wait this long. The
    worker renews it as it goes, so a slow server does not make it expire."""
    return timedelta(seconds=getattr(settings, "MAILINGS_LEASE_SECONDS", 600))


class TransientSendError(Exception):
    """The server or the network failed for now: the batch is released and retried later."""


# Preparing -----------------------------------------------------------------------------------


def prepare(mailing):
    """Write the delivery rows for everyone subscribed to the list, in one statement inside
    the database (20,000 rows take well under a second). Safe to run again: the unique
    (mailing, subscriber) constraint keeps one row per subscriber."""
    with db_connection.cursor() as cursor:
        cursor.execute(
            PREPARE_SQL,
            {
                "mailing": mailing.pk,
                "list": mailing.mailing_list_id,
                "SUBSCRIBED": Subscription.SUBSCRIBED,
                "PENDING": Delivery.PENDING,
            },
        )
    refresh_counts(mailing)


# ON CONFLICT DO NOTHING: PostgreSQL and SQLite (3.24+) both have it.
PREPARE_SQL = f"""
INSERT INTO {Delivery._meta.db_table} (mailing_id, subscriber_id, status, attempts, error)
SELECT %(mailing)s, subscriber_id, %(PENDING)s, 0, ''
FROM {Subscription._meta.db_table}
WHERE mailing_list_id = %(list)s AND status = %(SUBSCRIBED)s
ORDER BY subscriber_id
ON CONFLICT DO NOTHING
"""  # noqa: S608 -- the table names are the models' own; every value is a parameter


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


# Sending -------------------------------------------------------------------------------------


def build_message(rendered, subscriber, connection=None):
    """One subscriber's copy of a rendered mailing (see content.render)."""
    text, document, headers = rendered.personalise(subscriber)
    message = EmailMultiAlternatives(
        subject=rendered.mailing.subject,
        body=text,
        to=[subscriber.email],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(document, "text/html")
    return message


def is_transient(error):
    """Network trouble and 4xx replies are worth retrying; 5xx replies are final."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
    return isinstance(error, (smtplib.SMTPServerDisconnected, ConnectionError, TimeoutError))


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
    batch = Batch(mailing, deliveries, lease_until)
    connection = get_connection()
    try:
        connection.open()
        batch.send(content.render_cached(mailing), connection)
    except SENDER_ERRORS as error:
        release(deliveries, batch.lease_until)
        pause_for_error(mailing, error)
    except Exception as error:
        release(deliveries, batch.lease_until)
        if is_transient(error):
            Mailing.objects.filter(pk=mailing.pk).update(
                last_error=f"The mail server failed for now; retrying ({error})"[:500]
            )
            raise TransientSendError(str(error)) from error
        raise
    else:
        # A batch went through: an earlier "retrying" note no longer applies.
        Mailing.objects.filter(pk=mailing.pk, status=Mailing.SENDING).exclude(last_error="").update(
            last_error=""
        )
    finally:
        try:
            connection.close()
        except Exception:  # a dead connection may fail to say goodbye: nothing to lose
            logger.debug("Closing the mail connection failed", exc_info=True)
        refresh_counts(mailing)
    finish_if_complete(mailing)
    return len(deliveries)


# Record message `sent` as sent and message `next` as handed to the server, in one statement.
HAND_OVER_SQL = f"""
UPDATE {Delivery._meta.db_table} SET
    status = CASE WHEN id = %(sent)s THEN %(SENT)s ELSE status END,
    lease_until = CASE WHEN id = %(sent)s THEN NULL ELSE lease_until END,
    sent_at = CASE WHEN id = %(sent)s THEN %(now)s ELSE sent_at END,
    handed_at = CASE WHEN id = %(sent)s THEN handed_at ELSE %(now)s END,
    attempts = CASE WHEN id = %(sent)s THEN attempts ELSE attempts + 1 END
WHERE id = %(sent)s OR (id = %(next)s AND status = %(CLAIMED)s AND lease_until = %(lease)s)
"""  # noqa: S608 -- the table name is the model's own; every value is a parameter


class Batch:
    """One worker's claimed deliveries, sent in order over one connection.

    Each row is marked "handed" just before its message goes to the server and "sent" once
    the server has accepted it. To halve the writes, the "sent" mark of one message travels
    in the same UPDATE as the "handed" mark of the next: at any moment at most one accepted
    message is unrecorded, which a killed worker leaves as one "unknown" row.
    """

    def __init__(self, mailing, deliveries, lease_until):
        self.mailing = mailing
        self.deliveries = deliveries
        self.lease_until = lease_until
        self.accepted = None  # accepted by the server, not yet recorded as sent
        self.checked_at = None
        self.subscribed = set()

    def send(self, rendered, connection):
        try:
            for index, delivery in enumerate(self.deliveries):
                if self.check_due() and not self.check(self.deliveries[index:]):
                    self.record_accepted()
                    release(self.deliveries[index:], self.lease_until)
                    return
                if delivery.subscriber_id not in self.subscribed:
                    Delivery.objects.filter(pk=delivery.pk).update(
                        status=Delivery.SKIPPED, lease_until=None
                    )
                    continue
                message = build_message(rendered, delivery.subscriber, connection)
                # Sent on by an ESP (django-anymail), and returned with its bounce events.
                message.metadata = {"delivery": str(delivery.pk)}
                if self.hand_over(delivery):
                    self.send_one(delivery, message, connection)
        finally:
            self.record_accepted()

    def check_due(self):
        return self.checked_at is None or timezone.now() - self.checked_at >= CHECK_EVERY

    def check(self, remaining):
        """Is the mailing still sending (an editor may pause or cancel it), and who among the
        rest is still subscribed? Also renews the lease. Returns False to stop."""
        self.checked_at = timezone.now()
        if not Mailing.objects.filter(pk=self.mailing.pk, status=Mailing.SENDING).exists():
            return False
        self.subscribed = set(
            Subscription.objects.filter(
                mailing_list_id=self.mailing.mailing_list_id,
                subscriber_id__in=[d.subscriber_id for d in remaining],
                status=Subscription.SUBSCRIBED,
            ).values_list("subscriber_id", flat=True)
        )
        self.lease_until = renew_lease(remaining, self.lease_until)
        return True

    def hand_over(self, delivery):
        """Mark this row handed to the server (and the previous one sent), if it is still
        ours: a row whose lease expired was taken back and may belong to another worker."""
        now = timezone.now()
        if self.accepted is None:
            return bool(
                Delivery.objects.filter(
                    pk=delivery.pk, status=Delivery.CLAIMED, lease_until=self.lease_until
                ).update(handed_at=now, attempts=F("attempts") + 1)
            )
        sent, self.accepted = self.accepted.pk, None
        # Written as SQL: this runs once per email, and the ORM's Case/When costs more to
        # compile (about 5 ms) than the database takes to run it.
        adapt = db_connection.ops.adapt_datetimefield_value
        with db_connection.cursor() as cursor:
            cursor.execute(
                HAND_OVER_SQL,
                {
                    "sent": sent,
                    "next": delivery.pk,
                    "now": adapt(now),
                    "lease": adapt(self.lease_until),
                    "SENT": Delivery.SENT,
                    "CLAIMED": Delivery.CLAIMED,
                },
            )
            return cursor.rowcount == 2

    def record_accepted(self):
        if self.accepted is not None:
            Delivery.objects.filter(pk=self.accepted.pk).update(
                status=Delivery.SENT, lease_until=None, sent_at=timezone.now()
            )
            self.accepted = None

    def send_one(self, delivery, message, connection):
        try:
            connection.send_messages([message])
        except (*SENDER_ERRORS, ConnectionError, TimeoutError):
            Delivery.objects.filter(pk=delivery.pk).update(handed_at=None)  # not accepted
            raise
        except smtplib.SMTPException as error:
            if is_transient(error):
                # Not accepted: safe to send again later.
                Delivery.objects.filter(pk=delivery.pk).update(handed_at=None)
                raise
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.FAILED, lease_until=None, error=str(error)[:500]
            )
            return
        self.accepted = delivery


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


def pause_for_error(mailing, error):
    """Stop a mailing the server will not let us send at all, and say why in the admin."""
    reason = f"Paused: the mail server refused to send for us ({error})"[:500]
    logger.error("Mailing %s: %s", mailing.pk, reason)
    Mailing.objects.filter(pk=mailing.pk, status=Mailing.SENDING).update(
        status=Mailing.PAUSED, last_error=reason
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


def weekly_digest_due(site_settings, now):
    """The start of this week's digest slot if it has come, else None."""
    if not site_settings.weekly_digest_enabled:
        return None
    local = timezone.localtime(now)
    monday = local.date() - timedelta(days=local.weekday())
    day = monday + timedelta(days=site_settings.weekly_digest_day)
    due = timezone.make_aware(datetime.combine(day, site_settings.weekly_digest_time))
    return due if now >= due else None


def mailing_for_digest(site_settings, now=None):
    """This week's digest to the weekly list, once its time has come and there is something
    new to say: made once (unique per list, kind and ISO week), else None."""
    from .models import WEEKLY_SLUG, MailingList

    now = now or timezone.now()
    if weekly_digest_due(site_settings, now) is None:
        return None
    year, week, _ = timezone.localtime(now).isocalendar()
    mailing_list = MailingList.objects.get(slug=WEEKLY_SLUG)
    existing = Mailing.objects.filter(
        mailing_list=mailing_list, kind=Mailing.WEEKLY_DIGEST, period=f"digest-{year}-W{week:02d}"
    )
    if existing.exists():
        return None
    articles = content.digest_articles(mailing_list.pk, until=now).count()
    if not articles:
        return None
    mailing, created = Mailing.objects.get_or_create(
        mailing_list=mailing_list,
        kind=Mailing.WEEKLY_DIGEST,
        period=f"digest-{year}-W{week:02d}",
        defaults={
            "subject": f"Solidarity this week: {articles} new article{pluralize(articles)}",
            "created_at": now,
            "status": Mailing.SCHEDULED,
            "scheduled_at": now,
        },
    )
    return mailing if created else None
