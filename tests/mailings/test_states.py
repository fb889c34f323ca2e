"""Every change of a mailing's status goes through states.transition, which moves only a row
still in a state the move may start from. Work handed to a broker that is down is left to the
sweeper: it never fails the request or the task that asked for it."""

import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from mailings import states, tasks
from mailings.models import WEEKLY_SLUG, Mailing, MailingList
from tests.factories import IssuePageFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

DRAFT, SCHEDULED, SENDING, CANCELLED = (
    Mailing.DRAFT,
    Mailing.SCHEDULED,
    Mailing.SENDING,
    Mailing.CANCELLED,
)


@pytest.fixture
def weekly():
    return MailingList.objects.get(slug=WEEKLY_SLUG)


def make_mailing(mailing_list, status=DRAFT, **kwargs):
    return Mailing.objects.create(
        mailing_list=mailing_list,
        kind=Mailing.NEW_ISSUE,
        period="issue-738",
        subject="Solidarity 738 is out",
        status=status,
        **kwargs,
    )


def status_of(mailing):
    return Mailing.objects.get(pk=mailing.pk).status


def broker_down(*args):
    raise OperationalError("[Errno 111] Connection refused")


# The transition ------------------------------------------------------------------------------


@pytest.mark.parametrize("move", sorted(states.MOVES))
@pytest.mark.parametrize("start", states.ALL_STATES)
def test_a_move_is_made_only_from_the_states_it_may_start_from(weekly, move, start):
    from_states, to_state = states.MOVES[move]
    mailing = make_mailing(weekly, status=start)
    moved = states.transition(mailing, move, last_error="noted")
    in_database = Mailing.objects.get(pk=mailing.pk)
    if start in from_states:
        assert moved and mailing.status == in_database.status == to_state
        assert mailing.last_error == in_database.last_error == "noted"
    else:
        assert not moved and mailing.status == in_database.status == start
        assert mailing.last_error == in_database.last_error == ""


def test_a_move_from_a_stale_copy_changes_nothing(weekly):
    mailing = make_mailing(weekly, status=SENDING)
    workers_copy = Mailing.objects.get(pk=mailing.pk)
    assert states.transition(mailing, "cancel", finished_at=timezone.now())
    # The worker read the mailing before it was cancelled: finishing it must not undo that.
    assert not states.transition(workers_copy, "finish", finished_at=timezone.now())
    assert workers_copy.status == SENDING  # its copy is left as it was read
    assert status_of(mailing) == CANCELLED


# A broker that is down -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_send_now_with_the_broker_down_is_no_error(admin_client, monkeypatch, caplog):
    """A real commit, so the start is queued inside the request, as in production."""
    mailing = make_mailing(MailingList.objects.get(slug=WEEKLY_SLUG))
    monkeypatch.setattr(tasks.start_mailing, "delay", broker_down)
    url = reverse("mailings_mailing_action", args=[mailing.pk, "send-now"])
    with caplog.at_level(logging.WARNING, logger="solidarity.queueing"):
        response = admin_client.post(url, follow=True)
    assert response.status_code == 200
    assert "Sending starts as soon as a worker takes it." in response.content.decode()
    assert f"starting mailing {mailing.pk} is left to the sweeper" in caplog.text
    # Left scheduled and due, which is what the sweeper starts.
    assert status_of(mailing) == SCHEDULED


def test_the_sweeper_starts_a_mailing_whose_start_was_lost(
    weekly, monkeypatch, django_capture_on_commit_callbacks
):
    mailing = make_mailing(weekly, status=SCHEDULED, scheduled_at=timezone.now())
    monkeypatch.setattr(tasks.start_mailing, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep_mailings()  # the broker is still down: nothing fails, nothing changes
    assert status_of(mailing) == SCHEDULED
    started = []
    monkeypatch.setattr(tasks.start_mailing, "delay", started.append)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep_mailings()
    assert started == [mailing.pk]


def test_the_sweeper_queues_batches_the_broker_never_got(
    weekly, monkeypatch, django_capture_on_commit_callbacks
):
    for _ in range(3):
        SubscriptionFactory(mailing_list=weekly)
    mailing = make_mailing(weekly, status=SCHEDULED, page=IssuePageFactory(number=738))
    monkeypatch.setattr(tasks.send_batch, "delay", broker_down)
    tasks.start_mailing(mailing.pk)
    mailing.refresh_from_db()
    assert (mailing.status, mailing.total_count) == (SENDING, 3)
    queued = []
    monkeypatch.setattr(tasks.send_batch, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep_mailings()
    assert queued == [mailing.pk]
