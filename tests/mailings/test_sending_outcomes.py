"""What becomes of each message, against a real SMTP server that misbehaves per address: a
connection cut after the server took the message's DATA ("unknown", never resent), a cut
before DATA (sent again), "try again later" (deferred on its own row, with backoff, then
given up), a permanent refusal (failed), "421 closing" (sent again); and a batch that rides
out a database blip."""

import email
import email.policy
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.db import OperationalError, connection
from django.utils import timezone

from mailings import claiming, content, messages, preparing, scheduling, sending, tasks
from mailings.database import survives_database_blips
from mailings.models import Delivery, Mailing
from tests.conftest import Inbox, free_port
from tests.factories import SubscriberFactory, SubscriptionFactory
from tests.mailings.test_sending import issue, subscribe, weekly  # noqa: F401 -- fixtures

pytestmark = pytest.mark.django_db


class MisbehavingInbox(Inbox):
    """Misbehaves for addresses by their first word: "greylisted" gets 451 at RCPT,
    "nobody" 550 at RCPT, "closing" 421 at RCPT; "cutdata" has its message taken, and
    then the connection is cut instead of the answer; "cutrcpt" has the connection cut at
    RCPT (before DATA)."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        kind = address.split("-")[0]
        if kind == "cutrcpt":
            server.transport.close()
            return "451 closing"  # never reaches the client
        answers = {
            "greylisted": "451 4.3.0 Try again later",
            "nobody": "550 5.1.1 No such user",
            "closing": "421 4.3.2 Service shutting down",
        }
        if kind in answers:
            return answers[kind]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        if envelope.rcpt_tos[0].startswith("cutdata"):
            server.transport.close()  # taken, but the answer is lost
        return answer


@pytest.fixture
def smtp(settings):
    inbox = MisbehavingInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "mailings.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield inbox
    controller.stop()


def with_address(mailing_list, email):
    return SubscriptionFactory(
        mailing_list=mailing_list, subscriber=SubscriberFactory(email=email)
    ).subscriber


def prepared(issue):  # noqa: F811
    mailing = scheduling.mailing_for_issue(issue)
    preparing.start(mailing)
    return mailing


def row_of(mailing, subscriber):
    return Delivery.objects.get(mailing=mailing, subscriber=subscriber)


def send_batches(mailing, size=None):
    while sending.send_batch(mailing.pk, size):
        pass
    mailing.refresh_from_db()


def test_a_cut_after_the_server_took_the_message_is_unknown_and_never_resent(
    smtp,
    weekly,  # noqa: F811
    issue,  # noqa: F811
):
    subscribe(weekly, 3)
    cut = with_address(weekly, "cutdata-1@example.org")
    subscribe(weekly, 3)
    mailing = prepared(issue)
    send_batches(mailing)
    row = row_of(mailing, cut)
    assert row.status == Delivery.UNKNOWN and "before the server answered" in row.error
    # The server has it once; the batch carried on over a new connection.
    assert smtp.recipients.count(cut.email) == 1
    assert len(smtp.recipients) == 7 == len(set(smtp.recipients))
    assert (mailing.sent_count, mailing.unknown_count, mailing.status) == (6, 1, Mailing.DONE)


def test_a_cut_before_data_is_sent_again(smtp, weekly, issue):  # noqa: F811
    subscribe(weekly, 2)
    cut = with_address(weekly, "cutrcpt-1@example.org")
    subscribe(weekly, 2)
    mailing = prepared(issue)
    sending.send_batch(mailing.pk)
    assert row_of(mailing, cut).status == Delivery.PENDING  # the server cannot have it
    assert len(smtp.recipients) == 4
    # The address is fine again: the next batch sends it.
    Delivery.objects.filter(pk=row_of(mailing, cut).pk).update(status=Delivery.PENDING)
    cut.email = "fine-again@example.org"
    cut.save()
    send_batches(mailing)
    assert sorted(smtp.recipients) == sorted(set(smtp.recipients))
    assert smtp.recipients.count("fine-again@example.org") == 1
    assert mailing.status == Mailing.DONE and mailing.sent_count == 5


def test_a_connection_that_keeps_breaking_leaves_the_rest_for_a_retry(
    smtp,
    weekly,  # noqa: F811
    issue,  # noqa: F811
):
    subscribe(weekly, 1)
    with_address(weekly, "cutrcpt-1@example.org")
    with_address(weekly, "cutrcpt-2@example.org")
    subscribe(weekly, 2)
    mailing = prepared(issue)
    with pytest.raises(sending.TransientSendError):
        sending.send_batch(mailing.pk)
    rows = Delivery.objects.filter(mailing=mailing)
    assert rows.filter(status=Delivery.SENT).count() == 1
    assert rows.filter(status=Delivery.PENDING, handed_at__isnull=True).count() == 4


def test_try_again_later_defers_that_row_alone_then_gives_up(
    smtp,
    weekly,  # noqa: F811
    issue,  # noqa: F811
    settings,
):
    settings.MAILINGS_DEFER_RETRY_SECONDS = 60
    settings.MAILINGS_DEFER_GIVE_UP_SECONDS = 3600
    greylisted = with_address(weekly, "greylisted-1@example.org")  # heads every batch
    subscribe(weekly, 5)
    mailing = prepared(issue)
    send_batches(mailing, size=2)
    # Everyone else went out; the greylisted row waits on its own.
    assert len(smtp.recipients) == 5 and greylisted.email not in smtp.recipients
    row = row_of(mailing, greylisted)
    assert row.status == Delivery.DEFERRED and row.error == "Deferred: 451 4.3.0 Try again later"
    assert timedelta(seconds=55) < row.retry_at - timezone.now() <= timedelta(seconds=60)
    assert (mailing.status, mailing.sent_count, mailing.deferred_count) == (Mailing.SENDING, 5, 1)
    assert sending.send_batch(mailing.pk) == 0  # not due yet: nothing to take

    # Due again: tried, refused again, and the wait doubles.
    Delivery.objects.filter(pk=row.pk).update(retry_at=timezone.now())
    sending.send_batch(mailing.pk)
    row.refresh_from_db()
    assert row.status == Delivery.DEFERRED and row.attempts == 2
    assert timedelta(seconds=115) < row.retry_at - timezone.now() <= timedelta(seconds=120)

    # Refused for longer than the give-up time: failed, with the server's words.
    Delivery.objects.filter(pk=row.pk).update(
        retry_at=timezone.now(), deferred_since=timezone.now() - timedelta(hours=2)
    )
    send_batches(mailing)
    row.refresh_from_db()
    assert row.status == Delivery.FAILED
    assert row.error == "Gave up after 3 tries: 451 4.3.0 Try again later"
    assert (mailing.status, mailing.failed_count, mailing.deferred_count) == (Mailing.DONE, 1, 0)
    assert greylisted.email not in smtp.recipients


def test_a_permanent_refusal_fails_that_row_and_421_sends_it_again(
    smtp,
    weekly,  # noqa: F811
    issue,  # noqa: F811
):
    nobody = with_address(weekly, "nobody-1@example.org")
    closing = with_address(weekly, "closing-1@example.org")
    subscribe(weekly, 3)
    mailing = prepared(issue)
    sending.send_batch(mailing.pk)
    assert row_of(mailing, nobody).status == Delivery.FAILED
    assert row_of(mailing, nobody).error == "550 5.1.1 No such user"
    assert row_of(mailing, closing).status == Delivery.PENDING  # the server, not the address
    assert len(smtp.recipients) == 3


def test_the_sweeper_hands_out_a_dead_workers_rows_while_others_still_send(
    weekly,  # noqa: F811
    issue,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    subscribe(weekly, 5)
    mailing = prepared(issue)
    dead, _ = claiming.claim_batch(mailing, 2)  # a worker that died
    claiming.claim_batch(mailing, 2)  # a live worker
    Delivery.objects.filter(pk__in=[d.pk for d in dead]).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )
    Delivery.objects.filter(pk=dead[0].pk).update(handed_at=timezone.now())
    queued = []
    monkeypatch.setattr(tasks.send_batch, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep_mailings()
    assert queued == [mailing.pk]  # one batch, for the dead worker's one unhanded row
    assert row_of(mailing, dead[0].subscriber).status == Delivery.UNKNOWN
    assert row_of(mailing, dead[1].subscriber).status == Delivery.PENDING


def test_the_sweeper_queues_deferred_rows_once_due(
    weekly,  # noqa: F811
    issue,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    subscribe(weekly, 3)
    mailing = prepared(issue)
    claiming.claim_batch(mailing, 1)  # a live worker
    Delivery.objects.filter(mailing=mailing, status=Delivery.PENDING).update(
        status=Delivery.DEFERRED, retry_at=timezone.now() + timedelta(minutes=5)
    )
    queued = []
    monkeypatch.setattr(tasks.send_batch, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep_mailings()
    assert queued == []  # not due yet
    Delivery.objects.filter(status=Delivery.DEFERRED).update(retry_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep_mailings()
    assert queued == [mailing.pk]


# Outside the test's transaction, as in a worker (inside one, the caller must retry it all).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_blip_is_ridden_out_on_a_new_connection():
    calls = []

    @survives_database_blips
    def query():
        calls.append(connection.connection)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0]

    connection.ensure_connection()
    assert query() == 1 and len(calls) == 2
    assert calls[1] is None  # closed after the failure; the query opened a new one


# Messages made from a template -----------------------------------------------------------------


def parsed(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_a_message_made_from_the_template_is_the_one_django_would_build(
    weekly,  # noqa: F811
    issue,  # noqa: F811
):
    subscriber = with_address(weekly, "o'brien+news&views@example.org")
    rendered = content.render(scheduling.mailing_for_issue(issue))
    template = messages.MessageTemplate.make(rendered)
    assert template is not None
    sender, recipient, raw = template.fill(subscriber)
    built = messages.build_message(rendered, subscriber)
    assert (sender, recipient) == (built.from_email, subscriber.email)
    ours, django = parsed(raw), parsed(built.message().as_bytes(linesep="\r\n"))
    for header in ("From", "To", "Subject", "List-Unsubscribe", "List-Unsubscribe-Post"):
        # Django folds the long List-Unsubscribe line; unfolded, the values are the same.
        assert ours[header].strip() == django[header].strip(), header
    assert ours["Message-ID"] != template.fill(subscriber)[2]  # a new one for every copy
    assert [p.get_content_type() for p in ours.walk()] == [
        p.get_content_type() for p in django.walk()
    ]
    for part in ("text/plain", "text/html"):
        mine = next(p for p in ours.walk() if p.get_content_type() == part).get_content()
        theirs = next(p for p in django.walk() if p.get_content_type() == part).get_content()
        assert mine == theirs
    assert "o&#x27;brien+news&amp;views@example.org" in raw.decode()  # escaped in the HTML


def test_an_address_that_is_not_ascii_is_built_the_ordinary_way(
    smtp,
    weekly,  # noqa: F811
    issue,  # noqa: F811
):
    subscriber = with_address(weekly, "zoë@example.org")
    rendered = content.render(scheduling.mailing_for_issue(issue))
    assert messages.MessageTemplate.make(rendered).fill(subscriber) is None
