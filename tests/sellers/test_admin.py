"""Sellers in the Wagtail admin: the reports, the sellers' admin and the sales listing."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sellers.models import SELLERS_GROUP, SaleRecord, SellerProfile
from tests.factories import BulletinEditionPageFactory, BulletinSeriesPageFactory, IssuePageFactory

from .helpers import download_url, export_rows, make_seller, sale

pytestmark = pytest.mark.django_db

SELLERS_INDEX = "sellers_sellerprofile_modeladmin_index"
SELLERS_CREATE = "sellers_sellerprofile_modeladmin_create"
SELLERS_EDIT = "sellers_sellerprofile_modeladmin_edit"
SALES_INDEX = "sellers_salerecord_modeladmin_index"
SALES_CREATE = "sellers_salerecord_modeladmin_create"


# Reports -------------------------------------------------------------------------------------


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
    for url in (reverse("sellers_sales_by_issue"), reverse(SELLERS_INDEX)):
        response = seller_client.get(url)
        assert response.status_code in (302, 403)


# Managing sellers in the admin ---------------------------------------------------------------


def test_editors_manage_sellers_in_the_admin(client):
    editor = User.objects.create_user("editor", password="a-long-test-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    make_seller("sam@example.org", area="Sheffield")
    response = client.get(reverse(SELLERS_INDEX))
    assert response.status_code == 200 and "Sheffield" in response.content.decode()
    assert client.get(reverse(SELLERS_INDEX) + "?q=sheff").status_code == 200
    assert client.get(reverse(SELLERS_CREATE)).status_code == 200

    response = client.post(
        reverse(SELLERS_CREATE),
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
    assert client.get(reverse(SELLERS_EDIT, args=[profile.pk])).status_code == 200
    response = client.post(
        reverse(SELLERS_EDIT, args=[profile.pk]),
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
        reverse(SELLERS_CREATE),
        {"first_name": "Sam", "email": "SAM@example.org", "area": "Leeds", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "There is already an account with this email address." in response.content.decode()
    assert User.objects.filter(email__iexact="sam@example.org").count() == 1


def log_in_as(client, group):
    user = User.objects.create_user(f"{group}-member", password="a-long-test-password")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def refused(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    return response.status_code == 403 or response.get("Location") == "/admin/"


def test_the_sellers_listing_filters_searches_and_exports(admin_client):
    make_seller("rosa@example.org", area="South London")
    make_seller("sam@example.org", area="Sheffield", active=False)
    index = reverse(SELLERS_INDEX)
    for query, shown, hidden in [
        ("?q=sheff", "sam@example.org", "rosa@example.org"),
        ("?area=SHEFF", "sam@example.org", "rosa@example.org"),
        ("?user__is_active__exact=1", "rosa@example.org", "sam@example.org"),
    ]:
        html = admin_client.get(index + query).content.decode()
        assert shown in html and hidden not in html, query
    rows = export_rows(admin_client, index)
    assert list(rows[0]) == ["Name", "Email", "Branch or area", "Active", "Created at"]
    assert {(row["Email"], row["Branch or area"], row["Active"]) for row in rows} == {
        ("rosa@example.org", "South London", "True"),
        ("sam@example.org", "Sheffield", "False"),
    }
    assert [row["Email"] for row in export_rows(admin_client, index + "?area=sheff")] == [
        "sam@example.org"
    ]
    xlsx = admin_client.get(index + "?export=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Disposition"].endswith('sellers.xlsx"')


def test_saving_a_seller_sends_a_password_link_only_when_asked(admin_client):
    profile = make_seller("sam@example.org").seller_profile
    edit = reverse(SELLERS_EDIT, args=[profile.pk])
    form = {"first_name": "Sam", "email": "sam@example.org", "area": "Leeds", "is_active": "on"}
    assert admin_client.post(edit, form).status_code == 302
    assert mail.outbox == []
    assert admin_client.post(edit, {**form, "send_password_link": "on"}).status_code == 302
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]


def test_a_seller_url_with_a_word_for_a_number_is_a_404(admin_client):
    for action in ("edit", "delete", "history"):
        assert admin_client.get(f"/admin/sellers/sellerprofile/{action}/abc/").status_code == 404


@pytest.mark.parametrize("group", [SELLERS_GROUP, "Sub-editors", "Writers"])
def test_only_editors_reach_the_sellers_and_sales_admin(client, group):
    make_seller("sam@example.org", area="Sheffield")
    log_in_as(client, group)
    for name in (SELLERS_INDEX, SELLERS_CREATE, SALES_INDEX):
        response = client.get(reverse(name))
        assert response.status_code in (302, 403), name  # the login page or the dashboard
        assert "sam@example.org" not in response.content.decode()


# The sales listing ---------------------------------------------------------------------------


@pytest.fixture
def sales(issue):
    series = BulletinSeriesPageFactory(title="Tubeworker")
    edition = BulletinEditionPageFactory(
        parent=series, number=123, title="Night tube strike", date=datetime.date(2026, 11, 16)
    )
    rosa = make_seller("rosa@example.org", area="South London")
    sam = make_seller("sam@example.org", area="Sheffield")
    sam.first_name = "Sam"
    sam.save()
    return [
        SaleRecord.objects.create(
            seller=rosa,
            area="South London",
            page=issue,
            copies=20,
            money_taken=Decimal("30.00"),
            date=datetime.date(2026, 11, 19),
            note="Outside the station",
        ),
        SaleRecord.objects.create(
            seller=sam,
            area="Sheffield",
            page=edition,
            copies=4,
            money_taken=Decimal("6.00"),
            date=datetime.date(2026, 11, 21),
        ),
    ]


def test_editors_list_filter_search_and_export_sales(client, sales):
    log_in_as(client, "Editors")
    index = reverse(SALES_INDEX)
    html = client.get(index).content.decode()
    assert "Solidarity 738 (18 Nov 2026)" in html
    assert "Tubeworker 123: Night tube strike (16 Nov 2026)" in html
    for query, shown, hidden in [
        ("?area=sheff", "Sheffield", "South London"),
        ("?q=rosa", "South London", "Sheffield"),
        ("?date__gte=2026-11-19&date__lt=2026-11-20", "South London", "Sheffield"),
    ]:
        html = client.get(index + query).content.decode()
        assert shown in html and hidden not in html, query
    rows = export_rows(client, index)
    assert list(rows[0]) == [
        "Seller",
        "Branch or area",
        "Issue or edition",
        "Date sold",
        "Copies sold",
        "Money taken (£)",
        "Note",
    ]
    by_seller = {row["Seller"]: row for row in rows}
    assert by_seller["Rosa"]["Copies sold"] == "20"
    assert by_seller["Rosa"]["Money taken (£)"] == "30.00"
    assert by_seller["Rosa"]["Note"] == "Outside the station"
    assert by_seller["Sam"]["Issue or edition"] == "Tubeworker 123: Night tube strike (16 Nov 2026)"


def test_sales_are_read_only_in_the_admin(client, sales):
    log_in_as(client, "Editors")
    sale = sales[0]
    html = client.get(reverse(SALES_INDEX)).content.decode()
    assert reverse(SALES_CREATE) not in html
    assert refused(client.get(reverse(SALES_CREATE)))
    for action in ("edit", "delete"):
        url = reverse(f"sellers_salerecord_modeladmin_{action}", args=[sale.pk])
        assert url not in html
        assert refused(client.get(url))
        assert refused(client.post(url, {"copies": "1"}))
    inspect = reverse("sellers_salerecord_modeladmin_inspect", args=[sale.pk])
    assert inspect in html
    assert "Outside the station" in client.get(inspect).content.decode()
    assert SaleRecord.objects.get(pk=sale.pk).copies == 20


def sales_listing_queries(client, count, first):
    seller = make_seller(f"seller{first}@example.org")
    for n in range(first, first + count):
        SaleRecord.objects.create(
            seller=seller, page=IssuePageFactory(number=n), copies=n, money_taken=n
        )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(SALES_INDEX)).status_code == 200
    SaleRecord.objects.all().delete()
    return len(queries)


def test_the_sales_listing_costs_a_fixed_number_of_queries(admin_client):
    sales_listing_queries(admin_client, 1, first=800)  # warms the caches
    few = sales_listing_queries(admin_client, 3, first=810)
    many = sales_listing_queries(admin_client, 30, first=820)
    assert few == many
