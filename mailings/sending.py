"""Sending a mailing: the database, not the broker, decides who still needs an email.

1. preparing.py writes one Delivery row per subscriber before any email leaves.
2. `send_batch` here claims a batch of rows under a short lease (claiming.py) and sends them
   over one connection, one message at a time: each row is marked "handed" just before its
   message goes to the server, and "sent" as soon as the server has accepted it.
3. Every message ends in one of these, per message:
   - accepted: "sent";
   - refused for good (5xx): "failed", with the server's words;
   - refused for now (4xx, e.g. greylisting): "deferred", tried again later with backoff by
     whichever batch comes along, and "failed" once MAILINGS_DEFER_GIVE_UP_SECONDS pass;
   - no answer (the connection broke or timed out after the message's DATA went, or the
     worker was killed): "unknown", never sent again. If the connection broke before DATA,
     the server cannot have it, and the row goes back to pending.
   After a broken connection the batch opens a new one and carries on.
4. A dead worker's lease runs out within MAILINGS_LEASE_SECONDS: the sweeper (tasks.py)
   gives its rows back (handed ones as "unknown") and queues batches for them.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.utils import timezone

from . import claiming, content, preparing
from .database import DATABASE_ERRORS, relaxed_commit, survives_database_blips
from .messages import MessageTemplate, build_message
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

# The connection broke or timed out: the server's answer, if any, was lost.
CONNECTION_ERRORS = (smtplib.SMTPServerDisconnected, OSError)

# "Service not available, closing the connection": the server, not the address, said no.
SERVER_CLOSING = 421


class TransientSendError(Exception):
    """The server or the network failed for now: the batch's unsent rows are released and the
    task is retried later."""


def refusal(error):
    """The (code, words) of a server's definite answer refusing one message, else None."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, words = next(iter(error.recipients.values()))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, words = error.smtp_code, error.smtp_error
    else:
        return None
    if isinstance(words, bytes):
        words = words.decode("utf-8", "replace")
    return code, f"{code} {words}"


def send_batch(mailing_id, size=None):
    """Claim and send one batch. Returns the number of rows claimed (0: nothing left to do).
    Raises TransientSendError after releasing the unsent rows, for the caller to retry."""
    mailing = load_mailing(mailing_id)
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
    try:
        batch.send(content.render_cached(mailing))
    except SENDER_ERRORS as error:
        batch.release_unsent()
        pause_for_error(mailing, error)
    except TransientSendError as error:
        batch.release_unsent()
        note_error(mailing, f"The mail server failed for now; retrying ({error})")
        raise
    except DATABASE_ERRORS:
        # The database stayed away longer than we wait: what was not handed goes back now if
        # it can, else when the short lease runs out.
        try:
            batch.release_unsent()
        except DATABASE_ERRORS:
            logger.warning("Mailing %s: rows left to their lease", mailing.pk)
        raise
    except Exception:
        batch.release_unsent()
        raise
    else:
        batch.release_unsent()  # what a pause or a cancel left
        # A batch went through: an earlier "retrying" note no longer applies.
        note_error(mailing, "")
    finally:
        batch.close()
    preparing.refresh_counts(mailing)
    finish_if_complete(mailing)
    return len(deliveries)


@survives_database_blips
def load_mailing(mailing_id):
    return Mailing.objects.select_related("mailing_list", "page").filter(pk=mailing_id).first()


@survives_database_blips
def note_error(mailing, text):
    """Say in the admin why a sending mailing is slow (or that it no longer is)."""
    Mailing.objects.filter(pk=mailing.pk, status=Mailing.SENDING).exclude(last_error=text).update(
        last_error=text[:500]
    )


