from celery import shared_task

from .builds import run_job, sweep

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


@shared_task(ignore_result=True)
def sweep_print_jobs():
    """Run by Celery beat: re-queue builds whose worker died or whose message was lost."""
    sweep()
