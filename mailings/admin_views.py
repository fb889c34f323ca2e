"""Admin views beyond modeladmin's: CSV export of a list, CSV import into a list; a
mailing's page (preview, test, schedule, send, pause, resume, cancel, progress) and the
progress of mailings as JSON for the listing's progress bars."""

import csv
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_POST

from . import actions
from .csv_import import export_rows, import_subscribers
from .forms import ScheduleForm
from .models import Delivery, Mailing, MailingList, Subscription

logger = logging.getLogger(__name__)

MAX_UPLOAD = 10 * 1024 * 1024


class Echo:
    """A file-like object csv.writer can write to, returning each line for streaming."""

    def write(self, value):
        return value


def export_list(request, list_id):
    if not request.user.has_perm("mailings.view_subscription"):
        raise PermissionDenied
    mailing_list = get_object_or_404(MailingList, pk=list_id)
    status = request.GET.get("status")
    if status not in dict(Subscription.STATUS_CHOICES):
        status = None
    writer = csv.writer(Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in export_rows(mailing_list, status)),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{mailing_list.slug}-{status or "all"}-{stamp}.csv"'
    )
    return response


class ImportForm(forms.Form):
    mailing_list = forms.ModelChoiceField(
        queryset=MailingList.objects.all(), label="Into the list", empty_label=None
    )
    file = forms.FileField(
        label="CSV file",
        help_text="One address per row: a column headed 'email', or the first column. UTF-8.",
    )
    consent = forms.BooleanField(
        label="Everyone in this file has agreed to receive this list",
        help_text="Recorded as their consent, with your name.",
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_UPLOAD:
            raise forms.ValidationError("The file is larger than 10 MB; split it up.")
        return uploaded


def import_view(request):
    if not request.user.has_perm("mailings.add_subscription"):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            result = import_subscribers(
                form.cleaned_data["file"], form.cleaned_data["mailing_list"], request.user
            )
    else:
        form = ImportForm(initial={"mailing_list": request.GET.get("list")})
    return render(
        request,
        "mailings/admin/import.html",
        {"form": form, "result": result},
        status=400 if result and result.errors else 200,
    )


# Mailings ------------------------------------------------------------------------------------

VIEW_PERMISSIONS = [
    "mailings.view_mailing",
    "mailings.add_mailing",
    "mailings.change_mailing",
    actions.SEND_PERMISSION,
]
# Failed, unknown and deferred deliveries listed on a mailing's page; the counts say how many
# in all.
PROBLEMS = [Delivery.FAILED, Delivery.UNKNOWN, Delivery.DEFERRED]
PROBLEMS_SHOWN = 200
STATUS_IDS_MAX = 100
ID = re.compile(r"[0-9]{1,9}")


def can_view_mailings(user):
    return any(user.has_perm(permission) for permission in VIEW_PERMISSIONS)


def is_active(mailing, now=None):
    """Whether the mailing's progress can change by itself: sending, or due to start."""
    if mailing.status == Mailing.SENDING:
        return True
    return (
        mailing.status == Mailing.SCHEDULED
        and mailing.scheduled_at is not None
        and mailing.scheduled_at <= (now or timezone.now())
    )


def progress(mailing, now=None):
    """What the progress bars show, for the templates and the JSON endpoint alike."""
    return {
        "pk": mailing.pk,
        "status": mailing.status,
        "status_display": status_display(mailing, now),
        "active": is_active(mailing, now),
        "total": mailing.total_count,
        "sent": mailing.sent_count,
        "failed": mailing.failed_count,
        "unknown": mailing.unknown_count,
        "deferred": mailing.deferred_count,
        "last_error": mailing.last_error,
    }


def status_display(mailing, now=None):
    if mailing.status == Mailing.SCHEDULED and is_active(mailing, now):
        return "Starting"
    return mailing.get_status_display()


class LinkCollector(HTMLParser):
    """The links of an email's HTML part, with their text, for editors to check."""

    def __init__(self):
        super().__init__()
        self.links = []
        self._text = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append({"href": dict(attrs).get("href") or "", "text": ""})
            self._text = []

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._text is not None:
            self.links[-1]["text"] = " ".join("".join(self._text).split())
            self._text = None


def preview(mailing, user):
    """The email as the editor would get it (or a sample reader, if they have no address)."""
    subscriber = actions.sample_subscriber(user.email)
    try:
        message = actions.build_message(mailing, subscriber)
    except Exception as error:  # a broken template must not hide the rest of the page
        logger.exception("Preview of mailing %s failed", mailing.pk)
        return {"error": f"{type(error).__name__}: {error}"}
    html = next(
        (content for content, mimetype in message.alternatives if mimetype == "text/html"), ""
    )
    collector = LinkCollector()
    collector.feed(html)
    return {
        "subject": message.subject,
        "to": ", ".join(message.to),
        "headers": sorted(message.extra_headers.items()),
        "html": html,
        "text": message.body,
        "links": collector.links,
        "is_subscriber": subscriber.pk is not None,
    }


def mailing_or_404(mailing_id):
    return get_object_or_404(
        Mailing.objects.select_related("mailing_list", "page", "created_by"), pk=mailing_id
    )


PRIMARY, SECONDARY = "button", "button button-secondary"


@dataclass
class ActionButton:
    """A button of a mailing's page: a form of its own, POSTed to mailing_action."""

    action: str  # a key of actions.ALLOWED
    label: str
    style: str = SECONDARY
    help: str = ""  # said beside the button
    form: forms.Form | None = None  # fields to fill in first
    url: str = ""


def action_buttons(request, mailing, schedule_form):
    """The buttons the user may press and the mailing's state allows, in page order."""
    if not actions.can_send(request.user):
        return []
    email = request.user.email
    buttons = [
        ActionButton(
            "send_test",
            "Send a test to me",
            help=f"To {email}, marked [TEST]; nobody else gets it."
            if email
            else "Your account has no email address.",
        ),
        ActionButton("send_now", f"Send now to {mailing.mailing_list.name}", PRIMARY),
        ActionButton("pause", "Pause"),
        ActionButton("resume", "Resume", PRIMARY),
        ActionButton(
            "cancel",
            "Cancel this mailing",
            f"{SECONDARY} no",
            help="Nobody else gets it; emails already sent stay sent. It cannot be undone.",
        ),
        ActionButton(
            "schedule",
            "Change the time" if mailing.status == Mailing.SCHEDULED else "Schedule",
            form=schedule_form,
        ),
    ]
    allowed = actions.allowed_actions(mailing)
    for button in buttons:
        slug = button.action.replace("_", "-")  # "send_now" is "send-now" in its URL
        button.url = reverse("mailings_mailing_action", args=[mailing.pk, slug])
    return [button for button in buttons if button.action in allowed]


def mailing_detail(request, mailing_id, schedule_form=None, status=200):
    if not can_view_mailings(request.user):
        raise PermissionDenied
    mailing = mailing_or_404(mailing_id)
    problems = list(
        Delivery.objects.filter(mailing=mailing, status__in=PROBLEMS)
        .select_related("subscriber")
        .order_by("status", "pk")[:PROBLEMS_SHOWN]
    )
    schedule_form = schedule_form or ScheduleForm(initial={"scheduled_at": mailing.scheduled_at})
    return TemplateResponse(
        request,
        "mailings/admin/mailing_detail.html",
        {
            "mailing": mailing,
            "progress": progress(mailing),
            "problems": problems,
            "problems_count": mailing.failed_count + mailing.unknown_count + mailing.deferred_count,
            "problems_shown": PROBLEMS_SHOWN,
            "can_send": actions.can_send(request.user),
            "buttons": action_buttons(request, mailing, schedule_form),
            "can_edit": mailing.status in actions.EDITABLE
            and request.user.has_perm("mailings.change_mailing"),
            "preview": preview(mailing, request.user),
        },
        status=status,
    )


def _send_now(request, mailing):
    actions.send_now(mailing, request.user)
    return "Sending starts as soon as a worker takes it."


def _pause(request, mailing):
    actions.pause(mailing, request.user)
    return "Paused: the emails being sent now finish, no more start."


def _resume(request, mailing):
    actions.resume(mailing, request.user)
    return "Sending again."


def _cancel(request, mailing):
    actions.cancel(mailing, request.user)
    return "Cancelled: nobody else gets this email. Deliveries already made are kept."


def _send_test(request, mailing):
    address = actions.send_test(mailing, request.user)
    return f"A test was sent to {address}."


MAILING_ACTIONS = {
    "send-now": _send_now,
    "pause": _pause,
    "resume": _resume,
    "cancel": _cancel,
    "send-test": _send_test,
}


@require_POST
def mailing_action(request, mailing_id, action):
    """One of the buttons on a mailing's page; each a POST with the CSRF token."""
    if action != "schedule" and action not in MAILING_ACTIONS:
        raise Http404("No such action.")
    mailing = mailing_or_404(mailing_id)
    actions.check_permission(request.user)
    try:
        if action == "schedule":
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                return mailing_detail(request, mailing_id, schedule_form=form, status=400)
            actions.schedule(mailing, request.user, form.cleaned_data["scheduled_at"])
            when = date_format(timezone.localtime(mailing.scheduled_at), "j M Y, H:i")
            messages.success(request, f"Scheduled for {when}.")
        else:
            messages.success(request, MAILING_ACTIONS[action](request, mailing))
    except actions.ActionError as error:
        messages.error(request, str(error))
    return redirect("mailings_mailing_detail", mailing_id=mailing.pk)


@require_GET
def mailing_status(request):
    """Progress of the mailings a page shows, polled by its progress bars: ?ids=1,2,3."""
    if not can_view_mailings(request.user):
        return JsonResponse({"error": "permission denied"}, status=403)
    ids = [int(i) for i in request.GET.get("ids", "").split(",") if ID.fullmatch(i.strip())]
    now = timezone.now()
    mailings = Mailing.objects.filter(pk__in=ids[:STATUS_IDS_MAX]).only(
        "pk",
        "status",
        "scheduled_at",
        "total_count",
        "sent_count",
        "failed_count",
        "unknown_count",
        "deferred_count",
        "last_error",
    )
    return JsonResponse({"mailings": [progress(m, now) for m in mailings.order_by("pk")]})
