"""Sellers: their profiles, what they download, and what they sell."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

SELLERS_GROUP = "Sellers"


class SellerProfile(models.Model):
    """A seller's branch or area. Their name, email and "active" flag live on the user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seller_profile"
    )
    area = models.CharField(
        "branch or area", max_length=120, help_text="e.g. South London, Sheffield, Tube depots"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__first_name", "user__last_name", "user__email"]
        verbose_name = "seller"

    def __str__(self):
        return self.user.get_full_name() or self.user.email or self.user.get_username()

    def delete(self, *args, **kwargs):
        # Without a profile the user is no longer a seller: take them out of the group too.
        self.user.groups.remove(*Group.objects.filter(name=SELLERS_GROUP))
        return super().delete(*args, **kwargs)


class Download(models.Model):
    """One download of a print PDF from the sellers' portal."""

    # The page is kept as well as the job: old builds may be pruned, the count per issue stays.
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(
        "printing.PrintJob", null=True, on_delete=models.SET_NULL, related_name="downloads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    downloaded_at = models.DateTimeField(default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)

    class Meta:
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"Download of job {self.job_id} by user {self.user_id}"


class SaleRecord(models.Model):
    """Copies sold and money taken by one seller for one issue or bulletin edition."""

    seller = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="sale_records"
    )
    # Copied from the seller's profile when recorded, so that totals per area stay as they were
    # when a seller moves or leaves.
    area = models.CharField("branch or area", max_length=120, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="issue or edition",
    )
    copies = models.PositiveIntegerField(
        "copies sold",
        validators=[MinValueValidator(0, "Copies sold cannot be negative.")],
    )
    money_taken = models.DecimalField(
        "money taken (£)",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0, "Money taken cannot be negative.")],
    )
    note = models.CharField(max_length=300, blank=True, help_text="Where you sold, for example")
    date = models.DateField("date sold", default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.copies} copies, £{self.money_taken} ({self.date})"


# Who may use the portal ----------------------------------------------------------------------


def is_editor(user):
    return user.is_active and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def is_active_seller(user):
    return user.is_active and user.groups.filter(name=SELLERS_GROUP).exists()


def can_use_portal(user):
    """Active sellers and editors may list and download print PDFs."""
    return user.is_authenticated and (is_active_seller(user) or is_editor(user))


# What the portal shows -----------------------------------------------------------------------


def with_portal_fields(pages):
    """Annotate pages with what a listing shows, so it needs no query per page.

    `sort_date` (an insert takes its issue's date), `number`, `cover_headline`, and the parent's
    `parent_title` and `parent_slug` (the issue of an insert, the series of an edition).
    """
    from django.db.models import F, OuterRef, Subquery
    from django.db.models.functions import Coalesce, Substr
    from wagtail.models import Page

    parent = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Page.steplen)
    )
    return pages.annotate(
        sort_date=Coalesce(
            "issuepage__publication_date",
            "bulletineditionpage__date",
            Subquery(parent.values("issuepage__publication_date")[:1]),
        ),
        number=Coalesce("issuepage__number", "bulletineditionpage__number"),
        cover_headline=F("issuepage__cover_headline"),
        parent_title=Subquery(parent.values("title")[:1]),
        parent_slug=Subquery(parent.values("slug")[:1]),
    )


def portal_pages(*models):
    """Published issues, inserts and bulletin editions (or only `models`), newest first.

    A page under an unpublished parent is left out: the public site cannot reach it either.
    """
    from django.db.models import Exists, F, OuterRef
    from django.db.models.functions import Substr
    from wagtail.models import Page

    from bulletins.models import BulletinEditionPage
    from issues.models import InsertPage, IssuePage
    from solidarity.models import SitePageQuerySet

    unpublished_ancestor = Page.objects.filter(
        live=False,
        depth__lt=OuterRef("depth"),
        path=Substr(OuterRef("path"), 1, F("depth") * Page.steplen),
    )
    pages = (
        SitePageQuerySet(Page)
        .type(*(models or (IssuePage, InsertPage, BulletinEditionPage)))
        .published()
        .exclude(Exists(unpublished_ancestor))
    )
    return with_portal_fields(pages).order_by("-sort_date", "path")


class PortalItem:
    """A page from portal_pages() as the portal shows it, with its latest print job."""

    ISSUE, INSERT, BULLETIN = "issue", "insert", "bulletin"
    KIND_LABELS = {ISSUE: "Solidarity", INSERT: "Insert", BULLETIN: "Bulletin"}

    def __init__(self, page, job=None):
        self.page = page
        self.job = job
        self.kind = {"IssuePage": self.ISSUE, "InsertPage": self.INSERT}.get(
            page.specific_class.__name__, self.BULLETIN
        )

    @property
    def kind_label(self):
        return self.KIND_LABELS[self.kind]

    @property
    def heading(self):
        if self.kind == self.BULLETIN:
            return f"{self.page.parent_title} {self.page.number}"
        return self.page.title

    @property
    def subheading(self):
        if self.kind == self.ISSUE:
            return self.page.cover_headline or ""
        if self.kind == self.INSERT:
            return f"Insert in {self.page.parent_title}"
        return self.page.title

    @property
    def label(self):
        """One line, for a choice in a form."""
        from django.utils.dateformat import format as format_date

        label = self.heading
        if self.kind == self.BULLETIN:
            label = f"{label}: {self.page.title}"
        if self.page.sort_date:
            label = f"{label} ({format_date(self.page.sort_date, 'j M Y')})"
        return label

    @property
    def filename(self):
        """What the downloaded PDF is called: solidarity-738.pdf, tubeworker-123.pdf."""
        from django.utils.text import slugify

        if self.kind == self.ISSUE:
            name = f"solidarity-{self.page.slug}"
        elif self.kind == self.INSERT:
            name = f"solidarity-{self.page.parent_slug}-{self.page.slug}"
        else:
            name = f"{self.page.parent_slug}-{self.page.slug}"
        return f"{slugify(name)}.pdf"
