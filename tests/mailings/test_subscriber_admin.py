"""The editors' screens for lists and subscribers: listings, counts, and CSV import and export
with their checks and permission."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mailings.models import WEEKLY_SLUG, ConsentRecord, Subscriber, Subscription
from tests.factories import SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


# Admin: screens, CSV import and export -------------------------------------------------------


def csv_file(text, name="people.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_admin_screens_load(admin_client, weekly):
    subscription = SubscriptionFactory(mailing_list=weekly)
    SubscriptionFactory(mailing_list=weekly, status="pending")
    ConsentRecord.objects.create(
        subscriber=subscription.subscriber, mailing_list=weekly, wording="w", source="test"
    )
    email = subscription.subscriber.email
    for name, query in [
        ("mailings_mailinglist_modeladmin_index", ""),
        ("mailings_subscriber_modeladmin_index", f"?q={email}"),
        ("mailings_subscriber_modeladmin_index", f"?subscriptions__mailing_list={weekly.pk}"),
        ("mailings_subscription_modeladmin_index", f"?mailing_list__id__exact={weekly.pk}"),
        ("mailings_subscription_modeladmin_index", "?status__exact=subscribed"),
        ("mailings_subscription_modeladmin_index", f"?q={email}"),
        ("mailings_consentrecord_modeladmin_index", ""),
        ("mailings_mailinglist_modeladmin_create", ""),
        ("mailings_import", ""),
    ]:
        response = admin_client.get(reverse(name) + query)
        assert response.status_code == 200, (name, query)
    response = admin_client.get(reverse("mailings_subscription_modeladmin_index") + f"?q={email}")
    assert email in response.content.decode()
    # Consent records have no add button and no edit view.
    html = admin_client.get(reverse("mailings_consentrecord_modeladmin_index")).content.decode()
    assert reverse("mailings_consentrecord_modeladmin_create") not in html


def test_list_counts_come_with_the_lists_in_one_query(admin_client, weekly):
    SubscriptionFactory.create_batch(3, mailing_list=weekly)
    SubscriptionFactory(mailing_list=weekly, status="pending")
    from mailings.wagtail_hooks import MailingListAdmin

    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        lists = {m.slug: m for m in MailingListAdmin().get_queryset(request)}
    assert len(queries) == 1
    assert (lists[WEEKLY_SLUG].subscribed_count, lists[WEEKLY_SLUG].pending_count) == (3, 1)
    html = admin_client.get(reverse("mailings_mailinglist_modeladmin_index")).content.decode()
    assert reverse("mailings_export", args=[weekly.pk]) in html


def test_each_list_has_export_and_import_buttons(admin_client, weekly):
    response = admin_client.get(reverse("mailings_mailinglist_modeladmin_index"))
    assert response.status_code == 200
    html = response.content.decode()
    # Headed as its menu item reads; the list's buttons under its name, not in a column.
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", h1).strip() == "Mailing lists"
    assert "CSV" not in html.split("<thead>")[1].split("</thead>")[0]
    row = html.split(f'data-object-pk="{weekly.pk}"')[1].split("</tr>")[0]
    export = reverse("mailings_export", args=[weekly.pk])
    for url, label in [
        (f"{export}?status=subscribed", "Export subscribers"),
        (export, "Export all"),
        (f"{reverse('mailings_import')}?list={weekly.pk}", "Import"),
    ]:
        assert re.search(rf'<a href="{re.escape(url)}" class="button[^"]*"[^>]*>{label}</a>', row)
    assert row.index("Export subscribers") < row.index("Export all") < row.index(">Import<")


def test_csv_import_with_bad_rows_imports_nothing_and_lists_them(admin_client, weekly):
    text = (
        "email,name\n"
        "good@example.org,Good\n"
        "not-an-address,Bad\n"
        ",Empty\n"
        "GOOD@example.org,Twice\n"
        "other@example.org,Fine\n"
    )
    response = admin_client.post(
        reverse("mailings_import"),
        {"mailing_list": weekly.pk, "file": csv_file(text), "consent": "on"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "<td>3</td><td>Not a valid email address: not-an-address</td>" in html
    assert "<td>4</td><td>No email address in this row.</td>" in html
    assert "<td>5</td><td>good@example.org is already on line 2.</td>" in html
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_csv_import_that_is_not_utf8_or_empty_is_reported(admin_client, weekly):
    for content, message in [
        ("caf\xe9@example.org".encode("latin-1"), "not UTF-8"),
        (b"email\n\n", "no email addresses"),
    ]:
        upload = SimpleUploadedFile("x.csv", content, content_type="text/csv")
        response = admin_client.post(
            reverse("mailings_import"), {"mailing_list": weekly.pk, "file": upload, "consent": "on"}
        )
        assert response.status_code == 400 and message in response.content.decode()
    assert not Subscriber.objects.exists()


def test_csv_import_needs_the_consent_box(admin_client, weekly):
    response = admin_client.post(
        reverse("mailings_import"), {"mailing_list": weekly.pk, "file": csv_file("a@example.org")}
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_good_csv_import(admin_client, admin_user, weekly):
    already = SubscriptionFactory(mailing_list=weekly, subscriber__email="old@example.org")
    left = SubscriptionFactory(
        mailing_list=weekly, subscriber__email="left@example.org", status="unsubscribed"
    )
    SubscriberFactory(email="known@example.org")  # on no list yet
    text = "New@Example.org\nold@example.org\nleft@example.org\nknown@example.org\n\n"
    response = admin_client.post(
        reverse("mailings_import"),
        {"mailing_list": weekly.pk, "file": csv_file(text), "consent": "on"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 subscribed, 1 already subscribed" in html
    assert "left@example.org" in html
    subscribed = set(
        Subscription.objects.filter(mailing_list=weekly, status="subscribed").values_list(
            "subscriber__email", flat=True
        )
    )
    assert subscribed == {"new@example.org", "old@example.org", "known@example.org"}
    left.refresh_from_db()
    already.refresh_from_db()
    assert left.status == "unsubscribed" and already.source == "test"
    records = ConsentRecord.objects.all()
    assert {r.subscriber.email for r in records} == {"new@example.org", "known@example.org"}
    for record in records:
        assert record.source == "import"
        assert record.wording == f"imported by {admin_user.get_username()}"
    assert Subscription.objects.get(subscriber__email="new@example.org").source == "import"


def test_csv_export(admin_client, weekly):
    SubscriptionFactory(mailing_list=weekly, subscriber__email="a@example.org")
    SubscriptionFactory(mailing_list=weekly, subscriber__email="b@example.org", status="pending")
    SubscriptionFactory(mailing_list=weekly, subscriber__email="=cmd@example.org")
    SubscriptionFactory(subscriber__email="elsewhere@example.org")
    url = reverse("mailings_export", args=[weekly.pk])

    response = admin_client.get(url + "?status=subscribed")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["email", "status"]
    assert [row[0] for row in rows[1:]] == ["'=cmd@example.org", "a@example.org"]

    everyone = b"".join(admin_client.get(url).streaming_content).decode()
    assert "b@example.org,pending" in everyone and "elsewhere" not in everyone


def test_export_and_import_need_permission(client, django_user_model, weekly):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("writer", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    for url in [reverse("mailings_export", args=[weekly.pk]), reverse("mailings_import")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"
