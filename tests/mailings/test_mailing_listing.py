"""The editors' listing of mailings: live progress in a constant number of queries, escaping,
the sender's last error, buttons that follow each mailing's state, and bad record URLs."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mailings.models import Mailing
from tests.factories import MailingListFactory
from tests.mailings.helpers import (
    ALL,
    CREATE,
    DONE,
    DRAFT,
    EDIT,
    INDEX,
    PAUSED,
    SCHEDULED,
    STATUS,
    detail,
    make_mailing,
)

pytestmark = pytest.mark.django_db


def heading(html):
    """The text of the page's <h1>."""
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return re.sub(r"<[^>]+>", "", h1).strip()


# Listing -------------------------------------------------------------------------------------


def test_listing_shows_mailings_with_progress_in_a_constant_number_of_queries(
    admin_client, weekly, issue
):
    tubeworker = MailingListFactory(name="Tubeworker")

    def add(n, offset):
        for i in range(n):
            make_mailing(
                weekly if i % 2 else tubeworker,
                status=ALL[i % len(ALL)],
                period=f"p-{offset + i}",
                page=issue,
                subject=f"Mailing {offset + i}",
                total_count=10,
                sent_count=4,
                failed_count=1,
                unknown_count=1,
                scheduled_at=timezone.now() + timedelta(days=1),
            )

    def get():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(reverse(INDEX))
        assert response.status_code == 200
        return response, len(queries)

    get()  # the first request of a session also loads the site, menus and so on
    add(3, 0)
    _, few = get()
    add(12, 100)
    response, many = get()
    assert few == many == 12, (few, many)
    html = response.content.decode()
    assert "Mailing 111" in html and "Tubeworker" in html
    assert 'data-mailing="' in html and "4 / 10 sent, 1 failed, 1 unknown" in html
    assert reverse(STATUS) in html and "mailings/progress.js" in html
    assert reverse(CREATE) in html
    # Each subject links to its mailing's page; the columns have their own headings.
    assert (
        f'<a href="{reverse("mailings_mailing_detail", args=[Mailing.objects.first().pk])}"' in html
    )
    assert "Progress bar" not in html and "Progress" in html


def test_listing_escapes_what_editors_typed(admin_client, weekly):
    make_mailing(weekly, subject="<script>alert(1)</script>", kind=Mailing.CUSTOM)
    html = admin_client.get(reverse(INDEX)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = admin_client.get(reverse(INDEX) + "?q=%3Cscript%3E").content.decode()
    assert "&lt;script&gt;" in html


def test_listing_shows_the_senders_last_error(admin_client, weekly):
    make_mailing(weekly, status=PAUSED, last_error="Paused: <refused> for us")
    html = admin_client.get(reverse(INDEX)).content.decode()
    assert "Paused: &lt;refused&gt; for us" in html


def test_only_drafts_can_be_deleted(admin_client, weekly):
    draft = make_mailing(weekly, period="a")
    done = make_mailing(weekly, status=DONE, period="b")
    delete = "mailings_mailing_modeladmin_delete"
    assert admin_client.post(reverse(delete, args=[draft.pk])).status_code == 302
    assert not Mailing.objects.filter(pk=draft.pk).exists()
    admin_client.post(reverse(delete, args=[done.pk]))
    assert Mailing.objects.filter(pk=done.pk).exists()


def test_listing_buttons_follow_the_state(admin_client, weekly):
    """Open for every mailing (its subject links there too); edit before it starts; delete as
    a draft; no inspect."""
    mailings = {status: make_mailing(weekly, status=status, period=status) for status in ALL}
    html = admin_client.get(reverse(INDEX)).content.decode()
    assert heading(html) == "Mailings"
    for status, mailing in mailings.items():
        row = html.split(f'data-object-pk="{mailing.pk}"')[1].split("</tr>")[0]
        edit = reverse(EDIT, args=[mailing.pk])
        delete = reverse("mailings_mailing_modeladmin_delete", args=[mailing.pk])
        shown = {
            "open": row.count(f'href="{detail(mailing)}"') == 2,  # the subject and the button
            "edit": f'href="{edit}"' in row,
            "delete": f'href="{delete}"' in row,
            "inspect": "/inspect/" in row,
        }
        assert shown == {
            "open": True,
            "edit": status in (DRAFT, SCHEDULED),
            "delete": status == DRAFT,
            "inspect": False,
        }, status
        assert ">Open</a>" in row and 'title="Preview, test, send and follow this mailing"' in row


@pytest.mark.parametrize(
    "url",
    [
        "/admin/mailings/mailing/edit/abc/",
        "/admin/mailings/mailing/delete/abc/",
        "/admin/mailings/mailing/edit/1x/",
        "/admin/mailings/mailinglist/edit/abc/",
        "/admin/mailings/subscriber/inspect/abc/",
        "/admin/mailings/consentrecord/inspect/²/",
    ],
)
def test_a_record_url_with_a_non_numeric_id_is_a_404(admin_client, url):
    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url).status_code == 404


def test_mailings_are_in_the_subscribers_menu(admin_client, weekly):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) in html