class Batch:
    """One worker's claimed deliveries, sent in order over one connection."""

    def __init__(self, mailing, deliveries, lease_until):
        self.mailing = mailing
        self.deliveries = deliveries
        self.lease_until = lease_until
        self.unsent = list(deliveries)  # not yet dealt with: released if the batch stops
        self.checked_at = None
        self.subscribed = set()
        self.connection = get_connection()
        self.broken_in_a_row = 0  # connections that broke with no message answered between

    def send(self, rendered):
        self.open_connection()
        # Our SMTP backend takes messages made from a template (see messages.py).
        template = MessageTemplate.make(rendered) if hasattr(self.connection, "send_raw") else None
        while self.unsent:
            if self.check_due() and not self.check():
                return
            delivery = self.unsent[0]
            if delivery.subscriber_id not in self.subscribed:
                self.finish(delivery, status=Delivery.SKIPPED)
                continue
            message = template and template.fill(delivery.subscriber)
            if not message:
                message = build_message(rendered, delivery.subscriber, self.connection)
                # Sent on by an ESP (django-anymail), and returned with its bounce events.
                message.metadata = {"delivery": str(delivery.pk)}
            if not self.hand_over(delivery):
                # Our lease ran out and the row was given to another worker: not ours now.
                self.unsent.pop(0)
                continue
            self.send_one(delivery, message)

    def open_connection(self):
        try:
            self.connection.open()
        except SENDER_ERRORS:
            raise
        except (smtplib.SMTPException, OSError) as error:
            raise TransientSendError(f"cannot reach the mail server: {error}") from error

    def close(self):
        try:
            self.connection.close()
        except Exception:  # a dead connection may fail to say goodbye: nothing to lose
            logger.debug("Closing the mail connection failed", exc_info=True)

    def check_due(self):
        return self.checked_at is None or timezone.now() - self.checked_at >= CHECK_EVERY

    @survives_database_blips
    def check(self):
        """Is the mailing still sending (an editor may pause or cancel it), and who among the
        rest is still subscribed? Also renews the lease. Returns False to stop."""
        self.checked_at = timezone.now()
        if not Mailing.objects.filter(pk=self.mailing.pk, status=Mailing.SENDING).exists():
            return False
        self.subscribed = set(
            Subscription.objects.filter(
                mailing_list_id=self.mailing.mailing_list_id,
                subscriber_id__in=[d.subscriber_id for d in self.unsent],
                status=Subscription.SUBSCRIBED,
            ).values_list("subscriber_id", flat=True)
        )
        renewed = claiming.renew_lease(self.unsent, self.lease_until)
        if renewed is None:
            logger.warning("Mailing %s: a batch outlived its lease and stops", self.mailing.pk)
            self.unsent = []
            return False
        self.lease_until = renewed
        return True

    @survives_database_blips
    def hand_over(self, delivery):
        """Mark this row handed to the server, if it is still ours. Committed to disk before
        the message goes: a row that was handed must never look unhanded (it would be sent
        again)."""
        with db_connection.cursor() as cursor:
            cursor.execute(
                HAND_OVER_SQL,
                [now_for_database(), delivery.pk, Delivery.CLAIMED, self.adapted_lease()],
            )
            return cursor.rowcount == 1

    def adapted_lease(self):
        return db_connection.ops.adapt_datetimefield_value(self.lease_until)

    def send_one(self, delivery, message):
        try:
            if isinstance(message, tuple):  # (sender, recipient, bytes) from the template
                self.connection.send_raw(*message)
            else:
                self.connection.send_messages([message])
        except SENDER_ERRORS:
            self.not_handed(delivery)  # refused before it was accepted: released with the rest
            raise
        except smtplib.SMTPException as error:
            answer = refusal(error)
            if answer is None or answer[0] == SERVER_CLOSING:
                self.connection_broke(delivery, error)
            elif answer[0] >= 500:
                self.finish(delivery, status=Delivery.FAILED, error=answer[1][:500])
            else:
                self.defer(delivery, answer[1])
        except OSError as error:
            self.connection_broke(delivery, error)
        except Exception as error:
            # An unexpected failure inside the backend (e.g. an ESP's API): it may have gone.
            self.finish(delivery, **unknown(f"The email backend failed: {error}"))
            raise
        else:
            self.record_sent(delivery)
            self.broken_in_a_row = 0

    def connection_broke(self, delivery, error):
        """The connection broke or timed out while this message was being sent: if its DATA
        had gone the server may have it ("unknown"), else it goes back to pending (so does a
        message the server refused with "421 closing"). The rest of the batch carries on
        over a new connection."""
        answered = isinstance(error, smtplib.SMTPResponseException)
        if answered or not getattr(self.connection, "reached_data", True):
            self.finish(delivery, status=Delivery.PENDING, handed_at=None)
        else:
            logger.warning("Mailing %s: no answer for delivery %s", self.mailing.pk, delivery.pk)
            reason = f"The connection broke before the server answered: {error}"
            self.finish(delivery, **unknown(reason))
        self.close()
        self.broken_in_a_row += 1
        if self.broken_in_a_row > 1:  # not a one-off: leave the rest for a later try
            raise TransientSendError(f"the connection broke again: {error}") from error
        self.open_connection()

    def defer(self, delivery, words):
        """The recipient's server said "try again later": this row waits on its own, with
        backoff, and fails once it has been refused for MAILINGS_DEFER_GIVE_UP_SECONDS."""
        now = timezone.now()
        since = delivery.deferred_since or now
        if (now - since).total_seconds() >= settings.MAILINGS_DEFER_GIVE_UP_SECONDS:
            reason = f"Gave up after {delivery.attempts + 1} tries: {words}"
            self.finish(delivery, status=Delivery.FAILED, error=reason[:500])
            return
        # attempts counts the tries before this one
        delay = min(settings.MAILINGS_DEFER_RETRY_SECONDS * 2**delivery.attempts, 3600)
        self.finish(
            delivery,
            status=Delivery.DEFERRED,
            handed_at=None,
            retry_at=now + timedelta(seconds=delay),
            deferred_since=since,
            error=f"Deferred: {words}"[:500],
        )

    @survives_database_blips
    def record_sent(self, delivery):
        with relaxed_commit(), db_connection.cursor() as cursor:
            cursor.execute(SENT_SQL, [Delivery.SENT, now_for_database(), delivery.pk])
        self.unsent.remove(delivery)

    @survives_database_blips
    def finish(self, delivery, **fields):
        """Record what happened to this row, which leaves our claim."""
        with relaxed_commit():
            Delivery.objects.filter(pk=delivery.pk).update(lease_until=None, **fields)
        self.unsent.remove(delivery)

    @survives_database_blips
    def not_handed(self, delivery):
        Delivery.objects.filter(pk=delivery.pk).update(handed_at=None)

    def release_unsent(self):
        claiming.release(self.unsent, self.lease_until)
        self.unsent = []


