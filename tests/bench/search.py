"""Search benchmark on PostgreSQL with 100,000 generated articles (`make bench`, "search" key).

`run()` works in a database of its own on the PostgreSQL server (SEARCH_BENCH_DATABASE_URL, else
DATABASE_URL when it is PostgreSQL, else the local server at 127.0.0.1:5432), creating it if
needed, and runs the measurements in a child process: Django picks its search index model by
database vendor at import time, so the SQLite process of the main bench cannot switch over.
The first run generates the articles and times their indexing; later runs reuse them and report
the indexing time recorded then (BENCH_SEARCH_REGENERATE=1 starts again from an empty database;
BENCH_SEARCH_REINDEX=1 empties the search index and times indexing the same articles again).
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

import psycopg

ROOT = Path(__file__).resolve().parent.parent.parent
ARTICLES = int(os.environ.get("BENCH_SEARCH_ARTICLES", "100000"))
QUERIES = 200
DATABASE = "solidarity_bench_search"
RECORD = ROOT / "var" / "bench-search-setup.json"


def database_url():
    url = os.environ.get("SEARCH_BENCH_DATABASE_URL")
    if url:
        return url
    main = os.environ.get("DATABASE_URL", "")
    server = main if main.startswith(("postgres://", "postgresql://")) else None
    parts = urlparse(server or "postgres://postgres@127.0.0.1:5432/postgres")
    return urlunparse(parts._replace(path=f"/{DATABASE}"))


def ensure_database(url):
    """Create the benchmark database if it is missing; raises if the server is unreachable."""

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        if os.environ.get("BENCH_SEARCH_REGENERATE"):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            RECORD.unlink(missing_ok=True)
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def run():
    """The search figures as a dict, or {"skipped": reason}."""
    url = database_url()
    try:
        ensure_database(url)
    except Exception as error:  # noqa: BLE001 -- any failure to reach the server means skip
        return {"skipped": f"PostgreSQL not reachable at {urlparse(url).hostname}: {error}"}
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "solidarity.settings.test",
        "REDIS_URL": "",  # the local-memory cache: measure the search, not a warm Redis cache
    }
    child = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.bench.search"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode != 0:
        return {"skipped": "search benchmark failed", "stderr": child.stderr[-2000:]}
    return json.loads(child.stdout.strip().splitlines()[-1])


# In the child process ------------------------------------------------------------------------


def prepare():
    """Migrate, seed, generate the articles and time their indexing, unless already done."""
    # Imported here, once Django is set up: the benchmark starts before it is.
    from django.core.management import call_command
    from django.db import connection

    from demo.management.commands.generate_articles import Command
    from issues.models import ArticlePage, IssuePage

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--if-empty", verbosity=0)
    record = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    missing = ARTICLES - ArticlePage.objects.count()
    command = Command()
    if missing > 0:
        started = time.perf_counter()
        command.handle(count=missing, seed=1917, per_issue=64, no_index=True)
        record = {
            "articles_generated": missing,
            "generate_seconds": round(time.perf_counter() - started, 1),
        }
    elif os.environ.get("BENCH_SEARCH_REINDEX"):
        # Index the same articles again from an empty index, as the first run did.
        command.issue_ids = list(IssuePage.objects.values_list("pk", flat=True))
        command.article_ids = list(ArticlePage.objects.values_list("pk", flat=True))
        # Imported here, once Django is set up: the benchmark starts before it is.
        from django.contrib.contenttypes.models import ContentType

        kinds = ContentType.objects.get_for_models(IssuePage, ArticlePage).values()
        kinds = [kind.pk for kind in kinds]
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM wagtailsearch_indexentry WHERE content_type_id = ANY(%s)", [kinds]
            )
            cursor.execute(
                "DELETE FROM site_search_document WHERE content_type_id = ANY(%s)", [kinds]
            )
            cursor.execute("VACUUM ANALYZE wagtailsearch_indexentry, site_search_document")
    else:
        return record
    jobs = os.cpu_count() or 1  # generate_articles' default
    started = time.perf_counter()
    command.index(IssuePage, command.issue_ids, jobs)
    command.index(ArticlePage, command.article_ids, jobs)
    record["index_seconds"] = round(time.perf_counter() - started, 1)
    record["index_processes"] = jobs
    RECORD.write_text(json.dumps(record))
    # As autovacuum would soon: the planner needs statistics on the new rows.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return record


def queries(rng):
    """200 searches a reader might type: words, pairs, phrases, exclusions, stems."""
    # Imported here, once Django is set up: the benchmark starts before it is.
    from demo import corpus

    common = corpus.GENERAL[:80] + corpus.NOUNS
    specific = [w.replace("-", " ") for w in corpus.GROUPS + corpus.PLACES + corpus.ORGS]
    makers = [
        lambda: rng.choice(common),
        lambda: rng.choice(specific),
        lambda: f"{rng.choice(specific)} {rng.choice(common)}",
        lambda: f"{rng.choice(specific)} {rng.choice(specific)}",
        lambda: f'"{rng.choice(["rank and file", "picket line", "strike fund", "zero hours"])}"',
        lambda: f"{rng.choice(specific)} -{rng.choice(common)}",
        lambda: rng.choice(["striking", "organising", "nationalised", "pensions", "evictions"]),
        lambda: f"{rng.choice(corpus.ISSUES)} {rng.choice(corpus.PLACES)} {rng.choice(common)}",
    ]
    return [makers[n % len(makers)]() for n in range(QUERIES)]


def filters(rng):
    # Imported here, once Django is set up: the benchmark starts before it is.
    from issues.models import Author, Section

    sections = list(Section.objects.values_list("slug", flat=True))
    authors = list(Author.objects.values_list("slug", flat=True)[:100])
    options = [
        lambda: {"section": rng.choice(sections)},
        lambda: {"author": rng.choice(authors)},
        lambda: {"year": str(rng.randint(1997, 2025))},
        lambda: {"type": "article", "sort": "newest"},
        lambda: {"date_from": "2010-01-01", "date_to": "2014-12-31"},
        lambda: {"section": rng.choice(sections), "year": str(rng.randint(1997, 2025))},
    ]
    return [options[n % len(options)]() for n in range(QUERIES)]


def timed(client, urls):
    timings = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    timings.sort()
    return {
        "requests": len(urls),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "max_ms": round(timings[-1], 1),
    }


def main():
    sys.path.insert(0, str(ROOT))
    # Imported here, once Django is set up: the benchmark starts before it is.
    import django

    django.setup()
    # Imported here, once Django is set up: the benchmark starts before it is.
    from django.core.cache import cache
    from django.test import Client

    from issues.models import ArticlePage

    record = prepare()
    rng = random.Random(1917)
    words = queries(rng)
    plain = [f"/search/?{urlencode({'q': q})}" for q in words]
    filtered = [
        f"/search/?{urlencode({'q': q, **f})}" for q, f in zip(words, filters(rng), strict=True)
    ]
    headlines = list(ArticlePage.objects.order_by("?").values_list("title", flat=True)[:QUERIES])
    prefixes = [h.split()[0][: rng.randint(2, 6)] for h in headlines]
    prefixes = [
        f"{h.split()[0]} {h.split()[1][:3]}" if n % 3 == 0 and len(h.split()) > 1 else p
        for n, (h, p) in enumerate(zip(headlines, prefixes, strict=True))
    ]
    suggest = [f"/search/suggest/?{urlencode({'q': p})}" for p in prefixes]

    client = Client()
    timed(client, plain[:20] + suggest[:20])  # warm the connection and Python's caches
    cache.clear()
    result = {
        "database": "postgresql",
        "articles": ArticlePage.objects.count(),
        **record,
        "search": timed(client, plain),
        "search_with_filters": timed(client, filtered),
        "suggestions": timed(client, suggest),
        "goal": "search p50 <= 50 ms, p95 <= 200 ms; suggestions p95 <= 50 ms; index <= 600 s",
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
