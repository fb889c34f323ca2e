"""Sellers and their sales in the Wagtail admin (registered in wagtail_hooks.py)."""

import secrets

from django import forms
from django.contrib.admin import ListFilter, display
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.db.models import Prefetch, Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.models import Page
from wagtail_modeladmin.options import ModelAdminGroup
from wagtail_modeladmin.views import CreateView, EditView

from printing.editions import Edition, with_edition_fields
from solidarity.admin import ReadOnlyPermissionHelper, RecordAdmin

from .models import SELLERS_GROUP, SaleRecord, SellerProfile

User = get_user_model()

# The seller form ------------------------------------------------------------------------------


class SellerForm(WagtailAdminModelForm):
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
    """After the seller is saved, the link if the form asked for it."""

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data.get("send_password_link"):
            send_password_link(self.request, self.instance.user)
        return response


class SellerCreateView(SendsPasswordLink, CreateView):
    pass


class SellerEditView(SendsPasswordLink, EditView):
    pass


# Listings --------------------------------------------------------------------------------------


class AreaFilter(ListFilter):
    """Rows whose branch or area contains the words typed, in any case ("sheff")."""

    title = "branch or area"
    parameter_name = "area"
    template = "sellers/admin/area_filter.html"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        values = params.pop(self.parameter_name, [""])  # taken: not a field lookup for the view
        self.value = values[-1].strip()
        # The form sends the other filters and the search again; a new filter starts at page 1.
        self.other_params = [
            (name, value)
            for name, values in request.GET.lists()
            if name not in (self.parameter_name, "p")
            for value in values
        ]

    def has_output(self):
        return True

    def expected_parameters(self):
        return [self.parameter_name]

    def choices(self, changelist):
        return []  # a text box, drawn by the template

    def queryset(self, request, queryset):
        return queryset.filter(area__icontains=self.value) if self.value else queryset


class SellerAdmin(RecordAdmin):
    model = SellerProfile
    menu_label = "Sellers"
    menu_icon = "group"
    create_view_class = SellerCreateView
    edit_view_class = SellerEditView
    edit_handler = ObjectList(
        [
            FieldPanel("first_name"),
            FieldPanel("last_name"),
            FieldPanel("email"),
            FieldPanel("area"),
            FieldPanel("is_active"),
            FieldPanel("send_password_link"),
        ],
        base_form_class=SellerForm,
    )
    list_display = ("name", "email", "area", "active", "last_login")
    list_filter = ("user__is_active", AreaFilter)
    search_fields = ("user__first_name", "user__last_name", "user__email", "area")
    list_export = ("name", "email", "area", "active", "created_at")
    export_filename = "sellers"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @display(description="Name", ordering="user__first_name")
    def name(self, profile):
        return str(profile)

    @display(description="Email", ordering="user__email")
    def email(self, profile):
        return profile.user.email

    @display(description="Active", boolean=True, ordering="user__is_active")
    def active(self, profile):
        return profile.user.is_active

    @display(description="Last login", ordering="user__last_login")
    def last_login(self, profile):
        return profile.user.last_login


class SaleRecordAdmin(RecordAdmin):
    """What sellers reported from the portal; the reports add them up."""

    model = SaleRecord
    menu_label = "Sales"
    menu_icon = "tag"
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = ("seller_name", "area", "issue_or_edition", "date", "copies", "money_taken")
    list_filter = (AreaFilter, "date")
    search_fields = ("seller__first_name", "seller__last_name", "seller__email", "area")
    list_export = (*list_display, "note")
    export_filename = "sales"

    def get_queryset(self, request):
        # Each row's page with what its label needs, in one query for the whole listing.
        pages = Prefetch("page", queryset=with_edition_fields(Page.objects.all()))
        return super().get_queryset(request).select_related("seller").prefetch_related(pages)

    @display(description="Seller", ordering="seller__first_name")
    def seller_name(self, sale):
        if sale.seller is None:
            return "(account deleted)"
        return sale.seller.get_full_name() or sale.seller.email

    @display(description="Issue or edition")
    def issue_or_edition(self, sale):
        return Edition(sale.page).label


class SellersGroup(ModelAdminGroup):
    menu_label = "Sellers"
    menu_icon = "group"
    menu_order = 320
    items = (SellerAdmin, SaleRecordAdmin)
