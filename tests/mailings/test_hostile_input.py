"""Junk from strangers and mistakes from editors: odd ids in query strings and webhooks, junk
webhook bodies, other ESPs' webhook URLs, oversized CSV fields, reused confirmation links, and
rich text in the bulletin email."""

import base64
import importlib
import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches, reverse

import solidarity.urls
from mailings import content, links, scheduling, webhooks
from mailings.models import Delivery, MailingList, Subscriber, Subscription
from solidarity.ids import parse_id
from tests.factories import (
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    IssuePageFactory,
    SubscriberFactory,
    SubscriptionFactory,
)
from tests.mailings.test_mail_content import send_all
from tests.mailings.test_subscribing import link_in, subscribe

pytestmark = pytest.mark.django_db

POSTMARK = "anymail.backends.postmark.EmailBackend"
HUGE_ID = "9" * 5000


# Ids -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("12", 12),
        (12, 12),
        ("²", None),
        ("١٢", None),  # Arabic-Indic digits: isdigit() says yes
        ("", None),
        ("-1", None),
        (" 1", None),
        ("1\n", None),
        (HUGE_ID, None),
        pytest.param(10**5000, None, id="huge-int"),
        (True, None),
        (None, None),
        ({"a": 1}, None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


def test_subscribe_page_ignores_junk_list_ids(client, weekly):
    for query in ("?list=²", f"?list={weekly.pk}&list=²", f"?list={HUGE_ID}"):
        assert client.get("/subscribe/" + query).status_code == 200
    html = client.get(f"/subscribe/?list={weekly.pk}&list=²").content.decode()
    assert f'value="{weekly.pk}"' in html and "checked" in html


# The ESP's webhook ---------------------------------------------------------------------------


def reload_urls():
    clear_url_caches()
    importlib.reload(solidarity.urls)


@pytest.fixture
def postmark_webhook(settings):
    """The URLconf as it is with Postmark configured; sending itself stays on locmem."""
    backend = settings.EMAIL_BACKEND
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:s3cret"}
    settings.EMAIL_BACKEND = POSTMARK
    reload_urls()
    settings.EMAIL_BACKEND = backend
    yield
    settings.ANYMAIL = {}
    reload_urls()


def post_webhook(client, body, path="/anymail/postmark/tracking/"):
    return client.post(
        path,
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(b"hook:s3cret").decode(),
    )


def bounce(email, delivery):
    return json.dumps(
        {
            "RecordType": "Bounce",
            "Type": "HardBounce",
            "Email": email,
            "Description": "No such mailbox",
            "Metadata": {"delivery": delivery},
            "MessageID": "abc",
        }
    )


def test_only_the_configured_esps_tracking_webhook_is_mounted(client, postmark_webhook):
    assert post_webhook(client, "", "/anymail/mailgun/tracking/").status_code == 404
    assert post_webhook(client, "", "/anymail/postmark/inbound/").status_code == 404
    assert reverse("anymail:postmark_tracking_webhook") == "/anymail/postmark/tracking/"


def test_webhook_urls_follow_the_backend_and_the_secret():
    def paths(backend, secret):
        mounts = webhooks.tracking_urlpatterns(backend, secret)
        return [f"{m.pattern}{p.pattern}" for m in mounts for p in m.url_patterns]

    assert paths(POSTMARK, "a:b") == ["anymail/postmark/tracking/"]
    assert paths("anymail.backends.amazon_ses.EmailBackend", "a:b") == [
        "anymail/amazon_ses/tracking/"
    ]
    assert paths(POSTMARK, "") == []
    assert paths("django.core.mail.backends.smtp.EmailBackend", "a:b") == []
    assert paths("anymail.backends.test.EmailBackend", "a:b") == []


@pytest.mark.parametrize("body", ["not json", "", "[]", '"text"', "17", "{", "[{}]"])
def test_junk_webhook_bodies_are_refused_not_crashed_on(client, postmark_webhook, body):
    assert post_webhook(client, body).status_code == 400


@pytest.mark.parametrize(
    "delivery", ["²", HUGE_ID, {"x": 1}, None], ids=["super2", "huge", "dict", "none"]
)
def test_a_junk_delivery_id_is_skipped_and_the_address_still_leaves(
    client, weekly, postmark_webhook, delivery
):
    subscriber = SubscriberFactory()
    SubscriptionFactory(mailing_list=weekly, subscriber=subscriber)
    assert post_webhook(client, bounce(subscriber.email, delivery)).status_code == 200
    assert not Subscription.objects.filter(status=Subscription.SUBSCRIBED).exists()


def test_junk_recipient_or_metadata_is_ignored(client, weekly, postmark_webhook):
    subscriber = SubscriberFactory()
    SubscriptionFactory(mailing_list=weekly, subscriber=subscriber)
    body = json.loads(bounce(subscriber.email, "1"))
    for changes in ({"Metadata": ["delivery", 1]}, {"Metadata": "x"}, {"Email": {"a": 1}}):
        # Not a 500 (the test client would raise): refused, or taken with the junk ignored.
        assert post_webhook(client, json.dumps({**body, **changes})).status_code in (200, 400)


def test_a_good_delivery_id_still_marks_the_delivery(client, weekly, postmark_webhook):
    subscriber = SubscriberFactory()
    SubscriptionFactory(mailing_list=weekly, subscriber=subscriber)
    mailing = scheduling.mailing_for_issue(IssuePageFactory(number=790))
    send_all(mailing)
    delivery = mailing.deliveries.get()
    assert post_webhook(client, bounce(subscriber.email, delivery.pk)).status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == Delivery.FAILED and "No such mailbox" in delivery.error


# CSV import ----------------------------------------------------------------------------------


def test_csv_import_with_an_oversized_field_names_the_line(admin_client, weekly):
    text = "email\ngood@example.org\n" + "x" * 200_000 + "@example.org\nother@example.org\n"
    upload = SimpleUploadedFile("x.csv", text.encode(), content_type="text/csv")
    response = admin_client.post(
        reverse("mailings_import"), {"mailing_list": weekly.pk, "file": upload, "consent": "on"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html and "<td>3</td>" in html and "too long" in html
    assert not Subscriber.objects.exists()


# Confirmation links confirm once -------------------------------------------------------------


def test_an_old_confirmation_link_cannot_subscribe_again_after_unsubscribing(client, weekly):
    subscribe(client, "reader@example.org", weekly)
    confirm = link_in(mail.outbox[-1], "confirm")
    assert client.post(confirm).status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.SUBSCRIBED

    unsubscribe = links.route(
        "mailings:unsubscribe", links.unsubscribe_token(subscription.subscriber, weekly)
    )
    client.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    subscription.refresh_from_db()
    assert subscription.status == Subscription.UNSUBSCRIBED

    for response in (client.post(confirm), client.get(confirm)):
        assert response.status_code == 400
        assert "already been used" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.UNSUBSCRIBED

    # Signing up again sends a fresh link, which works.
    subscribe(client, "reader@example.org", weekly)
    assert client.post(link_in(mail.outbox[-1], "confirm")).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.SUBSCRIBED


def test_a_confirmation_link_confirms_once(client, weekly):
    subscribe(client, "reader@example.org", weekly)
    confirm = link_in(mail.outbox[-1], "confirm")
    assert client.post(confirm).status_code == 200
    assert "already been used" in client.post(confirm).content.decode()


# The bulletin email --------------------------------------------------------------------------


def test_bulletin_email_renders_rich_text_as_html_and_escapes_typed_tags():
    series = BulletinSeriesPageFactory(title="Tubeworker", slug="tubeworker")
    body = "<p>Staff are balloting &lt;script&gt;alert(1)&lt;/script&gt; now.</p>"
    edition = BulletinEditionPageFactory(
        parent=series,
        number=77,
        body=json.dumps(
            [
                {
                    "type": "item",
                    "value": {"heading": "No <b>cuts</b>", "body": body, "image": None},
                }
            ]
        ),
    )
    mailing = scheduling.mailing_for_edition(
        edition, MailingList.objects.get(bulletin_series=series)
    )
    document = content.render(mailing).html
    assert "&lt;p&gt;" not in document
    assert ">Staff are balloting &lt;script&gt;alert(1)&lt;/script&gt; now.</p>" in document
    assert "<p" in document.split("Staff are balloting")[0][-200:]
    assert "<script" not in document
    assert "No &lt;b&gt;cuts&lt;/b&gt;" in document
