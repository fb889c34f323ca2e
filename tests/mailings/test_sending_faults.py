"""Sending keeps its promise under faults: every scenario of tests/faults (a worker killed with
SIGKILL, both killed twice, PostgreSQL restarted, Redis restarted empty, SMTP connections cut
after DATA, a recipient refused for now or for good), each one mailing to 2,000 subscribers by
real Celery processes on a private PostgreSQL cluster and Redis server, to a local SMTP server
that records what it accepts.

The promise, checked for each: the mailing ends done; nobody gets an email twice; every row
marked sent was accepted by the server exactly once, and every email the server accepted is
recorded as sent or "unknown"; no row is left pending, claimed or deferred; failed rows were
never accepted, and say what the server said; "unknown" rows are only the messages in flight
at the fault (at most one per thread of a killed worker, one per cut connection, none when
no process died and no connection was cut); and sending goes on within a minute of the fault.

The scenarios of the selected tests run in one runner process (one set of private servers and
one migration for all), which takes a few minutes: these tests run in CI's PostgreSQL and Redis
pass only (the markers below), although they use servers of their own.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.harness import REFUSALS, SMTP_CUTS, THREADS

ROOT = Path(__file__).resolve().parent.parent.parent
SUBSCRIBERS = 2000
TIMEOUT = 240  # seconds for each mailing to be done
RECOVERY_SECONDS = 60

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.faults]


def scenario(name):
    """The runner scenario a test checks (the module's fixture runs those selected)."""

    def mark(test):
        test.scenario = name
        return test

    return mark


@pytest.fixture(scope="module")
def results(request):
    wanted = [
        item.function.scenario
        for item in request.session.items
        if item.module is request.module
        and hasattr(item.function, "scenario")
        and not item.get_closest_marker("skip")
    ]
    command = [sys.executable, "-m", "tests.faults", *wanted]
    command += ["--subscribers", str(SUBSCRIBERS), "--timeout", str(TIMEOUT)]
    child = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120 + len(wanted) * (TIMEOUT + 60),
        check=False,
    )
    sys.stderr.write(child.stderr)  # the runner's progress, shown with a failing test
    assert child.returncode == 0, child.stderr[-3000:]
    lines = [line for line in child.stdout.splitlines() if line.startswith("{")]
    return {result["scenario"]: result for result in map(json.loads, lines)}


def summary(result):
    keys = ("status", "timed_out", "counts", "duplicates", "missing", "unknown", "faults")
    return {key: result.get(key) for key in keys}


def assert_promise_kept(result, unknown_at_most, faults=True):
    assert "error" not in result, result["error"]
    assert result["status"] == "done" and not result["timed_out"], summary(result)
    assert result["duplicates"] == 0, result["duplicate_examples"]
    # Every SENT row accepted exactly once; nothing accepted that is not SENT or UNKNOWN.
    assert result["sent_not_accepted"] == 0, summary(result)
    assert result["accepted_not_recorded"] == 0, result["accepted_not_recorded_by_status"]
    # Every subscriber's row is final.
    assert result["rows"] == SUBSCRIBERS
    assert result["not_final"] == 0, result["counts"]
    assert result["missing"] == 0, summary(result)
    assert result["failed_accepted"] == 0, result["failed"]
    assert result["skipped_accepted"] == 0
    assert result["unknown"] <= unknown_at_most, summary(result)
    assert result["unknown_not_in_flight"] == 0, summary(result)
    assert result["mailing_counts"]["sent_count"] == result["counts"]["sent"]
    assert result["mailing_counts"]["unknown_count"] == result["unknown"]
    assert not result["unexpected_exits"], result["unexpected_exits"]
    if faults:
        assert result["faults"], "the fault never came"
        for fault in result["faults"]:
            # None: nothing was left to send once the fault was over.
            recovery = fault["recovery_seconds"]
            assert recovery is None or recovery <= RECOVERY_SECONDS, fault
            # The rows in flight at the fault are settled within the minute too.
            settled = fault["in_flight_settled_seconds"]
            assert settled is not None and settled <= RECOVERY_SECONDS, fault


def killed_processes(result):
    return sum(len(fault.get("killed", ())) for fault in result["faults"])


@scenario("baseline")
def test_without_faults_everyone_gets_one_email(results):
    result = results["baseline"]
    assert_promise_kept(result, unknown_at_most=0, faults=False)
    assert result["counts"]["sent"] == SUBSCRIBERS


@scenario("kill-one")
def test_a_worker_killed_mid_send_leaves_only_its_messages_in_flight_unknown(results):
    result = results["kill-one"]
    assert_promise_kept(result, unknown_at_most=THREADS)
    assert killed_processes(result) == 1


@scenario("kill-both-twice")
def test_both_workers_killed_twice_lose_nobody(results):
    result = results["kill-both-twice"]
    assert killed_processes(result) == 4, result.get("faults")
    assert_promise_kept(result, unknown_at_most=4 * THREADS)


@scenario("db-restart")
def test_a_database_restart_mid_send_loses_nobody_and_leaves_nothing_unknown(results):
    assert_promise_kept(results["db-restart"], unknown_at_most=0)


@scenario("broker-restart")
def test_a_broker_restarting_empty_mid_send_loses_nobody(results):
    assert_promise_kept(results["broker-restart"], unknown_at_most=0)


@scenario("smtp-cut")
def test_connections_cut_after_data_leave_those_messages_unknown_and_unsent_again(results):
    result = results["smtp-cut"]
    assert result.get("smtp_cuts") == SMTP_CUTS, summary(result)
    assert_promise_kept(result, unknown_at_most=SMTP_CUTS)
    # The server has each cut message; nobody knows if it went on: unknown, never resent.
    assert result["unknown"] == result["unknown_accepted"] == SMTP_CUTS


def assert_refused_recipient_failed(result, words):
    assert_promise_kept(result, unknown_at_most=0, faults=False)
    assert result["counts"]["sent"] == SUBSCRIBERS - 1
    assert [failure["email"] for failure in result["failed"]] == [result["target"]]
    assert words in result["failed"][0]["error"], result["failed"]


@scenario("recipient-451")
def test_a_recipient_refused_for_now_is_retried_then_failed_with_the_servers_words(results):
    result = results["recipient-451"]
    assert_refused_recipient_failed(result, REFUSALS["recipient-451"].split(" ", 2)[2])
    assert result["target_refusals"] >= 2, "never tried again"
    assert result["mailing_counts"].get("deferred_count", 0) == 0


@scenario("recipient-550")
def test_a_recipient_refused_for_good_fails_at_once_with_the_servers_words(results):
    result = results["recipient-550"]
    assert_refused_recipient_failed(result, REFUSALS["recipient-550"].split(" ", 2)[2])
    assert result["target_refusals"] == 1, "a permanent refusal was tried again"
