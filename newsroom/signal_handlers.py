"""Pages created after the migrations get their roles: the Solidarity archive its sub-editors',
writers' and workflow set-up, each new bulletin series its own editors' group."""

from django.db.models.signals import post_save

from bulletins.models import BulletinSeriesPage
from issues.models import IssueIndexPage

from . import roles


def issue_index_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        roles.set_up_issue_index(instance)


def series_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        roles.create_series_editors(instance)


def register_signal_handlers():
    post_save.connect(
        issue_index_created, sender=IssueIndexPage, dispatch_uid="newsroom-issue-index"
    )
    post_save.connect(series_created, sender=BulletinSeriesPage, dispatch_uid="newsroom-series")
