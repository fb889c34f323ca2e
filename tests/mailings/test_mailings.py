"""Mailing lists and subscribers: double opt-in, signed links, one-click unsubscribe, consent
records, and the editors' screens with CSV import and export."""

import csv
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mailings import links
from mailings.models import (
    WEEKLY_SLUG,
    AppendOnlyError,
    ConsentRecord,
    MailingList,
    Subscriber,
    Subscription,
)
from mailings.services import PREFERENCES_WORDING, SUBSCRIBE_WORDING
from tests.factories import (
    ArticlePageFactory,
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    IssuePageFactory,
    MailingListFactory,
    SubscriberFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/subscribe/"


@pytest.fixture
def weekly():
    return MailingList.objects.get(slug=WEEKLY_SLUG)


def subscribe(client, email, *lists, **extra):
    data = {"email": email, "lists": [m.pk for m in lists], "website": "", "source": "/"}
    data.update(extra.pop("data", {}))
    return client.post(SUBSCRIBE, data, **extra)


def link_in(message, name):
    """The first link to `name` (confirm, preferences...) in an email's text part."""
    match = re.search(rf"http://testserver(/\S*/{name}/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


# Lists ---------------------------------------------------------------------------------------


def test_the_weekly_list_exists_and_a_new_series_gets_its_own_list(weekly):
    assert weekly.name == "Solidarity weekly" and weekly.is_public
    series = BulletinSeriesPageFactory(title="Off The Rails")
    mailing_list = MailingList.objects.get(bulletin_series=series)
    assert mailing_list.name == "Off The Rails" and mailing_list.slug == "off-the-rails"


def test_subscribe_box_on_front_article_and_bulletin_pages(client, weekly):
    issue = IssuePageFactory(number=800)
    article = ArticlePageFactory(parent=issue)
    edition = BulletinEditionPageFactory()
    series_list = MailingList.objects.get(bulletin_series=edition.get_parent())
    for url in ["/", article.url, edition.url, edition.get_parent().url]:
        html = client.get(url).content.decode()
        assert 'class="subscribe-box"' in html, url
        assert 'name="csrfmiddlewaretoken"' in html
        assert f'value="{weekly.pk}"' in html
    # On a bulletin page, that bulletin's list is the one ticked.
    html = client.get(edition.url).content.decode()
    assert f'value="{series_list.pk}" checked' in html
    assert f'value="{weekly.pk}" checked' not in html


def test_subscribe_box_costs_no_query_once_cached_and_follows_list_changes(weekly):
    template = Template("{% load mailings_tags %}{% subscribe_box %}")
    request = RequestFactory().get("/")
    template.render(Context({"request": request}))
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"request": request}))
    assert len(queries) == 0
    assert "Solidarity weekly" in html
    MailingListFactory(name="Women's Fightback news")
    html = template.render(Context({"request": request}))
    assert "Women&#x27;s Fightback news" in html
    weekly.is_public = False
    weekly.save()
    assert "Solidarity weekly" not in template.render(Context({"request": request}))


# Double opt-in -------------------------------------------------------------------------------


