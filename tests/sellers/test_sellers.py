"""The sellers' portal: who may download what, the files' privacy, sales, and the admin."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.models import PageViewRestriction

from printing.models import PrinterProfile, PrintJob
from sellers.models import SELLERS_GROUP, Download, SaleRecord, SellerProfile
from tests.factories import (
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    InsertPageFactory,
    IssuePageFactory,
)

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.7\n% a tiny stand-in for a print PDF\n%%EOF\n"
PORTAL = "/sellers/"
LOGIN = "/sellers/login/"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    """Print files in a temporary private folder, well away from MEDIA_ROOT."""
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    storage = FileSystemStorage(location=location)
    # The file fields resolved their storage when the model was loaded: point them here.
    for name in ("file", "thumbnail"):
        monkeypatch.setattr(PrintJob._meta.get_field(name), "storage", storage)
    return storage


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


@pytest.fixture
def seller():
    return make_seller()


@pytest.fixture
def seller_client(client, seller):
    client.force_login(seller)
    return client


@pytest.fixture
def issue():
    return IssuePageFactory(number=738, cover_headline="Budget: make the rich pay")


@pytest.fixture
def job(issue):
    return make_job(issue)


def download_url(job):
    return reverse("sellers:download", args=[job.pk])


def thumbnail_url(job):
    return reverse("sellers:thumbnail", args=[job.pk])


# Who may use the portal ----------------------------------------------------------------------


def test_sellers_group_exists_with_no_admin_permissions():
    group = Group.objects.get(name=SELLERS_GROUP)
    assert not group.permissions.exists()


def test_anonymous_users_get_the_login_page(client, job):
    for url in (PORTAL, download_url(job), thumbnail_url(job), "/sellers/sales/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{LOGIN}?next=")
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Log in" in response.content.decode()
    assert not Download.objects.exists()


def test_a_logged_in_non_seller_gets_403(client, job):
    client.force_login(User.objects.create_user("reader", password="a-long-test-password"))
    for url in (PORTAL, download_url(job), thumbnail_url(job), "/sellers/sales/"):
        assert client.get(url).status_code == 403
    assert "cannot use the sellers" in client.get(PORTAL).content.decode()
    assert not Download.objects.exists()


def test_an_inactive_seller_cannot_log_in_or_download(client, job):
    make_seller("gone@example.org", active=False)
    response = client.post(
        LOGIN, {"username": "gone@example.org", "password": "a-long-test-password"}
    )
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in client.session
    # Even with a session, an inactive account is treated as logged out.
    client.force_login(User.objects.get(username="gone@example.org"))
    assert client.get(download_url(job))["Location"].startswith(LOGIN)


def test_a_seller_logs_in_with_their_email_in_any_case(client, seller):
    response = client.post(
        LOGIN, {"username": "Rosa@Example.org", "password": "a-long-test-password"}
    )
    assert response.status_code == 302 and response["Location"] == PORTAL


def test_a_seller_sees_the_portal_and_downloads(seller_client, issue, job):
    response = seller_client.get(PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Solidarity 738" in html and "Budget: make the rich pay" in html
    assert download_url(job) in html and thumbnail_url(job) in html
    assert "Newspaper printer" in html and "Tabloid (289 × 380 mm)" in html
    assert "16" in html
    response = seller_client.get(download_url(job))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize("kind", ["staff", "editor"])
def test_editors_can_download(client, job, kind):
    user = User.objects.create_user(f"{kind}-user", password="a-long-test-password")
    if kind == "staff":
        user.is_staff = True
        user.save()
    else:  # Wagtail's Editors group carries the access_admin permission
        user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    assert client.get(PORTAL).status_code == 200
    assert client.get(download_url(job)).status_code == 200


def test_a_seller_removed_from_the_group_loses_access(seller_client, seller, job):
    seller.seller_profile.delete()
    assert not seller.groups.filter(name=SELLERS_GROUP).exists()
    assert seller_client.get(download_url(job)).status_code == 403


# What is listed and served -------------------------------------------------------------------


def test_lists_issues_inserts_and_editions_newest_first_with_not_built_yet(seller_client):
    older = IssuePageFactory(number=737, publication_date=datetime.date(2026, 11, 11))
    newer = IssuePageFactory(number=738, publication_date=datetime.date(2026, 11, 18))
    InsertPageFactory(parent=older, title="Workers' Liberty 74")
    series = BulletinSeriesPageFactory(title="Tubeworker")
    BulletinEditionPageFactory(parent=series, number=123, date=datetime.date(2026, 11, 16))
    make_job(newer)
    html = seller_client.get(PORTAL).content.decode()
    positions = [
        html.index(text)
        for text in (
            "Solidarity 738",
            "Tubeworker 123",
            "Solidarity 737",
            "Workers&#x27; Liberty 74",
        )
    ]
    assert positions == sorted(positions)
    assert html.count("Not built yet") == 3
    bulletins = seller_client.get(PORTAL + "?kind=bulletins").content.decode()
    assert "Tubeworker 123" in bulletins and "Solidarity 738" not in bulletins
    # An unknown filter or page number is no error.
    assert seller_client.get(PORTAL + "?kind=nonsense&page=abc").status_code == 200


def test_unpublished_pages_are_neither_listed_nor_served(seller_client, issue, job):
    draft = IssuePageFactory(number=739, live=False)
    draft_job = make_job(draft)
    restricted = IssuePageFactory(number=740)
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    restricted_job = make_job(restricted)
    # An insert still live under an issue that has been unpublished.
    parent = IssuePageFactory(number=741)
    insert_job = make_job(InsertPageFactory(parent=parent, title="Orphaned insert"))
    parent.live = False
    parent.save()

    html = seller_client.get(PORTAL).content.decode()
    assert "Solidarity 738" in html
    for hidden in ("Solidarity 739", "Solidarity 740", "Solidarity 741", "Orphaned insert"):
        assert hidden not in html
    for hidden_job in (draft_job, restricted_job, insert_job):
        assert seller_client.get(download_url(hidden_job)).status_code == 404
        assert seller_client.get(thumbnail_url(hidden_job)).status_code == 404
    assert Download.objects.count() == 0


def test_a_guessed_job_id_is_refused(seller_client, job):
    draft_job = make_job(IssuePageFactory(number=739, live=False))
    failed_job = make_job(job.page, status=PrintJob.FAILED)
    running_job = make_job(job.page, status=PrintJob.RUNNING)
    # Sequential ids: the neighbours of a real one, and one that does not exist.
    for guessed in (draft_job.pk, failed_job.pk, running_job.pk, running_job.pk + 1, 999999):
        assert seller_client.get(f"/sellers/download/{guessed}/").status_code == 404
    assert seller_client.get("/sellers/download/abc/").status_code == 404
    assert Download.objects.count() == 0


def test_print_files_are_not_under_a_public_media_url(seller_client, private_storage, job):
    path = private_storage.path(job.file.name)
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert not job.file.name.startswith(("/", ".."))
    for name in (job.file.name, job.thumbnail.name):
        assert seller_client.get(settings.MEDIA_URL + name).status_code == 404
    html = seller_client.get(PORTAL).content.decode()
    assert job.file.name not in html and settings.MEDIA_URL not in html


def test_a_download_is_logged_and_named_readably(seller_client, seller, issue, job):
    response = seller_client.get(download_url(job), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="solidarity-738.pdf"'
    download = Download.objects.get()
    assert (download.job, download.page_id, download.user) == (job, issue.pk, seller)
    assert download.ip_address == "203.0.113.9"
    assert download.downloaded_at <= timezone.now()


def test_bulletin_and_insert_file_names(seller_client, issue):
    series = BulletinSeriesPageFactory(title="Tubeworker")
    edition_job = make_job(BulletinEditionPageFactory(parent=series, number=123))
    insert_job = make_job(InsertPageFactory(parent=issue, title="Climate", slug="climate"))
    response = seller_client.get(download_url(edition_job))
    assert response["Content-Disposition"] == 'attachment; filename="tubeworker-123.pdf"'
    response = seller_client.get(download_url(insert_job))
    assert response["Content-Disposition"] == 'attachment; filename="solidarity-738-climate.pdf"'


def test_the_thumbnail_is_served_inline_but_not_logged(seller_client, job):
    response = seller_client.get(thumbnail_url(job))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert not Download.objects.exists()


def test_a_file_missing_from_storage_is_a_404(seller_client, private_storage, job):
    private_storage.delete(job.file.name)
    assert seller_client.get(download_url(job)).status_code == 404


def test_on_s3_the_download_redirects_to_a_short_lived_signed_url(
    seller_client, monkeypatch, issue
):
    from storages.backends.s3 import S3Storage

    s3 = S3Storage(
        bucket_name="solidarity",
        access_key="test-key",
        secret_key="test-secret",  # noqa: S106
        region_name="eu-west-2",
        location="private",
        querystring_auth=True,
        default_acl="private",
    )
    monkeypatch.setattr(PrintJob._meta.get_field("file"), "storage", s3)
    # Signing happens locally: no file is uploaded and no request leaves the machine.
    job = PrintJob.objects.create(
        page=issue, status=PrintJob.DONE, finished_at=timezone.now(), file="print/x/print.pdf"
    )
    response = seller_client.get(download_url(job))
    assert response.status_code == 302
    location = response["Location"]
    assert "X-Amz-Signature=" in location and "X-Amz-Expires=300" in location
    assert "solidarity-738.pdf" in location
    assert Download.objects.filter(job=job).exists()


# Password reset ------------------------------------------------------------------------------


def test_password_reset_by_email(client, seller):
    response = client.post("/sellers/password-reset/", {"email": "rosa@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rosa@example.org"]
    link = re.search(r"http://testserver(/sellers/password-reset/[^/\s]+/[^/\s]+/)", message.body)
    assert link, message.body
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200 and "Choose a new password" in response.content.decode()
    set_url = response.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "red-flag-1917-x", "new_password2": "red-flag-1917-x"}
    )
    assert response.status_code == 302
    assert client.login(username="rosa@example.org", password="red-flag-1917-x")


def test_password_reset_for_an_unknown_address_sends_nothing(client):
    response = client.post("/sellers/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302  # same answer: addresses cannot be probed
    assert mail.outbox == []


# Sales ---------------------------------------------------------------------------------------


def sale(issue_or_edition, **overrides):
    return {
        "page": issue_or_edition.pk,
        "date": "2026-11-19",
        "copies": "25",
        "money_taken": "37.50",
        "note": "Outside the station",
        **overrides,
    }


def test_a_seller_records_sales(seller_client, seller, issue):
    response = seller_client.get(f"/sellers/sales/?for={issue.pk}")
    assert response.status_code == 200
    assert f'<option value="{issue.pk}" selected>' in response.content.decode()
    response = seller_client.post("/sellers/sales/", sale(issue))
    assert response.status_code == 302
    record = SaleRecord.objects.get()
    assert (record.seller, record.page_id, record.copies) == (seller, issue.pk, 25)
    assert record.money_taken == Decimal("37.50") and record.area == "South London"
    html = seller_client.get("/sellers/sales/").content.decode()
    assert "your sales are recorded" in html and "£37.50" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("copies", "-3", "Copies sold cannot be negative."),
        ("copies", "2.5", "Enter the number of copies as a whole number"),
        ("copies", "99999999999", "please check the number"),
        ("money_taken", "-1", "Money taken cannot be negative."),
        ("money_taken", "12.345", "at most 2 decimal places"),
        ("money_taken", "twelve", "Enter an amount in pounds and pence"),
        ("money_taken", "NaN", "Enter an amount in pounds and pence"),
        ("money_taken", "1e30", "please check the amount"),
        ("date", "2999-01-01", "cannot be in the future"),
        ("date", "not a date", "Enter a date"),
        ("page", "abc", "Choose an issue or edition from the list."),
    ],
)
def test_the_sales_form_refuses_bad_numbers_clearly(seller_client, issue, field, value, message):
    response = seller_client.post("/sellers/sales/", sale(issue, **{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    assert not SaleRecord.objects.exists()


def test_sales_cannot_be_recorded_for_an_unpublished_issue_or_an_insert(seller_client, issue):
    for page in (IssuePageFactory(number=739, live=False), InsertPageFactory(parent=issue)):
        response = seller_client.post("/sellers/sales/", sale(page))
        assert "Choose an issue or edition from the list." in response.content.decode()
    assert not SaleRecord.objects.exists()


def test_user_text_is_escaped(seller_client, seller):
    issue = IssuePageFactory(number=750, cover_headline="<script>alert(1)</script>")
    seller_client.post("/sellers/sales/", sale(issue, note="<b>loud</b>"))
    assert "<script>alert(1)" not in seller_client.get(PORTAL).content.decode()
    html = seller_client.get("/sellers/sales/").content.decode()
    assert "&lt;b&gt;loud&lt;/b&gt;" in html and "<b>loud</b>" not in html


def export_rows(client, url):
    response = client.get(url + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


def test_editors_see_sales_totals_per_issue_and_per_area(client, admin_client, issue):
    rosa = make_seller("rosa@example.org", area="South London")
    sam = make_seller("sam@example.org", area="Sheffield")
    other = IssuePageFactory(number=739)
    for seller, page, copies, money in [
        (rosa, issue, 20, "30.00"),
        (rosa, issue, 5, "7.55"),
        (sam, issue, 10, "12.00"),
        (sam, other, 4, "6.00"),
    ]:
        client.force_login(seller)
        assert client.post("/sellers/sales/", sale(page, copies=copies, money_taken=money))[
            "Location"
        ]

    response = admin_client.get(reverse("sellers_sales_by_issue"))
    assert response.status_code == 200
    assert "Solidarity 738" in response.content.decode()
    by_issue = {
        row["Issue or edition"]: row
        for row in export_rows(admin_client, reverse("sellers_sales_by_issue"))
    }
    assert by_issue["Solidarity 738 (18 Nov 2026)"]["Copies sold"] == "35"
    assert Decimal(by_issue["Solidarity 738 (18 Nov 2026)"]["Money taken (£)"]) == Decimal("49.55")
    assert by_issue["Solidarity 739 (18 Nov 2026)"]["Sellers"] == "1"

    response = admin_client.get(reverse("sellers_sales_by_area"))
    assert response.status_code == 200 and "Sheffield" in response.content.decode()
    by_area = {
        row["Branch or area"]: row
        for row in export_rows(admin_client, reverse("sellers_sales_by_area"))
    }
    assert by_area["South London"]["Copies sold"] == "25"
    assert Decimal(by_area["South London"]["Money taken (£)"]) == Decimal("37.55")
    assert by_area["Sheffield"]["Copies sold"] == "14"

    filtered = admin_client.get(reverse("sellers_sales_by_area") + "?area=sheff")
    assert "South London" not in filtered.content.decode()


def test_editors_see_downloads_per_issue(admin_client, seller_client, issue, job):
    seller_client.get(download_url(job))
    seller_client.get(download_url(job))
    response = admin_client.get(reverse("sellers_downloads_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Solidarity 738" in html
    rows = export_rows(admin_client, reverse("sellers_downloads_report"))
    assert rows[0]["Downloads"] == "2" and rows[0]["People"] == "1"


def test_sellers_cannot_see_the_reports_or_the_admin(seller_client):
    for url in (reverse("sellers_sales_by_issue"), reverse("sellers_admin:index")):
        response = seller_client.get(url)
        assert response.status_code in (302, 403)


# Managing sellers in the admin ---------------------------------------------------------------


def test_editors_manage_sellers_in_the_admin(client):
    editor = User.objects.create_user("editor", password="a-long-test-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    make_seller("sam@example.org", area="Sheffield")
    response = client.get(reverse("sellers_admin:index"))
    assert response.status_code == 200 and "Sheffield" in response.content.decode()
    assert client.get(reverse("sellers_admin:index") + "?q=sheff").status_code == 200
    assert client.get(reverse("sellers_admin:add")).status_code == 200

    response = client.post(
        reverse("sellers_admin:add"),
        {
            "first_name": "Ana",
            "last_name": "Lopes",
            "email": "Ana@Example.org",
            "area": "Tube depots",
            "is_active": "on",
            "send_password_link": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="ana@example.org")
    assert user.username == "ana@example.org" and user.get_full_name() == "Ana Lopes"
    assert user.is_active and user.groups.filter(name=SELLERS_GROUP).exists()
    assert user.seller_profile.area == "Tube depots"
    assert len(mail.outbox) == 1 and "/sellers/password-reset/" in mail.outbox[0].body

    # Editing sets the account's name, email and active flag.
    profile = user.seller_profile
    assert client.get(reverse("sellers_admin:edit", args=[profile.pk])).status_code == 200
    response = client.post(
        reverse("sellers_admin:edit", args=[profile.pk]),
        {"first_name": "Ana", "last_name": "Lopes", "email": "ana@example.net", "area": "Leeds"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active and user.email == user.username == "ana@example.net"
    assert SellerProfile.objects.get(user=user).area == "Leeds"

    # Editors see the reports too.
    for name in ("sellers_downloads_report", "sellers_sales_by_issue", "sellers_sales_by_area"):
        assert client.get(reverse(name)).status_code == 200


def test_a_seller_cannot_take_an_existing_accounts_address(admin_client):
    make_seller("sam@example.org")
    response = admin_client.post(
        reverse("sellers_admin:add"),
        {"first_name": "Sam", "email": "SAM@example.org", "area": "Leeds", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "There is already an account with this email address." in response.content.decode()
    assert User.objects.filter(email__iexact="sam@example.org").count() == 1


# Queries -------------------------------------------------------------------------------------


def portal_queries(client, count, first=800):
    series = BulletinSeriesPageFactory(title="Tubeworker")
    for n in range(first, first + count):
        page = (
            IssuePageFactory(number=n)
            if n % 3
            else BulletinEditionPageFactory(parent=series, number=n)
        )
        if n % 4:
            make_job(page)
    client.get(PORTAL)  # warms the content type cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PORTAL)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("count", [3, 30])
def test_the_portal_list_costs_a_fixed_number_of_queries(seller_client, count):
    # Session, user, Sellers group, count, pages, jobs with their profiles; then the public
    # frame: the user bar's two permission queries, the site and its settings.
    assert portal_queries(seller_client, count) <= 10


def test_the_portal_list_query_count_does_not_grow(seller_client):
    few = portal_queries(seller_client, 3)
    many = portal_queries(seller_client, 30, first=900)
    assert few == many
