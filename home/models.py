"""The front page, plain pages ("Where we stand") and the site-wide settings."""

from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from bulletins.models import latest_editions
from issues.models import ArticlePage, IssuePage, Section
from solidarity.blocks import BODY_FEATURES, BodyBlock
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

    # How many articles per section the front page lists, and how far back it looks for them.
    ARTICLES_PER_SECTION = 3
    RECENT_ARTICLES = 60

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        latest_issue = IssuePage.objects.published().order_by("-number").first()

        # The lead stories and the latest articles come in one query, split up below.
        recent = ArticlePage.objects.web().order_by("-first_published_at")
        wanted = Q(pk__in=recent.values("pk")[: self.RECENT_ARTICLES])
        if latest_issue:
            wanted |= Q(pk__in=latest_issue.lead_articles().values("pk"))
        articles = list(ArticlePage.objects.filter(wanted).with_listing_data())

        lead_articles = []
        if latest_issue:
            lead_articles = sorted(
                (a for a in articles if a.is_child_of(latest_issue)), key=lambda a: a.path
            )[: IssuePage.LEAD_ARTICLES]
        lead_ids = {a.pk for a in lead_articles}

        sections = {s.pk: (s, []) for s in Section.objects.all()}
        articles.sort(key=lambda a: a.first_published_at, reverse=True)
        for article in articles:
            entry = sections.get(article.section_id)
            if article.pk not in lead_ids and entry and len(entry[1]) < self.ARTICLES_PER_SECTION:
                entry[1].append(article)

        context.update(
            latest_issue=latest_issue,
            lead_articles=lead_articles,
            sections=[entry for entry in sections.values() if entry[1]],
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


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """What the public site says about the organisation, editable in the admin."""

    organisation = models.CharField(max_length=120, default="Workers' Liberty")
    tagline = models.CharField(max_length=160, default="For workers' liberty, east and west")
    about = RichTextField(
        blank=True, features=BODY_FEATURES, help_text="A few lines in the site footer"
    )
    contact_email = models.EmailField(blank=True)
    postal_address = models.TextField(blank=True, max_length=300)
    social_handle = models.CharField(
        max_length=60, blank=True, help_text="The paper's handle, e.g. @workersliberty"
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("tagline"), FieldPanel("about")],
            heading="Publisher",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("postal_address"),
                FieldPanel("social_handle"),
            ],
            heading="Contact",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