def test_double_opt_in_end_to_end(client, weekly):
    tube = MailingListFactory(name="Tubeworker news")
    response = subscribe(client, "Reader@Example.org", weekly, tube, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 302
    assert response["Location"] == reverse("mailings:check_email")
    assert "Check your email" in client.get(response["Location"]).content.decode()

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org"
    assert set(subscriber.subscriptions.values_list("status", flat=True)) == {"pending"}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert "Confirm" in message.subject
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    url = link_in(message, "confirm")

    # Following the link shows a button; nothing changes until it is pressed.
    page = client.get(url)
    assert page.status_code == 200 and "Yes, subscribe me" in page.content.decode()
    assert not Subscription.objects.filter(status="subscribed").exists()

    confirmed = client.post(url, REMOTE_ADDR="198.51.100.7")
    assert confirmed.status_code == 200
    assert "You are subscribed" in confirmed.content.decode()
    assert set(subscriber.subscriptions.values_list("status", flat=True)) == {"subscribed"}
    records = ConsentRecord.objects.order_by("mailing_list__name")
    assert [r.mailing_list for r in records] == [weekly, tube]
    for record in records:
        assert record.wording == SUBSCRIBE_WORDING
        assert record.source == "form /"
        assert record.ip_address == "198.51.100.7"
        assert record.action == ConsentRecord.GIVEN

    # Confirming twice records nothing more.
    client.post(url)
    assert ConsentRecord.objects.count() == 2


def test_the_wording_recorded_is_the_wording_shown(client, weekly):
    assert SUBSCRIBE_WORDING in client.get(SUBSCRIBE).content.decode()
    assert SUBSCRIBE_WORDING.replace("'", "&#x27;") in client.get("/").content.decode()


def test_tampered_and_expired_confirmation_links(client, weekly, settings):
    subscribe(client, "reader@example.org", weekly)
    url = link_in(mail.outbox[0], "confirm")
    token = url.rstrip("/").rsplit("/", 1)[1]
    tampered = url.replace(token, token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB"))
    for bad in [tampered, "/subscribe/confirm/not-a-token/", "/subscribe/confirm/a:b:c/"]:
        response = client.post(bad)
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    settings.MAILINGS_CONFIRM_MAX_AGE = -1
    response = client.post(url)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert not Subscription.objects.filter(status="subscribed").exists()
    assert not ConsentRecord.objects.exists()


def test_a_link_of_one_kind_cannot_be_used_as_another(client):
    subscriber = SubscriberFactory()
    preferences = links.preferences_token(subscriber)
    assert client.post(f"/unsubscribe/{preferences}/").status_code == 400
    assert client.get(f"/subscribe/confirm/{preferences}/").status_code == 400


def test_signing_up_twice_gives_the_same_answer_and_no_duplicates(client, weekly):
    first = subscribe(client, "reader@example.org", weekly)
    second = subscribe(client, "READER@example.org ", weekly)
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert Subscriber.objects.count() == 1 and Subscription.objects.count() == 1
    assert len(mail.outbox) == 2

    # Once subscribed: still the same answer; the email is a note, not a new confirmation.
    Subscription.objects.update(status="subscribed")
    third = subscribe(client, "reader@example.org", weekly)
    assert (third.status_code, third["Location"]) == (first.status_code, first["Location"])
    assert Subscription.objects.count() == 1 and ConsentRecord.objects.count() == 0
    assert "already gets these" in mail.outbox[2].body
    assert "/subscribe/confirm/" not in mail.outbox[2].body


def test_subscribing_does_not_undo_an_unsubscription_until_confirmed(client, weekly):
    subscription = SubscriptionFactory(mailing_list=weekly, status="unsubscribed")
    subscribe(client, subscription.subscriber.email, weekly)
    subscription.refresh_from_db()
    assert subscription.status == "unsubscribed"
    client.post(link_in(mail.outbox[0], "confirm"))
    subscription.refresh_from_db()
    assert subscription.status == "subscribed"


def test_honeypot_gets_the_usual_answer_and_nothing_happens(client, weekly):
    response = subscribe(client, "bot@example.org", weekly, data={"website": "http://spam"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mailings:check_email")
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_ip(client, weekly, settings):
    settings.MAILINGS_RATE_LIMITS = {"ip": (2, 60), "email": (10, 60)}
    for n in range(2):
        assert subscribe(client, f"r{n}@example.org", weekly).status_code == 302
    response = subscribe(client, "r3@example.org", weekly)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert len(mail.outbox) == 2
    # Another address from another IP is unaffected.
    assert subscribe(client, "r4@example.org", weekly, REMOTE_ADDR="192.0.2.9").status_code == 302


def test_rate_limit_per_email(client, weekly, settings):
    settings.MAILINGS_RATE_LIMITS = {"ip": (100, 60), "email": (2, 60)}
    for n in range(2):
        ip = f"192.0.2.{n + 1}"
        assert subscribe(client, "x@example.org", weekly, REMOTE_ADDR=ip).status_code == 302
    response = subscribe(client, "X@example.org", weekly, REMOTE_ADDR="192.0.2.50")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert len(mail.outbox) == 2


def test_invalid_address_gets_a_clear_message_and_nothing_is_escaped_wrongly(client, weekly):
    response = subscribe(client, '<script>alert("x")</script>', weekly)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address" in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_missing_or_unknown_lists_and_bad_input_are_not_500s(client, weekly):
    assert subscribe(client, "a@example.org").status_code == 400
    response = client.post(SUBSCRIBE, {"email": "a@example.org", "lists": ["99999", "x"]})
    assert response.status_code == 400
    assert "Choose from the lists shown" in response.content.decode()
    assert client.get(SUBSCRIBE + "?list=abc&list=1").status_code == 200
    assert client.get("/subscribe/preferences/%3Cscript%3E/").status_code == 400
    assert not Subscriber.objects.exists()


def test_subscribe_form_needs_csrf(weekly):
    client = Client(enforce_csrf_checks=True)
    response = subscribe(client, "reader@example.org", weekly)
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_subscribe_page_only_get_and_post(client, weekly):
    assert client.get(SUBSCRIBE).status_code == 200
    assert client.put(SUBSCRIBE).status_code == 405


# Unsubscribing -------------------------------------------------------------------------------


def one_click(url):
    """What a mail provider sends: no cookies, no CSRF token (RFC 8058)."""
    client = Client(enforce_csrf_checks=True)
    return client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )


def test_unsubscribe_headers():
    subscription = SubscriptionFactory()
    headers = links.unsubscribe_headers(subscription, subscription.mailing_list)
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<https://testserver/unsubscribe/[^/\s]+/>", headers["List-Unsubscribe"])
    # A subscriber without a list: every list.
    assert (
        links.unsubscribe_headers(subscription.subscriber)["List-Unsubscribe"]
        != headers["List-Unsubscribe"]
    )


def test_one_click_post_without_cookies_or_csrf_unsubscribes_from_that_list():
    subscription = SubscriptionFactory()
    other = SubscriptionFactory(subscriber=subscription.subscriber)
    header = links.unsubscribe_headers(subscription)["List-Unsubscribe"]
    path = header.strip("<>").replace("https://testserver", "")

    response = one_click(path)
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    subscription.refresh_from_db()
    other.refresh_from_db()
    assert subscription.status == "unsubscribed" and subscription.unsubscribed_at
    assert other.status == "subscribed"
    record = ConsentRecord.objects.get()
    assert record.action == ConsentRecord.WITHDRAWN
    assert record.mailing_list == subscription.mailing_list
    # Again: harmless.
    assert one_click(path).status_code == 200
    assert ConsentRecord.objects.count() == 1


def test_get_never_unsubscribes_and_shows_a_button():
    subscription = SubscriptionFactory()
    url = links.unsubscribe_url(subscription.subscriber, subscription.mailing_list)
    response = Client().get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="List-Unsubscribe" value="One-Click"' in html
    assert subscription.mailing_list.name in html
    subscription.refresh_from_db()
    assert subscription.status == "subscribed"


def test_post_without_the_one_click_body_does_not_unsubscribe():
    subscription = SubscriptionFactory()
    url = links.unsubscribe_url(subscription.subscriber, subscription.mailing_list)
    assert Client().post(url, {}).status_code == 400
    subscription.refresh_from_db()
    assert subscription.status == "subscribed"


def test_unsubscribe_from_everything_token(client):
    subscriber = SubscriberFactory()
    SubscriptionFactory.create_batch(2, subscriber=subscriber)
    SubscriptionFactory(subscriber=subscriber, status="pending")
    assert one_click(links.unsubscribe_url(subscriber)).status_code == 200
    assert set(subscriber.subscriptions.values_list("status", flat=True)) == {"unsubscribed"}
    assert ConsentRecord.objects.filter(action="withdrawn").count() == 2


def test_tampered_and_expired_unsubscribe_links(settings):
    subscription = SubscriptionFactory()
    url = links.unsubscribe_url(subscription.subscriber, subscription.mailing_list)
    response = one_click(url[:-4] + "xyz/")
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    settings.MAILINGS_LINK_MAX_AGE = -1
    response = one_click(url)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == "subscribed"


def test_a_new_token_invalidates_old_links():
    subscription = SubscriptionFactory()
    url = links.unsubscribe_url(subscription.subscriber, subscription.mailing_list)
    Subscriber.objects.filter(pk=subscription.subscriber_id).update(token="replaced")
    assert one_click(url).status_code == 400


# Preferences ---------------------------------------------------------------------------------


def test_preferences_page_changes_lists_and_records_consent(client, weekly):
    tube = MailingListFactory(name="Tubeworker news")
    subscription = SubscriptionFactory(mailing_list=weekly)
    subscriber = subscription.subscriber
    url = links.preferences_url(subscriber)

    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and subscriber.email in html
    assert re.search(rf'value="{weekly.pk}"[^>]*checked', html)
    assert not re.search(rf'value="{tube.pk}"[^>]*checked', html)

    response = client.post(url, {"lists": [tube.pk]}, REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 200
    assert "Your preferences are saved" in response.content.decode()
    statuses = dict(subscriber.subscriptions.values_list("mailing_list__slug", "status"))
    assert statuses == {weekly.slug: "unsubscribed", tube.slug: "subscribed"}
    given = ConsentRecord.objects.get(action="given")
    assert given.mailing_list == tube and given.source == "preferences"
    assert given.wording == PREFERENCES_WORDING and given.ip_address == "203.0.113.8"
    assert PREFERENCES_WORDING.replace("'", "&#x27;") in page.content.decode()
    assert ConsentRecord.objects.get(action="withdrawn").mailing_list == weekly

    # Saving the same choice again changes nothing.
    client.post(url, {"lists": [tube.pk]})
    assert ConsentRecord.objects.count() == 2


def test_preferences_unsubscribe_from_everything(client, weekly):
    subscription = SubscriptionFactory(mailing_list=weekly)
    SubscriptionFactory(subscriber=subscription.subscriber)
    url = links.preferences_url(subscription.subscriber)
    response = client.post(url, {"unsubscribe_all": "1", "lists": [weekly.pk]})
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    statuses = set(subscription.subscriber.subscriptions.values_list("status", flat=True))
    assert statuses == {"unsubscribed"}


def test_preferences_ignores_lists_not_offered(client):
    private = MailingListFactory(name="Editors only", is_public=False)
    subscriber = SubscriberFactory()
    client.post(links.preferences_url(subscriber), {"lists": [private.pk]})
    assert not subscriber.subscriptions.exists()


def test_preferences_bad_links(client, settings):
    subscriber = SubscriberFactory()
    url = links.preferences_url(subscriber)
    assert client.get(url[:-3] + "zz/").status_code == 400
    settings.MAILINGS_LINK_MAX_AGE = -1
    response = client.get(url)
    assert response.status_code == 400 and "expired" in response.content.decode()


# The consent record is append-only -----------------------------------------------------------


def test_consent_records_cannot_be_changed_or_deleted():
    subscription = SubscriptionFactory()
    record = ConsentRecord.objects.create(
        subscriber=subscription.subscriber,
        mailing_list=subscription.mailing_list,
        wording="Yes please",
        source="test",
    )
    record.wording = "Something else"
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.filter(pk=record.pk).update(wording="Changed")
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.all().delete()
    assert ConsentRecord.objects.get().wording == "Yes please"


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
