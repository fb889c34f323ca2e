"""Tests: embedded defaults unless DATABASE_URL / REDIS_URL point at real servers (as in CI)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret")

from .base import *  # noqa: E402, F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Worker processes started by the tests may send over SMTP to a server the test runs.
EMAIL_BACKEND = os.environ.get(
    "TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = str(VAR_DIR / "test-private")  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# A file, not memory, so that a real Celery worker process in the tests sees the test data;
# and a broker folder of its own, so a running `make run` worker never takes test tasks.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per test run, so that two runs on one checkout never share a database.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")  # noqa: F405
    }
if not REDIS_URL:  # noqa: F405
    _test_broker = VAR_DIR / "test-celery"  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {  # noqa: F405
        "data_folder_in": str(_test_broker / "broker"),
        "data_folder_out": str(_test_broker / "broker"),
        "control_folder": str(_test_broker / "control"),
        "processed_folder": str(_test_broker / "processed"),
        "store_processed": False,
    }
    make_broker_folders(CELERY_BROKER_TRANSPORT_OPTIONS)  # noqa: F405
