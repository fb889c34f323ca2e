"""Panels on the admin's dashboard: the next issue, mailings being sent, print jobs and
sellers' downloads. Each is shown only to those allowed to see what it lists, and costs a
fixed number of queries."""

from django.utils.functional import cached_property
from wagtail.admin.ui.components import Component

from issues.models import ArticlePage, IssuePage
from mailings.models import Mailing
from printing.models import PrintJob
from sellers.models import Download

from .states import STATE_GROUP_LABELS, STATE_GROUPS, state_of, with_state


class DashboardPanel(Component):
    name = ""
    heading = ""
    permission = None  # any of these permissions shows the panel
    limit = 5

    def __init__(self, request):
        self.request = request

    def is_shown(self):
        user = self.request.user
        return any(user.has_perm(name) for name in self.permissions)

    @property
    def permissions(self):
        return self.permission if isinstance(self.permission, tuple) else (self.permission,)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(panel=self, request=self.request)
        return context

    def render_html(self, parent_context=None):
        if not self.is_shown():
            return ""
        return super().render_html(parent_context)


class NextIssuePanel(DashboardPanel):
    """The issue being made: the newest not yet published (above the latest published),
    or else the latest; its articles by state and its latest print job."""

    name = "newsroom_next_issue"
    heading = "Next issue"
    template_name = "newsroom/dashboard/next_issue.html"
    order = 90

    @cached_property
    def issue(self):
        latest = IssuePage.objects.live().order_by("-number").first()
        upcoming = IssuePage.objects.not_live()
        if latest:
            upcoming = upcoming.filter(number__gt=latest.number)
        return upcoming.order_by("number").first() or latest

    def is_shown(self):
        user = self.request.user
        if self.issue is None:
            return False
        return user.is_superuser or bool(self.issue.permissions_for_user(user).permissions)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        issue = self.issue
        counts = dict.fromkeys(STATE_GROUP_LABELS, 0)
        for article in with_state(ArticlePage.objects.descendant_of(issue)).only(
            "live", "has_unpublished_changes", "expired"
        ):
            counts[STATE_GROUPS[state_of(article)]] += 1
        user = self.request.user
        job = None
        if user.has_perm("printing.view_printjob"):
            job = (
                PrintJob.objects.filter(page_id=issue.pk)
                .order_by("-created_at")
                .only("pk", "status", "progress", "stage", "error", "page_count", "created_at")
                .first()
            )
        context.update(
            issue=issue,
            states=[(key, STATE_GROUP_LABELS[key], n) for key, n in counts.items()],
            total=sum(counts.values()),
            job=job,
            can_build=user.is_superuser or issue.permissions_for_user(user).can_publish(),
        )
        return context


class MailingsPanel(DashboardPanel):
    name = "newsroom_mailings"
    heading = "Mailings in progress"
    template_name = "newsroom/dashboard/mailings.html"
    permission = ("mailings.view_mailing", "mailings.send_mailing")
    order = 95

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["mailings"] = list(
            Mailing.objects.filter(status__in=[Mailing.SENDING, Mailing.SCHEDULED, Mailing.PAUSED])
            .select_related("mailing_list")
            .order_by("-created_at")[:10]
        )
        return context


class PrintJobsPanel(DashboardPanel):
    name = "newsroom_print_jobs"
    heading = "Recent print jobs"
    template_name = "newsroom/dashboard/print_jobs.html"
    permission = "printing.view_printjob"
    order = 96

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["jobs"] = list(
            PrintJob.objects.select_related("page", "requested_by").order_by("-created_at")[:5]
        )
        return context


class DownloadsPanel(DashboardPanel):
    name = "newsroom_downloads"
    heading = "Recent seller downloads"
    template_name = "newsroom/dashboard/downloads.html"
    permission = "sellers.view_download"
    order = 97

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["downloads"] = list(
            Download.objects.select_related("page", "user", "user__seller_profile").order_by(
                "-downloaded_at"
            )[:10]
        )
        return context


PANELS = (NextIssuePanel, MailingsPanel, PrintJobsPanel, DownloadsPanel)


def add_panels(request, panels):
    for panel_class in PANELS:
        panel = panel_class(request)
        if panel.is_shown():
            panels.append(panel)