# The two statements run for every email, written as SQL: the ORM costs more to build them
# (about 0.4 ms each) than the database takes to run them.
HAND_OVER_SQL = f"""
UPDATE {Delivery._meta.db_table} SET handed_at = %s, attempts = attempts + 1
WHERE id = %s AND status = %s AND lease_until = %s
"""  # noqa: S608 -- the table name is the model's own; every value is a parameter
SENT_SQL = f"""
UPDATE {Delivery._meta.db_table} SET status = %s, sent_at = %s, lease_until = NULL WHERE id = %s
"""  # noqa: S608 -- the table name is the model's own; every value is a parameter


def now_for_database():
    return db_connection.ops.adapt_datetimefield_value(timezone.now())


def unknown(reason):
    return {"status": Delivery.UNKNOWN, "error": reason[:500]}


def pause_for_error(mailing, error):
    """Stop a mailing the server will not let us send at all, and say why in the admin."""
    reason = f"Paused: the mail server refused to send for us ({error})"[:500]
    logger.error("Mailing %s: %s", mailing.pk, reason)
    transition(mailing, "pause_for_error", last_error=reason)


@survives_database_blips
def finish_if_complete(mailing):
    """Mark a sending mailing done once every row is final (none pending, claimed or
    deferred)."""
    left = Delivery.objects.filter(
        mailing_id=mailing.pk,
        status__in=[Delivery.PENDING, Delivery.CLAIMED, Delivery.DEFERRED],
    ).exists()
    if left:
        return False
    preparing.refresh_counts(mailing)
    return transition(mailing, "finish", finished_at=timezone.now())
