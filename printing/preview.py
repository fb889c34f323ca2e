"""The "Print layout" mode of the Wagtail preview: the print PDF of the page as edited."""

from django.http import HttpResponse
from django.utils.html import format_html


class PrintPreviewMixin:
    """Adds a "Print layout" preview mode to issue, insert and bulletin-edition pages."""

    @property
    def preview_modes(self):
        return [*super().preview_modes, ("print", "Print layout")]

    def serve_preview(self, request, mode_name):
        if mode_name == "print":
            return print_preview(self)
        return super().serve_preview(request, mode_name)


def print_preview(page):
    # Imported here: the page models import this module, and the renderer imports them.
    from .documents import profile_for
    from .render import PrintError, build_pdf

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
