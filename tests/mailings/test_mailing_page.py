"""A mailing's page: the preview with the editor's own links, problems (last error, failed
and unknown deliveries), sending a test, and the buttons each state shows."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mailings import links
from mailings.models import Delivery, Mailing
from tests.factories import SubscriberFactory, SubscriptionFactory
from tests.mailings.helpers import (
    ALL,
    CANCELLED,
    DONE,
    DRAFT,
    PAUSED,
    SCHEDULED,
    SENDING,
    action,
    detail,
    make_mailing,
    status_of,
)

pytestmark = pytest.mark.django_db


# The mailing's page: preview and problems ----------------------------------------------------


def token_of(html, kind):
    match = re.search(rf"http://testserver/(?:subscribe/)?{kind}/([^/\s\"&<]+)/", html)
    assert match, kind
    return match.group(1)


def test_preview_shows_html_and_text_with_the_editors_own_links(
    admin_client, admin_user, weekly, issue
):
    me = SubscriptionFactory(mailing_list=weekly, subscriber__email=admin_user.email).subscriber
    mailing = make_mailing(weekly, page=issue)
    response = admin_client.get(detail(mailing))
    assert response.status_code == 200
    html = response.content.decode()
    preview = response.context["preview"]
    assert "<iframe" in html and "sandbox" in html and "srcdoc=" in html
    # The HTML part is escaped into srcdoc, never inserted into the admin page as markup.
    assert "<!DOCTYPE html>" not in html.split("srcdoc=", 1)[1].split(">", 1)[0]
    assert "&lt;!DOCTYPE html&gt;" in html
    for part in (preview["html"], preview["text"]):
        assert links.load_preferences_token(token_of(part, "preferences")) == me
        subscriber, list_id = links.load_unsubscribe_token(token_of(part, "unsubscribe"))
        assert (subscriber, list_id) == (me, weekly.pk)
    # Links are listed for checking, and the text part is shown.
    assert "http://testserver/subscribe/preferences/" in html
    issue_url = "http://testserver/solidarity/738/"
    assert issue_url in html
    assert any(link["href"] == issue_url for link in preview["links"])
    assert "Read the whole issue online: " in html
    assert "List-Unsubscribe-Post" in html
    assert preview["to"] == admin_user.email


def test_preview_for_an_editor_who_is_no_subscriber_uses_a_stand_in(admin_client, weekly):
    mailing = make_mailing(weekly, kind=Mailing.CUSTOM, subject="<i>Hello</i>")
    response = admin_client.get(detail(mailing))
    html = response.content.decode()
    assert response.status_code == 200 and "lead nowhere" in html
    assert "<i>Hello</i>" not in html and "&lt;i&gt;Hello&lt;/i&gt;" in html
    from mailings.models import Subscriber

    assert not Subscriber.objects.exists()


def test_last_error_and_failed_and_unknown_deliveries_are_shown(admin_client, weekly, issue):
    mailing = make_mailing(
        weekly, status=PAUSED, last_error="550 Sender <address> rejected", failed_count=1
    )
    refused = SubscriberFactory(email="refused@example.org")
    lost = SubscriberFactory(email="lost@example.org")
    fine = SubscriberFactory(email="fine@example.org")
    Delivery.objects.create(
        mailing=mailing, subscriber=refused, status=Delivery.FAILED, error="550 No such user"
    )
    Delivery.objects.create(
        mailing=mailing, subscriber=lost, status=Delivery.UNKNOWN, error="The worker stopped"
    )
    Delivery.objects.create(mailing=mailing, subscriber=fine, status=Delivery.SENT)
    html = admin_client.get(detail(mailing)).content.decode()
    assert 'role="alert"' in html and "550 Sender &lt;address&gt; rejected" in html
    assert "refused@example.org" in html and "550 No such user" in html
    assert "lost@example.org" in html and "The worker stopped" in html
    assert "fine@example.org" not in html.split("mailing-problems-heading")[1].split("</table>")[0]


def test_detail_query_count_does_not_grow_with_problems(admin_client, weekly):
    mailing = make_mailing(weekly, status=DONE)

    def get():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(detail(mailing)).status_code == 200
        return len(queries)

    for _ in range(2):
        Delivery.objects.create(
            mailing=mailing, subscriber=SubscriberFactory(), status=Delivery.FAILED
        )
    few = get()
    for _ in range(10):
        Delivery.objects.create(
            mailing=mailing, subscriber=SubscriberFactory(), status=Delivery.UNKNOWN
        )
    assert get() == few


def test_bad_ids_are_404s_and_actions_only_post(admin_client, weekly):
    mailing = make_mailing(weekly)
    assert admin_client.get("/admin/mailings/mailing/999999/").status_code == 404
    assert admin_client.post("/admin/mailings/mailing/999999/cancel/").status_code == 404
    assert admin_client.post(action(mailing, "explode")).status_code == 404
    assert admin_client.get(action(mailing, "cancel")).status_code == 405
    assert status_of(mailing) == DRAFT


# Send a test ---------------------------------------------------------------------------------


def test_send_test_goes_to_the_editor_only_and_writes_no_delivery(
    admin_client, admin_user, weekly, issue
):
    for _ in range(3):
        SubscriptionFactory(mailing_list=weekly)
    mailing = make_mailing(weekly, page=issue)
    response = admin_client.post(action(mailing, "send-test"))
    assert response.status_code == 302 and response["Location"] == detail(mailing)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [admin_user.email] and not message.cc and not message.bcc
    assert message.subject == "[TEST] Solidarity 738 is out"
    assert "Read the whole issue online" in message.body
    assert not Delivery.objects.exists()
    mailing.refresh_from_db()
    assert (mailing.status, mailing.total_count, mailing.sent_count) == (DRAFT, 0, 0)
    assert (
        "A test was sent to admin@example.com" in admin_client.get(detail(mailing)).content.decode()
    )


def test_send_test_without_an_address_says_so(admin_client, admin_user, weekly):
    admin_user.email = ""
    admin_user.save()
    mailing = make_mailing(weekly)
    response = admin_client.post(action(mailing, "send-test"), follow=True)
    assert "Your account has no email address" in response.content.decode()
    assert not mail.outbox


# The buttons ---------------------------------------------------------------------------------

# The buttons each state shows to someone who may send.
BUTTONS = {
    DRAFT: {"send-test", "send-now", "cancel", "schedule"},
    SCHEDULED: {"send-test", "send-now", "cancel", "schedule"},
    SENDING: {"send-test", "pause", "cancel"},
    PAUSED: {"send-test", "resume", "cancel"},
    DONE: {"send-test"},
    CANCELLED: {"send-test"},
}


@pytest.mark.parametrize("start", ALL)
def test_the_page_shows_the_buttons_its_state_allows(admin_client, weekly, start):
    mailing = make_mailing(weekly, status=start)
    html = admin_client.get(detail(mailing)).content.decode()
    every = {"send-test", "send-now", "pause", "resume", "cancel", "schedule"}
    shown = {name for name in every if f'action="{action(mailing, name)}"' in html}
    assert shown == BUTTONS[start]
    section = html.split('id="mailing-actions-heading"')[1].split("</section>")[0]
    assert section.count("csrfmiddlewaretoken") == len(shown)  # each a form of its own
    if "schedule" in shown:
        assert 'name="scheduled_at"' in section
        label = "Change the time" if start == SCHEDULED else "Schedule"
        assert f">{label}</button>" in section
