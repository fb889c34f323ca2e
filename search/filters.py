"""The search filters, defined once.

The form (search/forms.py) reads them from the URL; `Filters` says what they mean. A search runs
on a queryset of pages (Wagtail's index) or, on PostgreSQL, on the rows of the document table
(search/documents.py): `Filters.narrow` applies the same filters to either.
"""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import NegatedExpression
from django.utils import timezone
from wagtail.models import Page

from bulletins.models import BulletinEditionPage
from home.models import StandardPage
from issues.models import ArticleAuthor, ArticlePage, InsertPage
from solidarity.models import SitePageQuerySet, restricted_paths

from .models import SearchDocument

# The kinds of page a reader can search for (the form's "type").
SEARCHABLE = {
    "article": ArticlePage,
    "insert": InsertPage,
    "edition": BulletinEditionPage,
    "page": StandardPage,
}
EVERY_KIND = tuple(SEARCHABLE.values())


def content_type_ids(models):
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def searchable_pages(models=EVERY_KIND):
    """Published pages of these types; print-only articles are not on the web."""
    pages = SitePageQuerySet(Page).published().filter(content_type__in=content_type_ids(models))
    if ArticlePage in models:
        # NOT EXISTS, not NOT IN: PostgreSQL plans an anti-join, and can then reach the pages
        # from the index entries that match; with NOT IN (a hashed subplan) it guessed that
        # half the pages were print-only and scanned every page for every search.
        print_only = ArticlePage.objects.filter(pk=OuterRef("pk"), print_only=True)
        pages = pages.filter(~Exists(print_only))
    return pages


def searchable_documents(models):
    """The document table's rows a reader may find, of these types (searchable_pages' rule)."""
    docs = SearchDocument.objects.filter(live=True, content_type_id__in=content_type_ids(models))
    if ArticlePage in models:
        docs = docs.filter(print_only=False)
    paths = restricted_paths()
    if paths:
        docs = docs.exclude(reduce(or_, (Q(path__startswith=p) for p in paths)))
    return docs


class ExpressionFiltersMixin:
    """For the backends' query compilers: lets the queryset carry a filter on an expression,
    such as searchable_pages' NOT EXISTS.

    Wagtail checks that every filter of the queryset names a FilterField, so that search
    engines could run it; the database backends run the queryset itself, so an expression
    needs no translating, and the check would only fail on it for want of a column.
    """

    def _get_filters_from_where_node(self, where_node, check_only=False):
        lhs = getattr(where_node, "lhs", None)
        # A column (target) or a transform of one (year__lt) keeps Wagtail's check.
        if check_only and isinstance(lhs, (Exists, NegatedExpression)):
            return None
        return super()._get_filters_from_where_node(where_node, check_only=check_only)


@dataclass(frozen=True)
class Columns:
    """Where a queryset's rows keep the page's id, and the article's section if they have it."""

    page_id: str
    section_id: str | None = None


PAGES = Columns("id")
DOCUMENTS = Columns("page_id", section_id="section_id")


def date_range(data):
    """The year and date filters as aware datetimes: [start, end), None where open."""
    start, end = data.get("date_from"), data.get("date_to")
    # The day after the last; none after date.max, so the range is then open-ended.
    end = end + datetime.timedelta(days=1) if end and end < datetime.date.max else None
    if data.get("year"):
        year_start = datetime.date(data["year"], 1, 1)
        year_end = datetime.date(data["year"] + 1, 1, 1)
        start = max(start, year_start) if start else year_start
        end = min(end, year_end) if end else year_end

    def aware(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

    return (aware(start) if start else None, aware(end) if end else None)


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to."""

    kinds: tuple | None = None  # keys of SEARCHABLE: None for every kind, () for none
    section: object = None
    author: object = None
    series: object = None  # a BulletinSeriesPage
    start: datetime.datetime | None = None  # first published on or after
    end: datetime.datetime | None = None  # and before

    @classmethod
    def from_form(cls, form):
        data = form.cleaned_data
        kinds = (data["type"],) if data.get("type") else None
        # A filter that only articles have narrows the search to articles; the series to editions.
        if data.get("section") or data.get("author"):
            kinds = ("article",) if kinds in (None, ("article",)) else ()
        if data.get("series"):
            kinds = ("edition",) if kinds in (None, ("edition",)) else ()
        start, end = date_range(data)
        return cls(kinds, data.get("section"), data.get("author"), data.get("series"), start, end)

    @property
    def is_set(self):
        return self.kinds is not None or any(
            (self.section, self.author, self.series, self.start, self.end)
        )

    @property
    def models(self):
        return EVERY_KIND if self.kinds is None else tuple(SEARCHABLE[k] for k in self.kinds)

    def pages(self):
        """The pages to search (Wagtail's index)."""
        if self.kinds == ():
            return Page.objects.none()
        return self.narrow(searchable_pages(self.models), PAGES)

    def documents(self):
        """The rows of the document table to search (PostgreSQL)."""
        return self.narrow(searchable_documents(self.models), DOCUMENTS)

    def narrow(self, queryset, columns):
        """The queryset's rows (pages, or documents) that pass the filters other than kind."""
        if self.section and columns.section_id:
            queryset = queryset.filter(**{columns.section_id: self.section.pk})
        elif self.section:
            articles = ArticlePage.objects.filter(section=self.section).values("pk")
            queryset = queryset.filter(**{f"{columns.page_id}__in": articles})
        if self.author:
            # From the authors' own narrow table: authors are saved after their article (and
            # indexed with it only then), so the document table has no column for them.
            articles = ArticleAuthor.objects.filter(author=self.author).values("article_id")
            queryset = queryset.filter(**{f"{columns.page_id}__in": articles})
        if self.series:
            queryset = queryset.filter(path__startswith=self.series.path)
        if self.start:
            queryset = queryset.filter(first_published_at__gte=self.start)
        if self.end:
            queryset = queryset.filter(first_published_at__lt=self.end)
        return queryset
