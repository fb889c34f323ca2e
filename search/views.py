"""Site search: articles, inserts, bulletin editions and plain pages, with filters.

Wagtail's database backend does the matching and ranking (search/backend.py); this module
builds the queryset the search runs on from the form's filters, then fetches what each result
shows in a fixed number of queries, whatever the number of results.
"""

import logging
import re
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.blocks import Block, RichTextBlock, StructBlock
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page, Site
from wagtail.rich_text import get_text_for_indexing

from bulletins.models import BulletinEditionPage, BulletinSeriesPage
from home.models import StandardPage
from issues.models import ArticleAuthor, ArticlePage, InsertPage, IssuePage
from solidarity.models import SitePageQuerySet

from . import backend, documents
from . import suggestions as suggestions_cache
from .backend import is_text_query
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
SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted in a path


def content_type_ids(models):
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def searchable_pages(kinds=None):
    """Published pages of the searchable types; print-only articles are not on the web."""
    models = [SEARCHABLE[k] for k in kinds] if kinds else list(SEARCHABLE.values())
    pages = SitePageQuerySet(Page).published().filter(content_type__in=content_type_ids(models))
    if ArticlePage in models:
        # NOT EXISTS, not NOT IN: PostgreSQL plans an anti-join, and can then reach the pages
        # from the index entries that match; with NOT IN (a hashed subplan) it guessed that
        # half the pages were print-only and scanned every page for every search.
        print_only = ArticlePage.objects.filter(pk=OuterRef("pk"), print_only=True)
        pages = pages.filter(~Exists(print_only))
    return pages


def searched_kinds(form):
    """The kinds of page the form asks for: None for all, [] for none."""
    data = form.cleaned_data
    kinds = [data["type"]] if data.get("type") else None
    # A filter that only articles have narrows the search to articles; the series to editions.
    if data.get("section") or data.get("author"):
        kinds = ["article"] if kinds in (None, ["article"]) else []
    if data.get("series"):
        kinds = ["edition"] if kinds in (None, ["edition"]) else []
    return kinds


def searched_models(form):
    kinds = searched_kinds(form)
    return list(SEARCHABLE.values()) if kinds is None else [SEARCHABLE[k] for k in kinds]


def filtered_pages(form):
    data = form.cleaned_data
    kinds = searched_kinds(form)
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
                # A search is a short query whose estimated cost over 100,000 rows can still
                # pass the thresholds for JIT compilation and parallel workers, which then cost
                # more to start than they save; and its tables are read from memory, so random
                # reads cost little more than sequential ones.
                cursor.execute(
                    f"SET LOCAL statement_timeout = {int(seconds * 1000)}; SET LOCAL jit = off; "
                    "SET LOCAL max_parallel_workers_per_gather = 0; "
                    "SET LOCAL random_page_cost = 1.1"
                )
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
    issue: IssuePage = None
    series: BulletinSeriesPage = None
    date: object = None
    url: str = None
    section_url: str = ""
    author_links: list = field(default_factory=list)  # (name, URL) pairs
    issue_url: str = None
    series_url: str = None


def plain_text(page, name):
    """The words of a StreamField as the search index sees them (rich text read faster),
    from the stored JSON: blocks are not converted, so images are never looked up."""
    value = getattr(page, name)
    child_blocks = value.stream_block.child_blocks
    content = []
    for item in value.raw_data:
        block = child_blocks.get(item["type"])
        if block is None:
            continue
        if isinstance(block, RichTextBlock) and block.search_index:
            content.append(rich_text_words(str(item["value"] or "")))
        else:
            content += searchable_content(block, item["value"])
    return " ".join(content)


def searchable_content(block, raw):
    """block.get_searchable_content(block.to_python(raw)), without converting the blocks that
    have no words (an image chooser's to_python is a query) or struct blocks around them."""
    method = type(block).get_searchable_content
    if method is Block.get_searchable_content:
        return []
    if method is StructBlock.get_searchable_content and isinstance(raw, dict):
        if not block.search_index:
            return []
        content = []
        for name, child in block.child_blocks.items():
            if name in raw:
                content += searchable_content(child, raw[name])
            else:
                content += child.get_searchable_content(child.get_default())
        return content
    return block.get_searchable_content(block.to_python(raw))


