"""The print switches editors set for the site (Settings → Printing)."""

from django.db import models
from wagtail.contrib.settings.models import register_setting

from solidarity.models import SiteSetting


@register_setting(icon="doc-full")
class PrintingSettings(SiteSetting):
    build_print_pdf_on_publish = models.BooleanField(
        default=True,
        help_text="Build the print PDF of an issue, insert or bulletin edition on publishing",
    )

    class Meta:
        verbose_name = "printing"
