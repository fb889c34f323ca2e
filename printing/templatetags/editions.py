from django import template

from printing.models import PrintJob

register = template.Library()


@register.simple_tag
def screen_edition(page):
    """The latest screen-edition PDF of a page, or None: for the public download link."""
    return PrintJob.objects.latest_done(page, variant=PrintJob.SCREEN)
