"""`python -m tests.faults <scenario>... [--subscribers N] [--timeout S]`: one JSON line per
scenario on stdout ("all" runs every scenario); progress on stderr."""

import argparse
import json
import signal
import sys

from tests.faults import SCENARIOS


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.faults", description=__doc__)
    parser.add_argument("scenarios", nargs="+", choices=[*SCENARIOS, "all"], metavar="scenario")
    parser.add_argument("--subscribers", type=int, default=2000)
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="seconds to wait for each mailing to be done (default: 240, more for big lists)",
    )
    parser.add_argument("--logs", help="a directory to keep the servers' and workers' logs in")
    args = parser.parse_args(argv)
    scenarios = list(SCENARIOS) if "all" in args.scenarios else args.scenarios
    timeout = args.timeout or max(240.0, 60 + args.subscribers / 50)

    # A terminated run still stops its servers and workers (Harness.close, in `with`/atexit).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # Imported here: the runner imports Django once the private servers are running.
    from tests.faults.harness import Harness
    from tests.faults.runner import run_scenario

    with Harness(args.subscribers, logs=args.logs) as harness:
        for scenario in scenarios:
            result = run_scenario(harness, scenario, timeout)
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
