"""The sellers' portal: print PDFs to download, and sales to record.

Print files live in private storage. Every file goes through a view here that checks who asks
and that the page is published; job ids are sequential, so that check is what protects them.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import PasswordResetView, redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from bulletins.models import BulletinEditionPage
from issues.models import InsertPage, IssuePage
from printing.editions import Edition, published_editions
from printing.models import PrintJob
from printing.storage import serve_private_file
from solidarity.ratelimit import RateLimitedPasswordReset, client_ip

from .forms import SaleRecordForm
from .models import Download, SaleRecord, can_use_portal

PER_PAGE = 20

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
            return render(request, "sellers/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@portal_access
def portal(request):
    kind = request.GET.get("kind", "")
    models = KINDS[kind][1] if kind in KINDS else ()
    pages = Paginator(published_editions(*models), PER_PAGE).get_page(request.GET.get("page"))
    # The newest finished print job of every page listed, with its profile: one query.
    jobs = (
        PrintJob.objects.select_related("profile")
        .defer("warnings", "error")
        .latest_done_by_page([page.pk for page in pages])
    )
    entries = [Edition(page, jobs.get(page.pk)) for page in pages]
    return render(
        request,
        "sellers/portal.html",
        {"entries": entries, "pages": pages, "kinds": KINDS, "kind": kind if kind in KINDS else ""},
    )


def published_item(job):
    """The portal item of a job's page, or 404 if the page is not (or no longer) published."""
    page = published_editions().filter(pk=job.page_id).first()
    if page is None:
        raise Http404("No such print file.")
    return Edition(page, job)


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
    return render(request, "sellers/sales.html", {"form": form, "records": records})


class SellerPasswordResetView(RateLimitedPasswordReset, PasswordResetView):
    """Django's password reset, with the site's limit on requests."""
