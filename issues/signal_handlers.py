from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from .models import Section


def clear_section_nav(**kwargs):
    cache.delete(Section.NAV_CACHE_KEY)


def register_signal_handlers():
    post_save.connect(clear_section_nav, sender=Section, dispatch_uid="section-nav-save")
    post_delete.connect(clear_section_nav, sender=Section, dispatch_uid="section-nav-delete")
