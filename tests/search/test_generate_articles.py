"""The benchmark corpus: articles made, indexed (in two processes on PostgreSQL) and found."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.models import IntegerField
from django.db.models.functions import Cast
from wagtail.search.models import IndexEntry

from demo.management.commands import generate_articles
from issues.models import ArticlePage, IssuePage
from search.models import SearchDocument
from tests.factories import IssueIndexPageFactory


# Committed data: on PostgreSQL the indexing processes read the pages from their own connections.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_generated_articles_are_indexed_and_found(client, monkeypatch):
    monkeypatch.setattr(generate_articles, "BATCH", 10)  # five batches for two processes
    IssueIndexPageFactory(title="Solidarity", slug="solidarity")
    call_command("generate_articles", 45, "--per-issue", "10", "--jobs", "2", "--seed", "7")

    articles = ArticlePage.objects.live()
    assert articles.count() == 45
    assert IssuePage.objects.count() == 5
    # Every article is in the index, whichever process indexed it.
    entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(ArticlePage))
    assert entries.count() == 45
    headline = articles.order_by("pk").last().title
    response = client.get("/search/", {"q": f'"{headline}"'})
    assert headline in [item.page.title for item in response.context["items"]]

    if connection.vendor == "postgresql":
        # Title norms are refreshed once at the end, in the index and in its copy.
        norms = dict(
            entries.annotate(page_id=Cast("object_id", IntegerField())).values_list(
                "page_id", "title_norm"
            )
        )
        assert set(norms.values()) != {1.0}
        copies = SearchDocument.objects.filter(page_id__in=norms)
        assert dict(copies.values_list("page_id", "title_norm")) == norms
