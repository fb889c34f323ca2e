from django.contrib import messages
from django.contrib.admin import display
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.log_actions import log
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import CreateView, EditView

from bulletins.models import BulletinSeriesPage
from solidarity.admin import (
    Button,
    PageChooser,
    ReadOnlyPermissionHelper,
    RecordAdmin,
    RecordButtonHelper,
)

from . import actions, admin_views
from .forms import MailingForm, MailingListForm, duplicate_message
from .models import ConsentRecord, Mailing, MailingList, Subscriber, Subscription


@hooks.register("register_admin_urls")
def mailings_admin_urls():
    return [
        path(
            "mailings/lists/<int:list_id>/export/",
            admin_views.export_list,
            name="mailings_export",
        ),
        path("mailings/import/", admin_views.import_view, name="mailings_import"),
        path(
            "mailings/mailing/status/", admin_views.mailing_status, name="mailings_mailing_status"
        ),
        path(
            "mailings/mailing/<int:mailing_id>/",
            admin_views.mailing_detail,
            name="mailings_mailing_detail",
        ),
        path(
            "mailings/mailing/<int:mailing_id>/<slug:action>/",
            admin_views.mailing_action,
            name="mailings_mailing_action",
        ),
    ]


# Every admin below is a RecordAdmin (solidarity/admin.py): joins declared in
# list_select_related; get_queryset overridden only to add counts or prefetches; each computed
# column a method marked @display; a row's own buttons from row_buttons().


class MailingListAdmin(RecordAdmin):
    model = MailingList
    menu_label = "Mailing lists"  # also the listing's heading
    menu_icon = "list-ul"
    list_display = ("name", "slug", "is_public", "bulletin_series", "subscribed", "pending")
    list_filter = ("is_public",)
    search_fields = ("name", "slug")
    list_select_related = ("bulletin_series",)
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("is_public"),
            FieldPanel("bulletin_series", widget=PageChooser(target_models=[BulletinSeriesPage])),
        ],
        base_form_class=MailingListForm,
    )

    def get_queryset(self, request):
        # Every list's counts in the same query as the lists.
        return (
            super()
            .get_queryset(request)
            .annotate(
                subscribed_count=Count(
                    "subscriptions", filter=Q(subscriptions__status=Subscription.SUBSCRIBED)
                ),
                pending_count=Count(
                    "subscriptions", filter=Q(subscriptions__status=Subscription.PENDING)
                ),
            )
        )

    @display(description="Subscribed", ordering="subscribed_count")
    def subscribed(self, obj):
        return obj.subscribed_count

    @display(description="Pending", ordering="pending_count")
    def pending(self, obj):
        return obj.pending_count

    def row_buttons(self, mailing_list):
        export = reverse("mailings_export", args=[mailing_list.pk])
        return [
            Button(
                "Export subscribers",
                f"{export}?status=subscribed",
                title="A CSV of the people subscribed to this list",
            ),
            Button("Export all", export, title="A CSV of everyone on this list, in any status"),
            Button(
                "Import",
                f"{reverse('mailings_import')}?list={mailing_list.pk}",
                title="Subscribe people to this list from a CSV",
            ),
        ]


class SubscriptionAdmin(RecordAdmin):
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
    list_select_related = ("subscriber", "mailing_list")
    list_per_page = 50


class SubscriberAdmin(RecordAdmin):
    model = Subscriber
    menu_label = "Subscribers"
    menu_icon = "user"
    inspect_view_enabled = True
    list_display = ("email", "lists", "created_at")
    list_filter = ("subscriptions__mailing_list", "subscriptions__status")
    search_fields = ("email",)
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("subscriptions__mailing_list")

    @display(description="Lists")
    def lists(self, obj):
        return ", ".join(
            f"{s.mailing_list.name} ({s.get_status_display().lower()})"
            for s in obj.subscriptions.all()
        )


class ConsentRecordAdmin(RecordAdmin):
    """The record of consent is append-only: nobody adds, edits or deletes it in the admin."""

    model = ConsentRecord
    menu_label = "Consent records"
    menu_icon = "doc-full"
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = ("created_at", "subscriber", "mailing_list", "action", "source", "ip_address")
    list_filter = ("mailing_list", "action")
    search_fields = ("subscriber__email",)
    list_select_related = ("subscriber", "mailing_list")
    list_per_page = 50


# Mailings ------------------------------------------------------------------------------------


class MailingPermissionHelper(PermissionHelper):
    """Changed only before it starts, deleted only as a draft; sending is on its own page."""

    def user_can_edit_obj(self, user, obj):
        return obj.status in actions.EDITABLE and super().user_can_edit_obj(user, obj)

    def user_can_delete_obj(self, user, obj):
        return obj.status == Mailing.DRAFT and super().user_can_delete_obj(user, obj)


def open_button(mailing):
    return Button(
        "Open",
        reverse("mailings_mailing_detail", args=[mailing.pk]),
        title="Preview, test, send and follow this mailing",
    )


class MailingButtonHelper(RecordButtonHelper):
    """Edit and delete as the permission helper allows, and Open (the mailing's page) in place
    of inspect; the subject links to Open too."""

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        exclude = [*(exclude or []), "inspect"]
        return super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)

    def get_primary_button(self, obj):
        button = open_button(obj)
        return {"url": button.url, "label": button.label, "title": button.title}


