"""Send benchmark (`make bench`, "send" key): one mailing to 20,000 subscribers, sent by two
real Celery worker processes on PostgreSQL and Redis to a local SMTP server (aiosmtpd).

`run()` uses a PostgreSQL database of its own (SEND_BENCH_DATABASE_URL, else the server of
DATABASE_URL when it is PostgreSQL, else 127.0.0.1:5432) and Redis (REDIS_URL, else
127.0.0.1:6379, database 12), and measures in a child process so that those settings apply.
Reported: the time to write the delivery rows, the send rate from the first email to the last,
each worker's peak memory, and the projection for 100,000 subscribers.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg
import redis

from tests.bench import postgres_url

ROOT = Path(__file__).resolve().parent.parent.parent
SUBSCRIBERS = int(os.environ.get("BENCH_SEND_SUBSCRIBERS", "20000"))
WORKERS = 2
# Batches each worker process sends at once, in threads: a thread waiting on the SMTP server
# or the database leaves the CPU to another.
THREADS = int(os.environ.get("BENCH_SEND_THREADS", "4"))
DATABASE = "solidarity_bench_send"


def run():
    """The send figures as a dict, or {"skipped": reason}."""

    url = postgres_url(DATABASE, "SEND_BENCH_DATABASE_URL")
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/12"
    parts = urlparse(url)
    try:
        admin = urlunparse(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            name = parts.path.lstrip("/")
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
    except Exception as error:  # noqa: BLE001 -- any failure to reach a server means skip
        return {"skipped": f"needs PostgreSQL and Redis: {error}"}
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "solidarity.settings.test",
    }
    child = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.bench.send"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if child.returncode != 0:
        return {"skipped": "send benchmark failed (its output is above)"}
    return json.loads(child.stdout.strip().splitlines()[-1])


# In the child process ------------------------------------------------------------------------


def ensure_subscribers(mailing_list):
    # Imported here, once Django is set up: the benchmark starts before it is.
    from mailings.models import Subscriber, Subscription

    missing = SUBSCRIBERS - mailing_list.subscriptions.filter(status="subscribed").count()
    if missing <= 0:
        return
    start = Subscriber.objects.count()
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"reader{start + n}@bench.example.org") for n in range(missing)],
        batch_size=2000,
    )
    Subscription.objects.bulk_create(
        [
            Subscription(subscriber=s, mailing_list=mailing_list, status="subscribed")
            for s in subscribers
        ],
        batch_size=2000,
    )


def peak_rss_mb(pid):
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def cpu_seconds(pid):
    """User plus system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 1)


def start_workers(smtp_port):
    env = {
        **os.environ,
        "TEST_EMAIL_BACKEND": "mailings.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
    }
    command = [sys.executable, "-m", "celery", "-A", "solidarity", "worker"]
    command += ["--pool", "threads", "--concurrency", str(THREADS), "--queues", "mail"]
    command += ["--without-gossip", "--without-mingle", "-l", "WARNING"]
    return [
        subprocess.Popen(  # noqa: S603
            [*command, "--hostname", f"bench{n}@%h"], cwd=ROOT, env=env, stdout=sys.stderr
        )
        for n in range(WORKERS)
    ]


def main():
    # Imported here, once Django is set up: the benchmark starts before it is.
    import django

    django.setup()
    # Imported here, once Django is set up: the benchmark starts before it is.
    from django.core.management import call_command
    from django.utils import timezone

    from issues.models import IssuePage
    from mailings import tasks
    from mailings.models import WEEKLY_SLUG, Mailing, MailingList
    from solidarity.commands import draw_progress_bar
    from tests.conftest import run_smtp_server

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--if-empty", verbosity=0)
    weekly = MailingList.objects.get(slug=WEEKLY_SLUG)
    ensure_subscribers(weekly)
    issue = IssuePage.objects.published().order_by("-number").first()
    mailing = Mailing.objects.create(
        mailing_list=weekly,
        kind=Mailing.NEW_ISSUE,
        period=f"bench-{timezone.now():%Y%m%d%H%M%S%f}",
        subject=f"{issue.title} is out",
        page=issue,
    )
    controller, inbox = run_smtp_server()
    workers = start_workers(inbox.port)
    try:
        time.sleep(3)  # let the workers connect
        cpu_before = cpu_seconds(os.getpid())
        started = time.perf_counter()
        tasks.start_mailing.delay(mailing.pk)
        first_email = None
        while True:
            mailing.refresh_from_db()
            if first_email is None and inbox.recipients:
                first_email = time.perf_counter()
            done = mailing.sent_count + mailing.failed_count + mailing.unknown_count
            total = mailing.total_count or SUBSCRIBERS
            draw_progress_bar(sys.stderr, round(100 * done / total), f"{done}/{total} sent")
            if mailing.status == Mailing.DONE:
                break
            for worker in workers:
                assert worker.poll() is None, "a worker died"
            time.sleep(0.2)
        finished = time.perf_counter()
        sys.stderr.write("\n")
        memory = [peak_rss_mb(worker.pid) for worker in workers]
        worker_cpu = [cpu_seconds(worker.pid) for worker in workers]
        # This process runs the SMTP server (and the polling above, which costs little).
        smtp_cpu = cpu_seconds(os.getpid()) - cpu_before
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        controller.stop()
        mailing.deliveries.all().delete()  # keep the benchmark database small
    sending_seconds = finished - first_email
    rate = mailing.sent_count / sending_seconds
    prepare_seconds = first_email - started
    print(
        json.dumps(
            {
                "database": "postgresql",
                "broker": "redis",
                "workers": WORKERS,
                "threads_per_worker": THREADS,
                "subscribers": mailing.total_count,
                "sent": mailing.sent_count,
                "received_by_smtp_server": len(inbox.recipients),
                "duplicates": len(inbox.recipients) - len(set(inbox.recipients)),
                "prepare_seconds": round(prepare_seconds, 2),
                "send_seconds": round(sending_seconds, 2),
                "emails_per_second": round(rate, 1),
                "worker_peak_rss_mb": memory,
                "worker_cpu_seconds": worker_cpu,
                "smtp_server_cpu_seconds": round(smtp_cpu, 1),
                "load_average_after": round(os.getloadavg()[0], 2),
                "projected_100k_minutes": round(
                    (prepare_seconds * 100_000 / SUBSCRIBERS + 100_000 / rate) / 60, 1
                ),
            }
        )
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
