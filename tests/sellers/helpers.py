"""What the sellers' tests share: stand-in print jobs, sellers, sales and exports."""

import csv
import io

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from printing.models import PrinterProfile, PrintJob
from sellers.models import SELLERS_GROUP, SellerProfile

PDF_BYTES = b"%PDF-1.7\n% a tiny stand-in for a print PDF\n%%EOF\n"
PORTAL = "/sellers/"
LOGIN = "/sellers/login/"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), "red").save(buffer, "PNG")
    return buffer.getvalue()


def make_job(page, status=PrintJob.DONE, **kwargs):
    done = status == PrintJob.DONE
    defaults = {
        "page": page,
        "status": status,
        "profile": PrinterProfile.objects.get(slug="newspaper-printer"),
        "finished_at": timezone.now() if done else None,
        "page_count": 16 if done else None,
        "file_size": len(PDF_BYTES) if done else None,
        "file": ContentFile(PDF_BYTES, name="print.pdf") if done else "",
        "thumbnail": ContentFile(png_bytes(), name="thumb.png") if done else "",
    }
    return PrintJob.objects.create(**{**defaults, **kwargs})


def make_seller(username="rosa@example.org", active=True, area="South London"):
    user = User.objects.create_user(
        username, email=username, password="a-long-test-password", is_active=active
    )
    user.first_name = "Rosa"
    user.save()
    user.groups.add(Group.objects.get(name=SELLERS_GROUP))
    SellerProfile.objects.create(user=user, area=area)
    return user


def download_url(job):
    return reverse("sellers:download", args=[job.pk])


def thumbnail_url(job):
    return reverse("sellers:thumbnail", args=[job.pk])


def sale(issue_or_edition, **overrides):
    return {
        "page": issue_or_edition.pk,
        "date": "2026-11-19",
        "copies": "25",
        "money_taken": "37.50",
        "note": "Outside the station",
        **overrides,
    }


def export_rows(client, url):
    response = client.get(url + ("&" if "?" in url else "?") + "export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))
