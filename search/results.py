"""What each search result shows, fetched in a fixed number of queries whatever the number of
results, with the matched words marked (search/highlight.py)."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.blocks import Block, RichTextBlock, StructBlock
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page, Site
from wagtail.rich_text import get_text_for_indexing

from bulletins.models import BulletinEditionPage, BulletinSeriesPage
from home.models import StandardPage
from issues.models import ArticleAuthor, ArticlePage, InsertPage, IssuePage

from .highlight import SNIPPET_WORDS, highlight

KIND_LABELS = {
    ArticlePage: "Article",
    InsertPage: "Insert",
    BulletinEditionPage: "Bulletin",
    StandardPage: "Page",
}
SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted in a path


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
