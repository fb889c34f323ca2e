"""Template helpers of the paper's pages."""

from django import template
from django.core.cache import cache

from issues.models import Section

register = template.Library()


@register.inclusion_tag("components/section_nav.html")
def section_nav():
    """The sections listed in the footer; cached, and cleared when a section changes."""
    sections = cache.get_or_set(
        Section.NAV_CACHE_KEY, lambda: list(Section.objects.values("name", "slug")), 3600
    )
    return {"sections": sections}
