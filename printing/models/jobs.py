"""Printer profiles and print jobs: what is built, how, and the resulting PDF."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..storage import private_storage

# Trim sizes in millimetres (width, height).
PAGE_SIZES = {
    "a4": ("A4 (210 × 297 mm)", (210, 297)),
    "a3": ("A3 (297 × 420 mm)", (297, 420)),
    "tabloid": ("Tabloid (289 × 380 mm)", (289, 380)),
    "280x430": ("Broadsheet 280 × 430 mm", (280, 430)),
    "berliner": ("Berliner (315 × 470 mm)", (315, 470)),
}


class PrinterProfile(models.Model):
    """What a printer asks for: page size, bleed and marks, colour, image resolution."""

    RGB, CMYK = "rgb", "cmyk"

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    page_size = models.CharField(
        max_length=20, choices=[(k, label) for k, (label, _) in PAGE_SIZES.items()]
    )
    bleed_mm = models.DecimalField(
        "bleed (mm)",
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        help_text="Extra image area beyond the trim on every side; 3 mm is usual",
    )
    crop_marks = models.BooleanField(default=False, help_text="Drawn outside the bleed")
    colour = models.CharField(
        max_length=4,
        choices=[(RGB, "RGB"), (CMYK, "CMYK with a PDF/X-4 output intent")],
        default=RGB,
    )
    min_dpi = models.PositiveSmallIntegerField(
        "minimum image resolution (dpi)",
        default=150,
        help_text="Images are resized to this resolution for their printed size; "
        "smaller originals are reported as warnings",
    )
    columns = models.PositiveSmallIntegerField(
        default=5, help_text="Text columns on a full page (2 to 5)"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("page_size"),
                FieldPanel("bleed_mm"),
                FieldPanel("crop_marks"),
                FieldPanel("columns"),
            ],
            heading="Page",
        ),
        MultiFieldPanel([FieldPanel("colour"), FieldPanel("min_dpi")], heading="Colour and images"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def trim_mm(self):
        return PAGE_SIZES[self.page_size][1]

    @property
    def slug_mm(self):
        """Margin beyond the bleed that carries the crop marks."""
        return Decimal("8") if self.crop_marks else Decimal("0")

    def clean(self):
        if not 2 <= self.columns <= 5:
            raise ValidationError({"columns": "Choose between 2 and 5 columns."})


def print_file_path(job, filename):
    # A random component: file names cannot be guessed, even by someone who sees one.
    return f"print/{job.created_at:%Y/%m}/{secrets.token_urlsafe(16)}/{filename}"


class PrintJobQuerySet(models.QuerySet):
    def done(self):
        return self.filter(status=PrintJob.DONE).exclude(file="")

    def latest_done(self, page, variant="print"):
        """The PDF sellers use: the newest finished build. Running or failed builds never
        replace it."""
        return self.done().filter(page=page, variant=variant).order_by("-finished_at").first()

    def latest_done_by_page(self, pages, variant="print"):
        """{page id: newest finished job} for many pages, in one query."""
        latest = {}
        jobs = (
            self.done().filter(page__in=pages, variant=variant).order_by("page_id", "-finished_at")
        )
        for job in jobs:
            latest.setdefault(job.page_id, job)
        return latest


class PrintJob(models.Model):
    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "Queued"), (RUNNING, "Running"), (DONE, "Done"), (FAILED, "Failed")]
    PRINT, SCREEN = "print", "screen"
    VARIANTS = [(PRINT, "Print"), (SCREEN, "Screen")]

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="print_jobs"
    )
    variant = models.CharField(max_length=10, choices=VARIANTS, default=PRINT)
    profile = models.ForeignKey(
        PrinterProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    status = models.CharField(max_length=10, choices=STATUSES, default=QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=120, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    file = models.FileField(storage=private_storage, upload_to=print_file_path, blank=True)
    thumbnail = models.FileField(storage=private_storage, upload_to=print_file_path, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    objects = PrintJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "variant", "status", "-finished_at"])]

    def __str__(self):
        return (
            f"{self.get_variant_display()} PDF of {self.page.title} ({self.get_status_display()})"
        )

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def is_active(self):
        return self.status in (self.QUEUED, self.RUNNING)
