"""`make bench`: render times and query counts of the busiest pages, printed as JSON.

Runs in-process with Django's test client and DEBUG off, on the demo content in a database of
its own (var/bench.sqlite3 unless DATABASE_URL is set).
"""

import json
import os
import statistics
import time

from tests.bench import faults, print_build, search, send, setup_django

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))


def measure(client, url, count):
    # Imported here, once Django is set up: the benchmark starts before it is.
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):  # warm caches and create renditions, as a running site would have
        assert client.get(url).status_code == 200, url
    reset_queries()  # the log holds the set-up's queries; the count must start from empty
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    query_count = len(captured)  # read now: later requests reset the connection's query log
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    timings.sort()
    return {
        "url": url,
        "requests": count,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "queries": query_count,
    }


def main():
    setup_django()
    # Imported here, once Django is set up: the benchmark starts before it is.
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from issues.models import ArticlePage, IssuePage

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    issue = IssuePage.objects.published().order_by("-number").first()
    article = ArticlePage.objects.web().child_of(issue).first()
    client = Client()
    pages = {
        "front_page": measure(client, "/", REQUESTS),
        "issue_page": measure(client, issue.url, REQUESTS),
        "article_page": measure(client, article.url, REQUESTS),
    }
    report = {"database": connection.vendor, "pages": pages, "print": print_build.run()}
    report["search"] = search.run()  # PostgreSQL with 100,000 articles: see its docstring
    report["send"] = send.run()  # PostgreSQL and Redis, two real workers: see its docstring
    report["faults"] = faults.run()  # private servers, the fault scenarios: see its docstring
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
