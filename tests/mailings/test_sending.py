"""Sending mailings: deliveries prepared before anything leaves, batches claimed under a lease,
each row marked as soon as the server accepts it, and nobody mailed twice."""

import smtplib
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mailings import claiming, preparing, scheduling, sending, tasks
from mailings.models import WEEKLY_SLUG, Delivery, Mailing, MailingList, Subscription
from tests.factories import (
    BulletinEditionPageFactory,
    IssuePageFactory,
    SubscriberFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly():
    return MailingList.objects.get(slug=WEEKLY_SLUG)


@pytest.fixture
def issue():
    return IssuePageFactory(number=738)


def subscribe(mailing_list, count):
    return [
        SubscriptionFactory(mailing_list=mailing_list, subscriber=SubscriberFactory())
        for _ in range(count)
    ]


def new_mailing(mailing_list, page=None, period="issue-738"):
    return Mailing.objects.create(
        mailing_list=mailing_list,
        kind=Mailing.NEW_ISSUE,
        period=period,
        subject="Solidarity 738 is out",
        page=page,
    )


def send_all(mailing, size=None):
    preparing.start(mailing)
    while sending.send_batch(mailing.pk, size):
        pass
    mailing.refresh_from_db()


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


# Preparing -----------------------------------------------------------------------------------


def test_prepare_is_idempotent_and_only_for_subscribed(weekly):
    subscribed = subscribe(weekly, 5)
    SubscriptionFactory(mailing_list=weekly, status=Subscription.PENDING)
    SubscriptionFactory(mailing_list=weekly, status=Subscription.UNSUBSCRIBED)
    mailing = new_mailing(weekly)
    preparing.prepare(mailing)
    preparing.prepare(mailing)
    rows = Delivery.objects.filter(mailing=mailing)
    assert sorted(rows.values_list("subscriber_id", flat=True)) == sorted(
        s.subscriber_id for s in subscribed
    )
    assert set(rows.values_list("status", flat=True)) == {Delivery.PENDING}
    mailing.refresh_from_db()
    assert mailing.total_count == 5 and not mail.outbox
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(mailing=mailing, subscriber=subscribed[0].subscriber)


def test_one_mailing_per_list_kind_and_period(weekly, issue):
    first = scheduling.mailing_for_issue(issue)
    assert scheduling.mailing_for_issue(issue) == first
    assert first.period == "issue-738" and first.page_id == issue.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        new_mailing(weekly)
    # Another period, kind or list is another mailing.
    new_mailing(weekly, period="issue-739")
    Mailing.objects.create(
        mailing_list=weekly, kind=Mailing.CUSTOM, period="issue-738", subject="Appeal"
    )


# Sending -------------------------------------------------------------------------------------


def test_each_subscriber_gets_one_email_with_unsubscribe_headers(weekly, issue):
    subscriptions = subscribe(weekly, 20)
    mailing = scheduling.mailing_for_issue(issue)
    send_all(mailing, size=7)
    assert recipients() == sorted(s.subscriber.email for s in subscriptions)
    message = mail.outbox[0]
    assert message.subject == "Solidarity 738 is out"
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://testserver/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "/preferences/" in message.body and "/preferences/" in html
    assert "http://testserver/solidarity/738/" in message.body
    # Rendered once, personalised per message: each email carries its own address and links.
    for message in mail.outbox:
        (address,) = message.to
        assert address in message.body and address in message.alternatives[0][0]
        others = {s.subscriber.email for s in subscriptions} - {address}
        assert not any(other in message.body for other in others)
    assert mailing.status == Mailing.DONE
    assert (mailing.total_count, mailing.sent_count, mailing.failed_count) == (20, 20, 0)
    assert not Delivery.objects.filter(mailing=mailing).exclude(status=Delivery.SENT).exists()


def test_start_task_queues_batches_that_send_everyone(weekly, issue, monkeypatch):
    subscribe(weekly, 5)
    mailing = scheduling.mailing_for_issue(issue)
    queued = []
    monkeypatch.setattr(tasks.send_batch, "delay", queued.append)
    monkeypatch.setattr(claiming, "BATCH_SIZE", 2)
    tasks.start_mailing(mailing.pk)
    assert queued == [mailing.pk] * 3
    for mailing_id in queued:
        tasks.send_batch(mailing_id)
    assert len(mail.outbox) == 5
    mailing.refresh_from_db()
    assert mailing.status == Mailing.DONE


def test_unsubscribing_before_the_batch_runs_skips_that_subscriber(weekly, issue):
    subscriptions = subscribe(weekly, 3)
    mailing = scheduling.mailing_for_issue(issue)
    preparing.start(mailing)
    leaver = subscriptions[1]
    leaver.unsubscribe()
    leaver.save()
    sending.send_batch(mailing.pk)
    assert leaver.subscriber.email not in recipients() and len(mail.outbox) == 2
    assert Delivery.objects.get(mailing=mailing, subscriber=leaver.subscriber).status == "skipped"


def test_unsubscribing_while_the_batch_is_sent_skips_that_subscriber(weekly, issue, monkeypatch):
    subscriptions = subscribe(weekly, 5)
    mailing = scheduling.mailing_for_issue(issue)
    preparing.start(mailing)
    leaver = subscriptions[3]
    real_send = sending.Batch.send_one

    def send_then_unsubscribe(*args):
        real_send(*args)
        if len(mail.outbox) == 1:  # the batch is under way: the fourth reader leaves
            leaver.unsubscribe()
            leaver.save()

    monkeypatch.setattr(sending.Batch, "send_one", send_then_unsubscribe)
    # The batch looks again within CHECK_EVERY; here, before every message.
    monkeypatch.setattr(sending, "CHECK_EVERY", timedelta(0))
    sending.send_batch(mailing.pk)
    assert leaver.subscriber.email not in recipients() and len(mail.outbox) == 4
    assert Delivery.objects.get(mailing=mailing, subscriber=leaver.subscriber).status == "skipped"


def test_expired_lease_after_handing_over_is_unknown_and_not_resent(weekly, issue):
    subscribe(weekly, 4)
    mailing = scheduling.mailing_for_issue(issue)
    preparing.start(mailing)
    # A worker claimed everything, handed the first message to the server, then died.
    deliveries, _ = claiming.claim_batch(mailing)
    died_on = deliveries[0]
    Delivery.objects.filter(pk=died_on.pk).update(handed_at=timezone.now())
    Delivery.objects.filter(mailing=mailing).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )
    send_all(mailing)
    assert died_on.subscriber.email not in recipients() and len(mail.outbox) == 3
    assert Delivery.objects.get(pk=died_on.pk).status == Delivery.UNKNOWN
    assert (mailing.sent_count, mailing.unknown_count, mailing.status) == (3, 1, Mailing.DONE)


