"""Admin views behind the flatplan's buttons: move an article (or insert) among its
siblings, or make an article the issue's lead story (its first page)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.actions.move_page import MovePageAction
from wagtail.models import Page

from issues.models import ArticlePage, InsertPage, IssuePage

DIRECTIONS = ("up", "down", "lead")


def flatplan_url(issue):
    return reverse("wagtailadmin_pages:edit", args=[issue.pk]) + "#tab-flatplan"


@require_POST
def move(request, page_id, direction):
    if direction not in DIRECTIONS:
        raise Http404("Unknown move.")
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ArticlePage | InsertPage):
        raise Http404("Only an issue's articles and inserts are moved on its flatplan.")
    parent = page.get_parent().specific
    issue = parent if isinstance(parent, IssuePage) else parent.get_parent().specific
    if not isinstance(issue, IssuePage):
        raise Http404("This page is not in an issue.")
    # As Wagtail's own reordering: whoever may publish below the parent may reorder its pages.
    if not parent.permissions_for_user(request.user).can_reorder_children():
        raise PermissionDenied("You may not reorder the pages of this issue.")

    siblings = list(parent.get_children().order_by("path"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == page.pk)
    target, position = None, None
    if direction == "lead":
        if parent.pk != issue.pk or not isinstance(page, ArticlePage):
            messages.error(request, "Only an article of the issue itself can be its lead story.")
            return redirect(flatplan_url(issue))
        if index:
            target, position = siblings[0], "left"
        done = f"“{page.title}” is now the lead story."
    elif direction == "up":
        if index:
            target, position = siblings[index - 1], "left"
        done = f"“{page.title}” moved up."
    else:
        if index < len(siblings) - 1:
            target, position = siblings[index + 1], "right"
        done = f"“{page.title}” moved down."
    if target is None:
        messages.info(request, f"“{page.title}” is already there.")
    else:
        MovePageAction(page, target, pos=position, user=request.user).execute(
            skip_permission_checks=True  # checked above, as reordering
        )
        messages.success(request, done)
    return redirect(flatplan_url(issue))
