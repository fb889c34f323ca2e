"""The editors' screens for mailings: listing with live progress, creating one by hand, the
mailing's page (preview, test, schedule, send, pause, resume, cancel, failures) and the
actions behind its buttons, with their permission and state checks."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mailings import actions, links, preparing, scheduling, sending, tasks
from mailings.models import WEEKLY_SLUG, Delivery, Mailing, MailingList
from tests.factories import (
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    IssuePageFactory,
    MailingListFactory,
    SubscriberFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db

INDEX = "mailings_mailing_modeladmin_index"
CREATE = "mailings_mailing_modeladmin_create"
EDIT = "mailings_mailing_modeladmin_edit"
STATUS = "mailings_mailing_status"

ALL = [status for status, _ in Mailing.STATUS_CHOICES]
DRAFT, SCHEDULED, SENDING, PAUSED, DONE, CANCELLED = (
    Mailing.DRAFT,
    Mailing.SCHEDULED,
    Mailing.SENDING,
    Mailing.PAUSED,
    Mailing.DONE,
    Mailing.CANCELLED,
)


@pytest.fixture
def weekly():
    return MailingList.objects.get(slug=WEEKLY_SLUG)


@pytest.fixture
def issue():
    return IssuePageFactory(number=738, title="Solidarity 738")


@pytest.fixture
def started(monkeypatch):
    """The mailing ids whose start task was queued (instead of a broker)."""
    queued = []
    monkeypatch.setattr(tasks.start_mailing, "delay", queued.append)
    return queued


@pytest.fixture
def editor_without_send(django_user_model):
    """Can use the admin and see, add and change mailings, but not send them."""
    user = django_user_model.objects.create_user(
        "subeditor", email="sub@example.org", password="pw"
    )
    codenames = ["access_admin", "view_mailing", "add_mailing", "change_mailing"]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def make_mailing(mailing_list, status=DRAFT, period="issue-738", **kwargs):
    return Mailing.objects.create(
        mailing_list=mailing_list,
        kind=kwargs.pop("kind", Mailing.NEW_ISSUE),
        period=period,
        subject=kwargs.pop("subject", "Solidarity 738 is out"),
        status=status,
        **kwargs,
    )


def detail(mailing):
    return reverse("mailings_mailing_detail", args=[mailing.pk])


def action(mailing, name):
    return reverse("mailings_mailing_action", args=[mailing.pk, name])


def heading(html):
    """The text of the page's <h1>."""
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return re.sub(r"<[^>]+>", "", h1).strip()


def status_of(mailing):
    mailing.refresh_from_db()
    return mailing.status


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


# Creating ------------------------------------------------------------------------------------


def create(client, **data):
    return client.post(reverse(CREATE), {"subject": "", "period": "", "page": "", **data})


def test_create_a_new_issue_mailing_with_defaults_from_the_issue(
    admin_client, admin_user, weekly, issue
):
    assert admin_client.get(reverse(CREATE)).status_code == 200
    response = create(admin_client, mailing_list=weekly.pk, kind="new_issue", page=issue.pk)
    mailing = Mailing.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(mailing)
    assert (mailing.period, mailing.subject, mailing.status) == (
        "issue-738",
        "Solidarity 738 is out",
        DRAFT,
    )
    assert mailing.page.pk == issue.pk and mailing.created_by == admin_user
    # The same as the publish hook and the command would make: they reuse it.
    assert scheduling.mailing_for_issue(issue) == mailing


def test_create_a_bulletin_edition_mailing(admin_client):
    series = BulletinSeriesPageFactory(title="Tubeworker")
    edition = BulletinEditionPageFactory(parent=series, number=123, title="Stop the cuts")
    tube_list = MailingList.objects.get(bulletin_series=series)
    response = create(
        admin_client, mailing_list=tube_list.pk, kind="bulletin_edition", page=edition.pk
    )
    assert response.status_code == 302
    mailing = Mailing.objects.get()
    assert (mailing.period, mailing.subject) == ("edition-tubeworker-123", "Stop the cuts")


