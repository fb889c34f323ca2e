"""The fault suite's house: private PostgreSQL, Redis and SMTP servers, the migrated database
with its subscribers and content, and the Celery processes a scenario runs (runner.py).
"""

import atexit
import contextlib
import os
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path

from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from tests.faults.servers import (
    FaultySmtp,
    PrivatePostgres,
    PrivateRedis,
    Workspace,
    stop_process,
    wait_for,
)

ROOT = Path(__file__).resolve().parent.parent.parent
DATABASE = "solidarity_faults"
MAIL_WORKERS = 2
THREADS = 4
# The fault comes once this share of the subscribers has been accepted by the SMTP server.
FAULT_AT = 0.3
# How long the broker stays down in broker-restart (part of the fault, not a wait for a result).
BROKER_DOWN_SECONDS = 1.0
REFUSALS = {
    "recipient-451": "451 4.3.0 Try again later",
    "recipient-550": "550 5.1.1 No such user",
}
SMTP_CUTS = 3
# The settings the workers get unless the environment already sets them: short, so that each
# scenario ends within a minute or two. The lease (MAILINGS_LEASE_SECONDS) keeps its default.
WORKER_SETTINGS = {
    "SWEEP_SECONDS": "5",
    "MAILINGS_DEFER_RETRY_SECONDS": "1",
    "MAILINGS_DEFER_GIVE_UP_SECONDS": "15",
}
SETTINGS_REPORTED = ("MAILINGS_LEASE_SECONDS", *WORKER_SETTINGS)
FINAL = ("sent", "failed", "unknown", "skipped")


