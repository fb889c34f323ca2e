from django.contrib.admin import display
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import modeladmin_register

from solidarity.admin import Button, RecordAdmin

from . import admin_views
from .documents import is_printable
from .models import PrinterProfile, PrintJob
from .preview import PREVIEW_MODE, print_preview


@hooks.register("register_admin_urls")
def print_admin_urls():
    return [
        path("printing/build/<int:page_id>/", admin_views.build, name="printing_build"),
        path("printing/status/", admin_views.job_status, name="printing_status"),
        path("printing/jobs/<int:job_id>/retry/", admin_views.retry_job, name="printing_retry"),
        path("printing/jobs/<int:job_id>/<str:kind>/", admin_views.job_file, name="printing_file"),
    ]


@hooks.register("register_preview_modes")
def print_layout_preview_mode(page_class):
    return [(*PREVIEW_MODE, print_preview)] if is_printable(page_class) else []


@hooks.register("register_page_header_buttons")
def build_print_pdf_button(page, user, view_name=None, next_url=None):
    if is_printable(page):
        yield ListingButton(
            "Build print PDF",
            reverse("printing_build", args=[page.pk]),
            icon_name="doc-full",
            priority=15,
        )


@hooks.register("insert_global_admin_js")
def progress_bars_js():
    return format_html('<script src="{}" defer></script>', static("printing/progress.js"))


class PrintJobPermissionHelper(PermissionHelper):
    """Jobs are made by "Build print PDF" and written by the worker: listed, inspected and
    deleted, never added or changed through a form (not even by a superuser)."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


class PrintJobAdmin(RecordAdmin):
    model = PrintJob
    permission_helper_class = PrintJobPermissionHelper
    menu_label = "Print jobs"
    menu_icon = "doc-full"
    menu_order = 300
    add_to_admin_menu = True
    list_display = (
        "thumbnail_img",
        "page",
        "variant",
        "progress_bar",
        "page_count",
        "size",
        "warnings_count",
        "requested_by",
        "created_at",
    )
    list_display_add_buttons = "page"
    list_filter = ("status", "variant")
    search_fields = ("page__title",)
    inspect_view_enabled = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("page", "requested_by", "profile")

    def row_buttons(self, job):
        builds = reverse("printing_build", args=[job.page_id])
        buttons = [Button("Builds", builds, title="Every build of this page, and a new one")]
        if job.file:
            buttons.append(Button("Download PDF", reverse("printing_file", args=[job.pk, "pdf"])))
        return buttons

    @display(description="Page 1")
    def thumbnail_img(self, job):
        if not job.thumbnail:
            return ""
        return format_html(
            '<img src="{}" width="60" alt="Page 1 of {}">',
            reverse("printing_file", args=[job.pk, "thumbnail"]),
            job.page.title,
        )

    @display(description="Status")
    def progress_bar(self, job):
        return render_to_string("printing/admin/progress.html", {"job": job})

    @display(description="Size")
    def size(self, job):
        return f"{job.file_size / 1e6:.1f} MB" if job.file_size else ""

    @display(description="Warnings")
    def warnings_count(self, job):
        return len(job.warnings) or ""


class PrinterProfileAdmin(RecordAdmin):
    model = PrinterProfile
    menu_label = "Printer profiles"
    menu_icon = "cog"
    menu_order = 310
    add_to_settings_menu = True
    list_display = ("name", "page_size", "bleed_mm", "crop_marks", "colour", "min_dpi", "columns")


modeladmin_register(PrintJobAdmin)
modeladmin_register(PrinterProfileAdmin)
