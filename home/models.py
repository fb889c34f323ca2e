"""The front page and plain pages ("Where we stand")."""

from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from bulletins.models import latest_editions
from issues.models import ArticlePage, IssuePage, Section
from solidarity.blocks import BodyBlock
from solidarity.models import SitePage


class HomePage(SitePage):
    strapline = models.CharField(max_length=160, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("strapline")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "issues.IssueIndexPage",
        "bulletins.BulletinIndexPage",
        "home.StandardPage",
    ]
    max_count = 1

    ARTICLES_PER_SECTION = 3  # how many articles per section the front page lists

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        latest_issue = IssuePage.objects.published().order_by("-number").first()

        # The lead stories, and the newest few articles of each section besides them, come in
        # one query and are split up below.
        leads = latest_issue.lead_articles().values("pk") if latest_issue else []
        newest_by_section = (
            ArticlePage.objects.web()
            .exclude(pk__in=leads)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("section_id"),
                    order_by=[F("first_published_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=self.ARTICLES_PER_SECTION)
            .values("pk")
        )
        articles = (
            ArticlePage.objects.filter(Q(pk__in=leads) | Q(pk__in=newest_by_section))
            .with_listing_data()
            .order_by("-first_published_at", "-pk")
        )
        # The leads are the issue's first articles in print order: all of them are fetched, and
        # any other article of the issue that is fetched comes after them.
        in_issue = sorted(
            (a for a in articles if latest_issue and a.is_child_of(latest_issue)),
            key=lambda a: a.path,
        )
        lead_articles = in_issue[: IssuePage.LEAD_ARTICLES]
        by_section = {}
        for article in articles:
            if article not in lead_articles:
                by_section.setdefault(article.section_id, []).append(article)
        sections = [(s, by_section[s.pk]) for s in Section.objects.all() if s.pk in by_section]

        context.update(
            latest_issue=latest_issue,
            lead_articles=lead_articles,
            sections=sections,
            bulletin_editions=latest_editions(4),
        )
        return context


class StandardPage(SitePage):
    standfirst = models.TextField(blank=True, max_length=400)
    body = StreamField(BodyBlock())

    content_panels = [*Page.content_panels, FieldPanel("standfirst"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
