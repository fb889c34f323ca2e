"""What the project's management commands share: finding pages by their numbers, and a
terminal progress bar."""

import sys

from django.core.management.base import CommandError


def find_issue(number):
    from issues.models import IssuePage

    issue = IssuePage.objects.filter(number=number).first()
    if issue is None:
        raise CommandError(f"There is no issue {number}.")
    return issue


def find_edition(series_slug, number):
    """(series, edition) for a series slug and an edition number given on the command line."""
    from bulletins.models import BulletinEditionPage, BulletinSeriesPage

    series = BulletinSeriesPage.objects.filter(slug=series_slug).first()
    if series is None:
        raise CommandError(f"There is no bulletin series {series_slug!r}.")
    if not str(number).isdigit():
        raise CommandError("The edition number must be a whole number.")
    edition = BulletinEditionPage.objects.child_of(series).filter(number=int(number)).first()
    if edition is None:
        raise CommandError(f"{series.title} has no edition {number}.")
    return series, edition


def draw_progress_bar(stream, percent, label, width=30):
    """One bar redrawn in place on a terminal; one line per update when output is a file."""
    filled = round(width * percent / 100)
    line = f"[{'█' * filled}{'·' * (width - filled)}] {percent:3d}% {label}"
    if sys.stderr.isatty():
        stream.write(f"\r{line[:100]:<100}", ending="")
    else:
        stream.write(line)
