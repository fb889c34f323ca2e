"""Dated corrections: added in the admin, shown under the article and in its feed entry."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset

from issues.models import ArticleCorrection, ArticlePage
from tests.factories import ArticlePageFactory, IssuePageFactory
from tests.home.test_query_budgets import ARTICLE_PAGE_BUDGET
from tests.newsroom.test_roles import edit_form_of, edit_url

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def correct(article, *corrections):
    for order, (date, text) in enumerate(corrections):
        ArticleCorrection.objects.create(article=article, date=date, text=text, sort_order=order)


@pytest.fixture
def article():
    return ArticlePageFactory(
        parent=IssuePageFactory(number=741), title="Strike at the depot", slug="depot"
    )


def test_editor_adds_a_correction_in_the_admin(admin_client, article):
    corrections = inline_formset(
        [{"date": "2026-11-20", "text": "The strike began on Monday, not Tuesday."}]
    )
    data = edit_form_of(article, corrections=corrections, **{"action-publish": "1"})
    response = admin_client.post(edit_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    [correction] = ArticlePage.objects.get(pk=article.pk).corrections.all()
    assert correction.date == datetime.date(2026, 11, 20)
    assert correction.text == "The strike began on Monday, not Tuesday."


def test_corrections_are_shown_on_the_page_oldest_first_and_escaped(client, article):
    correct(
        article,
        (datetime.date(2026, 11, 21), "The union is RMT, not <b>ASLEF</b>."),
        (datetime.date(2026, 11, 20), "The strike began on Monday."),
    )
    html = client.get(article.url).content.decode()
    assert "Corrections</h2>" in html
    assert '<time datetime="2026-11-20">20 November 2026</time>' in html
    assert html.index("20 November 2026") < html.index("21 November 2026")
    assert "The union is RMT, not &lt;b&gt;ASLEF&lt;/b&gt;." in html
    assert "<b>ASLEF</b>" not in html


def test_an_article_without_corrections_shows_no_corrections_box(client, article):
    assert "corrections-heading" not in client.get(article.url).content.decode()


def test_corrections_are_in_the_feed_entry(client, article):
    correct(article, (datetime.date(2026, 11, 20), "Monday, not <Tuesday> & not Wednesday."))
    ArticlePageFactory(parent=article.get_parent(), title="Uncorrected")
    feed = ET.fromstring(client.get("/feeds/").content)
    summaries = {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}summary")
        for entry in feed.iter(f"{ATOM}entry")
    }
    summary = summaries["Strike at the depot"]
    assert summary.get("type") == "html"
    # The summary is HTML: the correction's text is escaped inside it.
    assert summary.text == (
        "<p>Workers are fighting back.</p>"
        "<p><strong>Correction, 20 November 2026:</strong> "
        "Monday, not &lt;Tuesday&gt; &amp; not Wednesday.</p>"
    )
    assert "Correction" not in summaries["Uncorrected"].text


def page_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_corrections_cost_no_query_per_correction(client, article):
    without = page_queries(client, article.url)
    correct(article, *[(datetime.date(2026, 11, day), f"Fix {day}.") for day in range(1, 6)])
    assert page_queries(client, article.url) == without <= ARTICLE_PAGE_BUDGET


def test_feed_queries_do_not_grow_with_corrections(client, article):
    issue = article.get_parent()
    for i in range(3):
        correct(ArticlePageFactory(parent=issue), (datetime.date(2026, 11, 20), f"Fix {i}."))
    few = page_queries(client, "/feeds/")
    for i in range(5):
        correct(ArticlePageFactory(parent=issue), (datetime.date(2026, 11, 21), f"More {i}."))
    assert page_queries(client, "/feeds/") == few
