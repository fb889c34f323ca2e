"""Fault scenarios for sending mailings: `python -m tests.faults <scenario>... [--subscribers N]`.

Each scenario sends one new-issue mailing to N subscribers with real Celery processes (beat, a
`default` worker and two `mail` workers with four threads each), on a private PostgreSQL
cluster and a private Redis server started for the run, to a local SMTP server (aiosmtpd) in
the runner's process that records every recipient it accepts. At about 30% sent it does harm:

- baseline: none;
- kill-one: SIGKILL one mail worker, start a replacement;
- kill-both-twice: SIGKILL both mail workers and start two more, at 30% and again at 60%;
- db-restart: `pg_ctl restart -m fast` of the private cluster;
- broker-restart: the private Redis killed and started again, empty;
- smtp-cut: the SMTP server closes the connection after receiving DATA, without a reply, for
  three messages;
- recipient-451 / recipient-550: one recipient is refused at RCPT with `451 4.3.0 Try again
  later` (every time) or `550 5.1.1 No such user`.

It then waits for the mailing to be done (or a timeout) and prints one JSON line per
scenario. The servers and processes it starts are stopped at the end, even on failure
(runner.py, servers.py). The main keys:

- status, timed_out: the mailing's final status; whether it failed to be done in time;
- seconds, emails_per_second: first to last email accepted, and distinct recipients a second;
- counts: delivery rows by status; mailing_counts: the mailing's own counters;
- duplicates: recipients the server accepted more than once (duplicate_examples);
- missing: sent_not_accepted (rows SENT the server never accepted) + not_final (rows still
  pending, claimed or deferred) + without_row (subscribers with no row);
- accepted_not_recorded: recipients the server accepted whose row is neither SENT nor UNKNOWN;
- unknown, unknown_accepted: UNKNOWN rows, and how many of them the server did accept;
  unknown_not_in_flight: UNKNOWN rows that were not claimed when a fault came;
- failed (email and error, first ten), failed_accepted, skipped_accepted;
- target, target_refusals: the refused recipient of recipient-451/550, how often it was tried;
- faults: per fault, when it came (at_accepted, at_seconds), how long it lasted
  (fault_seconds: until the replacement workers answer, the server answers again, or the last
  cut), recovery_seconds (from its end to the first email accepted after it) and
  in_flight_settled_seconds (from its end until every row claimed when it came is final);
- recovery_seconds, in_flight_settled_seconds: the largest of those over the faults;
- unexpected_exits: Celery processes that stopped without being killed, with their log's end.
"""

SCENARIOS = (
    "baseline",
    "kill-one",
    "kill-both-twice",
    "db-restart",
    "broker-restart",
    "smtp-cut",
    "recipient-451",
    "recipient-550",
)
