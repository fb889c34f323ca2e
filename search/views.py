"""Site search: articles, inserts, bulletin editions and plain pages, with filters.

Wagtail's database backend does the matching and ranking (search/backend.py); this module
builds the queryset the search runs on from the form's filters, then fetches what each result
shows in a fixed number of queries, whatever the number of results.
"""

import logging
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from wagtail.models import Page

from bulletins.models import BulletinEditionPage, BulletinSeriesPage
from home.models import StandardPage
from issues.models import ArticlePage, InsertPage, IssuePage
from solidarity.models import SitePageQuerySet

from . import backend
from .forms import SearchForm
from .highlight import SNIPPET_WORDS, highlight
from .query import WORD, clean_query

logger = logging.getLogger(__name__)

SEARCHABLE = {
    "article": ArticlePage,
    "insert": InsertPage,
    "edition": BulletinEditionPage,
    "page": StandardPage,
}
KIND_LABELS = {
    ArticlePage: "Article",
    InsertPage: "Insert",
    BulletinEditionPage: "Bulletin",
    StandardPage: "Page",
}
TIME_LIMIT = 1.0  # seconds: a search that takes longer is stopped and the reader told
SUGGESTIONS = 8
MAX_SUGGEST_LENGTH = 100


def content_type_ids(models):
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def searchable_pages(kinds=None):
    """Published pages of the searchable types; print-only articles are not on the web."""
    models = [SEARCHABLE[k] for k in kinds] if kinds else list(SEARCHABLE.values())
    pages = SitePageQuerySet(Page).published().filter(content_type__in=content_type_ids(models))
    if ArticlePage in models:
        pages = pages.exclude(id__in=ArticlePage.objects.filter(print_only=True).values("pk"))
    return pages


def filtered_pages(form):
    data = form.cleaned_data
    kinds = [data["type"]] if data.get("type") else None
    # A filter that only articles have narrows the search to articles; the series to editions.
    if data.get("section") or data.get("author"):
        kinds = ["article"] if kinds in (None, ["article"]) else []
    if data.get("series"):
        kinds = ["edition"] if kinds in (None, ["edition"]) else []
    if kinds == []:
        return Page.objects.none()
    pages = searchable_pages(kinds)
    if data.get("section"):
        articles = ArticlePage.objects.filter(section=data["section"])
        pages = pages.filter(id__in=articles.values("pk"))
    if data.get("author"):
        articles = ArticlePage.objects.filter(article_authors__author=data["author"])
        pages = pages.filter(id__in=articles.values("pk"))
    if data.get("series"):
        pages = pages.filter(path__startswith=data["series"].path)
    start, end = form.date_range()
    if start:
        pages = pages.filter(first_published_at__gte=start)
    if end:
        pages = pages.filter(first_published_at__lt=end)
    return pages


@contextmanager
def time_limit(seconds):
    """Stop any query that runs longer than `seconds` (it raises a DatabaseError)."""
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(seconds * 1000)}")
            yield
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        deadline = time.monotonic() + seconds
        connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            yield
        finally:
            connection.connection.set_progress_handler(None, 0)
    else:
        yield


@dataclass
class Result:
    page: Page
    kind: str
    title: str
    standfirst: str = ""
    snippet: str = ""
    section: object = None
    authors: list = field(default_factory=list)
    issue: IssuePage = None
    series: BulletinSeriesPage = None
    date: object = None


def plain_text(page, name):
    """The words of a StreamField as the search index sees them."""
    value = getattr(page, name)
    return " ".join(page._meta.get_field(name).get_searchable_content(value))


