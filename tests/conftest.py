import asyncio
import email
import email.policy
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.db import connection

from solidarity.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent


def _service_url(name):
    return os.environ.get(name, "")


def pytest_collection_modifyitems(config, items):
    """Tests that need a real server skip, with a reason naming it, when it is not configured."""
    database = os.environ.get("DATABASE_URL", "")
    for item in items:
        if "postgres" in item.keywords and not database.startswith(("postgres", "postgresql")):
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL"))
        if "redis" in item.keywords and not _service_url("REDIS_URL"):
            item.add_marker(pytest.mark.skip(reason="needs Redis: set REDIS_URL"))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield


def database_url_for_workers():
    """The URL of the test database, for worker processes started by the tests."""

    settings = connection.settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(settings['NAME']).resolve()}"
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{settings['USER']}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


@pytest.fixture
def celery_process():
    """Start real Celery processes (`worker ...`, `beat ...`) on the test broker and database;
    all are stopped at the end of the test."""
    processes = []

    def start(*args, env=None):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "solidarity.settings.test",
            "DATABASE_URL": database_url_for_workers(),
            **(env or {}),  # e.g. TEST_EMAIL_BACKEND and EMAIL_* for a test's SMTP server
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "solidarity", *args, "--loglevel", "WARNING"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def start_worker(celery_process):
    # The test broker outlives a test (a folder, or a Redis database): a message an earlier
    # test queued and never ran would reach this test's worker first, for rows long gone.
    with celery_app.connection_for_write() as connection:
        for queue in ("default", "print", "mail"):
            connection.default_channel.queue_purge(queue)

    def start(queues, env=None):
        return celery_process(
            "worker",
            "--pool",
            "solo",
            "--queues",
            queues,
            "--without-gossip",
            "--without-mingle",
            env=env,
        )

    return start


@pytest.fixture
def start_beat(celery_process, tmp_path):
    def start(env=None):
        return celery_process("beat", "--schedule", str(tmp_path / "beat-schedule"), env=env)

    return start


# A real SMTP server (aiosmtpd) ----------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler keeping each accepted message's recipients, in order of arrival.
    `delay` (seconds) makes each message take that long, as a real server's reply would.
    With `keep_messages`, `raw_messages` also keeps each whole message as bytes, in the same
    order, and `messages()` parses them (off by default: benchmarks send many thousands)."""

    def __init__(self, delay=0.0, keep_messages=False):
        self.recipients = []
        self.raw_messages = []
        self.delay = delay
        self.keep_messages = keep_messages

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.recipients.extend(envelope.rcpt_tos)
        if self.keep_messages:
            self.raw_messages.append(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"

    def messages(self):
        """The messages kept so far, as email.message.EmailMessage objects."""
        return [
            email.message_from_bytes(raw, policy=email.policy.default)
            for raw in list(self.raw_messages)
        ]


def run_smtp_server(delay=0.0, keep_messages=False):
    """Start a local SMTP server; returns (controller, inbox). inbox.env points a worker
    process's email backend at it."""

    inbox = Inbox(delay, keep_messages=keep_messages)
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    inbox.env = {
        "TEST_EMAIL_BACKEND": "mailings.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(inbox.port),
    }
    return controller, inbox


@pytest.fixture
def smtp_server():
    """A local SMTP server keeping every message it accepts (`inbox.messages()`)."""
    controller, inbox = run_smtp_server(keep_messages=True)
    yield inbox
    controller.stop()


@pytest.fixture
def slow_smtp_server():
    """Each message takes 10 ms, so a test can act while a batch is being sent."""
    controller, inbox = run_smtp_server(delay=0.01)
    yield inbox
    controller.stop()
