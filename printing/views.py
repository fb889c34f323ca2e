"""The sellers' portal: print PDFs to download, and sales to record.

Print files live in private storage. Every file goes through a view here that checks who asks
and that the page is published; job ids are sequential, so that check is what protects them.
"""

import ipaddress
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from bulletins.models import BulletinEditionPage
from issues.models import InsertPage, IssuePage

from .forms import SaleRecordForm
from .models import PrintJob
from .models.sellers import Download, PortalItem, SaleRecord, can_use_portal, portal_pages

try:
    from storages.backends.s3 import S3Storage
except ImportError:  # django-storages is a dependency, but the portal works without it
    S3Storage = None

PER_PAGE = 20
# How long a signed S3 link stays valid: long enough to start the download, no longer.
SIGNED_URL_SECONDS = 300

# What the list can be narrowed to, as ?kind=...
KINDS = {
    "solidarity": ("Solidarity", (IssuePage,)),
    "inserts": ("Inserts", (InsertPage,)),
    "bulletins": ("Bulletins", (BulletinEditionPage,)),
}


def portal_access(view):
    """Anonymous users get the login page; logged-in users who may not use the portal, a 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("sellers:login"))
        if not can_use_portal(request.user):
            return render(request, "printing/sellers/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@portal_access
def portal(request):
    kind = request.GET.get("kind", "")
    models = KINDS[kind][1] if kind in KINDS else ()
    pages = Paginator(portal_pages(*models), PER_PAGE).get_page(request.GET.get("page"))
    # The newest finished print job of every page listed, with its profile: one query.
    jobs = (
        PrintJob.objects.select_related("profile")
        .defer("warnings", "error")
        .latest_done_by_page([page.pk for page in pages])
    )
    entries = [PortalItem(page, jobs.get(page.pk)) for page in pages]
    return render(
        request,
        "printing/sellers/portal.html",
        {"entries": entries, "pages": pages, "kinds": KINDS, "kind": kind if kind in KINDS else ""},
    )


def published_item(job):
    """The portal item of a job's page, or 404 if the page is not (or no longer) published."""
    page = portal_pages().filter(pk=job.page_id).first()
    if page is None:
        raise Http404("No such print file.")
    return PortalItem(page, job)


def client_ip(request):
    # REMOTE_ADDR only: X-Forwarded-For can be forged unless a trusted proxy sets it.
    try:
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
    except ValueError:
        return None


def serve_private_file(fieldfile, filename, attachment):
    """Stream a file from private storage, or redirect to a short-lived signed S3 URL."""
    storage = fieldfile.storage
    disposition = "attachment" if attachment else "inline"
    if S3Storage is not None and isinstance(storage, S3Storage):
        url = storage.url(
            fieldfile.name,
            parameters={"ResponseContentDisposition": f'{disposition}; filename="{filename}"'},
            expire=SIGNED_URL_SECONDS,
        )
        return HttpResponseRedirect(url)
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    response = FileResponse(handle, as_attachment=attachment, filename=filename)
    response["Cache-Control"] = "private, max-age=0"
    return response


@require_GET
@portal_access
def download(request, job_id):
    job = get_object_or_404(PrintJob.objects.done(), pk=job_id)
    item = published_item(job)
    Download.objects.create(
        page_id=job.page_id, job=job, user=request.user, ip_address=client_ip(request)
    )
    return serve_private_file(job.file, item.filename, attachment=True)


@require_GET
@portal_access
def thumbnail(request, job_id):
    job = get_object_or_404(PrintJob.objects.done().exclude(thumbnail=""), pk=job_id)
    published_item(job)
    extension = job.thumbnail.name.rsplit(".", 1)[-1].lower()
    return serve_private_file(job.thumbnail, f"page-1.{extension}", attachment=False)


@portal_access
def sales(request):
    if request.method == "POST":
        form = SaleRecordForm(request.POST)
        if form.is_valid():
            record = form.save(commit=False)
            record.seller = request.user
            profile = getattr(request.user, "seller_profile", None)
            record.area = profile.area if profile else ""
            record.save()
            messages.success(request, "Thank you: your sales are recorded.")
            return redirect("sellers:sales")
    else:
        form = SaleRecordForm(initial={"page": request.GET.get("for")})
    records = (
        SaleRecord.objects.filter(seller=request.user)
        .select_related("page")
        .order_by("-date", "-created_at")[:20]
    )
    return render(request, "printing/sellers/sales.html", {"form": form, "records": records})


@require_GET
def screen_edition(request, page_id):
    """The public PDF of a published issue, insert or edition: its latest screen build."""
    page = portal_pages().filter(pk=page_id).first()
    job = page and PrintJob.objects.latest_done(page, variant=PrintJob.SCREEN)
    if job is None:
        raise Http404("There is no PDF of this page.")
    return serve_private_file(job.file, PortalItem(page, job).filename, attachment=False)
