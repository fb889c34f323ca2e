"""The sellers' portal: who may download what, the files' privacy, password reset, sales."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from storages.backends.s3 import S3Storage
from wagtail.models import PageViewRestriction

from printing.models import PrintJob
from sellers.models import SELLERS_GROUP, Download, SaleRecord
from tests.factories import (
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    InsertPageFactory,
    IssuePageFactory,
)

from .helpers import (
    LOGIN,
    PDF_BYTES,
    PORTAL,
    download_url,
    make_job,
    make_seller,
    sale,
    thumbnail_url,
)

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("kind", ["superuser", "editor"])
def test_editors_can_download(client, job, kind):
    user = User.objects.create_user(f"{kind}-user", password="a-long-test-password")
    if kind == "superuser":
        user.is_superuser = True
        user.save()
    else:  # the Editors group carries printing.view_printjob (tests/sellers/test_access.py)
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
