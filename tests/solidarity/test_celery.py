"""Celery: a real worker process runs Wagtail's scheduled publishing from the broker.

Embedded defaults use kombu's filesystem transport and SQLite; CI sets REDIS_URL and
DATABASE_URL, so the same test runs against Redis and PostgreSQL.
"""

import datetime
import time

import pytest
from django.utils import timezone

from issues.models import ArticlePage
from solidarity.celery import app
from solidarity.tasks import publish_scheduled_pages
from tests.factories import ArticlePageFactory


def schedule_article(title):
    article = ArticlePageFactory(title=title, live=False, first_published_at=None)
    article.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    return article


@pytest.mark.django_db
def test_scheduled_publishing_task_publishes_due_pages():
    article = schedule_article("Due now")
    publish_scheduled_pages.apply()
    article.refresh_from_db()
    assert article.live


@pytest.fixture
def worker(start_worker):
    return start_worker("default")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_real_worker_publishes_a_scheduled_article(worker):
    article = schedule_article("Goes live by itself")
    publish_scheduled_pages.delay()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if ArticlePage.objects.filter(pk=article.pk, live=True).exists():
            break
        assert worker.poll() is None, worker.stdout.read()
        time.sleep(0.5)
    else:
        worker.terminate()
        pytest.fail("the worker did not publish the article: " + worker.communicate()[0][-3000:])


@pytest.mark.parametrize(
    "task, queue",
    [
        ("printing.tasks.run_print_job", "print"),
        ("mailings.tasks.start_mailing", "mail"),
        ("mailings.tasks.send_batch", "mail"),
        ("mailings.tasks.sweep_mailings", "default"),
        ("solidarity.tasks.publish_scheduled_pages", "default"),
    ],
)
def test_tasks_are_routed_to_their_queues(task, queue):
    route = app.amqp.router.route({}, task, args=(), kwargs={})
    assert route["queue"].name == queue
