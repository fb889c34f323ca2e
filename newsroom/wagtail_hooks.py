from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks

from issues.models import ArticlePage

from . import views
from .dashboard import add_panels


@hooks.register("before_create_page")
def writers_create_articles_only(request, parent_page, page_class):
    """Wagtail's "add" permission covers every page type allowed below the page; writers hold
    it on the Solidarity archive to file articles. Issues and inserts are made by those who
    may edit the page they go under (sub-editors and editors)."""
    if page_class is ArticlePage or request.user.is_superuser:
        return None
    if "change" not in parent_page.permissions_for_user(request.user).permissions:
        raise PermissionDenied("Writers may add articles, not issues or inserts.")
    return None


@hooks.register("register_admin_urls")
def newsroom_admin_urls():
    return [
        path(
            "newsroom/flatplan/<int:page_id>/<slug:direction>/",
            views.move,
            name="newsroom_flatplan_move",
        ),
    ]


@hooks.register("construct_homepage_panels")
def newsroom_dashboard_panels(request, panels):
    add_panels(request, panels)


@hooks.register("insert_global_admin_css")
def newsroom_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("newsroom/admin.css"))
