"""Fault benchmark (`make bench`, "faults" key): the send rate and the recovery time of one
mailing under each fault scenario of tests/faults (a worker killed, both killed twice,
PostgreSQL restarted, Redis restarted empty, SMTP connections cut, a recipient refused),
at 20,000 subscribers (BENCH_FAULT_SUBSCRIBERS).

The runner starts servers of its own (a PostgreSQL cluster, a Redis server, an SMTP server)
and stops them; it runs in a child process, since it sets Django up against them.
BENCH_FAULT_SCENARIOS (comma-separated) picks scenarios; all by default.
"""

import json
import os
import subprocess
import sys

from tests.bench import ROOT
from tests.faults import SCENARIOS

SUBSCRIBERS = int(os.environ.get("BENCH_FAULT_SUBSCRIBERS", "20000"))
# Reported for each scenario.
FIGURES = (
    "status",
    "emails_per_second",
    "seconds",
    "recovery_seconds",
    "in_flight_settled_seconds",
    "duplicates",
    "missing",
    "unknown",
    "counts",
)


def run():
    """The figures per scenario as a dict, or {"skipped": reason}."""
    wanted = os.environ.get("BENCH_FAULT_SCENARIOS", "")
    scenarios = [name.strip() for name in wanted.split(",") if name.strip()] or list(SCENARIOS)
    child = subprocess.run(
        [sys.executable, "-m", "tests.faults", *scenarios, "--subscribers", str(SUBSCRIBERS)],
        cwd=ROOT,
        stdout=subprocess.PIPE,  # its progress goes to our stderr
        text=True,
        check=False,
    )
    results = [json.loads(line) for line in child.stdout.splitlines() if line.startswith("{")]
    if child.returncode != 0 and not results:
        return {"skipped": "the fault runner failed (its output is above)"}
    report = {"subscribers": SUBSCRIBERS, "scenarios": {}}
    for result in results:
        if "error" in result:
            figures = {"error": result["error"].strip().splitlines()[-1]}
        else:
            figures = {name: result.get(name) for name in FIGURES}
        report["scenarios"][result["scenario"]] = figures
    return report
