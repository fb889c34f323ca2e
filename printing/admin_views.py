"""Admin views of print builds: request a build, follow its progress, fetch its files."""

from itertools import islice

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from wagtail.models import Page

from solidarity.ids import parse_id

from .actions import request_build, retry
from .builds import can_build
from .documents import is_printable, profile_for
from .models import PrintJob


def printable_page(page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not is_printable(page):
        raise Http404("Only issues, inserts and bulletin editions have print PDFs.")
    return page


def build(request, page_id):
    """GET: the page's builds and a button; POST: queue a new build."""
    page = printable_page(page_id)
    if not can_build(request.user, page):
        raise PermissionDenied
    if request.method == "POST":
        variant = PrintJob.SCREEN if request.POST.get("variant") == "screen" else PrintJob.PRINT
        request_build(page, request.user, variant=variant)
        messages.success(request, f"The {variant} PDF of “{page.title}” is being built.")
        return redirect("printing_build", page_id=page.pk)
    return TemplateResponse(
        request,
        "printing/admin/build.html",
        {
            "page": page,
            "profile": profile_for(page),
            "jobs": PrintJob.objects.filter(page=page).select_related("requested_by", "profile")[
                :20
            ],
        },
    )


MAX_STATUS_IDS = 100


def job_ids(text):
    """The first job ids in "1,2,3"; junk is ignored."""
    ids = (parse_id(i) for i in text.split(","))
    return list(islice((i for i in ids if i is not None), MAX_STATUS_IDS))


def job_status(request):
    """Progress of the jobs the listing shows, polled by its progress bars.

    Those who may see print jobs (the listing's permission) follow any job; others only the
    jobs of pages they may build, which their build page polls (a series' editors)."""
    jobs = PrintJob.objects.filter(pk__in=job_ids(request.GET.get("ids", "")))
    if not request.user.has_perm("printing.view_printjob") and not all(
        can_build(request.user, job.page) for job in jobs.select_related("page")
    ):
        # A JSON 403, not PermissionDenied, which Wagtail's admin turns into a redirect.
        return JsonResponse({"error": "You may not see these print jobs."}, status=403)
    jobs = jobs.values("pk", "status", "progress", "stage")
    return JsonResponse({"jobs": list(jobs)})


def job_file(request, job_id, kind):
    job = get_object_or_404(PrintJob.objects.select_related("page"), pk=job_id)
    if not job.page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    field = job.thumbnail if kind == "thumbnail" else job.file
    if not field:
        raise Http404("This build has no file.")
    if kind == "thumbnail":
        return FileResponse(field.open("rb"), content_type="image/png")
    name = f"{slugify(job.page.title)}-{job.variant}.pdf"
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )


@require_POST
def retry_job(request, job_id):
    job = get_object_or_404(PrintJob, pk=job_id)
    retry(job, request.user)
    messages.success(request, "The build is queued again.")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("printing_build", args=[job.page_id])  # never off the site
    # A URL, never a view name: redirect("x") would look "x" up as one, and fail on junk.
    return HttpResponseRedirect(next_url)
