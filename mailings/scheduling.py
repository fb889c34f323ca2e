"""The mailings the site makes by itself: one per issue or bulletin edition (made when it is
published, or by the send_mailing command), and the weekly digest once it is due. Each is
unique per list, kind and period, so asking twice gives the same mailing, never a second one.
"""

from datetime import datetime, timedelta

from django.template.defaultfilters import pluralize
from django.utils import timezone

from . import content
from .models import WEEKLY_SLUG, Mailing, MailingList


def mailing_for_issue(issue, user=None):
    """The new-issue mailing of an issue to the weekly list: made once, then reused."""
    mailing, _ = Mailing.objects.get_or_create(
        mailing_list=MailingList.objects.get(slug=WEEKLY_SLUG),
        kind=Mailing.NEW_ISSUE,
        period=f"issue-{issue.number}",
        defaults={"subject": f"{issue.title} is out", "page": issue, "created_by": user},
    )
    return mailing


def mailing_for_edition(edition, mailing_list, user=None):
    """The mailing of a bulletin edition to its series' list: made once, then reused."""
    series = edition.get_parent()
    mailing, _ = Mailing.objects.get_or_create(
        mailing_list=mailing_list,
        kind=Mailing.BULLETIN_EDITION,
        period=f"edition-{series.slug}-{edition.number}",
        defaults={"subject": edition.title, "page": edition, "created_by": user},
    )
    return mailing


def weekly_digest_due(site_settings, now):
    """The start of this week's digest slot if it has come, else None."""
    if not site_settings.weekly_digest_enabled:
        return None
    local = timezone.localtime(now)
    monday = local.date() - timedelta(days=local.weekday())
    day = monday + timedelta(days=site_settings.weekly_digest_day)
    due = timezone.make_aware(datetime.combine(day, site_settings.weekly_digest_time))
    return due if now >= due else None


def mailing_for_digest(site_settings, now=None):
    """This week's digest to the weekly list, once its time has come and there is something
    new to say: made once (unique per list, kind and ISO week), else None."""
    now = now or timezone.now()
    if weekly_digest_due(site_settings, now) is None:
        return None
    year, week, _ = timezone.localtime(now).isocalendar()
    mailing_list = MailingList.objects.get(slug=WEEKLY_SLUG)
    existing = Mailing.objects.filter(
        mailing_list=mailing_list, kind=Mailing.WEEKLY_DIGEST, period=f"digest-{year}-W{week:02d}"
    )
    if existing.exists():
        return None
    articles = content.digest_articles(mailing_list.pk, until=now).count()
    if not articles:
        return None
    mailing, created = Mailing.objects.get_or_create(
        mailing_list=mailing_list,
        kind=Mailing.WEEKLY_DIGEST,
        period=f"digest-{year}-W{week:02d}",
        defaults={
            "subject": f"Solidarity this week: {articles} new article{pluralize(articles)}",
            "created_at": now,
            # Made scheduled and due (a new row, so no move): the sweeper starts it if the
            # task that starts it is lost.
            "status": Mailing.SCHEDULED,
            "scheduled_at": now,
        },
    )
    return mailing if created else None