def test_a_live_lease_is_left_alone(weekly, issue):
    subscribe(weekly, 3)
    mailing = scheduling.mailing_for_issue(issue)
    preparing.start(mailing)
    claiming.claim_batch(mailing, 2)  # another worker, still alive, holds two rows
    sending.send_batch(mailing.pk)
    assert len(mail.outbox) == 1
    mailing.refresh_from_db()
    assert mailing.status == Mailing.SENDING


def test_a_batch_for_a_mailing_that_no_longer_exists_ends_quietly(caplog):
    with caplog.at_level("INFO", logger="mailings.sending"):
        assert tasks.send_batch(987654) is None
    assert "No mailing 987654" in caplog.text


def test_a_task_delivered_twice_sends_nobody_twice(weekly, issue, monkeypatch):
    subscribe(weekly, 6)
    mailing = scheduling.mailing_for_issue(issue)
    queued = []
    monkeypatch.setattr(tasks.send_batch, "delay", queued.append)
    tasks.start_mailing(mailing.pk)
    tasks.start_mailing(mailing.pk)  # the start message delivered twice
    for mailing_id in queued + queued:  # and every batch message twice
        tasks.send_batch(mailing_id)
    assert len(mail.outbox) == 6 == len(set(recipients()))
    tasks.sweep_mailings()
    mailing.refresh_from_db()
    assert mailing.status == Mailing.DONE and mailing.sent_count == 6


def test_sweeper_recovers_a_dead_workers_batch(
    weekly, issue, monkeypatch, django_capture_on_commit_callbacks
):
    subscribe(weekly, 3)
    mailing = scheduling.mailing_for_issue(issue)
    preparing.start(mailing)
    claiming.claim_batch(mailing)
    Delivery.objects.update(lease_until=timezone.now() - timedelta(seconds=1))
    queued = []
    monkeypatch.setattr(tasks.send_batch, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep_mailings()
    assert queued == [mailing.pk]
    tasks.send_batch(mailing.pk)
    assert len(mail.outbox) == 3


def test_pause_stops_between_messages_and_resume_carries_on(weekly, issue, monkeypatch):
    subscribe(weekly, 4)
    mailing = scheduling.mailing_for_issue(issue)
    preparing.start(mailing)
    real_send = sending.Batch.send_one

    def send_then_pause(*args):
        real_send(*args)
        if len(mail.outbox) == 2:
            Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.PAUSED)

    monkeypatch.setattr(sending.Batch, "send_one", send_then_pause)
    monkeypatch.setattr(sending, "CHECK_EVERY", timedelta(0))  # look before every message
    sending.send_batch(mailing.pk)
    assert len(mail.outbox) == 2
    assert Delivery.objects.filter(mailing=mailing, status=Delivery.PENDING).count() == 2
    assert sending.send_batch(mailing.pk) == 0  # paused: nothing is claimed
    mailing.refresh_from_db()
    send_all(mailing)  # resume
    assert len(mail.outbox) == 4 == len(set(recipients()))


