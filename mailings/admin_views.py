"""Admin views beyond modeladmin's: CSV export of a list, CSV import into a list."""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .csv_import import export_rows, import_subscribers
from .models import MailingList, Subscription

MAX_UPLOAD = 10 * 1024 * 1024


class Echo:
    """A file-like object csv.writer can write to, returning each line for streaming."""

    def write(self, value):
        return value


def export_list(request, list_id):
    if not request.user.has_perm("mailings.view_subscription"):
        raise PermissionDenied
    mailing_list = get_object_or_404(MailingList, pk=list_id)
    status = request.GET.get("status")
    if status not in dict(Subscription.STATUS_CHOICES):
        status = None
    writer = csv.writer(Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in export_rows(mailing_list, status)),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{mailing_list.slug}-{status or "all"}-{stamp}.csv"'
    )
    return response


class ImportForm(forms.Form):
    mailing_list = forms.ModelChoiceField(
        queryset=MailingList.objects.all(), label="Into the list", empty_label=None
    )
    file = forms.FileField(
        label="CSV file",
        help_text="One address per row: a column headed 'email', or the first column. UTF-8.",
    )
    consent = forms.BooleanField(
        label="Everyone in this file has agreed to receive this list",
        help_text="Recorded as their consent, with your name.",
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_UPLOAD:
            raise forms.ValidationError("The file is larger than 10 MB; split it up.")
        return uploaded


def import_view(request):
    if not request.user.has_perm("mailings.add_subscription"):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            result = import_subscribers(
                form.cleaned_data["file"], form.cleaned_data["mailing_list"], request.user
            )
    else:
        form = ImportForm(initial={"mailing_list": request.GET.get("list")})
    return render(
        request,
        "mailings/admin/import.html",
        {"form": form, "result": result},
        status=400 if result and result.errors else 200,
    )
