"""The flatplan panel on an issue's edit view, in a "Flatplan" tab of its own."""

from wagtail.admin.panels import ObjectList, Panel, TabbedInterface

from issues.models import IssuePage
from printing.models import PrintJob

from .flatplan import issue_flatplan


class FlatplanPanel(Panel):
    """The issue's articles in print order with their state and the space each needs, and
    buttons to reorder them (for those who may reorder the issue's pages)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "newsroom/panels/flatplan.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            issue = self.instance
            if not issue.pk:
                context["plan"] = None
                return context
            plan = issue_flatplan(issue)
            user = self.request.user
            context.update(
                plan=plan,
                can_reorder=issue.permissions_for_user(user).can_reorder_children(),
                last_job=PrintJob.objects.filter(page_id=issue.pk, variant=PrintJob.PRINT)
                .order_by("-created_at")
                .first(),
            )
            return context


def add_flatplan_tab():
    """Give the issue's edit view its Flatplan tab: added from here, when the app starts,
    because the issue model knows nothing of the newsroom."""
    handler = IssuePage.edit_handler
    if any(tab.heading == "Flatplan" for tab in handler.children):
        return
    IssuePage.edit_handler = TabbedInterface(
        [*handler.children, ObjectList([FlatplanPanel()], heading="Flatplan")]
    )
