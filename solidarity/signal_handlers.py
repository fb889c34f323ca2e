from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from .models import RESTRICTED_PATHS_CACHE_KEY


def clear_restricted_paths(**kwargs):
    cache.delete(RESTRICTED_PATHS_CACHE_KEY)


def register_signal_handlers():
    for signal in (post_save, post_delete):
        signal.connect(
            clear_restricted_paths, sender=PageViewRestriction, dispatch_uid=f"restricted-{signal}"
        )
    # A moved page takes its restriction to a new path.
    post_page_move.connect(clear_restricted_paths, dispatch_uid="restricted-move")
