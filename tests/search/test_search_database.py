"""What site search asks of the database: a query count that does not grow with the results,
filter lists read once then cached, and on PostgreSQL the GIN indexes (without pending lists)
and the search document table that follows the pages.

Runs on SQLite (the embedded default) and, with DATABASE_URL set, on PostgreSQL.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.models import IndexEntry

from search.models import SearchDocument
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    BulletinEditionPageFactory,
    IssuePageFactory,
    SectionFactory,
)
from tests.search.helpers import search, titles

pytestmark = pytest.mark.django_db


# Queries --------------------------------------------------------------------------------------


def test_query_count_does_not_grow_with_results(client, corpus, settings):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            search(client, q="glaziers")
        return len(captured)

    queries()  # the first request fills caches (site settings, content types...)
    few = queries()
    issue = IssuePageFactory(number=950)
    for n in range(8):
        ArticlePageFactory(parent=issue, title=f"Glaziers story {n}", authors=[AuthorFactory()])
    BulletinEditionPageFactory(parent=corpus["series"], title="More glaziers", number=102)
    assert queries() == few
    assert few <= 20


def test_filter_lists_are_read_once_then_cached(client, corpus):
    first = search(client, q="glaziers").content.decode()
    assert 'value="industrial"' in first  # a section
    assert f'value="{corpus["series"].slug}"' in first  # a bulletin series
    with CaptureQueriesContext(connection) as captured:
        search(client, q="glaziers")
    read = " ".join(query["sql"] for query in captured)
    assert 'FROM "issues_section"' not in read and 'FROM "issues_author"' not in read
    assert "DECLARE" not in read  # no server-side cursor for a <select>'s options


@pytest.mark.postgres
def test_postgres_has_gin_index_for_documents():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
        )
        definitions = [row[0] for row in cursor.fetchall()]
    assert any("gin" in d and "(title || body)" in d for d in definitions), definitions
    assert any("gin" in d and "(site_headline)" in d for d in definitions), definitions


@pytest.mark.postgres
def test_postgres_search_indexes_have_no_pending_list():
    # A pending list is read in full by every search until a vacuum merges it.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam"
            " WHERE am.amname = 'gin' AND i.indrelid IN"
            " ('wagtailsearch_indexentry'::regclass, 'site_search_document'::regclass)"
        )
        options = dict(cursor.fetchall())
    assert len(options) >= 4, options
    assert all("fastupdate=off" in (opts or []) for opts in options.values()), options


@pytest.mark.postgres
def test_postgres_document_table_follows_the_pages(client):
    section = SectionFactory(name="Industrial", slug="industrial")
    issue, other = IssuePageFactory(number=901), IssuePageFactory(number=902)
    article = ArticlePageFactory(parent=issue, title="Okapi dispute", section=section)
    row = SearchDocument.objects.get(page_id=article.pk)
    assert row.live and row.section_id == section.pk and row.path == article.path
    assert titles(search(client, q="okapi", section="industrial")) == ["Okapi dispute"]

    article.move(other, pos="last-child")
    article.refresh_from_db()
    assert SearchDocument.objects.get(page_id=article.pk).path == article.path

    article.unpublish()
    assert not SearchDocument.objects.get(page_id=article.pk).live
    assert titles(search(client, q="okapi")) == []

    article.save_revision().publish()
    assert titles(search(client, q="okapi")) == ["Okapi dispute"]

    # A rebuild of the index fills the table again, with the title norms it ends with.
    SearchDocument.objects.all().delete()
    call_command("update_index", verbosity=0)
    row = SearchDocument.objects.get(page_id=article.pk)
    entry = IndexEntry.objects.get(content_type_id=row.content_type_id, object_id=str(article.pk))
    assert row.title_norm == entry.title_norm

    article.delete()
    assert not SearchDocument.objects.filter(page_id=article.pk).exists()