class MailingFormViewMixin:
    def get_success_url(self):
        return reverse("mailings_mailing_detail", args=[self.instance.pk])

    def get_success_message_buttons(self, instance):
        return []

    def save_refused(self, form, error):
        form.add_error(None, error)
        return self.form_invalid(form)


class MailingCreateView(MailingFormViewMixin, CreateView):
    def form_valid(self, form):
        form.instance.created_by = self.request.user
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            # Someone made the same mailing since the form was checked.
            clash = Mailing.objects.filter(
                mailing_list=form.instance.mailing_list,
                kind=form.instance.kind,
                period=form.instance.period,
            ).first()
            form.instance.pk = None
            if clash is None:
                raise
            return self.save_refused(form, duplicate_message(clash))


class MailingEditView(MailingFormViewMixin, EditView):
    def dispatch(self, request, *args, **kwargs):
        if self.instance.status not in actions.EDITABLE:
            messages.error(
                request,
                f"This mailing is {self.instance.get_status_display().lower()}: "
                "it can no longer be changed.",
            )
            return redirect("mailings_mailing_detail", mailing_id=self.instance.pk)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        # Only the form's fields, and only while it has not started: a worker may be
        # starting it this very moment, and a full save would put its status back.
        fields = [name for name in form.fields if name in MailingAdmin.form_fields]
        values = {name: getattr(form.instance, name) for name in fields}
        try:
            with transaction.atomic():
                updated = Mailing.objects.filter(
                    pk=form.instance.pk, status__in=actions.EDITABLE
                ).update(**values, updated_at=timezone.now())
        except IntegrityError:
            return self.save_refused(form, "Another mailing has this list, kind and period.")
        if not updated:
            messages.error(self.request, "This mailing has started: it can no longer be changed.")
        else:
            log(instance=form.instance, action="wagtail.edit", content_changed=form.has_changed())
            messages.success(self.request, "Mailing changed.")
        return redirect(self.get_success_url())


class MailingAdmin(RecordAdmin):
    model = Mailing
    menu_label = "Mailings"
    menu_icon = "mail"
    permission_helper_class = MailingPermissionHelper
    button_helper_class = MailingButtonHelper
    create_view_class = MailingCreateView
    edit_view_class = MailingEditView
    # The subject links to the mailing's page (the button helper's primary button).
    list_display = ("subject", "mailing_list", "kind", "status", "when", "progress_bar")
    list_filter = ("status", "kind", "mailing_list")
    search_fields = ("subject", "period")
    list_select_related = ("mailing_list",)
    list_per_page = 50
    index_view_extra_js = ["mailings/progress.js"]
    index_view_extra_css = ["mailings/admin.css"]
    form_fields = ("mailing_list", "kind", "page", "subject", "period")
    edit_handler = ObjectList(
        [
            FieldPanel("mailing_list"),
            FieldPanel("kind"),
            PageChooserPanel("page", ["issues.IssuePage", "bulletins.BulletinEditionPage"]),
            FieldPanel("subject"),
            FieldPanel("period"),
        ],
        base_form_class=MailingForm,
    )

    def row_buttons(self, mailing):
        return [open_button(mailing)]

    @display(description="Time", ordering="scheduled_at")
    def when(self, obj):
        moment = obj.finished_at or obj.started_at or obj.scheduled_at
        if moment is None:
            return ""
        if obj.status == Mailing.SCHEDULED:
            label = "Sends"
        elif obj.finished_at:
            label = "Ended"
        else:
            label = "Started"
        return f"{label} {date_format(timezone.localtime(moment), 'j M Y H:i')}"

    @display(description="Progress")
    def progress_bar(self, obj):
        return render_progress(obj)


def render_progress(mailing):
    """The progress bar of a mailing, moved by mailings/progress.js while it sends."""
    state = admin_views.progress(mailing)
    error = ""
    if mailing.last_error:
        error = format_html(
            '<br><strong class="mailing-progress__error">{}</strong>', mailing.last_error
        )
    return format_html(
        '<div class="mailing-progress" data-mailing="{}" data-status="{}" data-active="{}" '
        'data-status-url="{}">'
        '<progress max="{}" value="{}" aria-label="Emails sent">{} of {}</progress> '
        '<span class="mailing-progress__label">{}</span>{}</div>',
        mailing.pk,
        mailing.status,
        "true" if state["active"] else "false",
        reverse("mailings_mailing_status"),
        max(state["total"], 1),
        state["sent"],
        state["sent"],
        state["total"],
        progress_label(state),
        error,
    )


def progress_label(state):
    """e.g. "Sending: 120 / 400 sent, 2 failed, 1 unknown, 3 deferred" (the JS writes the
    same)."""
    label = f"{state['status_display']}: {state['sent']} / {state['total']} sent"
    if state["failed"]:
        label += f", {state['failed']} failed"
    if state["unknown"]:
        label += f", {state['unknown']} unknown"
    if state["deferred"]:
        label += f", {state['deferred']} deferred"
    return label


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("mailings.add_subscription")


class SubscribersGroup(ModelAdminGroup):
    menu_label = "Subscribers"
    menu_icon = "group"
    menu_order = 250
    items = (
        MailingListAdmin,
        SubscriberAdmin,
        SubscriptionAdmin,
        ConsentRecordAdmin,
        MailingAdmin,
    )

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.append(
            ImportMenuItem(
                "Import CSV", reverse("mailings_import"), icon_name="upload", order=len(items) + 1
            )
        )
        return items


modeladmin_register(SubscribersGroup)
