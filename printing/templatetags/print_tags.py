from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def print_image(context, image, span=1, css_class=""):
    """An <img> the print renderer fetches from the original, sized for `span` columns."""
    if not image:
        return ""
    settings = context["settings"]
    width_mm = (
        settings.column_width_mm(span)
        if span != "full"
        else settings.column_width_mm(settings.profile.columns)
    )
    return format_html(
        '<img class="{}" src="print-image:{}?w={}" alt="{}">',
        css_class,
        image.pk,
        f"{width_mm:.1f}",
        image.description or image.title,
    )
