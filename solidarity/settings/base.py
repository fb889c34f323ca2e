"""Settings shared by every environment; everything that differs comes from the environment.

Embedded defaults (no environment at all) give a working site: SQLite under var/, Celery on
kombu's filesystem transport under var/, email to the console. Production sets DATABASE_URL,
REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and the email and storage variables.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SOLIDARITY_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(exist_ok=True)  # holds the embedded SQLite database, broker and media


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# No default: a production process without a secret must not start.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "solidarity",
    "home",
    "issues",
    "bulletins",
    "printing",
    "mailings",
    "anymail",
    "search",
    "newsroom",
    "sellers",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "solidarity.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "solidarity.urls"
WSGI_APPLICATION = "solidarity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default has several writers at once (web, a Celery worker, beat). With a
    # write-ahead log readers go on while one writes; IMMEDIATE transactions take the write
    # lock when they begin, so a writer waits its turn (up to the timeout) instead of failing
    # half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "solidarity" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Print PDFs and thumbnails: outside the public media folder, served only through views that
# check permission.
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": os.environ.get("PRIVATE_ROOT", str(VAR_DIR / "private"))},
}
# S3-compatible media storage (AWS, MinIO, Scaleway...) when a bucket is configured.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    # Private files: same bucket, own prefix, no public ACL, short-lived signed URLs.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "custom_domain": None,
        },
    }
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME")
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN")
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: Redis when there is one, so every web process shares it; local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "solidarity",
        }
    }
else:
    # Files under var/, not process memory: every web process and worker of the embedded
    # default then counts the same rate limits and sees the same locks.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Celery: Redis in production; kombu's filesystem transport otherwise, so that jobs still run
# asynchronously in a separate worker process with no server to install.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Long PDF builds and mail batches have queues of their own, so neither holds up the other.
CELERY_TASK_ROUTES = {
    "printing.tasks.run_print_job": {"queue": "print"},
    "mailings.tasks.start_mailing": {"queue": "mail"},
    "mailings.tasks.send_batch": {"queue": "mail"},
}
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # The visibility timeout must exceed the longest task, or Redis hands it out again.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "celery" / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
    }


def make_broker_folders(options):
    """kombu's filesystem transport expects its folders to exist."""
    for key in ("data_folder_in", "data_folder_out", "control_folder", "processed_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)


if not REDIS_URL:
    make_broker_folders(CELERY_BROKER_TRANSPORT_OPTIONS)

# How often beat sweeps for lost or stalled work (seconds); tests shorten it. With the
# mailing lease, this bounds how long a dead worker's emails wait.
SWEEP_SECONDS = float(os.environ.get("SWEEP_SECONDS", "15"))
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {
        "task": "solidarity.tasks.publish_scheduled_pages",
        "schedule": 60.0,
    },
    "sweep-print-jobs": {"task": "printing.tasks.sweep_print_jobs", "schedule": SWEEP_SECONDS},
    "sweep-mailings": {"task": "mailings.tasks.sweep_mailings", "schedule": SWEEP_SECONDS},
    # Cheap when nothing is due; the digest's day and time are in the site settings.
    "weekly-digest": {"task": "mailings.tasks.send_weekly_digest", "schedule": 300.0},
}

# Email: the console unless an SMTP host is configured.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    # Django's SMTP backend, also saying how far a message got when a connection breaks.
    "mailings.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A server that stops answering must not hold a batch past its lease: the message is then
# "unknown", and the rest of the batch carries on over a new connection.
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Solidarity <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# An ESP through django-anymail: set EMAIL_BACKEND to its backend (e.g.
# anymail.backends.postmark.EmailBackend) and its keys as ANYMAIL_<NAME> variables
# (ANYMAIL_POSTMARK_SERVER_TOKEN...). ANYMAIL_WEBHOOK_SECRET ("user:password") guards the
# bounce and complaint webhooks at /anymail/<esp>/tracking/.
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and value
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every layout step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Solidarity"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "solidarity.richtext.TolerantDraftailRichTextArea"},
}
# Search: Wagtail's database backend (PostgreSQL full-text search, or SQLite FTS5), wrapped by
# search/backend.py for the recency tie-break; English stemming on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backend", "SEARCH_CONFIG": "english"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_I18N_ENABLED = False
TAGGIT_CASE_INSENSITIVE = True

# How many articles the front page shows per section, and listing pages per page.
SOLIDARITY_PAGE_SIZE = 20

# Mailings (mailings/) ------------------------------------------------------------------------
# How long a sign-up confirmation link works, and the preferences and unsubscribe links in
# emails (long: old emails must still let people leave).
MAILINGS_CONFIRM_MAX_AGE = 3 * 24 * 3600
MAILINGS_LINK_MAX_AGE = 365 * 24 * 3600
# How long a worker's claim on a batch of deliveries lasts: the worker renews it while it
# sends, so a dead worker's rows come back within this plus a sweep (tests shorten it).
MAILINGS_LEASE_SECONDS = float(os.environ.get("MAILINGS_LEASE_SECONDS", "30"))
# How long a batch waits for a database that went away before it gives up (and the task is
# retried): a restart costs seconds, never a batch.
MAILINGS_DATABASE_PATIENCE_SECONDS = float(
    os.environ.get("MAILINGS_DATABASE_PATIENCE_SECONDS", "20")
)
# A recipient's server answering "try again later" (4xx): the first retry after this many
# seconds, then twice as long each time (at most an hour), until the row is given up as
# failed this long after its first refusal.
MAILINGS_DEFER_RETRY_SECONDS = float(os.environ.get("MAILINGS_DEFER_RETRY_SECONDS", "300"))
MAILINGS_DEFER_GIVE_UP_SECONDS = float(os.environ.get("MAILINGS_DEFER_GIVE_UP_SECONDS", "86400"))
# ---------------------------------------------------------------------------------------------
