"""Celery tasks for sending mailings, on queue "mail".

Every task is safe to deliver twice: a batch task claims rows in the database, so a second
copy finds other rows, or none. The sweeper (beat) re-queues work whose message was lost,
whether the broker was down when it was sent or the worker died, and closes mailings with
nothing left to send. So work is handed to the broker through solidarity.queueing, which
leaves it to the sweeper when the broker cannot be reached.
"""

from celery import shared_task
from django.utils import timezone

from solidarity.queueing import send_task, send_task_on_commit

from . import claiming, preparing, scheduling, sending
from .database import DATABASE_ERRORS
from .models import EmailSettings, Mailing


@shared_task(acks_late=True, ignore_result=True)
def start_mailing(mailing_id):
    """Write the deliveries, then queue enough batch tasks to cover them."""
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None or not preparing.start(mailing):
        return
    queue_batches(mailing)


@shared_task(
    acks_late=True,
    autoretry_for=(sending.TransientSendError, *DATABASE_ERRORS),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    ignore_result=True,
)
def send_batch(mailing_id):
    """Claim and send one batch of deliveries; a mail server or a database that fails for
    longer than a batch waits makes the task retry with backoff."""
    sending.send_batch(mailing_id)


def queue_start_on_commit(mailing):
    """Start the mailing once the transaction commits. If the message never reaches a
    worker, the sweeper does the work: it starts a due mailing (left scheduled until it
    starts), and queues the batches of a sending one (e.g. resumed)."""
    send_task_on_commit(start_mailing, mailing.pk, description=f"starting mailing {mailing.pk}")


def queue_batches(mailing, on_commit=False, times=None):
    """`times` batch tasks, by default one per BATCH_SIZE rows a batch could take now (with
    `on_commit`, once the transaction commits). The mailing is sending, so the sweeper
    queues them again if they never reach a worker."""
    send = send_task_on_commit if on_commit else send_task
    send(
        send_batch,
        mailing.pk,
        times=claiming.claimable_batches(mailing) if times is None else times,
        description=f"sending mailing {mailing.pk}",
    )


@shared_task(ignore_result=True)
def sweep_mailings():
    """Run by Celery beat: start scheduled mailings that are due, resume mailings whose
    messages were lost or whose worker died, and mark finished ones done."""
    # A scheduled mailing stays "scheduled" until start_mailing has written its rows, so a
    # lost start message is sent again on the next sweep.
    due = Mailing.objects.filter(status=Mailing.SCHEDULED, scheduled_at__lte=timezone.now())
    for mailing in due:
        queue_start_on_commit(mailing)
    for mailing in Mailing.objects.filter(status=Mailing.SENDING):
        sweep_mailing(mailing)


def sweep_mailing(mailing):
    """Hand out again what no queued batch task will take:
    - the rows of a dead worker, whose lease ran out (even while other workers send);
    - deferred rows whose retry time has come (no task was ever queued for them);
    - every row a batch could take, when no worker holds a live lease: the batch messages
      were lost (a broker that restarted empty), or all the workers died.
    A batch task too many costs one query: it finds nothing to claim."""
    recovered = claiming.recover_expired(mailing)
    if recovered:
        preparing.refresh_counts(mailing)
    if not claiming.has_live_leases(mailing):
        times = claiming.claimable_batches(mailing)
    else:
        times = claiming.batches_for(recovered) + claiming.batches_for(
            claiming.due_deferred(mailing)
        )
    if times:
        queue_batches(mailing, on_commit=True, times=times)
    else:
        sending.finish_if_complete(mailing)


@shared_task(ignore_result=True)
def send_weekly_digest():
    """Run by Celery beat every few minutes: once the digest time set in the site settings
    has come, make this week's digest and start it (once: the mailing is unique per week)."""
    mailing = scheduling.mailing_for_digest(EmailSettings.for_default_site())
    if mailing is not None:
        queue_start_on_commit(mailing)