def say(message):
    sys.stderr.write(f"[faults {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


class Harness:
    """The private servers and the database, made once and shared by the scenarios of a run."""

    def __init__(self, subscribers, logs=None):
        self.subscribers = subscribers
        self.logs = Path(logs) if logs else None  # where to keep the processes' logs
        self.workspace = None
        self.postgres = self.redis = self.smtp = None
        self.processes = {}  # name -> Popen, for the current scenario
        self._closed = False

    # Set-up and tear-down ---------------------------------------------------------------------

    def __enter__(self):
        atexit.register(self.close)
        try:
            self._open()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _open(self):
        started = time.monotonic()
        self.workspace = Workspace()
        say(f"workspace {self.workspace.path}")
        self.postgres = PrivatePostgres(self.workspace)
        self.postgres.start()
        self._create_database()
        self.redis = PrivateRedis(self.workspace)
        self.redis.start()
        self.smtp = FaultySmtp()
        self.smtp.start()
        var_dir = self.workspace.path / "var"
        var_dir.mkdir()
        self.settings = {
            name: os.environ.get(name, default) for name, default in WORKER_SETTINGS.items()
        }
        self.env = {
            **os.environ,
            **self.settings,
            "DJANGO_SETTINGS_MODULE": "solidarity.settings.test",
            "DATABASE_URL": self.postgres.url(DATABASE),
            "REDIS_URL": self.redis.url,
            "SOLIDARITY_VAR_DIR": str(var_dir),
            "TEST_EMAIL_BACKEND": "mailings.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp.port),
            "PYTHONUNBUFFERED": "1",
        }
        os.environ.update(self.env)
        sys.path.insert(0, str(ROOT))
        # Imported here, once the environment points at the private servers.
        import django

        django.setup()
        from django.core.management import call_command

        say("migrating the private database")
        call_command("migrate", verbosity=0, interactive=False)
        self._make_content()
        say(f"servers ready in {time.monotonic() - started:.1f} s")

    def _create_database(self):
        import psycopg

        with psycopg.connect(self.postgres.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')

    def _make_content(self):
        from mailings.models import WEEKLY_SLUG, MailingList, Subscriber, Subscription
        from tests.factories import ArticlePageFactory, IssuePageFactory

        self.issue = IssuePageFactory(number=901)
        for _ in range(4):  # an email of the usual size: the issue's articles, linked
            ArticlePageFactory(parent=self.issue)
        weekly = MailingList.objects.get(slug=WEEKLY_SLUG)
        subscribers = Subscriber.objects.bulk_create(
            [Subscriber(email=self.email(n)) for n in range(self.subscribers)], batch_size=2000
        )
        Subscription.objects.bulk_create(
            [
                Subscription(subscriber=s, mailing_list=weekly, status=Subscription.SUBSCRIBED)
                for s in subscribers
            ],
            batch_size=2000,
        )

    @staticmethod
    def email(n):
        return f"reader{n:06d}@faults.example.org"

    def close(self):
        if self._closed:
            return
        self._closed = True
        self.stop_celery()
        for server in (self.smtp, self.redis):
            if server is not None:
                with contextlib.suppress(Exception):
                    server.stop()
        if self.postgres is not None:
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
            try:
                self.postgres.stop()
            except Exception:  # noqa: BLE001 -- report, and still remove what we can
                say(f"stopping PostgreSQL failed:\n{traceback.format_exc()}")
        if self.workspace is not None:
            if self.logs is not None:
                self.logs.mkdir(parents=True, exist_ok=True)
                for log in self.workspace.path.glob("*.log"):
                    shutil.copy(log, self.logs / log.name)
            self.workspace.remove()

    # Celery processes -------------------------------------------------------------------------
    # Beat and the `default` worker (which runs beat's sweeps) serve every scenario of a run;
    # each scenario starts two mail workers of its own and stops them at its end.

    def start_celery(self, name, *args, log=None):
        command = [sys.executable, "-m", "celery", "-A", "solidarity", *args]
        log = log or f"{name}.log"
        process = self.workspace.spawn(command, log, env=self.env, cwd=ROOT)
        process.log_name = log
        self.processes[name] = process
        return process

    def start_mail_worker(self, name, scenario):
        return self.start_celery(
            name, "worker", "--queues", "mail", "--pool", "threads",
            "--concurrency", str(THREADS), "--hostname", f"{name}@faults",
            "--without-gossip", "--without-mingle", "--loglevel", "INFO",
            log=f"{scenario}-{name}.log",
        )  # fmt: skip

    def start_scenario_processes(self, scenario):
        """Beat and the default worker if they are not running (first scenario, or one died),
        and two fresh mail workers. Returns once every worker answers a ping."""
        waiting = []
        if "beat" not in self.processes:
            schedule = self.workspace.path / "beat-schedule"
            self.start_celery("beat", "beat", "--schedule", str(schedule), "--loglevel", "INFO")
        if "default" not in self.processes:
            self.start_celery(
                "default", "worker", "--queues", "default", "--pool", "solo",
                "--hostname", "default@faults", "--without-gossip", "--without-mingle",
                "--loglevel", "INFO",
            )  # fmt: skip
            waiting.append("default")
        for n in range(MAIL_WORKERS):
            self.start_mail_worker(f"mail{n + 1}", scenario)
            waiting.append(f"mail{n + 1}")
        self.wait_ready(waiting)

    def wait_ready(self, names, timeout=90):
        from solidarity.celery import app

        wanted = {f"{name}@faults" for name in names}

        def ready():
            for name in names:
                process = self.processes[name]
                if process.poll() is not None:
                    raise RuntimeError(
                        f"{name} exited ({process.returncode}):\n"
                        + self.workspace.log_tail(process.log_name)
                    )
            try:
                replies = app.control.ping(destination=sorted(wanted), timeout=0.5)
            except (OSError, KombuError, RedisError):
                fresh_broker_connections()
                return False
            return wanted <= {host for reply in replies for host in reply}

        wait_for(ready, timeout, f"workers {sorted(wanted)} to answer", interval=0.2)

    def kill(self, name):
        process = self.processes.pop(name)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        self.workspace.forget(process)

    def stop_celery(self, names=None):
        """Stop these processes (all by default). The scenario is over: a cold shutdown
        (SIGQUIT) does, with SIGKILL for any that lingers."""
        names = list(self.processes) if names is None else names
        processes = [self.processes.pop(name) for name in names if name in self.processes]
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGQUIT)
        for process in processes:
            stop_process(process, timeout=10, sig=signal.SIGQUIT)
            if self.workspace is not None:
                self.workspace.forget(process)

    def purge_broker(self):
        """Drop every message a scenario left behind (queued, or held for a killed worker),
        so that none reaches the next scenario's workers; the queues' bindings stay."""
        from solidarity.celery import app

        with app.connection_for_write() as connection:
            for queue in ("default", "print", "mail"):
                connection.default_channel.queue_purge(queue)
        self.redis.command("DEL", "unacked", "unacked_index", "unacked_mutex")


def fresh_broker_connections():
    """Forget this process's pooled broker connections: after the broker restarted they are
    dead, and kombu would hand them out again. (Celery does the same after a fork.)"""
    import kombu.pools

    from solidarity.celery import app

    with contextlib.suppress(Exception):
        app.pool.force_close_all()
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def db_retry(function, default=None):
    """Run a query, or return `default` when the database is away (db-restart)."""
    from django.db import Error, connection

    try:
        return function()
    except Error:
        with contextlib.suppress(Exception):
            connection.close()
        return default
