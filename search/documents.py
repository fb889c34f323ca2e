"""PostgreSQL search on `site_search_document` (search/models.py): filters, counts and ranking
on a narrow table, never on Wagtail's wide index entries.

`sync()` copies Wagtail's vectors for some pages (or all) with the page's filter columns; the
backend's index calls it after every write (search/backend.py), and migration 0004 fills the
table. `search()` returns what the paginator pages through: the same tiers as the backend's
HeadlineFirstCompiler (headline matches first, then the rest; newest first past COUNT_CAP),
and the pages shown are looked up through the reader's queryset, so that a page unpublished or
made private since its row was written is still never shown.
"""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchRank
from django.db import connection as default_connection
from django.db.models import F, Q

from issues.models import ArticleAuthor
from solidarity.models import restricted_paths

from . import backend
from .backend import HEADLINE_WEIGHTS, has_negation
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


def documents(form, content_types, article_type):
    """The rows a reader may find, with the form's filters."""
    data = form.cleaned_data
    docs = SearchDocument.objects.filter(live=True, content_type_id__in=content_types)
    if article_type in content_types:
        docs = docs.filter(print_only=False)
    paths = restricted_paths()
    if paths:
        docs = docs.exclude(reduce(or_, (Q(path__startswith=p) for p in paths)))
    if data.get("section"):
        docs = docs.filter(section_id=data["section"].pk)
    if data.get("author"):
        # Authors are saved after their article (and indexed with it only then): read them
        # from their own narrow table.
        articles = ArticleAuthor.objects.filter(author=data["author"]).values("article_id")
        docs = docs.filter(page_id__in=articles)
    if data.get("series"):
        docs = docs.filter(path__startswith=data["series"].path)
    start, end = form.date_range()
    if start:
        docs = docs.filter(first_published_at__gte=start)
    if end:
        docs = docs.filter(first_published_at__lt=end)
    return docs


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
        if has_negation(self.query):
            return self.matches().filter(**{name: self.tsquery})
        return self.docs.filter(**{name: self.tsquery})

    def count(self):
        """How many pages match, counting no further than COUNT_CAP + 1."""
        if self._count is None:
            count = 0
            if self.order == "relevance" and not has_negation(self.query):
                count = self.in_headline().values("pk")[: backend.COUNT_CAP + 1].count()
            if count <= backend.COUNT_CAP:
                count = self.matches().values("pk")[: backend.COUNT_CAP + 1].count()
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
        if self.count() <= backend.COUNT_CAP:
            headline_rank = SearchRank(F("headline"), self.tsquery, weights=HEADLINE_WEIGHTS)
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
        stop = start + backend.COUNT_CAP if stop is None else stop
        tiers = [tier.values_list("page_id", flat=True) for tier in self.tiers()]
        ids = backend.page_of_tiers(tiers, start, stop)
        # The view reads only each page's type and path, then the fields it shows.
        found = self.pages.only("path", "content_type").in_bulk(ids) if ids else {}
        return [found[pk] for pk in ids if pk in found]


def search(query, form, pages, content_types, article_type, order):
    from modelsearch.backends import get_search_backend

    search_backend = get_search_backend()
    compiler = search_backend.query_compiler_class(pages, query)
    config = compiler.get_config(search_backend)
    docs = documents(form, content_types, article_type)
    return DocumentResults(compiler, config, docs, pages, order)
