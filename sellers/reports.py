"""The sellers' reports in the admin: downloads by issue, sales by issue and by area.

Wagtail ReportViews, each with its own URLs and spreadsheet export (registered in
wagtail_hooks.py); the records themselves are listed by the ModelAdmins of admin.py.
"""

import django_filters
from django.db.models import Count, Max, Sum
from django.urls import reverse
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from printing.editions import Edition, with_edition_fields

from .models import Download, SaleRecord


def page_titles(page_ids):
    """{page id: "Solidarity 738" / "Tubeworker 123: headline"} for report rows, in one query."""
    pages = with_edition_fields(Page.objects.filter(pk__in=page_ids))
    return {page.pk: Edition(page).label for page in pages}


class DownloadFilterSet(WagtailFilterSet):
    period = django_filters.DateFromToRangeFilter(
        field_name="downloaded_at", label="Downloaded", widget=DateRangePickerWidget
    )

    class Meta:
        model = Download
        fields = []


class SaleFilterSet(WagtailFilterSet):
    period = django_filters.DateFromToRangeFilter(
        field_name="date", label="Date sold", widget=DateRangePickerWidget
    )
    area = django_filters.CharFilter(label="Branch or area", lookup_expr="icontains")

    class Meta:
        model = SaleRecord
        fields = []


class AggregateReportView(ReportView):
    """A report of rows grouped by `group_by`, each with its aggregate `totals`."""

    model = None
    group_by = None
    totals = {}
    ordering = ()

    def get_filtered_queryset(self):
        rows = self.filter_queryset(self.model.objects.all())
        return rows.values(self.group_by).annotate(**self.totals).order_by(*self.ordering)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": self.model.objects.all()}

    # The spreadsheet export has the same columns and headings as the table.
    @property
    def list_export(self):
        return [column.name for column in self.columns]

    @property
    def export_headings(self):
        return {column.name: column.label for column in self.columns}


class PageReportMixin:
    """Rows grouped by page get the page's title, looked up for the current page only."""

    def decorate_paginated_queryset(self, rows):
        rows = list(rows)
        titles = page_titles([row["page"] for row in rows])
        for row in rows:
            row["title"] = titles.get(row["page"], "(deleted page)")
        return rows


def page_edit_url(row):
    return reverse("wagtailadmin_pages:edit", args=[row["page"]])


class DownloadsReportView(PageReportMixin, AggregateReportView):
    page_title = "Downloads by issue"
    header_icon = "download"
    model = Download
    permission_policy = ModelPermissionPolicy(Download)
    any_permission_required = ["view"]
    filterset_class = DownloadFilterSet
    index_url_name = "sellers_downloads_report"
    index_results_url_name = "sellers_downloads_report_results"
    group_by = "page"
    totals = {
        "downloads": Count("pk"),
        "sellers": Count("user", distinct=True),
        "last_download": Max("downloaded_at"),
    }
    ordering = ("-last_download",)
    columns = [
        TitleColumn("title", label="Issue or edition", get_url=page_edit_url),
        NumberColumn("downloads", label="Downloads"),
        NumberColumn("sellers", label="People"),
        DateColumn("last_download", label="Last download"),
    ]
    export_filename = "downloads-by-issue"


SALES_TOTALS = {
    "records": Count("pk"),
    "sellers": Count("seller", distinct=True),
    "copies": Sum("copies"),
    "money": Sum("money_taken"),
}


class SalesByIssueReportView(PageReportMixin, AggregateReportView):
    page_title = "Sales by issue"
    header_icon = "tag"
    model = SaleRecord
    permission_policy = ModelPermissionPolicy(SaleRecord)
    any_permission_required = ["view"]
    filterset_class = SaleFilterSet
    index_url_name = "sellers_sales_by_issue"
    index_results_url_name = "sellers_sales_by_issue_results"
    group_by = "page"
    totals = SALES_TOTALS
    ordering = ("-page",)  # newest pages first
    columns = [
        TitleColumn("title", label="Issue or edition", get_url=page_edit_url),
        NumberColumn("copies", label="Copies sold"),
        Column("money", label="Money taken (£)"),
        NumberColumn("sellers", label="Sellers"),
        NumberColumn("records", label="Reports"),
    ]
    export_filename = "sales-by-issue"


class SalesByAreaReportView(AggregateReportView):
    page_title = "Sales by area"
    header_icon = "site"
    model = SaleRecord
    permission_policy = ModelPermissionPolicy(SaleRecord)
    any_permission_required = ["view"]
    filterset_class = SaleFilterSet
    index_url_name = "sellers_sales_by_area"
    index_results_url_name = "sellers_sales_by_area_results"
    group_by = "area"
    totals = SALES_TOTALS
    ordering = ("area",)
    columns = [
        Column("area", label="Branch or area"),
        NumberColumn("copies", label="Copies sold"),
        Column("money", label="Money taken (£)"),
        NumberColumn("sellers", label="Sellers"),
        NumberColumn("records", label="Reports"),
    ]
    export_filename = "sales-by-area"


REPORTS = [
    ("downloads", DownloadsReportView, "sellers_downloads_report"),
    ("sales-by-issue", SalesByIssueReportView, "sellers_sales_by_issue"),
    ("sales-by-area", SalesByAreaReportView, "sellers_sales_by_area"),
]


class ReportMenuItem(MenuItem):
    def __init__(self, view, url_name, order):
        self.view = view
        super().__init__(
            view.page_title, reverse(url_name), icon_name=view.header_icon, order=order
        )

    def is_shown(self, request):
        return self.view.permission_policy.user_has_any_permission(
            request.user, self.view.any_permission_required
        )


def report_menu_item(index):
    _, view, name = REPORTS[index]
    return ReportMenuItem(view, name, order=1300 + index)