SIMPLE_TAG = re.compile(r"<[a-zA-Z/][^<>]*>")


def rich_text_words(html):
    """Wagtail's get_text_for_indexing, without an HTML parser for HTML made only of tags,
    text and entities (what the editor stores); anything else goes the parser's way."""
    if "<!" in html or "<?" in html or html.count("<") != len(SIMPLE_TAG.findall(html)):
        return get_text_for_indexing(html)
    html = re.sub(r"(</(p|h\d|li|blockquote)>)", r"\1 ", html, flags=re.IGNORECASE)
    html = re.sub(r"(<(br|hr)\s*/>)", r"\1 ", html, flags=re.IGNORECASE)
    return unescape(SIMPLE_TAG.sub("", html).strip())


# What a result shows, and what its URL needs (Wagtail's get_url reads url_path and path).
PAGE_FIELDS = ("title", "path", "depth", "url_path", "first_published_at")
RESULT_FIELDS = {
    ArticlePage: (*PAGE_FIELDS, "standfirst", "section", "body"),
    InsertPage: (*PAGE_FIELDS, "theme", "introduction"),
    BulletinEditionPage: (*PAGE_FIELDS, "number", "date", "body"),
    StandardPage: (*PAGE_FIELDS, "standfirst", "body"),
}
# Articles' authors in order, with only what a result shows of them (rows, not objects).
AUTHOR_ROWS = ArticleAuthor.objects.order_by("sort_order").values_list(
    "article_id", "author__name", "author__slug"
)
ISSUE_FIELDS = ("path", "depth", "url_path", "number", "publication_date")
SERIES_FIELDS = ("path", "depth", "url_path", "title")
SERVE_PATH = re.compile(r"(?:[\w\-]+/)*")  # what Wagtail's serve view's URL pattern takes


class Urls:
    """URLs for one request's results, as Wagtail's get_url and reverse() would give them.

    The search page links up to a hundred pages, authors and sections: reverse() and Wagtail's
    site matching for each took a third of the page's time. Here the site, the site root
    paths (Wagtail's cached list) and the reversed URL patterns are looked up once.
    """

    SLUG = "slug-marker"

    def __init__(self, request):
        self.request = request
        self.site = Site.find_for_request(request)
        self.roots = Site.get_site_root_paths()
        self.fast = bool(self.roots) and not getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        self.sites = len({root.site_id for root in self.roots})
        if self.fast:
            try:
                self.serve = reverse("wagtail_serve", args=("",))
            except NoReverseMatch:
                self.fast = False
        self.author = self.pattern("issues:author")
        self.section = self.pattern("issues:section")

    def pattern(self, name):
        before, after = reverse(name, args=[self.SLUG]).split(self.SLUG)
        return lambda slug: before + quote(str(slug), safe=SAFE) + after

    def page(self, page):
        """page.get_url(request), without a reverse() or a site look-up per page."""
        if not self.fast:
            return page.get_url(self.request)
        possible = [root for root in self.roots if page.url_path.startswith(root.root_path)]
        if not possible:
            return None
        chosen = possible[0]
        if self.site is not None:
            chosen = next((r for r in possible if r.site_id == self.site.pk), possible[0])
        tail = page.url_path[len(chosen.root_path) :]
        if not SERVE_PATH.fullmatch(tail):
            return page.get_url(self.request)
        path = self.serve + quote(tail, safe=SAFE)
        if not WAGTAIL_APPEND_SLASH and path != "/":
            path = path.rstrip("/")
        if (self.site is not None and chosen.site_id == self.site.pk) or self.sites == 1:
            return path
        return chosen.root_url + path


