from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from . import admin_views
from .models import ConsentRecord, MailingList, Subscriber, Subscription


@hooks.register("register_admin_urls")
def mailings_admin_urls():
    return [
        path(
            "mailings/lists/<int:list_id>/export/",
            admin_views.export_list,
            name="mailings_export",
        ),
        path("mailings/import/", admin_views.import_view, name="mailings_import"),
    ]


class MailingListAdmin(ModelAdmin):
    model = MailingList
    menu_label = "Lists"
    menu_icon = "list-ul"
    list_display = ("name", "slug", "is_public", "bulletin_series", "subscribed", "pending", "csv")
    list_filter = ("is_public",)
    search_fields = ("name", "slug")

    def get_queryset(self, request):
        # Every list's counts in the same query as the lists.
        return (
            super()
            .get_queryset(request)
            .select_related("bulletin_series")
            .annotate(
                subscribed_count=Count(
                    "subscriptions", filter=Q(subscriptions__status=Subscription.SUBSCRIBED)
                ),
                pending_count=Count(
                    "subscriptions", filter=Q(subscriptions__status=Subscription.PENDING)
                ),
            )
        )

    @staticmethod
    def subscribed(obj):
        return obj.subscribed_count

    subscribed.admin_order_field = "subscribed_count"

    @staticmethod
    def pending(obj):
        return obj.pending_count

    pending.short_description = "Pending"
    pending.admin_order_field = "pending_count"

    @staticmethod
    def csv(obj):
        export = reverse("mailings_export", args=[obj.pk])
        return format_html(
            '<a href="{}?status=subscribed">Export subscribers</a> · '
            '<a href="{}">Export all</a> · <a href="{}?list={}">Import</a>',
            export,
            export,
            reverse("mailings_import"),
            obj.pk,
        )

    csv.short_description = "CSV"


class SubscriptionAdmin(ModelAdmin):
    model = Subscription
    menu_label = "Subscriptions"
    menu_icon = "mail"
    list_display = (
        "subscriber",
        "mailing_list",
        "status",
        "source",
        "subscribed_at",
        "unsubscribed_at",
    )
    list_filter = ("mailing_list", "status")
    search_fields = ("subscriber__email",)
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("subscriber", "mailing_list")


class SubscriberAdmin(ModelAdmin):
    model = Subscriber
    menu_label = "Subscribers"
    menu_icon = "user"
    list_display = ("email", "lists", "created_at")
    list_filter = ("subscriptions__mailing_list", "subscriptions__status")
    search_fields = ("email",)
    list_per_page = 50
    inspect_view_enabled = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("subscriptions__mailing_list")

    @staticmethod
    def lists(obj):
        return ", ".join(
            f"{s.mailing_list.name} ({s.get_status_display().lower()})"
            for s in obj.subscriptions.all()
        )


class ReadOnlyPermissionHelper(PermissionHelper):
    """The consent record is append-only: nobody adds, edits or deletes it in the admin."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ConsentRecordAdmin(ModelAdmin):
    model = ConsentRecord
    menu_label = "Consent records"
    menu_icon = "doc-full"
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = ("created_at", "subscriber", "mailing_list", "action", "source", "ip_address")
    list_filter = ("mailing_list", "action")
    search_fields = ("subscriber__email",)
    inspect_view_enabled = True
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("subscriber", "mailing_list")


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("mailings.add_subscription")


class SubscribersGroup(ModelAdminGroup):
    menu_label = "Subscribers"
    menu_icon = "group"
    menu_order = 250
    items = (MailingListAdmin, SubscriberAdmin, SubscriptionAdmin, ConsentRecordAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.append(
            ImportMenuItem(
                "Import CSV", reverse("mailings_import"), icon_name="upload", order=len(items) + 1
            )
        )
        return items


modeladmin_register(SubscribersGroup)
