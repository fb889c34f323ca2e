import logging

from anymail.signals import tracking
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from bulletins.models import BulletinEditionPage, BulletinSeriesPage
from issues.models import IssuePage
from solidarity.ids import parse_id

from .models import Delivery, EmailSettings, MailingList
from .scheduling import mailing_for_edition, mailing_for_issue
from .services import clear_public_lists, stop_mailing_address
from .states import transition
from .tasks import queue_start_on_commit

logger = logging.getLogger(__name__)

# ESP events (through django-anymail's webhooks) after which an address gets no more email.
FINAL_EVENTS = {"bounced": "bounced", "rejected": "refused", "complained": "marked as spam"}


def unique_slug(model, slug):
    candidate, n = slug, 2
    while model.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def create_list_for_series(sender, instance, created, raw=False, **kwargs):
    """Every bulletin series has its own list, made with the series (DESIGN.md)."""
    if not created or raw:
        return
    if not MailingList.objects.filter(bulletin_series=instance).exists():
        MailingList.objects.create(
            name=instance.title,
            slug=unique_slug(MailingList, instance.slug),
            description=f"Each new edition of {instance.title}",
            bulletin_series=instance,
        )


def record_esp_event(sender, event, esp_name, **kwargs):
    """A bounce or a complaint reported by the ESP: the address leaves every list, and the
    delivery it was about (named in the message's metadata) is marked failed."""
    outcome = FINAL_EVENTS.get(event.event_type)
    if outcome is None or not event.recipient or not isinstance(event.recipient, str):
        return
    # The payload is the ESP's (or whoever has the webhook secret): a junk id is skipped.
    metadata = event.metadata if isinstance(event.metadata, dict) else {}
    delivery_id = parse_id(metadata.get("delivery"))
    if delivery_id is None and metadata.get("delivery") is not None:
        logger.warning("ESP event with a delivery id that is not one; ignored: %.50r", metadata)
    reason = f"{event.description or event.reject_reason or ''}"
    with transaction.atomic():  # both or neither
        stop_mailing_address(event.recipient, f"{outcome} ({esp_name})")
        if delivery_id is not None:
            Delivery.objects.filter(pk=delivery_id).update(
                status=Delivery.FAILED, error=f"{outcome.capitalize()}: {reason}"[:500]
            )


def email_on_publish(sender, instance, revision=None, **kwargs):
    """Publishing an issue or a bulletin edition schedules its email at once, if the site
    settings ask for it. The mailing is unique per page, so publishing again sends nothing."""
    settings = EmailSettings.for_default_site()
    user = getattr(revision, "user", None)
    if isinstance(instance, IssuePage) and settings.email_new_issue_on_publish:
        mailing = mailing_for_issue(instance, user)
    elif isinstance(instance, BulletinEditionPage) and settings.email_bulletin_on_publish:
        mailing_list = MailingList.objects.filter(bulletin_series_id=instance.get_parent().pk)
        if not mailing_list.exists():
            return
        mailing = mailing_for_edition(instance, mailing_list.get(), user)
    else:
        return
    # Only a draft: one an editor already scheduled, sent or cancelled is left as it is.
    if transition(mailing, "schedule_on_publish", scheduled_at=timezone.now()):
        queue_start_on_commit(mailing)


def register_signal_handlers():
    tracking.connect(record_esp_event, dispatch_uid="mailings-esp-events")
    page_published.connect(email_on_publish, dispatch_uid="mailings-email-on-publish")

    post_save.connect(
        create_list_for_series, sender=BulletinSeriesPage, dispatch_uid="mailings-series-list"
    )
    # The cached public lists change with a list, or with its series going live or not.
    for signal, sender, uid in [
        (post_save, MailingList, "save"),
        (post_delete, MailingList, "delete"),
        (page_published, BulletinSeriesPage, "publish"),
        (page_unpublished, BulletinSeriesPage, "unpublish"),
        (post_delete, BulletinSeriesPage, "series-delete"),
    ]:
        signal.connect(clear_public_lists, sender=sender, dispatch_uid=f"mailings-clear-{uid}")