def describe(pages, stems, request):
    """A Result for each page, in order: the fields shown in one query per type present, and
    the issues and bulletin series the pages belong to in one query each, authors in one."""
    ids_by_model = defaultdict(list)
    for page in pages:
        ids_by_model[page.specific_class].append(page.pk)
    querysets = {
        ArticlePage: lambda: ArticlePage.objects.select_related("section"),
        InsertPage: lambda: InsertPage.objects.all(),
        BulletinEditionPage: lambda: BulletinEditionPage.objects.all(),
        StandardPage: lambda: StandardPage.objects.all(),
    }
    specific = {}
    for model, ids in ids_by_model.items():
        if model in querysets:
            found = querysets[model]().only(*RESULT_FIELDS[model]).filter(pk__in=ids)
            specific.update({p.pk: p for p in found})
    ancestors = {
        page.path[:n] for page in pages for n in range(Page.steplen, len(page.path), Page.steplen)
    }
    authors = defaultdict(list)
    if ids_by_model.get(ArticlePage):
        for article_id, name, slug in AUTHOR_ROWS.filter(article_id__in=ids_by_model[ArticlePage]):
            authors[article_id].append((name, slug))
    issues = series = {}
    if ancestors and (ids_by_model.get(ArticlePage) or ids_by_model.get(InsertPage)):
        found = IssuePage.objects.filter(path__in=ancestors).only(*ISSUE_FIELDS)
        issues = {i.path: i for i in found}
    if ancestors and ids_by_model.get(BulletinEditionPage):
        found = BulletinSeriesPage.objects.filter(path__in=ancestors).only(*SERIES_FIELDS)
        series = {s.path: s for s in found}

    def ancestor(page, found):
        for n in range(len(page.path) - Page.steplen, 0, -Page.steplen):
            if page.path[:n] in found:
                return found[page.path[:n]]
        return None

    urls = Urls(request)
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
            url=urls.page(page),
        )
        if isinstance(page, ArticlePage):
            result.standfirst = highlight(page.standfirst, stems)
            result.snippet = highlight(plain_text(page, "body"), stems, SNIPPET_WORDS)
            result.section = page.section
            result.author_links = [(name, urls.author(slug)) for name, slug in authors[page.pk]]
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
        if result.section:
            result.section_url = urls.section(result.section.slug)
        if result.issue:
            result.date = result.issue.publication_date
            result.issue_url = urls.page(result.issue)
        if result.series:
            result.series_url = urls.page(result.series)
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
    if connection.vendor == "postgresql" and is_text_query(query):
        # Filters, count and ranking on the narrow document table (search/documents.py).
        kinds = [SEARCHABLE[k] for k in SEARCHABLE if SEARCHABLE[k] in searched_models(form)]
        return documents.search(
            query,
            form,
            pages,
            content_type_ids(kinds),
            content_type_ids([ArticlePage])[0],
            sort,
        )
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
                items=describe(listed, form.parsed.stems() if context["query"] else set(), request),
            )
    return render(request, "search/search.html", context)


def suggest(request):
    """Headlines that start with what has been typed, as JSON for the search box's script."""
    query = clean_query(request.GET.get("q", ""))[:MAX_SUGGEST_LENGTH]
    words = WORD.findall(query)[:6]
    suggestions = []
    if words and len("".join(words)) >= 2:
        typed = " ".join(words).lower()
        suggestions = suggestions_cache.cached(
            [request.get_host(), typed], lambda: find_suggestions(request, typed)
        )
    response = JsonResponse({"query": query, "suggestions": suggestions})
    patch_cache_control(response, public=True, max_age=300)
    return response


def find_suggestions(request, typed):
    """([{title, url}...], whether to cache them)."""
    try:
        with time_limit(TIME_LIMIT):
            pages = list(searchable_pages().autocomplete(typed)[:SUGGESTIONS])
    except DatabaseError:
        logger.warning("Suggestions failed or timed out for %r", typed)
        return [], False
    return [{"title": p.title, "url": p.get_url(request)} for p in pages], True
