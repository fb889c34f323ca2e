"""Sellers in the Wagtail admin: editors manage them and see downloads and sales per issue."""

import secrets

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.db.models import Count, Max, Q, Sum
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from printing.editions import Edition, with_edition_fields

from .models import SELLERS_GROUP, Download, SaleRecord, SellerProfile

User = get_user_model()

# Managing sellers ----------------------------------------------------------------------------


class SellerForm(forms.ModelForm):
    """A seller's profile together with the name, email and active flag of their account.

    A new seller gets an account of their own, with their email as username, an unknown random
    password, and membership of the Sellers group; they set a password from the emailed link.
    """

    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(max_length=150, help_text="The seller logs in with this address")
    is_active = forms.BooleanField(
        label="Active",
        required=False,
        initial=True,
        help_text="Only active sellers can log in to the portal and download print PDFs",
    )
    send_password_link = forms.BooleanField(
        label="Email a link to set a password",
        required=False,
        help_text="To the address above, for /sellers/",
    )

    class Meta:
        model = SellerProfile
        fields = ["first_name", "last_name", "email", "area", "is_active", "send_password_link"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.existing_user
        if user:
            self.initial.update(
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
                is_active=user.is_active,
            )
        else:
            self.fields["send_password_link"].initial = True

    @property
    def existing_user(self):
        return self.instance.user if self.instance.pk else None

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        others = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        if self.existing_user:
            others = others.exclude(pk=self.existing_user.pk)
        if others.exists():
            raise forms.ValidationError("There is already an account with this email address.")
        return email

    def save(self, commit=True):
        # Always saves: the profile cannot exist without its user.
        profile = super().save(commit=False)
        user = self.existing_user
        if user is None:
            user = User(username=self.cleaned_data["email"])
            user.set_password(secrets.token_urlsafe(32))
        elif user.username == user.email:
            user.username = self.cleaned_data["email"]  # the username follows the address
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.email = self.cleaned_data["email"]
        user.is_active = self.cleaned_data["is_active"]
        user.save()
        profile.user = user
        profile.save()
        user.groups.add(Group.objects.get_or_create(name=SELLERS_GROUP)[0])
        return profile


def send_password_link(request, user):
    """Django's password reset email, pointing at the sellers' portal."""
    form = PasswordResetForm({"email": user.email})
    if form.is_valid():
        form.save(
            request=request,
            use_https=request.is_secure(),
            subject_template_name="sellers/password_reset_subject.txt",
            email_template_name="sellers/password_reset_email.txt",
        )


class SendsPasswordLink:
    def save_instance(self):
        instance = super().save_instance()
        if self.form.cleaned_data.get("send_password_link"):
            send_password_link(self.request, instance.user)
        return instance


class SellerCreateView(SendsPasswordLink, CreateView):
    pass


class SellerEditView(SendsPasswordLink, EditView):
    pass


class SellerIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")


class SellerFilterSet(WagtailFilterSet):
    active = django_filters.BooleanFilter(
        field_name="user__is_active", label="Active", widget=BooleanRadioSelect
    )
    area = django_filters.CharFilter(label="Branch or area", lookup_expr="icontains")

    class Meta:
        model = SellerProfile
        fields = []


class SellerViewSet(ModelViewSet):
    model = SellerProfile
    icon = "group"
    menu_label = "Sellers"
    menu_order = 320
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = SellerIndexView
    add_view_class = SellerCreateView
    edit_view_class = SellerEditView
    list_display = [
        "__str__",
        Column("email", label="Email", accessor="user.email"),
        Column("area", label="Branch or area", sort_key="area"),
        BooleanColumn("active", label="Active", accessor="user.is_active"),
        DateColumn("last_login", label="Last login", accessor="user.last_login"),
    ]
    filterset_class = SellerFilterSet
    search_fields = ["user__first_name", "user__last_name", "user__email", "area"]
    search_backend_name = None  # plain database lookups: profiles are not in the search index
    list_export = ["__str__", "user.email", "area", "user.is_active", "created_at"]
    export_headings = {"__str__": "Name", "user.email": "Email", "user.is_active": "Active"}

    def get_form_class(self, for_update=False):
        return SellerForm


seller_viewset = SellerViewSet("sellers_admin", url_prefix="sellers")


@hooks.register("register_admin_viewset")
def register_seller_viewset():
    return seller_viewset


# Reports -------------------------------------------------------------------------------------


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


@hooks.register("register_admin_urls")
def seller_report_urls():
    urls = []
    for slug, view, name in REPORTS:
        urls += [
            path(f"sellers-reports/{slug}/", view.as_view(), name=name),
            path(
                f"sellers-reports/{slug}/results/",
                view.as_view(results_only=True),
                name=f"{name}_results",
            ),
        ]
    return urls


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


@hooks.register("register_reports_menu_item")
def downloads_report_menu_item():
    return report_menu_item(0)


@hooks.register("register_reports_menu_item")
def sales_by_issue_report_menu_item():
    return report_menu_item(1)


@hooks.register("register_reports_menu_item")
def sales_by_area_report_menu_item():
    return report_menu_item(2)
