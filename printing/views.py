"""The public screen edition of published issues, inserts and bulletin editions."""

from django.http import Http404
from django.views.decorators.http import require_GET

from .editions import Edition, published_editions
from .models import PrintJob
from .storage import serve_private_file


@require_GET
def screen_edition(request, page_id):
    """The public PDF of a published issue, insert or edition: its latest screen build."""
    page = published_editions().filter(pk=page_id).first()
    job = page and PrintJob.objects.latest_done(page, variant=PrintJob.SCREEN)
    if job is None:
        raise Http404("There is no PDF of this page.")
    return serve_private_file(job.file, Edition(page, job).filename, attachment=False)
