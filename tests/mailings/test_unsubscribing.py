"""Leaving mailing lists: one-click unsubscribe (RFC 8058) from signed links, the preferences
page, and the consent record, which is append-only."""

import re

import pytest
from django.test import Client

from mailings import links
from mailings.models import AppendOnlyError, ConsentRecord, Subscriber
from mailings.services import PREFERENCES_WORDING
from tests.factories import MailingListFactory, SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


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
