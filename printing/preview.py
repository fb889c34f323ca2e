"""The "Print layout" mode of the Wagtail preview: the print PDF of the page as edited.

Registered on issue, insert and bulletin-edition pages by printing/wagtail_hooks.py.
"""

from django.http import HttpResponse
from django.utils.html import format_html

from .documents import profile_for
from .render import PrintError, build_pdf

PREVIEW_MODE = ("print", "Print layout")


def print_preview(page, request=None):
    try:
        result = build_pdf(page, profile_for(page))
    except PrintError as error:
        return HttpResponse(format_html("<p>{}</p>", error))
    except Exception as error:  # a page not yet saved in the tree, an unreadable picture...
        return HttpResponse(
            format_html("<p>The print layout could not be shown: {}</p>", error), status=200
        )
    response = HttpResponse(result.pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="print-preview.pdf"'
    return response
