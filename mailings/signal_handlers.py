from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from .models import MailingList
from .services import clear_public_lists


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


def register_signal_handlers():
    from bulletins.models import BulletinSeriesPage

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
