"""The actions behind a mailing's buttons: send now, pause, resume and cancel from the states
where they make sense, races, and scheduling."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from mailings import actions, preparing, sending
from mailings.models import Delivery, Mailing
from tests.factories import SubscriberFactory, SubscriptionFactory
from tests.mailings.helpers import (
    ALL,
    CANCELLED,
    DONE,
    DRAFT,
    PAUSED,
    SCHEDULED,
    SENDING,
    action,
    detail,
    local,
    make_mailing,
    status_of,
)

pytestmark = pytest.mark.django_db


# Actions: states -----------------------------------------------------------------------------

# Which states each action may start from, and where it leaves the mailing.
MATRIX = {
    "send-now": ({DRAFT, SCHEDULED}, SCHEDULED),
    "pause": ({SENDING}, PAUSED),
    "resume": ({PAUSED}, SENDING),
    "cancel": ({DRAFT, SCHEDULED, SENDING, PAUSED}, CANCELLED),
}


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("start", ALL)
def test_each_action_only_from_the_states_where_it_makes_sense(
    admin_client, weekly, started, django_capture_on_commit_callbacks, name, start
):
    allowed, end = MATRIX[name]
    mailing = make_mailing(weekly, status=start)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(action(mailing, name), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    if start in allowed:
        assert status_of(mailing) == end
        assert ": it cannot be" not in html
    else:
        assert status_of(mailing) == start
        assert ": it cannot be" in html  # e.g. "This mailing is done: it cannot be resumed now."
    queues = name in ("send-now", "resume") and start in allowed
    assert started == ([mailing.pk] if queues else [])


def test_send_now_queues_the_start_and_a_worker_sends_it(
    admin_client, weekly, issue, started, django_capture_on_commit_callbacks
):
    for _ in range(3):
        SubscriptionFactory(mailing_list=weekly)
    mailing = make_mailing(weekly, page=issue, last_error="old trouble")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(action(mailing, "send-now"))
    mailing.refresh_from_db()
    assert started == [mailing.pk]
    # Left scheduled for now, so the beat that starts due mailings starts it if the task is lost.
    assert mailing.status == SCHEDULED and mailing.scheduled_at <= timezone.now()
    assert mailing.last_error == ""
    assert "Starting" in admin_client.get(detail(mailing)).content.decode()
    # What the queued task does: start, then send.
    assert preparing.start(mailing)
    while sending.send_batch(mailing.pk):
        pass
    mailing.refresh_from_db()
    assert (mailing.status, mailing.sent_count, len(mail.outbox)) == (DONE, 3, 3)
    # Once done, it cannot be sent, resumed or cancelled.
    for name in ("send-now", "resume", "cancel", "pause"):
        admin_client.post(action(mailing, name))
        assert status_of(mailing) == DONE
    assert len(mail.outbox) == 3


def test_resume_carries_on_where_pause_stopped(
    weekly, admin_user, started, django_capture_on_commit_callbacks
):
    for _ in range(4):
        SubscriptionFactory(mailing_list=weekly)
    mailing = make_mailing(weekly)
    preparing.start(mailing)
    sending.send_batch(mailing.pk, size=1)
    actions.pause(mailing, admin_user)
    assert sending.send_batch(mailing.pk) == 0
    with django_capture_on_commit_callbacks(execute=True):
        actions.resume(mailing, admin_user)
    assert started == [mailing.pk] and status_of(mailing) == SENDING
    preparing.start(mailing)  # what the queued task does
    while sending.send_batch(mailing.pk):
        pass
    assert len(mail.outbox) == 4 == len({m.to[0] for m in mail.outbox})
    assert status_of(mailing) == DONE


def test_cancel_leaves_sent_rows_as_they_are(admin_client, weekly):
    mailing = make_mailing(weekly, status=SENDING)
    sent = Delivery.objects.create(
        mailing=mailing, subscriber=SubscriberFactory(), status=Delivery.SENT
    )
    pending = Delivery.objects.create(mailing=mailing, subscriber=SubscriberFactory())
    admin_client.post(action(mailing, "cancel"))
    mailing.refresh_from_db()
    assert mailing.status == CANCELLED and mailing.finished_at is not None
    assert (mailing.total_count, mailing.sent_count) == (2, 1)
    sent.refresh_from_db()
    pending.refresh_from_db()
    assert (sent.status, pending.status) == (Delivery.SENT, Delivery.PENDING)
    # A worker with a batch in hand sends nothing more.
    assert sending.send_batch(mailing.pk) == 0
    assert not mail.outbox


def test_an_action_that_lost_a_race_is_refused(weekly, admin_user):
    mailing = make_mailing(weekly, status=SENDING)
    Mailing.objects.filter(pk=mailing.pk).update(status=DONE)  # a worker finished meanwhile
    with pytest.raises(actions.ActionError, match="done: it cannot be paused"):
        actions.pause(mailing, admin_user)
    assert status_of(mailing) == DONE


# Scheduling ----------------------------------------------------------------------------------


def test_schedule_in_the_future(admin_client, weekly, started):
    mailing = make_mailing(weekly)
    when = timezone.now() + timedelta(days=2)
    response = admin_client.post(action(mailing, "schedule"), {"scheduled_at": local(when)})
    assert response.status_code == 302
    mailing.refresh_from_db()
    assert mailing.status == SCHEDULED
    assert abs(mailing.scheduled_at - when) < timedelta(minutes=1)
    assert started == []  # the beat starts it when it is due
    # It can be moved while scheduled.
    later = when + timedelta(days=1)
    admin_client.post(action(mailing, "schedule"), {"scheduled_at": local(later)})
    mailing.refresh_from_db()
    assert abs(mailing.scheduled_at - later) < timedelta(minutes=1)


@pytest.mark.parametrize(
    "value, error",
    [
        ("2001-01-01 09:00", "That time has passed"),
        ("next tuesday", "Enter a date and time"),
        ("2026-13-45 99:99", "Enter a date and time"),
        ("", "Give the date and time"),
    ],
)
def test_schedule_bad_times_are_form_errors(admin_client, weekly, value, error):
    mailing = make_mailing(weekly)
    response = admin_client.post(action(mailing, "schedule"), {"scheduled_at": value})
    assert response.status_code == 400
    assert error in response.content.decode()
    mailing.refresh_from_db()
    assert (mailing.status, mailing.scheduled_at) == (DRAFT, None)


@pytest.mark.parametrize("start", [SENDING, PAUSED, DONE, CANCELLED])
def test_schedule_refused_once_started(admin_client, weekly, start):
    mailing = make_mailing(weekly, status=start)
    when = timezone.now() + timedelta(days=2)
    response = admin_client.post(
        action(mailing, "schedule"), {"scheduled_at": local(when)}, follow=True
    )
    assert "cannot be scheduled" in response.content.decode()
    assert status_of(mailing) == start


def test_schedule_action_refuses_the_past_itself(weekly, admin_user):
    mailing = make_mailing(weekly)
    with pytest.raises(actions.ActionError, match="That time has passed"):
        actions.schedule(mailing, admin_user, timezone.now() - timedelta(minutes=1))
    with pytest.raises(actions.ActionError):
        actions.schedule(mailing, admin_user, None)
    assert status_of(mailing) == DRAFT
