"""Site search results as shown: highlighting that escapes content and query, snippets around
the match read from the indexed text, and result links made as Wagtail and Django make them.

Runs on SQLite (the embedded default) and, with DATABASE_URL set, on PostgreSQL.
"""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import RichTextBlock
from wagtail.models import Page

from issues.models import ArticlePage
from search.highlight import highlight
from search.query import parse
from search.results import Urls, plain_text, rich_text_words
from tests.factories import ArticlePageFactory, ImageFactory, stream
from tests.search.helpers import search

pytestmark = pytest.mark.django_db


# Highlighting ---------------------------------------------------------------------------------


def test_highlighting_escapes_content_and_query(client):
    ArticlePageFactory(
        title='Strike <script>alert("title")</script>',
        standfirst="<img src=x onerror=alert(1)> strike",
        body=stream(("paragraph", "<p>The strike &lt;script&gt;alert(2)&lt;/script&gt;</p>")),
    )
    html = search(client, q="strike").content.decode()
    assert "<mark>Strike</mark>" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;title&quot;)" in html
    # The query is echoed in the page and the form, escaped, whether or not anything matches.
    html = search(client, q='strike <script>alert("q")</script>').content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;q&quot;)" in html


def test_snippet_is_around_the_match():
    text = " ".join(["filler"] * 200) + " the picket held firm " + " ".join(["more"] * 200)
    snippet = highlight(text, parse("pickets").stems(), limit=20)
    assert "<mark>picket</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet.split()) <= 22


def test_snippet_text_is_the_indexed_text_without_looking_up_images(corpus):
    """The snippet reads the stored JSON: the same words as Wagtail's own
    get_searchable_content, and no image looked up for an image block."""
    image = ImageFactory()
    article = ArticlePageFactory(
        parent=corpus["headline"].get_parent(),
        title="Blocks of every kind",
        body=stream(
            ("paragraph", "<p>Opening &amp; close</p>"),
            ("subheading", "What next"),
            ("image", {"image": image.pk, "caption": "The picket", "credit": "Ours"}),
            ("pull_quote", {"quote": "An injury to one", "attribution": "IWW"}),
            ("box_out", {"title": "Numbers", "body": "<ul><li>89% for</li></ul>"}),
            ("footnotes", {"notes": ["<p>A source.</p>", "<p>Another.</p>"]}),
        ),
    )
    page = ArticlePage.objects.get(pk=article.pk)
    expected = []
    for child in ArticlePage.objects.get(pk=article.pk).body:
        if isinstance(child.block, RichTextBlock):
            expected.append(rich_text_words(child.value.source))
        else:
            expected += child.block.get_searchable_content(child.value)
    with CaptureQueriesContext(connection) as captured:
        text = plain_text(page, "body")
    assert text == " ".join(expected)
    assert "The picket" in text and "89% for" in text and "Another." in text
    assert len(captured) == 0


def test_result_links_are_wagtails_and_django_urls(client, corpus):
    request = RequestFactory().get("/search/")
    urls = Urls(request)
    pages = [value for value in corpus.values() if isinstance(value, Page)]
    assert len(pages) > 5
    for page in pages:
        assert urls.page(page) == page.get_url(RequestFactory().get("/search/"))
    article = corpus["headline"]
    assert urls.page(article.get_parent()) == article.get_parent().get_url(request)
    author, section = article.authors[0], article.section
    assert urls.author(author.slug) == author.get_absolute_url()
    assert urls.section(section.slug) == section.get_absolute_url()
    html = search(client, q="glaziers", type="article").content.decode()
    assert f'href="{article.url}"' in html and f'href="{author.get_absolute_url()}"' in html
