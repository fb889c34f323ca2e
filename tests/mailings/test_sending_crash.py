"""The promise of sending, kept against real failures: a worker process killed with SIGKILL in
the middle of a batch, and a Redis broker that restarts empty. Afterwards the local SMTP server
holds exactly one email per subscriber (apart from at most one delivery marked "unknown" per
killed worker, which may have arrived or not), none twice, and nothing for anyone who
unsubscribed while the mailing was going out."""

import os
import shutil
import signal
import subprocess
import time
from collections import Counter
from urllib.parse import urlsplit

import pytest
import redis
from django.test import Client

from mailings import links, tasks
from mailings.models import WEEKLY_SLUG, Delivery, Mailing, MailingList, Subscription
from mailings.scheduling import mailing_for_issue
from tests.conftest import free_port
from tests.factories import IssuePageFactory, SubscriberFactory, SubscriptionFactory

SUBSCRIBERS = 300
# Short, so that the killed worker's batch is handed out again within the test.
LEASE_SECONDS = "4"


def subscribe_many(count):
    weekly = MailingList.objects.get(slug=WEEKLY_SLUG)
    return [
        SubscriptionFactory(mailing_list=weekly, subscriber=SubscriberFactory()).subscriber
        for _ in range(count)
    ]


def wait_until(condition, timeout, what, processes=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        for process in processes:
            assert process.poll() is None, process.stdout.read()[-3000:]
        time.sleep(0.02)
    pytest.fail(f"timed out waiting for {what}")


def one_click_unsubscribe(subscriber, mailing_list):
    """What a mail provider sends (RFC 8058): no cookies, no CSRF token."""
    path = urlsplit(links.unsubscribe_url(subscriber, mailing_list)).path
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200


def assert_each_mailed_once(mailing, subscribers, inbox, left=()):
    """Everyone still subscribed got exactly one email; "unknown" ones got at most one;
    those who left before their turn got none."""
    received = Counter(inbox.recipients)
    assert max(received.values()) == 1, [a for a, n in received.items() if n > 1]
    unknown = set(
        mailing.deliveries.filter(status=Delivery.UNKNOWN).values_list(
            "subscriber__email", flat=True
        )
    )
    skipped = set(
        mailing.deliveries.filter(status=Delivery.SKIPPED).values_list(
            "subscriber__email", flat=True
        )
    )
    assert skipped <= {s.email for s in left}
    assert not skipped & set(received)
    expected = {s.email for s in subscribers} - unknown - skipped
    assert set(received) - unknown == expected
    assert mailing.sent_count == len(expected)
    assert mailing.failed_count == 0
    return unknown


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_killed_mid_send_mails_nobody_twice_and_skips_nobody(start_worker, slow_smtp_server):
    subscribers = subscribe_many(SUBSCRIBERS)
    mailing = mailing_for_issue(IssuePageFactory(number=738))
    env = {**slow_smtp_server.env, "MAILINGS_LEASE_SECONDS": LEASE_SECONDS}
    first = start_worker("mail", env=env)
    tasks.start_mailing.delay(mailing.pk)

    # Mid-send: part of the first batch is out.
    wait_until(lambda: len(slow_smtp_server.recipients) >= 60, 90, "sending", [first])
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    mid_send = len(slow_smtp_server.recipients)
    assert mid_send < SUBSCRIBERS

    # While no worker runs, the last twenty unsubscribe with one click.
    weekly = mailing.mailing_list
    left = subscribers[-20:]
    for subscriber in left:
        one_click_unsubscribe(subscriber, weekly)

    # A new worker; the sweeper (Celery beat's task, run here every second) hands the dead
    # worker's rows out again once their lease has expired.
    second = start_worker("mail", env=env)

    def finished():
        tasks.sweep_mailings()
        mailing.refresh_from_db()
        return mailing.status == Mailing.DONE

    wait_until(finished, 120, "the mailing to finish", [second])
    unknown = assert_each_mailed_once(mailing, subscribers, slow_smtp_server, left=left)
    # One worker killed: at most one email whose fate cannot be known, shown to the editor.
    assert len(unknown) <= 1
    assert mailing.unknown_count == len(unknown)
    assert (
        Subscription.objects.filter(
            subscriber__in=left, status=Subscription.UNSUBSCRIBED, mailing_list=weekly
        ).count()
        == 20
    )


@pytest.fixture
def private_redis():
    """A Redis server of the test's own, which the test may stop and start again empty (it
    keeps nothing on disk), without disturbing the Redis the rest of the suite uses."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("needs redis-server")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no"]
    client = redis.Redis(host="127.0.0.1", port=port)
    server = {}

    def start():
        server["process"] = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_until(lambda: _pings(client), 10, "redis-server to start")

    def crash():
        server["process"].kill()
        server["process"].wait()

    start()
    yield {"url": f"redis://127.0.0.1:{port}/0", "start": start, "crash": crash, "client": client}
    crash()


def _pings(client):
    try:
        return client.ping()
    except redis.ConnectionError:
        return False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_redis_restarting_empty_mid_send_loses_nobody(
    start_worker, start_beat, slow_smtp_server, private_redis
):
    subscribers = subscribe_many(SUBSCRIBERS)
    mailing = mailing_for_issue(IssuePageFactory(number=739))
    env = {
        **slow_smtp_server.env,
        "REDIS_URL": private_redis["url"],
        "MAILINGS_LEASE_SECONDS": LEASE_SECONDS,
        "SWEEP_SECONDS": "1",
    }
    # The worker takes beat's sweeps (queue "default") as well as the sending.
    worker = start_worker("default,mail", env=env)
    beat = start_beat(env=env)
    # Scheduled for now: beat's sweeper starts it, on the private broker.
    Mailing.objects.filter(pk=mailing.pk).update(
        status=Mailing.SCHEDULED, scheduled_at=mailing.created_at
    )

    wait_until(lambda: len(slow_smtp_server.recipients) >= 60, 90, "sending", [worker, beat])
    # Every queued batch message is lost with the broker's memory.
    private_redis["crash"]()
    assert len(slow_smtp_server.recipients) < SUBSCRIBERS
    time.sleep(1)
    private_redis["start"]()

    def finished():
        mailing.refresh_from_db()
        return mailing.status == Mailing.DONE

    wait_until(finished, 150, "the mailing to finish", [worker, beat])
    unknown = assert_each_mailed_once(mailing, subscribers, slow_smtp_server)
    assert not unknown  # no worker died: every outcome is known
