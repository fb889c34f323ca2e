"""Query budgets of the busiest pages; the issue page must not grow with its article count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    BulletinEditionPageFactory,
    ImageFactory,
    InsertPageFactory,
    IssuePageFactory,
    SectionFactory,
    stream,
)

pytestmark = pytest.mark.django_db

FRONT_PAGE_BUDGET = 15
ARTICLE_PAGE_BUDGET = 12
ISSUE_PAGE_BUDGET = 15


def build_issue(number, articles):
    issue = IssuePageFactory(number=number, cover_image=ImageFactory())
    sections = [SectionFactory(name=f"Section {i}", slug=f"section-{i}") for i in range(4)]
    authors = [AuthorFactory() for _ in range(3)]
    insert = InsertPageFactory(parent=issue)
    for i in range(articles):
        ArticlePageFactory(
            parent=insert if i % 5 == 4 else issue,
            section=sections[i % 4],
            authors=authors[: 1 + i % 2],
            image=ImageFactory() if i % 2 else None,
            tags=["rail"],
        )
    return issue


def count_queries(client, url):
    client.get(url)  # first request creates renditions and warms Wagtail's caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_front_page_budget(client):
    build_issue(800, 20)
    BulletinEditionPageFactory.create_batch(3)
    assert count_queries(client, "/") <= FRONT_PAGE_BUDGET


def test_article_page_budget(client):
    issue = build_issue(800, 3)
    article = ArticlePageFactory(
        parent=issue,
        image=ImageFactory(),
        authors=[AuthorFactory(), AuthorFactory()],
        tags=["rail", "strikes"],
        body=stream(
            ("paragraph", "<p>Text.</p>"),
            ("image", {"image": ImageFactory().pk, "caption": "c", "credit": "", "alt_text": ""}),
            ("image", {"image": ImageFactory().pk, "caption": "d", "credit": "", "alt_text": ""}),
        ),
    )
    assert count_queries(client, article.url) <= ARTICLE_PAGE_BUDGET


def test_issue_page_budget_is_independent_of_article_count(client):
    small = count_queries(client, build_issue(801, 5).url)
    large = count_queries(client, build_issue(802, 50).url)
    assert small == large
    assert large <= ISSUE_PAGE_BUDGET
