"""Fixtures for the mailings tests: the weekly list, an issue, and the start tasks queued."""

import pytest

from mailings import tasks
from mailings.models import WEEKLY_SLUG, MailingList
from tests.factories import IssuePageFactory


@pytest.fixture
def weekly():
    return MailingList.objects.get(slug=WEEKLY_SLUG)


@pytest.fixture
def issue():
    return IssuePageFactory(number=738, title="Solidarity 738")


@pytest.fixture
def started(monkeypatch):
    """The mailing ids whose start task was queued (instead of a broker)."""
    queued = []
    monkeypatch.setattr(tasks.start_mailing, "delay", queued.append)
    return queued
