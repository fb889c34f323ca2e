"""What editors ask of the print builds, checked against their permissions: build, retry."""

from django.core.exceptions import PermissionDenied

from .builds import can_build, create_job, requeue_failed
from .models import PrintJob
from .tasks import send_job_on_commit


def request_build(page, user=None, variant=PrintJob.PRINT, check_permission=True):
    """Queue a build of `page` and return the job; the task starts when the transaction
    commits. A build of the same page still waiting in the queue is returned instead of a new
    one (it will read the page as it is when it starts); a running one may predate the edit."""
    if check_permission and user is not None and not can_build(user, page):
        raise PermissionDenied("You may not build the print PDF of this page.")
    existing = PrintJob.objects.filter(page=page, variant=variant, status=PrintJob.QUEUED).first()
    if existing:
        return existing
    job = create_job(page, user, variant)
    send_job_on_commit(job.pk)
    return job


def retry(job, user=None):
    """Queue a failed job again (the admin's retry button)."""
    if user is not None and not can_build(user, job.page):
        raise PermissionDenied("You may not build the print PDF of this page.")
    if requeue_failed(job):
        send_job_on_commit(job.pk)
