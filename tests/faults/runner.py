"""The scenario runner: one mailing per scenario on the harness's private servers and real
Celery processes (harness.py), the fault at about 30% sent, and the figures that say whether
sending kept its promise.

Used by `python -m tests.faults`, by tests/mailings/test_sending_faults.py (as a subprocess) and
by `make bench` (tests/bench/faults.py). Django is set up in this process only once the private
servers are running, so that its settings point at them.
"""

import bisect
import time
import traceback
from collections import Counter

from tests.faults import SCENARIOS
from tests.faults.harness import (
    BROKER_DOWN_SECONDS,
    FAULT_AT,
    FINAL,
    MAIL_WORKERS,
    REFUSALS,
    SETTINGS_REPORTED,
    SMTP_CUTS,
    THREADS,
    db_retry,
    fresh_broker_connections,
    say,
)
from tests.faults.servers import (
    wait_for,
)


class Scenario:
    def __init__(self, harness, name, timeout):
        if name not in SCENARIOS:
            raise ValueError(f"unknown scenario {name!r}: one of {', '.join(SCENARIOS)}")
        self.harness = harness
        self.name = name
        self.timeout = timeout
        self.inbox = harness.smtp.inbox
        self.faults = []  # dicts: kind, at_accepted, started, ended, in-flight row ids
        self.unexpected_exits = []
        self.next_worker = MAIL_WORKERS + 1

    # The faults -------------------------------------------------------------------------------

    def plan(self):
        """(share of subscribers accepted, fault) pairs, in order."""
        return {
            "baseline": [],
            "kill-one": [(FAULT_AT, lambda: self.kill_workers(1))],
            "kill-both-twice": [
                (FAULT_AT, lambda: self.kill_workers(2)),
                (2 * FAULT_AT, lambda: self.kill_workers(2)),
            ],
            "db-restart": [(FAULT_AT, self.restart_database)],
            "broker-restart": [(FAULT_AT, self.restart_broker)],
            "smtp-cut": [(FAULT_AT, self.cut_connections)],
            "recipient-451": [],
            "recipient-550": [],
        }[self.name]

    def kill_workers(self, count):
        """SIGKILL `count` mail workers, start as many replacements; over once they answer."""
        victims = sorted(name for name in self.harness.processes if name.startswith("mail"))
        victims = victims[:count]
        for name in victims:
            self.harness.kill(name)
        say(f"{self.name}: killed {', '.join(victims)} with SIGKILL")
        replacements = []
        for _ in victims:
            name = f"mail{self.next_worker}"
            self.next_worker += 1
            self.harness.start_mail_worker(name, self.name)
            replacements.append(name)
        self.harness.wait_ready(replacements)
        return {"kind": "sigkill", "killed": victims, "replacements": replacements}

    def restart_database(self):
        self.harness.postgres.restart()
        return {"kind": "pg_ctl restart -m fast"}

    def restart_broker(self):
        self.harness.redis.crash()
        time.sleep(BROKER_DOWN_SECONDS)
        self.harness.redis.start()
        fresh_broker_connections()
        return {"kind": "redis restarted empty", "down_seconds": BROKER_DOWN_SECONDS}

    def cut_connections(self):
        self.inbox.cut(SMTP_CUTS)
        # Over at the last cut, known only once it has happened (see results()).
        return {"kind": f"connection cut after DATA, next {SMTP_CUTS} messages", "ended": None}

    # The run ----------------------------------------------------------------------------------

    def run(self):
        from mailings import tasks
        from mailings.models import Delivery, Mailing
        from mailings.scheduling import mailing_for_issue

        harness = self.harness
        Mailing.objects.all().delete()
        self.inbox.reset()
        refusal = REFUSALS.get(self.name)
        self.target = harness.email(harness.subscribers // 2) if refusal else None
        if refusal:
            self.inbox.refuse[self.target] = refusal
        self.mailing = mailing_for_issue(harness.issue)
        harness.start_scenario_processes(self.name)
        say(f"{self.name}: workers ready")

        plan = self.plan()
        started = time.monotonic()
        tasks.start_mailing.delay(self.mailing.pk)
        deadline = started + self.timeout
        status, last_poll = None, 0.0
        while time.monotonic() < deadline:
            if plan and len(self.inbox.accepted) >= plan[0][0] * harness.subscribers:
                _, fault = plan.pop(0)
                self.fault(fault, Delivery)
            now = time.monotonic()
            if now - last_poll >= 0.25:
                last_poll = now
                status = db_retry(
                    lambda: Mailing.objects.values_list("status", flat=True).get(
                        pk=self.mailing.pk
                    ),
                    status,
                )
                self.watch_in_flight(Delivery)
                self.watch_processes()
                if status == Mailing.DONE:
                    break
            time.sleep(0.05)
        finished = time.monotonic()
        timed_out = status != Mailing.DONE
        if timed_out:
            say(f"{self.name}: timed out after {self.timeout} s with the mailing {status}")
            for name, process in sorted(harness.processes.items()):
                tail = harness.workspace.log_tail(process.log_name, 2000)
                say(f"--- {name} log tail ---\n{tail}")
        return self.results(started, finished, timed_out)

    def fault(self, fault, Delivery):  # noqa: N803 -- the model class
        in_flight = set(
            db_retry(
                lambda: list(
                    Delivery.objects.filter(
                        mailing_id=self.mailing.pk, status=Delivery.CLAIMED
                    ).values_list("pk", flat=True)
                ),
                [],
            )
        )
        record = {"at_accepted": len(self.inbox.accepted), "started": time.monotonic()}
        say(f"{self.name}: fault at {record['at_accepted']} accepted")
        record.update(fault())
        if "ended" not in record:
            record["ended"] = time.monotonic()
        record["in_flight"] = in_flight
        record["settled"] = None
        self.faults.append(record)

    def watch_in_flight(self, Delivery):  # noqa: N803 -- the model class
        """When has every row that was claimed at a fault's start reached a final state?"""
        for record in self.faults:
            if record["ended"] is None and len(self.inbox.cuts) >= SMTP_CUTS:
                record["ended"] = self.inbox.cuts[-1][0]  # smtp-cut: over at the last cut
            if record["settled"] is not None or record["ended"] is None:
                continue
            if not record["in_flight"]:
                record["settled"] = record["ended"]
                continue
            waiting = db_retry(
                lambda ids=record["in_flight"]: (
                    Delivery.objects.filter(pk__in=ids).exclude(status__in=FINAL).exists()
                ),
                True,
            )
            if not waiting:
                record["settled"] = time.monotonic()

    def watch_processes(self):
        for name, process in list(self.harness.processes.items()):
            if process.poll() is not None:
                self.harness.processes.pop(name)
                self.unexpected_exits.append(
                    {
                        "process": name,
                        "returncode": process.returncode,
                        "log_tail": self.harness.workspace.log_tail(process.log_name, 1500),
                    }
                )
                say(f"{self.name}: {name} exited by itself ({process.returncode})")

    # The figures ------------------------------------------------------------------------------

    def results(self, started, finished, timed_out):
        from django.conf import settings

        from mailings.models import Delivery, Mailing

        def read():
            mailing = Mailing.objects.get(pk=self.mailing.pk)
            rows = list(
                Delivery.objects.filter(mailing_id=mailing.pk).values_list(
                    "subscriber__email", "status", "error", "pk"
                )
            )
            return mailing, rows

        mailing, rows = wait_for(lambda: db_retry(read), 60, "the database to answer")
        in_flight = set().union(*(record["in_flight"] for record in self.faults))
        unknown_elsewhere = [
            email for email, status, _, pk in rows if status == "unknown" and pk not in in_flight
        ]
        rows = [(email, status, error) for email, status, error, _ in rows]
        accepted = list(self.inbox.accepted)
        times = [t for t, _ in accepted]
        received = Counter(recipient for _, recipient in accepted)
        status_of = {email: status for email, status, _ in rows}
        by_status = Counter(status for _, status, _ in rows)
        sent = [email for email, status, _ in rows if status == "sent"]
        unknown = [email for email, status, _ in rows if status == "unknown"]
        failed = [(email, error) for email, status, error in rows if status == "failed"]
        skipped = [email for email, status, _ in rows if status == "skipped"]
        not_final = [email for email, status, _ in rows if status not in FINAL]
        sent_not_accepted = [email for email in sent if not received[email]]
        # Accepted by the server but recorded as neither sent nor unknown.
        unrecorded = [r for r in received if status_of.get(r) not in ("sent", "unknown")]
        without_row = self.harness.subscribers - len(rows)
        seconds = (times[-1] - times[0]) if len(times) > 1 else None

        faults = []
        for record in self.faults:
            ended = record["ended"]
            if ended is None and self.inbox.cuts:  # smtp-cut: over at the last cut
                ended = self.inbox.cuts[-1][0]
            after = bisect.bisect_right(times, ended) if ended is not None else len(times)
            faults.append(
                {
                    **{
                        key: value
                        for key, value in record.items()
                        if key not in ("in_flight", "started", "ended", "settled")
                    },
                    "at_seconds": _round(record["started"] - started),
                    "fault_seconds": _round((ended or record["started"]) - record["started"]),
                    "in_flight_rows": len(record["in_flight"]),
                    "recovery_seconds": (
                        _round(times[after] - ended) if after < len(times) else None
                    ),
                    "in_flight_settled_seconds": (
                        _round(record["settled"] - ended)
                        if record["settled"] is not None and ended is not None
                        else None
                    ),
                }
            )
        recoveries = [f["recovery_seconds"] for f in faults if f["recovery_seconds"] is not None]
        settled = [f["in_flight_settled_seconds"] for f in faults]

        counts = dict.fromkeys((*FINAL, "pending", "claimed", "deferred"), 0)
        counts.update(by_status)
        return {
            "scenario": self.name,
            "subscribers": self.harness.subscribers,
            "status": mailing.status,
            "timed_out": timed_out,
            "seconds": _round(seconds),
            "emails_per_second": _round(len(received) / seconds, 1) if seconds else None,
            "until_done_seconds": _round(finished - started),
            "first_email_seconds": _round(times[0] - started) if times else None,
            "counts": counts,
            "mailing_counts": {
                name: getattr(mailing, name)
                for name in (
                    "total_count",
                    "sent_count",
                    "failed_count",
                    "unknown_count",
                    "deferred_count",
                )
                if hasattr(mailing, name)
            },
            "rows": len(rows),
            "accepted": len(accepted),
            "accepted_recipients": len(received),
            "duplicates": sum(1 for n in received.values() if n > 1),
            "duplicate_examples": sorted(r for r, n in received.items() if n > 1)[:5],
            "missing": len(sent_not_accepted) + len(not_final) + max(without_row, 0),
            "sent_not_accepted": len(sent_not_accepted),
            "not_final": len(not_final),
            "without_row": without_row,
            "accepted_not_recorded": len(unrecorded),
            "accepted_not_recorded_by_status": dict(
                Counter(status_of.get(r, "no row") for r in unrecorded)
            ),
            "unknown": len(unknown),
            "unknown_accepted": sum(1 for email in unknown if received[email]),
            # UNKNOWN rows that were not claimed when a fault came: none should be.
            "unknown_not_in_flight": len(unknown_elsewhere),
            "failed": [{"email": email, "error": error} for email, error in failed[:10]],
            "failed_accepted": sum(1 for email, _ in failed if received[email]),
            "skipped_accepted": sum(1 for email in skipped if received[email]),
            "target": self.target,
            "target_refusals": len(self.inbox.refusals),
            "smtp_cuts": len(self.inbox.cuts),
            "faults": faults,
            "recovery_seconds": max(recoveries) if recoveries else None,
            "in_flight_settled_seconds": (
                max(settled) if settled and None not in settled else None
            ),
            "unexpected_exits": self.unexpected_exits,
            "last_error": mailing.last_error,
            "settings": {
                **{name: getattr(settings, name, None) for name in SETTINGS_REPORTED},
                "mail_workers": MAIL_WORKERS,
                "threads": THREADS,
            },
        }


def run_scenario(harness, scenario, timeout):
    """Run one scenario; returns its results as a dict (with "error" if it broke)."""
    say(f"{scenario}: {harness.subscribers} subscribers")
    from django.db import connections

    connections.close_all()  # a connection an earlier scenario broke is not reused
    fresh_broker_connections()
    try:
        return Scenario(harness, scenario, timeout).run()
    except Exception:  # noqa: BLE001 -- one broken scenario must not hide the others
        return {
            "scenario": scenario,
            "subscribers": harness.subscribers,
            "error": traceback.format_exc()[-3000:],
        }
    finally:
        stopping = time.monotonic()
        harness.stop_celery([name for name in harness.processes if name.startswith("mail")])
        try:
            harness.purge_broker()
        except Exception:  # noqa: BLE001 -- a broker that is gone: restart it empty
            say(f"purging the broker failed, restarting it:\n{traceback.format_exc()}")
            harness.redis.crash()
            harness.redis.start()
        say(f"{scenario}: mail workers stopped in {time.monotonic() - stopping:.1f} s")


def _round(value, digits=2):
    return None if value is None else round(value, digits)
