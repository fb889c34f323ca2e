from celery import shared_task
from django.core.cache import cache
from django.core.management import call_command

# Held while a run is going, so that a slow run and the next minute's do not both publish the
# same revision (shared through Redis in production).
PUBLISH_LOCK = "solidarity:publish-scheduled"
PUBLISH_LOCK_SECONDS = 55


@shared_task(ignore_result=True)
def publish_scheduled_pages():
    """Wagtail's scheduled publishing, run by Celery beat every minute instead of cron: pages
    (and other draft-state models) whose expiry time has passed are unpublished, and approved
    revisions whose go-live time has passed are published. Safe to run twice."""
    if not cache.add(PUBLISH_LOCK, True, PUBLISH_LOCK_SECONDS):
        return  # another run is still going; the next minute's catches up
    try:
        call_command("publish_scheduled")
    finally:
        cache.delete(PUBLISH_LOCK)
