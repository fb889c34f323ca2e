"""Helpers for the tests of the mailings' admin screens: URL names, states, making a mailing
and the URLs of its page and actions."""

from django.urls import reverse
from django.utils import timezone

from mailings.models import Mailing

INDEX = "mailings_mailing_modeladmin_index"
CREATE = "mailings_mailing_modeladmin_create"
EDIT = "mailings_mailing_modeladmin_edit"
STATUS = "mailings_mailing_status"

ALL = [status for status, _ in Mailing.STATUS_CHOICES]
DRAFT, SCHEDULED, SENDING, PAUSED, DONE, CANCELLED = (
    Mailing.DRAFT,
    Mailing.SCHEDULED,
    Mailing.SENDING,
    Mailing.PAUSED,
    Mailing.DONE,
    Mailing.CANCELLED,
)


def make_mailing(mailing_list, status=DRAFT, period="issue-738", **kwargs):
    return Mailing.objects.create(
        mailing_list=mailing_list,
        kind=kwargs.pop("kind", Mailing.NEW_ISSUE),
        period=period,
        subject=kwargs.pop("subject", "Solidarity 738 is out"),
        status=status,
        **kwargs,
    )


def detail(mailing):
    return reverse("mailings_mailing_detail", args=[mailing.pk])


def action(mailing, name):
    return reverse("mailings_mailing_action", args=[mailing.pk, name])


def status_of(mailing):
    mailing.refresh_from_db()
    return mailing.status


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M")
