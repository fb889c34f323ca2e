"""Local development: `make run`. Debug on, a throwaway secret, everything embedded."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "dev-only-secret-not-for-production")

from .base import *  # noqa: E402, F403

ALLOWED_HOSTS = ["*"]
# Serve static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
