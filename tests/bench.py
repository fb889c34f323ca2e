"""`make bench`: render times and query counts of the busiest pages, printed as JSON.

Runs in-process with Django's test client and DEBUG off, on the demo content in a database of
its own (var/bench.sqlite3 unless DATABASE_URL is set).
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))


def postgres_url(database, override_variable):
    """The URL of a benchmark's own PostgreSQL database: `override_variable` if set, else on
    the server of DATABASE_URL when that is PostgreSQL, else on 127.0.0.1:5432."""
    url = os.environ.get(override_variable)
    if url:
        return url
    main = os.environ.get("DATABASE_URL", "")
    server = main if main.startswith(("postgres://", "postgresql://")) else None
    parts = urlparse(server or "postgres://postgres@127.0.0.1:5432/postgres")
    return urlunparse(parts._replace(path=f"/{database}"))


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def measure(client, url, count):
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
    from tests import bench_print

    report = {"database": connection.vendor, "pages": pages, "print": bench_print.run()}
    from tests import bench_search  # PostgreSQL with 100,000 articles: see its docstring

    report["search"] = bench_search.run()
    from tests import bench_send  # PostgreSQL and Redis, two real workers: see its docstring

    report["send"] = bench_send.run()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
