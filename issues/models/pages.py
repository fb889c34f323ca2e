"""Solidarity, the newspaper: its archive, issues, inserts and articles."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from solidarity.blocks import BODY_FEATURES, BodyBlock
from solidarity.models import SitePage, SitePageQuerySet, images_with_renditions

from .snippets import Author, Section


class IssueIndexPage(SitePage):
    """The Solidarity archive: every issue, by year and month, a page at a time."""

    ISSUES_PER_PAGE = 52  # about a year of weekly issues

    intro = RichTextField(blank=True, features=BODY_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["issues.IssuePage"]
    max_count = 1

    def issues(self):
        return IssuePage.objects.child_of(self).published().order_by("-number")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = self.issues().order_by("-publication_date", "-number")
        years = [d.year for d in issues.dates("publication_date", "year", order="DESC")]
        year = request.GET.get("year", "")
        year = int(year) if len(year) == 4 and year.isascii() and year.isdigit() else None
        if year not in years:
            year = None
        if year:
            issues = issues.filter(publication_date__year=year)
        page = Paginator(
            issues.defer_streamfields().prefetch_related(
                Prefetch("cover_image", queryset=images_with_renditions())
            ),
            self.ISSUES_PER_PAGE,
        ).get_page(request.GET.get("page"))
        # Year, then month, headings over the issues of this page.
        grouped = []
        for issue in page:
            date = issue.publication_date
            if not grouped or grouped[-1][0] != date.year:
                grouped.append((date.year, []))
            months = grouped[-1][1]
            if not months or months[-1][0].month != date.month:
                months.append((date.replace(day=1), []))
            months[-1][1].append(issue)
        context.update(issues=page, issues_by_year=grouped, years=years, year=year)
        return context


class IssuePage(SitePage):
    """One numbered issue of the paper. Its children, in tree order, are its print order."""

    number = models.PositiveIntegerField(
        "issue number",
        unique=True,
        error_messages={"unique": "There is already an issue with this number."},
    )
    publication_date = models.DateField()
    cover_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cover_headline = models.CharField(max_length=160, blank=True)
    price_text = models.CharField(max_length=60, default="£1 (£2 solidarity price)")
    editorial_note = RichTextField(blank=True, features=BODY_FEATURES)
    printer_profile = models.ForeignKey(
        "printing.PrinterProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="How the print PDF is made; blank for the newspaper printer profile",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("number"), FieldPanel("publication_date"), FieldPanel("price_text")],
            heading="Issue",
        ),
        MultiFieldPanel(
            [FieldPanel("cover_headline"), FieldPanel("cover_image")], heading="Front page"
        ),
        FieldPanel("editorial_note"),
        FieldPanel("printer_profile"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
            # The newsroom adds its Flatplan tab here when it starts (newsroom/panels.py).
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("cover_headline"),
        index.SearchField("editorial_note"),
        index.FilterField("number"),
        index.FilterField("publication_date"),
    ]

    parent_page_types = ["issues.IssueIndexPage"]
    subpage_types = ["issues.ArticlePage", "issues.InsertPage"]

    def full_clean(self, *args, **kwargs):
        # The URL of an issue is its number: /solidarity/712/.
        if self.number:
            self.slug = str(self.number)
        super().full_clean(*args, **kwargs)

    def web_articles(self):
        """Live web articles in this issue and its inserts, in print order."""
        return ArticlePage.objects.descendant_of(self).web().with_listing_data().order_by("path")

    LEAD_ARTICLES = 3

    def lead_articles(self):
        """The first articles in print order: the issue's lead stories."""
        return self.web_articles().filter(depth=self.depth + 1)[: self.LEAD_ARTICLES]

    def contents(self):
        """The issue's articles and inserts in print order, each insert with its own articles.

        A fixed number of queries, whatever the number of articles.
        """
        inserts = {
            insert.path: insert
            for insert in InsertPage.objects.child_of(self).published().order_by("path")
        }
        for insert in inserts.values():
            insert.contents = []
        items = []
        for article in self.web_articles():
            if article.depth == self.depth + 1:
                items.append(article)
            else:
                insert = inserts.get(article.path[: -Page.steplen])
                if insert:
                    insert.contents.append(article)
        items.extend(inserts.values())
        items.sort(key=lambda item: item.path)
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contents"] = self.contents()
        return context