class RefusingBackend(LocmemBackend):
    """Refuses one address for good; or drops the connection after `disconnect_after` sends,
    before a message's DATA (as mailings.smtp.EmailBackend tells)."""

    disconnect_after = None
    reached_data = False

    def send_messages(self, messages):
        address = messages[0].to[0]
        if address.startswith("refused"):
            raise smtplib.SMTPRecipientsRefused({address: (550, b"No such user")})
        if self.disconnect_after is not None and len(mail.outbox) >= self.disconnect_after:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_permanent_refusal_is_recorded_per_address(weekly, issue, settings):
    settings.EMAIL_BACKEND = "tests.mailings.test_sending.RefusingBackend"
    subscribe(weekly, 3)
    refused = SubscriptionFactory(
        mailing_list=weekly, subscriber=SubscriberFactory(email="refused@example.org")
    )
    mailing = scheduling.mailing_for_issue(issue)
    send_all(mailing)
    delivery = Delivery.objects.get(mailing=mailing, subscriber=refused.subscriber)
    assert delivery.status == Delivery.FAILED and "No such user" in delivery.error
    assert (mailing.sent_count, mailing.failed_count, mailing.status) == (3, 1, Mailing.DONE)


def test_transient_error_releases_the_batch_for_a_retry(weekly, issue, settings, monkeypatch):
    settings.EMAIL_BACKEND = "tests.mailings.test_sending.RefusingBackend"
    monkeypatch.setattr(RefusingBackend, "disconnect_after", 2)
    subscribe(weekly, 5)
    mailing = scheduling.mailing_for_issue(issue)
    preparing.start(mailing)
    with pytest.raises(sending.TransientSendError):
        sending.send_batch(mailing.pk)
    rows = Delivery.objects.filter(mailing=mailing)
    assert rows.filter(status=Delivery.SENT).count() == 2
    assert rows.filter(status=Delivery.PENDING, handed_at__isnull=True).count() == 3
    monkeypatch.setattr(RefusingBackend, "disconnect_after", None)
    sending.send_batch(mailing.pk)  # the retry
    assert len(mail.outbox) == 5 == len(set(recipients()))


# The command ---------------------------------------------------------------------------------


def test_send_mailing_command_for_an_issue(weekly, issue, capsys):
    subscribe(weekly, 4)
    call_command("send_mailing", issue=738)
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1] == (
        "Solidarity 738 is out: done; total 4, sent 4, failed 0, unknown 0, deferred 0"
    )
    assert len(mail.outbox) == 4
    with pytest.raises(CommandError, match="already done"):
        call_command("send_mailing", issue=738)
    assert len(mail.outbox) == 4 and Mailing.objects.count() == 1


def test_send_mailing_command_for_a_bulletin_edition(capsys):
    edition = BulletinEditionPageFactory(number=123)
    series = edition.get_parent()
    series_list = MailingList.objects.get(bulletin_series=series)
    subscribe(series_list, 2)
    call_command("send_mailing", bulletin=[series.slug, "123"])
    assert "sent 2" in capsys.readouterr().out
    mailing = Mailing.objects.get()
    assert mailing.period == f"edition-{series.slug}-123"
    assert mailing.kind == Mailing.BULLETIN_EDITION and len(mail.outbox) == 2
    with pytest.raises(CommandError, match="no edition 999"):
        call_command("send_mailing", bulletin=[series.slug, "999"])


# A real worker and a real SMTP server --------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_real_worker_sends_each_subscriber_one_email_over_smtp(start_worker, smtp_server):
    weekly = MailingList.objects.get(slug=WEEKLY_SLUG)
    subscriptions = subscribe(weekly, 30)
    mailing = scheduling.mailing_for_issue(IssuePageFactory(number=738))
    worker = start_worker("mail", env=smtp_server.env)
    tasks.start_mailing.delay(mailing.pk)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        mailing.refresh_from_db()
        if mailing.status == Mailing.DONE:
            break
        assert worker.poll() is None, worker.stdout.read()
        time.sleep(0.5)
    else:
        worker.terminate()
        pytest.fail("the mailing did not finish: " + worker.communicate()[0][-3000:])
    assert sorted(smtp_server.recipients) == sorted(s.subscriber.email for s in subscriptions)
    assert (mailing.sent_count, mailing.failed_count, mailing.unknown_count) == (30, 0, 0)
