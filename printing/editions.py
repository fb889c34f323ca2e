"""Published editions with print PDFs: issues, inserts and bulletin editions as a list of
downloads shows them (the sellers' portal, the public screen edition)."""

from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Substr
from django.utils.dateformat import format as format_date
from django.utils.text import slugify
from wagtail.models import Page

from bulletins.models import BulletinEditionPage
from issues.models import InsertPage, IssuePage
from solidarity.models import SitePageQuerySet


def with_edition_fields(pages):
    """Annotate pages with what a listing shows, so it needs no query per page.

    `sort_date` (an insert takes its issue's date), `number`, `cover_headline`, and the parent's
    `parent_title` and `parent_slug` (the issue of an insert, the series of an edition).
    """
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


def published_editions(*models):
    """Published issues, inserts and bulletin editions (or only `models`), newest first.

    A page under an unpublished parent is left out: the public site cannot reach it either.
    """
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
    return with_edition_fields(pages).order_by("-sort_date", "path")


class Edition:
    """A page from published_editions() as a list of downloads shows it, with its latest
    print job."""

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
        label = self.heading
        if self.kind == self.BULLETIN:
            label = f"{label}: {self.page.title}"
        if self.page.sort_date:
            label = f"{label} ({format_date(self.page.sort_date, 'j M Y')})"
        return label

    @property
    def filename(self):
        """What the downloaded PDF is called: solidarity-738.pdf, tubeworker-123.pdf."""
        if self.kind == self.ISSUE:
            name = f"solidarity-{self.page.slug}"
        elif self.kind == self.INSERT:
            name = f"solidarity-{self.page.parent_slug}-{self.page.slug}"
        else:
            name = f"{self.page.parent_slug}-{self.page.slug}"
        return f"{slugify(name)}.pdf"
