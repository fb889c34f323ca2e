"""Rate limits hold across processes: the cache is Redis, or on the embedded default files under
var/, never one process's memory, so a second web process counts the same attempts."""

import subprocess
import sys

from django.conf import settings

from solidarity import ratelimit
from tests.conftest import ROOT

ANOTHER_PROCESS = """
import django
django.setup()
from solidarity import ratelimit
for _ in range(3):
    ratelimit.hit("email", "someone@example.org")
"""


def test_a_second_process_counts_the_same_attempts():
    assert not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    subprocess.run([sys.executable, "-c", ANOTHER_PROCESS], cwd=ROOT, check=True)  # noqa: S603
    # The email limit is 3 an hour: the other process used them all.
    assert not ratelimit.hit("email", "someone@example.org")
    assert ratelimit.hit("email", "someone-else@example.org")
