"""What makes cached suggestions stale: any change to which pages a reader may see, or where.

Suggestions are cached under a generation number (search/suggestions.py); these handlers start
a new generation, so the next request asks the database again. The cache's timeout bounds
staleness where the cache is per process (local memory, in development). Publishing,
unpublishing and moving also refresh the rows of the search document table (PostgreSQL).
"""

from django.db import connection
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .documents import refresh_paths
from .suggestions import new_generation


def pages_changed(sender=None, **kwargs):
    new_generation()


def refresh_documents(sender=None, instance=None, **kwargs):
    """Publishing, unpublishing or moving a page changes its descendants' rows of the search
    document table (search/documents.py) without re-indexing them: refresh those columns."""
    if connection.vendor != "postgresql" or instance is None:
        return
    path = Page.objects.filter(pk=instance.pk).values_list("path", flat=True).first()
    if path:
        refresh_paths(path)


def page_deleted(sender, **kwargs):
    if issubclass(sender, Page):
        new_generation()


def register_signal_handlers():
    page_published.connect(pages_changed, dispatch_uid="search-suggest-publish")
    page_unpublished.connect(pages_changed, dispatch_uid="search-suggest-unpublish")
    post_page_move.connect(pages_changed, dispatch_uid="search-suggest-move")
    page_published.connect(refresh_documents, dispatch_uid="search-documents-publish")
    page_unpublished.connect(refresh_documents, dispatch_uid="search-documents-unpublish")
    post_page_move.connect(refresh_documents, dispatch_uid="search-documents-move")
    post_delete.connect(page_deleted, dispatch_uid="search-suggest-delete")
    for signal in (post_save, post_delete):
        signal.connect(
            pages_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-suggest-restriction-{signal}",
        )