def describe(pages, stems):
    """A Result for each page, in order: specific fields in one query per type present, and
    the issues and bulletin series the pages belong to in one query each."""
    ids_by_model = defaultdict(list)
    for page in pages:
        ids_by_model[page.specific_class].append(page.pk)
    querysets = {
        ArticlePage: lambda: ArticlePage.objects.select_related("section").with_authors(),
        InsertPage: lambda: InsertPage.objects.all(),
        BulletinEditionPage: lambda: BulletinEditionPage.objects.all(),
        StandardPage: lambda: StandardPage.objects.all(),
    }
    specific = {}
    for model, ids in ids_by_model.items():
        if model in querysets:
            specific.update({p.pk: p for p in querysets[model]().filter(pk__in=ids)})
    ancestors = {
        page.path[:n] for page in pages for n in range(Page.steplen, len(page.path), Page.steplen)
    }
    issues = series = {}
    if ancestors and (ids_by_model.get(ArticlePage) or ids_by_model.get(InsertPage)):
        issues = {i.path: i for i in IssuePage.objects.filter(path__in=ancestors)}
    if ancestors and ids_by_model.get(BulletinEditionPage):
        series = {s.path: s for s in BulletinSeriesPage.objects.filter(path__in=ancestors)}

    def ancestor(page, found):
        for n in range(len(page.path) - Page.steplen, 0, -Page.steplen):
            if page.path[:n] in found:
                return found[page.path[:n]]
        return None

    results = []
    for base in pages:
        page = specific.get(base.pk)
        if page is None:
            continue
        result = Result(
            page=page,
            kind=KIND_LABELS[type(page)],
            title=highlight(page.title, stems),
            date=page.first_published_at,
        )
        if isinstance(page, ArticlePage):
            result.standfirst = highlight(page.standfirst, stems)
            result.snippet = highlight(plain_text(page, "body"), stems, SNIPPET_WORDS)
            result.section, result.authors = page.section, page.authors
            result.issue = ancestor(page, issues)
        elif isinstance(page, InsertPage):
            result.standfirst = highlight(page.theme, stems)
            result.snippet = highlight(strip_tags(page.introduction), stems, SNIPPET_WORDS)
            result.issue = ancestor(page, issues)
        elif isinstance(page, BulletinEditionPage):
            result.snippet = highlight(plain_text(page, "body"), stems, SNIPPET_WORDS)
            result.series = ancestor(page, series)
            result.date = page.date
        else:
            result.standfirst = highlight(page.standfirst, stems)
            result.snippet = highlight(plain_text(page, "body"), stems, SNIPPET_WORDS)
        if result.issue:
            result.date = result.issue.publication_date
        results.append(result)
    return results


def run_search(form):
    """The matching pages, as a queryset or Wagtail search results, in the chosen order."""
    data = form.cleaned_data
    pages = filtered_pages(form)
    sort = data.get("sort") or "relevance"
    query = form.parsed.search_query() if data.get("q") else None
    if query is None:
        order = ["first_published_at", "id"] if sort == "oldest" else ["-first_published_at", "-id"]
        return pages.order_by(*order)
    if sort == "relevance":
        return pages.search(query)
    order = ["first_published_at", "id"] if sort == "oldest" else ["-first_published_at", "-id"]
    return pages.order_by(*order).search(query, order_by_relevance=False)


def search(request):
    form = SearchForm(request.GET or None)
    context = {
        "form": form,
        "query": request.GET.get("q", "")[:200],
        "count_cap": backend.COUNT_CAP,
    }
    if form.is_valid() and (form.cleaned_data["q"] or form.has_filters):
        context["query"] = form.cleaned_data["q"]
        try:
            with time_limit(TIME_LIMIT):
                results = run_search(form)
                paginator = Paginator(results, settings.SOLIDARITY_PAGE_SIZE)
                page = paginator.get_page(request.GET.get("page"))
                listed = list(page.object_list)
        except DatabaseError:
            logger.warning("Search failed or timed out: %r", request.GET.urlencode()[:300])
            context["search_error"] = (
                "That search took too long. Try more specific words, or narrow it with a filter."
            )
        else:
            context.update(
                searched=True,
                results=page,
                items=describe(listed, form.parsed.stems() if context["query"] else set()),
            )
    return render(request, "search/search.html", context)


def suggest(request):
    """Headlines that start with what has been typed, as JSON for the search box's script."""
    query = clean_query(request.GET.get("q", ""))[:MAX_SUGGEST_LENGTH]
    words = WORD.findall(query)[:6]
    suggestions = []
    if words and len("".join(words)) >= 2:
        try:
            with time_limit(TIME_LIMIT):
                pages = list(searchable_pages().autocomplete(" ".join(words))[:SUGGESTIONS])
        except DatabaseError:
            logger.warning("Suggestions failed or timed out for %r", query)
            pages = []
        suggestions = [{"title": p.title, "url": p.get_url(request)} for p in pages]
    response = JsonResponse({"query": query, "suggestions": suggestions})
    patch_cache_control(response, public=True, max_age=300)
    return response
