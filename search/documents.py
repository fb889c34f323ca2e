"""PostgreSQL search on `site_search_document` (search/models.py): filters, counts and ranking
on a narrow table, never on Wagtail's wide index entries.

`sync()` copies Wagtail's vectors for some pages (or all) with the page's filter columns; the
backend's index calls it after every write (search/backend_postgres.py), and migration 0004
fills the table. `search()` takes the rows the filters leave (search/filters.py) and returns
what the paginator pages through: the same tiers as the backend's HeadlineFirstCompiler
(headline matches first, then the rest; newest first past COUNT_CAP), and the pages shown are
looked up through the reader's queryset, so that a page unpublished or made private since its
row was written is still never shown.
"""

from django.db import connection as default_connection
from django.db.models import F, Q
from modelsearch.backends import get_search_backend

from . import ranking
from .models import SearchDocument

SYNC = """
    INSERT INTO site_search_document (
        page_id, content_type_id, live, path, first_published_at, section_id,
        print_only, title, title_norm, headline, body)
    SELECT p.id, p.content_type_id, p.live, p.path, p.first_published_at, a.section_id,
           COALESCE(a.print_only, false),
           e.title, e.title_norm, e.site_headline, e.body
    FROM wagtailsearch_indexentry e
    JOIN wagtailcore_page p
      ON p.content_type_id = e.content_type_id AND e.object_id = p.id::varchar(50)::text
    LEFT JOIN issues_articlepage a ON a.page_ptr_id = p.id
    WHERE %(ids)s::integer[] IS NULL OR p.id = ANY(%(ids)s::integer[])
    ON CONFLICT (page_id) DO UPDATE SET
        content_type_id = EXCLUDED.content_type_id, live = EXCLUDED.live, path = EXCLUDED.path,
        first_published_at = EXCLUDED.first_published_at, section_id = EXCLUDED.section_id,
        print_only = EXCLUDED.print_only,
        title = EXCLUDED.title, title_norm = EXCLUDED.title_norm,
        headline = EXCLUDED.headline, body = EXCLUDED.body
"""

UNINDEXED = """
    DELETE FROM site_search_document d WHERE NOT EXISTS (
        SELECT 1 FROM wagtailsearch_indexentry e
        WHERE e.object_id = d.page_id::varchar(50)::text AND e.content_type_id = d.content_type_id)
"""

TITLE_NORMS = """
    UPDATE site_search_document d SET title_norm = e.title_norm
    FROM wagtailsearch_indexentry e
    WHERE e.content_type_id = d.content_type_id AND e.object_id = d.page_id::varchar(50)::text
      AND d.title_norm IS DISTINCT FROM e.title_norm
"""

# What publishing, unpublishing or moving changes without re-indexing every descendant.
REFRESH = """
    UPDATE site_search_document d
    SET live = p.live, path = p.path, first_published_at = p.first_published_at
    FROM wagtailcore_page p
    WHERE p.id = d.page_id AND p.path LIKE %s
      AND (d.live, d.path, d.first_published_at)
          IS DISTINCT FROM (p.live, p.path, p.first_published_at)
"""


def sync(page_ids=None, connection=None):
    """Copy the index entries of these pages (all when None) into the document table."""
    connection = connection or default_connection
    with connection.cursor() as cursor:
        ids = None if page_ids is None else list(page_ids)
        cursor.execute(SYNC, {"ids": ids})
        if ids is not None:
            # Rows of pages no longer indexed (Wagtail removed their entries).
            cursor.execute(UNINDEXED + " AND d.page_id = ANY(%s)", [ids])


def delete_unindexed():
    """Rows of pages that no longer have an index entry."""
    with default_connection.cursor() as cursor:
        cursor.execute(UNINDEXED)


def copy_title_norms():
    """The index entries' title norms, where the rows' copies differ."""
    with default_connection.cursor() as cursor:
        cursor.execute(TITLE_NORMS)


def refresh_paths(path):
    """Live, path and date of a page and its descendants, from the pages themselves."""
    with default_connection.cursor() as cursor:
        cursor.execute(REFRESH, [path.replace("\\", "\\\\").replace("%", "\\%") + "%"])


def delete(page_ids):
    SearchDocument.objects.filter(page_id__in=list(page_ids)).delete()


RECENCY = [F("first_published_at").desc(nulls_last=True), F("page_id").desc()]
NEWEST = [F("first_published_at").desc(), F("page_id").desc()]


class DocumentResults:
    """Results of a search on the document table, for Django's paginator."""

    def __init__(self, compiler, config, docs, pages, order):
        self.compiler = compiler
        self.query = compiler.query
        self.config = config
        self.tsquery = compiler.build_tsquery(compiler.query, config=config)
        self.docs = docs
        self.pages = pages
        self.order = order  # "relevance", "newest" or "oldest"
        self._count = None

    def matches(self):
        document = F("title")._combine(F("body"), "||", False)
        return self.docs.alias(_document_=document).filter(_document_=self.tsquery)

    def in_headline(self):
        return self.in_vector("headline")

    def in_vector(self, name):
        """The rows whose vector `name` (the headline or the title) matches; when words are
        excluded, their whole document is checked too."""
        if ranking.has_negation(self.query):
            return self.matches().filter(**{name: self.tsquery})
        return self.docs.filter(**{name: self.tsquery})

    def count(self):
        """How many pages match, counting no further than COUNT_CAP + 1."""
        if self._count is None:
            count = 0
            if self.order == "relevance" and not ranking.has_negation(self.query):
                count = self.in_headline().values("pk")[: ranking.COUNT_CAP + 1].count()
            if count <= ranking.COUNT_CAP:
                count = self.matches().values("pk")[: ranking.COUNT_CAP + 1].count()
            self._count = count
        return self._count

    def __len__(self):
        return self.count()

    def tiers(self):
        if self.order == "newest":
            return [self.matches().order_by(*NEWEST)]
        if self.order == "oldest":
            return [self.matches().order_by("first_published_at", "page_id")]
        in_headline = self.in_headline()
        rest = self.matches().filter(~Q(headline=self.tsquery))
        if self.count() <= ranking.COUNT_CAP:
            headline_rank = ranking.headline_rank(F("headline"), self.tsquery)
            vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
            full_rank = self.compiler._build_rank_expression(vectors, self.config)
            return [
                in_headline.order_by(headline_rank.desc(), *RECENCY),
                rest.order_by(full_rank.desc(), *RECENCY),
            ]
        return [
            # On its own (a title match is a headline match): PostgreSQL then estimates how
            # many titles match, and for a common word reads the newest rows until it has a
            # page of them rather than every match.
            self.in_vector("title").order_by(*NEWEST),
            in_headline.filter(~Q(title=self.tsquery)).order_by(*NEWEST),
            rest.order_by(*NEWEST),
        ]

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("search results are read a page at a time")
        start, stop = key.start or 0, key.stop
        stop = start + ranking.COUNT_CAP if stop is None else stop
        tiers = [tier.values_list("page_id", flat=True) for tier in self.tiers()]
        ids = ranking.page_of_tiers(tiers, start, stop)
        # The view reads only each page's type and path, then the fields it shows.
        found = self.pages.only("path", "content_type").in_bulk(ids) if ids else {}
        return [found[pk] for pk in ids if pk in found]


def search(query, pages, docs, order):
    """The pages among `pages` whose rows among `docs` match the query, in this order."""
    search_backend = get_search_backend()
    compiler = search_backend.query_compiler_class(pages, query)
    config = compiler.get_config(search_backend)
    return DocumentResults(compiler, config, docs, pages, order)
