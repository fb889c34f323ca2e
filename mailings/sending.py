"""Sending a mailing: the database, not the broker, decides who still needs an email.

1. preparing.py writes one Delivery row per subscriber before any email leaves.
2. `send_batch` here claims a batch of pending rows under a lease (claiming.py), sends them
   over one connection, one message at a time, and marks each row sent as soon as the server
   has accepted it.
3. A claimed row whose lease expired belonged to a worker that died: if it had been handed to
   the server it may have gone, so it is marked "unknown" (never resent); otherwise it goes
   back to pending. A worker holds at most one handed-but-unrecorded row, so a killed worker
   leaves at most one "unknown".
"""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db.models import F
from django.utils import timezone

from . import claiming, content, preparing
from .models import Delivery, Mailing, Subscription
from .states import transition

logger = logging.getLogger(__name__)

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


class TransientSendError(Exception):
    """The server or the network failed for now: the batch is released and retried later."""


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
    mailing = Mailing.objects.select_related("mailing_list", "page").filter(pk=mailing_id).first()
    if mailing is None:
        # A message that outlived its mailing (deleted, or left in a broker by an earlier run).
        logger.info("No mailing %s: its batch task has nothing to send", mailing_id)
        return 0
    if mailing.status != Mailing.SENDING:
        return 0
    deliveries, lease_until = claiming.claim_batch(mailing, size)
    if not deliveries:
        finish_if_complete(mailing)
        return 0
    batch = Batch(mailing, deliveries, lease_until)
    connection = get_connection()
    try:
        connection.open()
        batch.send(content.render_cached(mailing), connection)
    except SENDER_ERRORS as error:
        claiming.release(deliveries, batch.lease_until)
        pause_for_error(mailing, error)
    except Exception as error:
        claiming.release(deliveries, batch.lease_until)
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
        preparing.refresh_counts(mailing)
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
                    claiming.release(self.deliveries[index:], self.lease_until)
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
        self.lease_until = claiming.renew_lease(remaining, self.lease_until)
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


def pause_for_error(mailing, error):
    """Stop a mailing the server will not let us send at all, and say why in the admin."""
    reason = f"Paused: the mail server refused to send for us ({error})"[:500]
    logger.error("Mailing %s: %s", mailing.pk, reason)
    transition(mailing, "pause_for_error", last_error=reason)


def finish_if_complete(mailing):
    """Mark a sending mailing done once no row is pending or claimed."""
    left = Delivery.objects.filter(
        mailing_id=mailing.pk, status__in=[Delivery.PENDING, Delivery.CLAIMED]
    ).exists()
    if left:
        return False
    preparing.refresh_counts(mailing)
    return transition(mailing, "finish", finished_at=timezone.now())