def test_a_duplicate_period_is_a_clear_form_error_not_a_500(admin_client, weekly, issue):
    make_mailing(weekly, period="issue-738", subject="The first one")
    response = create(admin_client, mailing_list=weekly.pk, kind="new_issue", page=issue.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Solidarity weekly already has a new issue email for the period" in html
    assert "“issue-738”" in html and "The first one" in html
    assert Mailing.objects.count() == 1
    # Custom mailings too, with the period typed in (and escaped when shown).
    make_mailing(weekly, kind=Mailing.CUSTOM, period="<b>appeal</b>", subject="Appeal")
    response = create(
        admin_client,
        mailing_list=weekly.pk,
        kind="custom",
        subject="Appeal again",
        period="<b>appeal</b>",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "already has a custom email" in html
    assert "<b>appeal</b>" not in html and "&lt;b&gt;appeal&lt;/b&gt;" in html
    # Another list or kind may use the same period.
    other = MailingListFactory(name="Other")
    response = create(admin_client, mailing_list=other.pk, kind="new_issue", page=issue.pk)
    assert response.status_code == 302 and Mailing.objects.count() == 3


def test_a_create_racing_another_gets_the_form_error_too(admin_client, weekly, issue, monkeypatch):
    """Checked by the form, then saved: a mailing made in between trips the constraint."""
    from mailings import forms

    monkeypatch.setattr(forms.MailingForm, "check_period", lambda self, cleaned: None)
    monkeypatch.setattr(Mailing, "validate_constraints", lambda self, exclude=None: None)
    make_mailing(weekly, period="issue-738")
    response = create(admin_client, mailing_list=weekly.pk, kind="new_issue", page=issue.pk)
    assert response.status_code == 200
    assert "already has a new issue email" in response.content.decode()
    assert Mailing.objects.count() == 1


@pytest.mark.parametrize(
    "data, field_error",
    [
        ({"kind": "new_issue"}, "Choose the issue this email is about."),
        ({"kind": "bulletin_edition"}, "Choose the bulletin edition this email is about."),
        ({"kind": "custom", "subject": "Hello"}, "Name the period this email is for"),
        ({"kind": "custom", "period": "x"}, "Give the email a subject."),
        ({"kind": "weekly_digest", "period": "x", "subject": "x"}, "Select a valid choice"),
        ({"kind": "custom", "period": "x", "subject": "x", "page": "999999"}, "Select a valid"),
        ({"kind": "custom", "period": "x", "subject": "x", "page": "abc"}, "Select a valid"),
    ],
)
def test_bad_input_when_creating_is_a_form_error(admin_client, weekly, data, field_error):
    response = create(admin_client, mailing_list=weekly.pk, **data)
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert not Mailing.objects.exists()


def test_new_issue_needs_an_issue_not_an_edition(admin_client, weekly):
    edition = BulletinEditionPageFactory()
    response = create(admin_client, mailing_list=weekly.pk, kind="new_issue", page=edition.pk)
    assert "Choose the issue this email is about." in response.content.decode()


def test_edit_only_before_it_starts(admin_client, weekly, issue):
    mailing = make_mailing(weekly, page=issue)
    response = admin_client.post(
        reverse(EDIT, args=[mailing.pk]),
        {
            "mailing_list": weekly.pk,
            "kind": "new_issue",
            "page": issue.pk,
            "subject": "Out now: 738",
            "period": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == detail(mailing)
    mailing.refresh_from_db()
    assert (mailing.subject, mailing.period, mailing.status) == ("Out now: 738", "issue-738", DRAFT)

    Mailing.objects.filter(pk=mailing.pk).update(status=SENDING)
    for method in (admin_client.get, admin_client.post):
        response = method(reverse(EDIT, args=[mailing.pk]))
        assert response.status_code == 302 and response["Location"] == detail(mailing)
    assert status_of(mailing) == SENDING
    assert admin_client.get(f"/admin/mailings/mailing/edit/{mailing.pk}x/").status_code == 404
    assert admin_client.get("/admin/mailings/mailing/delete/nope/").status_code == 404


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


# Actions: states -----------------------------------------------------------------------------

# Which states each action may start from, and where it leaves the mailing.
MATRIX = {
    "send-now": ({DRAFT, SCHEDULED}, SCHEDULED),
    "pause": ({SENDING}, PAUSED),
    "resume": ({PAUSED}, SENDING),
    "cancel": ({DRAFT, SCHEDULED, SENDING, PAUSED}, CANCELLED),
}


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("start", ALL)
def test_each_action_only_from_the_states_where_it_makes_sense(
    admin_client, weekly, started, django_capture_on_commit_callbacks, name, start
):
    allowed, end = MATRIX[name]
    mailing = make_mailing(weekly, status=start)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(action(mailing, name), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    if start in allowed:
        assert status_of(mailing) == end
        assert ": it cannot be" not in html
    else:
        assert status_of(mailing) == start
        assert ": it cannot be" in html  # e.g. "This mailing is done: it cannot be resumed now."
    queues = name in ("send-now", "resume") and start in allowed
    assert started == ([mailing.pk] if queues else [])


def test_send_now_queues_the_start_and_a_worker_sends_it(
    admin_client, weekly, issue, started, django_capture_on_commit_callbacks
):
    for _ in range(3):
        SubscriptionFactory(mailing_list=weekly)
    mailing = make_mailing(weekly, page=issue, last_error="old trouble")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(action(mailing, "send-now"))
    mailing.refresh_from_db()
    assert started == [mailing.pk]
    # Left scheduled for now, so the beat that starts due mailings starts it if the task is lost.
    assert mailing.status == SCHEDULED and mailing.scheduled_at <= timezone.now()
    assert mailing.last_error == ""
    assert "Starting" in admin_client.get(detail(mailing)).content.decode()
    # What the queued task does: start, then send.
    assert preparing.start(mailing)
    while sending.send_batch(mailing.pk):
        pass
    mailing.refresh_from_db()
    assert (mailing.status, mailing.sent_count, len(mail.outbox)) == (DONE, 3, 3)
    # Once done, it cannot be sent, resumed or cancelled.
    for name in ("send-now", "resume", "cancel", "pause"):
        admin_client.post(action(mailing, name))
        assert status_of(mailing) == DONE
    assert len(mail.outbox) == 3


def test_resume_carries_on_where_pause_stopped(
    weekly, admin_user, started, django_capture_on_commit_callbacks
):
    for _ in range(4):
        SubscriptionFactory(mailing_list=weekly)
    mailing = make_mailing(weekly)
    preparing.start(mailing)
    sending.send_batch(mailing.pk, size=1)
    actions.pause(mailing, admin_user)
    assert sending.send_batch(mailing.pk) == 0
    with django_capture_on_commit_callbacks(execute=True):
        actions.resume(mailing, admin_user)
    assert started == [mailing.pk] and status_of(mailing) == SENDING
    preparing.start(mailing)  # what the queued task does
    while sending.send_batch(mailing.pk):
        pass
    assert len(mail.outbox) == 4 == len({m.to[0] for m in mail.outbox})
    assert status_of(mailing) == DONE


def test_cancel_leaves_sent_rows_as_they_are(admin_client, weekly):
    mailing = make_mailing(weekly, status=SENDING)
    sent = Delivery.objects.create(
        mailing=mailing, subscriber=SubscriberFactory(), status=Delivery.SENT
    )
    pending = Delivery.objects.create(mailing=mailing, subscriber=SubscriberFactory())
    admin_client.post(action(mailing, "cancel"))
    mailing.refresh_from_db()
    assert mailing.status == CANCELLED and mailing.finished_at is not None
    assert (mailing.total_count, mailing.sent_count) == (2, 1)
    sent.refresh_from_db()
    pending.refresh_from_db()
    assert (sent.status, pending.status) == (Delivery.SENT, Delivery.PENDING)
    # A worker with a batch in hand sends nothing more.
    assert sending.send_batch(mailing.pk) == 0
    assert not mail.outbox


def test_an_action_that_lost_a_race_is_refused(weekly, admin_user):
    mailing = make_mailing(weekly, status=SENDING)
    Mailing.objects.filter(pk=mailing.pk).update(status=DONE)  # a worker finished meanwhile
    with pytest.raises(actions.ActionError, match="done: it cannot be paused"):
        actions.pause(mailing, admin_user)
    assert status_of(mailing) == DONE


# Scheduling ----------------------------------------------------------------------------------


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M")


def test_schedule_in_the_future(admin_client, weekly, started):
    mailing = make_mailing(weekly)
    when = timezone.now() + timedelta(days=2)
    response = admin_client.post(action(mailing, "schedule"), {"scheduled_at": local(when)})
    assert response.status_code == 302
    mailing.refresh_from_db()
    assert mailing.status == SCHEDULED
    assert abs(mailing.scheduled_at - when) < timedelta(minutes=1)
    assert started == []  # the beat starts it when it is due
    # It can be moved while scheduled.
    later = when + timedelta(days=1)
    admin_client.post(action(mailing, "schedule"), {"scheduled_at": local(later)})
    mailing.refresh_from_db()
    assert abs(mailing.scheduled_at - later) < timedelta(minutes=1)


@pytest.mark.parametrize(
    "value, error",
    [
        ("2001-01-01 09:00", "That time has passed"),
        ("next tuesday", "Enter a date and time"),
        ("2026-13-45 99:99", "Enter a date and time"),
        ("", "Give the date and time"),
    ],
)
def test_schedule_bad_times_are_form_errors(admin_client, weekly, value, error):
    mailing = make_mailing(weekly)
    response = admin_client.post(action(mailing, "schedule"), {"scheduled_at": value})
    assert response.status_code == 400
    assert error in response.content.decode()
    mailing.refresh_from_db()
    assert (mailing.status, mailing.scheduled_at) == (DRAFT, None)


@pytest.mark.parametrize("start", [SENDING, PAUSED, DONE, CANCELLED])
def test_schedule_refused_once_started(admin_client, weekly, start):
    mailing = make_mailing(weekly, status=start)
    when = timezone.now() + timedelta(days=2)
    response = admin_client.post(
        action(mailing, "schedule"), {"scheduled_at": local(when)}, follow=True
    )
    assert "cannot be scheduled" in response.content.decode()
    assert status_of(mailing) == start


def test_schedule_action_refuses_the_past_itself(weekly, admin_user):
    mailing = make_mailing(weekly)
    with pytest.raises(actions.ActionError, match="That time has passed"):
        actions.schedule(mailing, admin_user, timezone.now() - timedelta(minutes=1))
    with pytest.raises(actions.ActionError):
        actions.schedule(mailing, admin_user, None)
    assert status_of(mailing) == DRAFT


# Permission ----------------------------------------------------------------------------------


def test_without_send_permission_every_action_is_refused(
    client, editor_without_send, weekly, issue, started
):
    client.force_login(editor_without_send)
    for start, names in [
        (DRAFT, ["send-now", "cancel", "send-test", "schedule"]),
        (SENDING, ["pause", "cancel"]),
        (PAUSED, ["resume", "cancel"]),
    ]:
        mailing = make_mailing(weekly, status=start, period=f"p-{start}")
        for name in names:
            data = {"scheduled_at": local(timezone.now() + timedelta(days=1))}
            response = client.post(action(mailing, name), data)
            # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
            assert response.status_code == 302 and response["Location"] == "/admin/", name
            assert status_of(mailing) == start
    assert not mail.outbox and started == []
    # They can still see the mailing and its preview, without the buttons.
    response = client.get(detail(mailing))
    html = response.content.decode()
    assert response.status_code == 200 and "need the “send mailings” permission" in html
    assert action(mailing, "resume") not in html
    for function in (actions.send_now, actions.pause, actions.resume, actions.cancel):
        with pytest.raises(PermissionDenied):
            function(mailing, editor_without_send)
    with pytest.raises(PermissionDenied):
        actions.send_test(mailing, editor_without_send)
    with pytest.raises(PermissionDenied):
        actions.schedule(mailing, editor_without_send, timezone.now() + timedelta(days=1))


def test_the_send_permission_alone_is_enough(client, editor_without_send, weekly, started):
    editor_without_send.user_permissions.add(Permission.objects.get(codename="send_mailing"))
    client.force_login(editor_without_send)
    mailing = make_mailing(weekly, status=SENDING)
    client.post(action(mailing, "pause"))
    assert status_of(mailing) == PAUSED
    client.post(action(mailing, "send-test"))
    assert [m.to for m in mail.outbox] == [["sub@example.org"]]


def test_people_without_mailing_permissions_see_nothing(client, django_user_model, weekly):
    user = django_user_model.objects.create_user("writer", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    mailing = make_mailing(weekly)
    response = client.get(detail(mailing))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = client.get(reverse(STATUS) + f"?ids={mailing.pk}")
    assert response.status_code == 403
    assert client.get(reverse(INDEX)).status_code == 302
    # Anonymous visitors are sent to the login page.
    client.logout()
    response = client.get(reverse(STATUS) + f"?ids={mailing.pk}")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_terminal_operator_needs_no_user(weekly, started, django_capture_on_commit_callbacks):
    mailing = make_mailing(weekly)
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_now(mailing, None)
    assert started == [mailing.pk]
    actions.send_test(mailing, None, to="operator@example.org")
    assert mail.outbox[0].to == ["operator@example.org"]


# JSON status ---------------------------------------------------------------------------------


def test_status_endpoint(admin_client, weekly):
    sending_one = make_mailing(
        weekly, status=SENDING, period="a", total_count=50, sent_count=20, failed_count=2
    )
    due = make_mailing(weekly, status=SCHEDULED, period="b", scheduled_at=timezone.now())
    later = make_mailing(
        weekly, status=SCHEDULED, period="c", scheduled_at=timezone.now() + timedelta(days=1)
    )
    done = make_mailing(weekly, status=DONE, period="d", last_error="<b>boom</b>")
    ids = f"{sending_one.pk},{due.pk},{later.pk},{done.pk},999999,abc,²,-1,,1e3,{'9' * 40}"
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(reverse(STATUS) + "?ids=" + ids)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = {m["pk"]: m for m in response.json()["mailings"]}
    assert set(data) == {sending_one.pk, due.pk, later.pk, done.pk}
    assert data[sending_one.pk] == {
        "pk": sending_one.pk,
        "status": "sending",
        "status_display": "Sending",
        "active": True,
        "total": 50,
        "sent": 20,
        "failed": 2,
        "unknown": 0,
        "last_error": "",
    }
    assert data[due.pk]["active"] and data[due.pk]["status_display"] == "Starting"
    assert not data[later.pk]["active"] and not data[done.pk]["active"]
    assert data[done.pk]["last_error"] == "<b>boom</b>"  # JSON; the page writes it as text
    mailing_queries = [q for q in queries.captured_queries if "mailings_mailing" in q["sql"]]
    assert len(mailing_queries) == 1
    assert admin_client.get(reverse(STATUS)).json() == {"mailings": []}
    assert admin_client.get(reverse(STATUS) + "?ids=%00%ff").json() == {"mailings": []}
    assert admin_client.post(reverse(STATUS)).status_code == 405
