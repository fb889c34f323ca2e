"""Finding a bulletin edition from a management command's arguments."""

from django.core.management.base import CommandError

from .models import BulletinEditionPage, BulletinSeriesPage


def find_edition(series_slug, number):
    """(series, edition) for a series slug and an edition number given on the command line."""
    series = BulletinSeriesPage.objects.filter(slug=series_slug).first()
    if series is None:
        raise CommandError(f"There is no bulletin series {series_slug!r}.")
    if not str(number).isdigit():
        raise CommandError("The edition number must be a whole number.")
    edition = BulletinEditionPage.objects.child_of(series).filter(number=int(number)).first()
    if edition is None:
        raise CommandError(f"{series.title} has no edition {number}.")
    return series, edition
