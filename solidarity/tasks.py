from celery import shared_task
from django.core.management import call_command


@shared_task(ignore_result=True)
def publish_scheduled_pages():
    """Wagtail's scheduled publishing, run by Celery beat every minute instead of cron."""
    call_command("publish_scheduled", verbosity=0)
