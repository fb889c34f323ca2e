"""Celery tasks for print builds, on queue "print": thin wrappers around printing/builds.py."""

from celery import shared_task

from solidarity.queueing import send_task, send_task_on_commit

from .builds import STALE_AFTER, run_job, sweep

# Soft limit: the task stops with a readable error; hard limit: the worker process is replaced.
BUILD_SOFT_LIMIT = 600
BUILD_HARD_LIMIT = 660


@shared_task(
    acks_late=True,
    soft_time_limit=BUILD_SOFT_LIMIT,
    time_limit=BUILD_HARD_LIMIT,
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=3,
    ignore_result=True,
)
def run_print_job(job_id):
    """Build one print job. Safe to deliver twice: the job is claimed before it runs."""
    run_job(job_id)


def send_job(job_id):
    """Hand the job to the broker now; if it is down the job stays queued for the sweeper."""
    return send_task(run_print_job, job_id, description=f"print job {job_id}")


def send_job_on_commit(job_id):
    send_task_on_commit(run_print_job, job_id, description=f"print job {job_id}")


@shared_task(ignore_result=True)
def sweep_print_jobs(stale_after=STALE_AFTER):
    """Run by Celery beat: re-queue builds whose worker died or whose message was lost."""
    for job_id in sweep(stale_after=stale_after):
        send_job_on_commit(job_id)
