"""Celery tasks for sending mailings, on queue "mail".

Every task is safe to deliver twice: a batch task claims rows in the database, so a second
copy finds other rows, or none. The sweeper (beat) re-queues work whose message was lost or
whose worker died, and closes mailings with nothing left to send.
"""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from . import sending
from .models import EmailSettings, Mailing

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True)
def start_mailing(mailing_id):
    """Write the deliveries, then queue enough batch tasks to cover them."""
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None or not sending.start(mailing):
        return
    queue_batches(mailing)


def queue_batches(mailing):
    batches = sending.pending_batches(mailing)
    try:
        for _ in range(batches):
            send_batch.delay(mailing.pk)
    except OperationalError:
        logger.warning("Broker unavailable: mailing %s will be resumed by the sweeper", mailing.pk)
    return batches


@shared_task(
    acks_late=True,
    autoretry_for=(sending.TransientSendError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    ignore_result=True,
)
def send_batch(mailing_id):
    """Claim and send one batch of deliveries; transient SMTP errors retry with backoff."""
    sending.send_batch(mailing_id)


def queue_start(mailing):
    try:
        start_mailing.delay(mailing.pk)
    except OperationalError:
        logger.warning("Broker unavailable: mailing %s will be started by the sweeper", mailing.pk)


@shared_task(ignore_result=True)
def sweep_mailings():
    """Run by Celery beat: start scheduled mailings that are due, resume mailings whose
    messages were lost or whose worker died, and mark finished ones done."""
    # A scheduled mailing stays "scheduled" until start_mailing has written its rows, so a
    # lost start message is sent again on the next sweep.
    due = Mailing.objects.filter(status=Mailing.SCHEDULED, scheduled_at__lte=timezone.now())
    for mailing in due:
        transaction.on_commit(lambda m=mailing: queue_start(m))
    for mailing in Mailing.objects.filter(status=Mailing.SENDING):
        # Live leases mean a worker is on it (and its batches are queued): leave it be.
        if sending.needs_work(mailing) and not sending.has_live_leases(mailing):
            # Expired leases are recovered here, so the batches queued below can take them.
            sending.recover_expired(mailing)
            sending.refresh_counts(mailing)
            transaction.on_commit(lambda m=mailing: queue_batches(m))
        else:
            sending.finish_if_complete(mailing)


@shared_task(ignore_result=True)
def send_weekly_digest():
    """Run by Celery beat every few minutes: once the digest time set in the site settings
    has come, make this week's digest and start it (once: the mailing is unique per week)."""
    mailing = sending.mailing_for_digest(EmailSettings.for_default_site())
    if mailing is not None:
        transaction.on_commit(lambda: queue_start(mailing))
