"""The Sub-edit workflow through the admin's views, and scheduled publishing by the beat task."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, TaskState, WorkflowState

from issues.models import ArticlePage
from newsroom import roles
from solidarity.tasks import PUBLISH_LOCK, publish_scheduled_pages
from tests.factories import ArticlePageFactory, BulletinEditionPageFactory
from tests.newsroom.test_roles import (
    add_url,
    article_form,
    assert_refused,
    edit_form_of,
    edit_url,
    member_of,
    paper,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def workflow_action(client, article, action, comment=""):
    task_state = article.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


@pytest.fixture
def newsroom(paper):  # noqa: F811
    return {
        **paper,
        "writer": logged_in(member_of(roles.WRITERS, "writer")),
        "sub_editor": logged_in(member_of(roles.SUB_EDITORS, "sub")),
        "editor": logged_in(member_of(roles.EDITORS, "editor")),
    }


def submit(newsroom, title, **extra):
    response = newsroom["writer"].post(
        add_url(ArticlePage, newsroom["issue"]),
        article_form(title, newsroom["section"], newsroom["author"], **extra),
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(title=title)
    assert article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    return article


def test_articles_go_through_sub_edit_and_other_pages_do_not(paper):  # noqa: F811
    article = ArticlePageFactory(parent=paper["issue"])
    workflow = article.get_workflow()
    assert workflow.name == roles.SUB_EDIT_WORKFLOW
    [task] = workflow.tasks.specific()
    assert {g.name for g in task.groups.all()} == set(roles.SUB_EDIT_APPROVERS)
    # Bulletin editions keep Wagtail's default workflow, now approved by the Editors.
    assert BulletinEditionPageFactory().get_workflow().name == "Editors approval"


def test_writer_submits_sub_editor_approves_with_a_comment_and_it_is_published(newsroom):
    article = submit(newsroom, "Porters out")
    # The article waits on the sub-editors' and editors' dashboards.
    for reviewer in ("sub_editor", "editor"):
        dashboard = newsroom[reviewer].get(reverse("wagtailadmin_home")).content.decode()
        assert "Porters out" in dashboard, reviewer

    # The writer can neither approve their own article nor edit it while it waits.
    assert_refused(workflow_action(newsroom["writer"], article, "approve"))
    newsroom["writer"].post(edit_url(article), edit_form_of(article, title="Last-minute change"))
    article.refresh_from_db()
    assert not article.live
    assert article.get_latest_revision_as_object().title == "Porters out"

    response = workflow_action(newsroom["sub_editor"], article, "approve", "Figures checked.")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and not article.has_unpublished_changes
    state = WorkflowState.objects.for_instance(article).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    task_state = TaskState.objects.get(workflow_state=state)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.comment == "Figures checked."
    assert task_state.finished_by.username == "sub"


def test_sub_editor_asks_for_changes_and_the_writer_resubmits(newsroom):
    article = submit(newsroom, "Nurses ballot")
    response = workflow_action(
        newsroom["sub_editor"], article, "reject", "Which hospitals? Name them."
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live
    state = article.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert TaskState.objects.get(workflow_state=state).comment == "Which hospitals? Name them."

    # The writer sees the comment, edits and resubmits; the workflow resumes.
    html = newsroom["writer"].get(edit_url(article)).content.decode()
    assert "Which hospitals? Name them." in html
    response = newsroom["writer"].post(
        edit_url(article),
        edit_form_of(
            article, standfirst="At Barts and the Royal London.", **{"action-submit": "1"}
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not article.live

    workflow_action(newsroom["editor"], article, "approve", "Good.")
    article.refresh_from_db()
    assert article.live and article.standfirst == "At Barts and the Royal London."


def test_approved_article_with_a_go_live_time_is_published_by_the_beat_task(newsroom):
    go_live = timezone.localtime() + datetime.timedelta(hours=2)
    article = submit(newsroom, "Embargoed", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    workflow_action(newsroom["sub_editor"], article, "approve", "Hold until the embargo.")
    article.refresh_from_db()
    assert not article.live
    revision = Revision.page_revisions.get(
        object_id=str(article.pk), approved_go_live_at__isnull=False
    )

    publish_scheduled_pages.apply()  # not due yet
    article.refresh_from_db()
    assert not article.live

    assert revision.approved_go_live_at > timezone.now()

    three_hours_later = timezone.now() + datetime.timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=three_hours_later):
        publish_scheduled_pages.apply()
    article.refresh_from_db()
    assert article.live
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


def test_beat_task_unpublishes_expired_articles(paper):  # noqa: F811
    expired = ArticlePageFactory(
        parent=paper["issue"], expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    current = ArticlePageFactory(
        parent=paper["issue"], expire_at=timezone.now() + datetime.timedelta(days=1)
    )
    publish_scheduled_pages.apply()
    expired.refresh_from_db()
    current.refresh_from_db()
    assert not expired.live and expired.expired
    assert current.live


def test_beat_task_skips_a_minute_while_another_run_holds_the_lock(paper):  # noqa: F811
    article = ArticlePageFactory(parent=paper["issue"], live=False, first_published_at=None)
    article.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    cache.add(PUBLISH_LOCK, True, 60)
    publish_scheduled_pages.apply()
    article.refresh_from_db()
    assert not article.live
    cache.delete(PUBLISH_LOCK)
    publish_scheduled_pages.apply()
    article.refresh_from_db()
    assert article.live
