"""Print builds as operations: request one (admin, command, publish signal) and run one (task).

A job is claimed before it runs, so the same job delivered twice produces one result; a job
whose worker died is claimed again once its heartbeat is stale. The PDF sellers use is the
newest finished build: a running or failed build never touches it.
"""

import hashlib
import logging
import time
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from .documents import profile_for
from .models import PrintJob
from .render import PrintError, build_pdf, first_page_thumbnail

logger = logging.getLogger(__name__)

KEEP_BUILDS = 5  # finished builds kept per page and variant; older files are deleted
STALE_AFTER = timedelta(minutes=3)  # a running job with no heartbeat for this long is dead
RESEND_AFTER = timedelta(minutes=10)  # a queued job this old has lost its broker message
MAX_ATTEMPTS = 3


def can_build(user, page):
    return user.is_superuser or page.permissions_for_user(user).can_publish()


def sweep(stale_after=STALE_AFTER, resend_after=RESEND_AFTER, max_attempts=MAX_ATTEMPTS):
    """Recover jobs whose worker died (stale heartbeat) or whose message was lost: fail those
    tried too often, and return the ids of the jobs to send to the broker again."""
    now = timezone.now()
    resend = []
    for job in PrintJob.objects.filter(status=PrintJob.RUNNING, heartbeat_at__lt=now - stale_after):
        if job.attempts >= max_attempts:
            fail(
                job,
                f"The print worker stopped while building this PDF ({job.attempts} tries). "
                "Retry, and tell the site's maintainers if it happens again.",
            )
        elif PrintJob.objects.filter(pk=job.pk, status=PrintJob.RUNNING).update(
            status=PrintJob.QUEUED, stage="Waiting for a print worker (after a worker stopped)"
        ):
            resend.append(job.pk)
    lost = PrintJob.objects.filter(status=PrintJob.QUEUED, created_at__lt=now - resend_after)
    return resend + list(lost.exclude(pk__in=resend).values_list("pk", flat=True))


def claim(job_id):
    """Mark the job running if nobody else is running it; False if it is not ours to run."""
    now = timezone.now()
    claimable = Q(status=PrintJob.QUEUED) | Q(
        status=PrintJob.RUNNING, heartbeat_at__lt=now - STALE_AFTER
    )
    return bool(
        PrintJob.objects.filter(claimable, pk=job_id).update(
            status=PrintJob.RUNNING,
            started_at=now,
            heartbeat_at=now,
            progress=0,
            error="",
            stage="Starting",
        )
    )


def report(job_id, percent, stage):
    PrintJob.objects.filter(pk=job_id, status=PrintJob.RUNNING).update(
        progress=percent, stage=stage[:120], heartbeat_at=timezone.now()
    )


def create_job(page, user=None, variant=PrintJob.PRINT):
    return PrintJob.objects.create(
        page=page,
        variant=variant,
        profile=profile_for(page),
        requested_by=user,
        stage="Waiting for a print worker",
    )


def run_job(job_id, on_progress=None):
    """Build the job's PDF. Returns the job; a build error is recorded on it, not raised."""
    if not claim(job_id):
        return PrintJob.objects.filter(pk=job_id).first()
    job = PrintJob.objects.select_related("page", "profile").get(pk=job_id)
    # Counted now, so a worker that dies during the build leaves the try counted; the job's
    # final save below writes this count too.
    job.attempts += 1
    PrintJob.objects.filter(pk=job_id).update(attempts=job.attempts)
    started = time.monotonic()

    def progress(percent, stage):
        report(job_id, percent, stage)
        if on_progress:
            on_progress(percent, stage)

    try:
        profile = job.profile or profile_for(job.page)
        result = build_pdf(
            job.page,
            profile,
            screen=job.variant == PrintJob.SCREEN,
            progress=progress,
        )
        thumbnail = first_page_thumbnail(result.pdf)
    except PrintError as error:
        return fail(job, str(error))
    except SoftTimeLimitExceeded:
        return fail(job, "The build took too long and was stopped. Try again, or split the issue.")
    except Exception as error:
        logger.exception("Print job %s failed", job_id)
        return fail(job, f"The PDF could not be built: {error}")

    name = f"{slugify(job.page.title)}-{job.variant}"
    job.file.save(f"{name}.pdf", ContentFile(result.pdf), save=False)
    job.thumbnail.save(f"{name}.png", ContentFile(thumbnail), save=False)
    job.page_count = result.page_count
    job.file_size = len(result.pdf)
    job.sha256 = hashlib.sha256(result.pdf).hexdigest()
    job.warnings = result.warnings
    job.status, job.progress, job.stage = PrintJob.DONE, 100, "Done"
    if on_progress:
        on_progress(100, "Done")
    job.finished_at = timezone.now()
    job.save()
    logger.info(
        "Print job %s built %s pages in %.1fs", job_id, job.page_count, time.monotonic() - started
    )
    prune_old_builds(job)
    return job


def fail(job, message):
    PrintJob.objects.filter(pk=job.pk).update(
        status=PrintJob.FAILED, error=message, stage="Failed", finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def requeue_failed(job):
    """Put a failed job back in the queue; False if it is no longer failed."""
    return bool(
        PrintJob.objects.filter(pk=job.pk, status=PrintJob.FAILED).update(
            status=PrintJob.QUEUED,
            progress=0,
            stage="Waiting for a print worker",
            error="",
            attempts=0,
        )
    )


def prune_old_builds(job):
    old = (
        PrintJob.objects.done()
        .filter(page=job.page, variant=job.variant)
        .order_by("-finished_at")[KEEP_BUILDS:]
    )
    for stale in old:
        stale.file.delete(save=False)
        stale.thumbnail.delete(save=False)
        PrintJob.objects.filter(pk=stale.pk).update(file="", thumbnail="")
