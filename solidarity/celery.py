"""The Celery application. Workers: `celery -A solidarity worker -Q default,print,mail`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings.production")

app = Celery("solidarity")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
