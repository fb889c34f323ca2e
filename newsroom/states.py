"""Where a page stands in the workflow, in one query for a whole queryset: the flatplan's
rows and the dashboard's counts of an issue's articles."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from wagtail.models import Page, WorkflowState

DRAFT, MODERATION, CHANGES, SCHEDULED, LIVE, LIVE_CHANGES, EXPIRED = (
    "draft",
    "moderation",
    "changes",
    "scheduled",
    "live",
    "live-changes",
    "expired",
)
STATE_LABELS = {
    DRAFT: "Draft",
    MODERATION: "In moderation",
    CHANGES: "Changes requested",
    SCHEDULED: "Approved, scheduled",
    LIVE: "Live",
    LIVE_CHANGES: "Live, with draft changes",
    EXPIRED: "Expired",
}
# The four kinds the dashboard counts.
STATE_GROUPS = {
    DRAFT: DRAFT,
    EXPIRED: DRAFT,
    CHANGES: MODERATION,
    MODERATION: MODERATION,
    SCHEDULED: SCHEDULED,
    LIVE: LIVE,
    LIVE_CHANGES: LIVE,
}
STATE_GROUP_LABELS = {
    DRAFT: "Draft",
    MODERATION: "In moderation",
    SCHEDULED: "Approved, scheduled",
    LIVE: "Live",
}


def with_state(pages):
    """Annotate a page queryset with what `state_of` needs: the status of an active workflow
    (in moderation, or changes requested) and whether an approved go-live time waits."""
    workflow = WorkflowState.objects.active().filter(
        base_content_type_id=ContentType.objects.get_for_model(Page).pk,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return pages.annotate_approved_schedule().annotate(
        workflow_status=Subquery(workflow.values("status")[:1])
    )


def state_of(page):
    status = getattr(page, "workflow_status", None)
    if status == WorkflowState.STATUS_IN_PROGRESS:
        return MODERATION
    if status == WorkflowState.STATUS_NEEDS_CHANGES:
        return CHANGES
    if getattr(page, "_approved_schedule", False):
        return SCHEDULED
    if page.live:
        return LIVE_CHANGES if page.has_unpublished_changes else LIVE
    if page.expired:
        return EXPIRED
    return DRAFT
