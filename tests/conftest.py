import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _service_url(name):
    return os.environ.get(name, "")


def pytest_collection_modifyitems(config, items):
    """Tests that need a real server skip, with a reason naming it, when it is not configured."""
    database = os.environ.get("DATABASE_URL", "")
    for item in items:
        if "postgres" in item.keywords and not database.startswith(("postgres", "postgresql")):
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL"))
        if "redis" in item.keywords and not _service_url("REDIS_URL"):
            item.add_marker(pytest.mark.skip(reason="needs Redis: set REDIS_URL"))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


def database_url_for_workers():
    """The URL of the test database, for worker processes started by the tests."""
    from django.db import connection

    settings = connection.settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(settings['NAME']).resolve()}"
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{settings['USER']}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


@pytest.fixture
def start_worker():
    """Start real Celery worker processes (on the test broker and database); all are stopped
    at the end of the test."""
    processes = []

    def start(queues, env=None):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "solidarity.settings.test",
            "DATABASE_URL": database_url_for_workers(),
            **(env or {}),  # e.g. TEST_EMAIL_BACKEND and EMAIL_* for a test's SMTP server
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "solidarity",
                "worker",
                "--pool",
                "solo",
                "--queues",
                queues,
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