class InsertPage(SitePage):
    """A thematic insert inside an issue, with its own articles."""

    theme = models.CharField(max_length=160)
    series_name = models.CharField(max_length=80, default="Workers' Liberty")
    series_number = models.PositiveIntegerField(null=True, blank=True)
    introduction = RichTextField(blank=True, features=BODY_FEATURES)
    cover_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("series_name"), FieldPanel("series_number")],
            heading="Insert",
        ),
        FieldPanel("introduction"),
        FieldPanel("cover_image"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("theme"),
        index.SearchField("introduction"),
    ]

    parent_page_types = ["issues.IssuePage"]
    subpage_types = ["issues.ArticlePage"]

    is_insert = True  # tells an insert from an article in an issue's mixed contents

    @property
    def series_label(self):
        if self.series_number:
            return f"{self.series_name} {self.series_number}"
        return self.series_name

    def get_issue(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issue"] = self.get_issue()
        context["articles"] = (
            ArticlePage.objects.child_of(self).web().with_listing_data().order_by("path")
        )
        return context


class ArticleAuthor(Orderable):
    article = ParentalKey("issues.ArticlePage", related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="article_links")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")
        ]


class ArticleCorrection(Orderable):
    """A dated correction to a published article, shown under it and in its feed entry."""

    article = ParentalKey("issues.ArticlePage", related_name="corrections")
    date = models.DateField(default=timezone.localdate)
    text = models.TextField(
        max_length=600, help_text="What was wrong and what is right, in plain words"
    )

    panels = [FieldPanel("date"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "correction"


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "issues.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePageQuerySet(SitePageQuerySet):
    def with_authors(self):
        return self.prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
            )
        )

    def with_corrections(self):
        return self.prefetch_related(
            Prefetch(
                "corrections",
                queryset=ArticleCorrection.objects.order_by("date", "sort_order", "pk"),
            )
        )

    def with_listing_data(self):
        """What a listing shows of each article, fetched in a fixed number of queries."""
        return (
            self.defer_streamfields()
            .select_related("section")
            .prefetch_related(Prefetch("image", queryset=images_with_renditions()))
            .with_authors()
        )

    def web(self):
        """Published articles that appear on the web (not print-only)."""
        return self.published().filter(print_only=False)


class ArticlePage(SitePage):
    standfirst = models.TextField(
        max_length=400, blank=True, help_text="The one or two sentences under the headline"
    )
    section = models.ForeignKey(
        Section, null=True, blank=False, on_delete=models.PROTECT, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in listings and when the article is shared",
    )
    body = StreamField(BodyBlock())
    web_only = models.BooleanField(default=False, help_text="Published on the web, not in print")
    print_only = models.BooleanField(
        default=False, help_text="In the printed paper only: not listed or shown on the web"
    )

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    content_panels = [
        TitleFieldPanel("title", heading="Headline"),
        FieldPanel("standfirst"),
        InlinePanel("article_authors", label="Authors", min_num=1),
        MultiFieldPanel([FieldPanel("section"), FieldPanel("tags")], heading="Filing"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("web_only"), FieldPanel("print_only")], heading="Where"),
        InlinePanel(
            "corrections",
            label="Corrections",
            help_text="Dated corrections, shown at the end of the article and in its feed entry",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst", boost=3),
        index.SearchField("body"),
        index.RelatedFields("section", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "article_authors", [index.RelatedFields("author", [index.SearchField("name")])]
        ),
        index.FilterField("section"),
        index.FilterField("print_only"),
    ]

    parent_page_types = ["issues.IssuePage", "issues.InsertPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        if self.web_only and self.print_only:
            raise ValidationError("An article cannot be both web-only and print-only.")

    @classmethod
    def routing_queryset(cls):
        return cls.objects.select_related("section", "image").with_authors().with_corrections()

    @property
    def authors(self):
        return [link.author for link in self.article_authors.all()]

    def get_issue(self):
        """The issue the article is in, directly or through an insert (cached when routed)."""
        parent = self.get_parent().specific
        return parent.get_parent().specific if isinstance(parent, InsertPage) else parent

    def serve(self, request, *args, **kwargs):
        if self.print_only:
            raise Http404("This article appears in print only.")
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return [] if self.print_only else super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issue"] = self.get_issue()
        return context
