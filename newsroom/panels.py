"""The flatplan panel on an issue's edit view (its own "Flatplan" tab, see issues/models.py)."""

from wagtail.admin.panels import Panel


class FlatplanPanel(Panel):
    """The issue's articles in print order with their state and the space each needs, and
    buttons to reorder them (for those who may reorder the issue's pages)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "newsroom/panels/flatplan.html"

        def get_context_data(self, parent_context=None):
            from .flatplan import issue_flatplan

            context = super().get_context_data(parent_context)
            issue = self.instance
            if not issue.pk:
                context["plan"] = None
                return context
            from printing.models import PrintJob

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
