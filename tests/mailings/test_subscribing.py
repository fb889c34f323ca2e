"""Subscribing to mailing lists: the lists and the subscribe box, double opt-in with signed
confirmation links, consent records, and what the form does with repeats, bots, floods and bad
input."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mailings import links
from mailings.models import ConsentRecord, MailingList, Subscriber, Subscription
from mailings.services import SUBSCRIBE_WORDING
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
    settings.RATE_LIMITS = {"ip": (2, 60), "email": (10, 60)}
    for n in range(2):
        assert subscribe(client, f"r{n}@example.org", weekly).status_code == 302
    response = subscribe(client, "r3@example.org", weekly)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert len(mail.outbox) == 2
    # Another address from another IP is unaffected.
    assert subscribe(client, "r4@example.org", weekly, REMOTE_ADDR="192.0.2.9").status_code == 302


def test_rate_limit_per_email(client, weekly, settings):
    settings.RATE_LIMITS = {"ip": (100, 60), "email": (2, 60)}
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
