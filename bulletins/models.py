"""Workplace bulletins (Tubeworker, Off The Rails): series and their numbered editions."""

from django import forms
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from solidarity.blocks import BODY_FEATURES, INLINE_FEATURES, BulletinBodyBlock
from solidarity.models import SitePage, images_with_renditions

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as # and six hex digits.")


class BulletinIndexPage(SitePage):
    intro = RichTextField(blank=True, features=BODY_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["bulletins.BulletinSeriesPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        series = list(
            BulletinSeriesPage.objects.child_of(self)
            .published()
            .prefetch_related(Prefetch("logo", queryset=images_with_renditions()))
        )
        latest = latest_editions(len(series) * 3)
        for s in series:
            s.recent_editions = [e for e in latest if e.series.pk == s.pk][:3]
        context["series_list"] = series
        return context


class BulletinSeriesPage(SitePage):
    """A bulletin series: its masthead, and its editions as children."""

    strapline = models.CharField(max_length=160, blank=True)
    industry = models.CharField(max_length=80, help_text="e.g. London Underground")
    masthead_colour = models.CharField(
        max_length=7,
        default="#b3001b",
        validators=[hex_colour],
        help_text="The series' colour on the web and in print, e.g. #b3001b",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    intro = RichTextField(blank=True, features=BODY_FEATURES)
    contact_email = models.EmailField(blank=True)
    get_involved = RichTextField(
        blank=True,
        features=INLINE_FEATURES,
        help_text="Default 'get involved' text for editions that do not set their own",
    )
    printer_profile = models.ForeignKey(
        "printing.PrinterProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="How editions' print PDFs are made; blank for office A4",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("strapline"),
                FieldPanel("industry"),
                FieldPanel("masthead_colour"),
                FieldPanel("logo"),
            ],
            heading="Masthead",
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("get_involved")], heading="Get involved"
        ),
        FieldPanel("printer_profile"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("strapline"),
        index.SearchField("industry"),
        index.SearchField("intro"),
    ]

    parent_page_types = ["bulletins.BulletinIndexPage"]
    subpage_types = ["bulletins.BulletinEditionPage"]

    def editions(self):
        return (
            BulletinEditionPage.objects.child_of(self)
            .published()
            .defer_streamfields()
            .order_by("-number")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["editions"] = self.editions()
        return context


class BulletinEditionForm(WagtailAdminPageForm):
    """Refuses an edition number already used in the same series, with a clear message."""

    def clean_number(self):
        number = self.cleaned_data["number"]
        parent = self.parent_page
        clash = (
            BulletinEditionPage.objects.child_of(parent)
            .filter(number=number)
            .exclude(pk=self.instance.pk)
        )
        if number is not None and clash.exists():
            raise forms.ValidationError(
                f"{parent.title} already has an edition number {number}.",
                code="duplicate_edition",
            )
        return number


class BulletinEditionPage(SitePage):
    number = models.PositiveIntegerField("edition number")
    date = models.DateField()
    body = StreamField(BulletinBodyBlock(), help_text="The edition's short items")
    get_involved = RichTextField(
        blank=True,
        features=INLINE_FEATURES,
        help_text="Leave blank to use the series' text",
    )
    contact_email = models.EmailField(blank=True, help_text="Leave blank to use the series'")

    base_form_class = BulletinEditionForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("number"), FieldPanel("date")], heading="Edition"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("get_involved"), FieldPanel("contact_email")], heading="Get involved"
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.FilterField("number"),
        index.FilterField("date"),
    ]

    parent_page_types = ["bulletins.BulletinSeriesPage"]
    subpage_types = []

    def full_clean(self, *args, **kwargs):
        # An edition's URL is its number within the series: /bulletins/tubeworker/101/.
        if self.number:
            self.slug = str(self.number)
        super().full_clean(*args, **kwargs)

    @property
    def series(self):
        # Listings attach _series; a routed edition has its parent cached.
        if not hasattr(self, "_series"):
            self._series = self.get_parent().specific
        return self._series

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        series = self.series
        context["series"] = series
        context["get_involved"] = self.get_involved or series.get_involved
        context["contact_email"] = self.contact_email or series.contact_email
        return context


def latest_editions(count):
    """The newest live editions across all series, each with its series attached."""
    editions = list(
        BulletinEditionPage.objects.published().defer_streamfields().order_by("-date")[:count]
    )
    series_by_path = {s.path: s for s in BulletinSeriesPage.objects.published()}
    for edition in editions:
        edition._series = series_by_path.get(edition.path[: -Page.steplen])
    return [e for e in editions if e._series]
