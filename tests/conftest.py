import os

import pytest


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
