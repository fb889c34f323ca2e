"""What the emails say and when they go: the digest's articles, the new-issue and bulletin
emails on publishing, CSS inlining, scheduled starts, and what stops a mailing."""

import base64
import importlib
import json
import smtplib
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.test import override_settings
from django.urls import clear_url_caches
from django.utils import timezone
from wagtail.models import PageViewRestriction

import solidarity.urls
from mailings import claiming, content, preparing, scheduling, sending, tasks
from mailings.models import (
    WEEKLY_SLUG,
    Delivery,
    EmailSettings,
    Mailing,
    MailingList,
    Subscription,
)
from tests.factories import (
    ArticlePageFactory,
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    IssuePageFactory,
    SubscriberFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db

# A Friday afternoon in London; the default digest slot is Friday 09:00.
FRIDAY = timezone.make_aware(datetime(2026, 11, 20, 15, 0))


@pytest.fixture
def weekly():
    return MailingList.objects.get(slug=WEEKLY_SLUG)


@pytest.fixture
def digest_on():
    site_settings = EmailSettings.for_default_site()
    site_settings.weekly_digest_enabled = True
    site_settings.weekly_digest_day = 4  # Friday
    site_settings.weekly_digest_time = time(9, 0)
    site_settings.save()
    return site_settings


def article(issue, title, published, **kwargs):
    return ArticlePageFactory(parent=issue, title=title, first_published_at=published, **kwargs)


def send_all(mailing):
    preparing.start(mailing)
    while sending.send_batch(mailing.pk):
        pass
    mailing.refresh_from_db()


# The weekly digest --------------------------------------------------------------------------


def test_digest_has_only_what_is_new_since_the_last_digest_in_order(weekly, digest_on):
    issue = IssuePageFactory(number=740)
    last_week = FRIDAY - timedelta(days=7)
    article(issue, "Old news", last_week - timedelta(days=1))
    Mailing.objects.create(
        mailing_list=weekly,
        kind=Mailing.WEEKLY_DIGEST,
        period="digest-2026-W46",
        subject="Last week",
        created_at=last_week,
        status=Mailing.DONE,
    )
    article(issue, "Wednesday strike", FRIDAY - timedelta(days=2))
    article(issue, "Monday picket", FRIDAY - timedelta(days=4))
    article(issue, "Print only", FRIDAY - timedelta(days=3), print_only=True)
    article(issue, "Draft", FRIDAY - timedelta(days=3), live=False)
    private = article(issue, "Members only", FRIDAY - timedelta(days=3))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    article(issue, "After the cut-off", FRIDAY + timedelta(minutes=5))

    mailing = scheduling.mailing_for_digest(digest_on, now=FRIDAY)
    assert mailing.period == "digest-2026-W47"
    assert mailing.status == Mailing.SCHEDULED
    assert mailing.subject == "Solidarity this week: 2 new articles"
    titles = [a.title for a in content.digest_articles(weekly.pk, mailing.created_at)]
    assert titles == ["Monday picket", "Wednesday strike"]

    SubscriptionFactory(mailing_list=weekly, subscriber=SubscriberFactory())
    send_all(mailing)
    (message,) = mail.outbox
    body = message.body
    assert body.index("Monday picket") < body.index("Wednesday strike")
    for absent in ("Old news", "Print only", "Draft", "Members only", "After the cut-off"):
        assert absent not in body
    assert "http://testserver/solidarity/740/" in body


def test_one_digest_per_week_only_when_due_and_only_with_news(weekly, digest_on):
    issue = IssuePageFactory(number=741)
    thursday = FRIDAY - timedelta(days=1)
    article(issue, "Tuesday news", FRIDAY - timedelta(days=3))
    assert scheduling.mailing_for_digest(digest_on, now=thursday) is None  # not due yet
    first = scheduling.mailing_for_digest(digest_on, now=FRIDAY)
    assert first is not None
    # A beat that fires again the same week makes nothing more.
    assert scheduling.mailing_for_digest(digest_on, now=FRIDAY + timedelta(hours=1)) is None
    assert Mailing.objects.filter(kind=Mailing.WEEKLY_DIGEST).count() == 1
    # Next week, with nothing published since: no email at all.
    assert scheduling.mailing_for_digest(digest_on, now=FRIDAY + timedelta(days=7)) is None
    digest_on.weekly_digest_enabled = False
    assert scheduling.mailing_for_digest(digest_on, now=FRIDAY + timedelta(days=14)) is None


def test_digest_task_starts_the_mailing(
    weekly, digest_on, monkeypatch, django_capture_on_commit_callbacks
):
    issue = IssuePageFactory(number=742)
    article(issue, "This week", timezone.now() - timedelta(hours=1))
    digest_on.weekly_digest_day = timezone.localtime().weekday()
    digest_on.weekly_digest_time = time(0, 0)
    digest_on.save()
    started = []
    monkeypatch.setattr(tasks.start_mailing, "delay", started.append)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_weekly_digest()
    (mailing,) = Mailing.objects.filter(kind=Mailing.WEEKLY_DIGEST)
    assert started == [mailing.pk]


# Emails on publishing ----------------------------------------------------------------------


def test_publishing_an_issue_schedules_its_email_once_when_enabled(
    weekly, monkeypatch, django_capture_on_commit_callbacks
):
    started = []
    monkeypatch.setattr(tasks.start_mailing, "delay", started.append)
    issue = IssuePageFactory(number=750, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        issue.save_revision().publish()
    assert not Mailing.objects.exists()  # off by default

    site_settings = EmailSettings.for_default_site()
    site_settings.email_new_issue_on_publish = True
    site_settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        issue.save_revision().publish()
        issue.save_revision().publish()  # a correction, published again
    (mailing,) = Mailing.objects.all()
    assert (mailing.kind, mailing.period, mailing.status) == (
        Mailing.NEW_ISSUE,
        "issue-750",
        Mailing.SCHEDULED,
    )
    assert started == [mailing.pk]


def test_publishing_an_edition_schedules_its_series_email(
    monkeypatch, django_capture_on_commit_callbacks
):
    started = []
    monkeypatch.setattr(tasks.start_mailing, "delay", started.append)
    site_settings = EmailSettings.for_default_site()
    site_settings.email_bulletin_on_publish = True
    site_settings.save()
    series = BulletinSeriesPageFactory(title="Tubeworker", slug="tubeworker")
    edition = BulletinEditionPageFactory(parent=series, number=101, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        edition.save_revision().publish()
    (mailing,) = Mailing.objects.all()
    assert mailing.mailing_list.bulletin_series_id == series.pk
    assert mailing.kind == Mailing.BULLETIN_EDITION
    assert started == [mailing.pk]


# The email itself ---------------------------------------------------------------------------


def test_new_issue_email_lists_the_articles_in_print_order_with_inlined_css(weekly):
    issue = IssuePageFactory(number=760, cover_headline="Strike to win")
    first = ArticlePageFactory(parent=issue, title="Lead <story> & more")
    ArticlePageFactory(parent=issue, title="Second story")
    SubscriptionFactory(mailing_list=weekly, subscriber=SubscriberFactory())
    send_all(scheduling.mailing_for_issue(issue))
    (message,) = mail.outbox
    document = message.alternatives[0][0]
    assert "<style" not in document  # inlined into the elements by css-inline
    assert 'style="' in document and "max-width: 560px" in document
    assert "Lead &lt;story&gt; &amp; more" in document and "<story>" not in document
    assert document.index("Lead &lt;story&gt;") < document.index("Second story")
    assert f"http://testserver{first.url}" in document
    assert message.body.index("Lead <story> & more") < message.body.index("Second story")
    assert "Strike to win" in message.body
    assert ".pdf" not in document  # no print PDF for subscribers


def test_bulletin_email_carries_the_items_with_absolute_links():
    series = BulletinSeriesPageFactory(title="Off The Rails", slug="off-the-rails")
    edition = BulletinEditionPageFactory(
        parent=series,
        number=55,
        body=json.dumps(
            [
                {
                    "type": "item",
                    "value": {
                        "heading": "Guards ballot",
                        "body": '<p>See <a href="/where-we-stand/">our policy</a>.</p>',
                        "image": None,
                    },
                }
            ]
        ),
    )
    mailing_list = MailingList.objects.get(bulletin_series=series)
    SubscriptionFactory(mailing_list=mailing_list, subscriber=SubscriberFactory())
    send_all(scheduling.mailing_for_edition(edition, mailing_list))
    (message,) = mail.outbox
    assert 'href="http://testserver/where-we-stand/"' in message.alternatives[0][0]
    assert "GUARDS BALLOT" in message.body and "See our policy." in message.body


# Scheduling and stopping ------------------------------------------------------------------


def test_sweeper_starts_due_scheduled_mailings_only(
    weekly, monkeypatch, django_capture_on_commit_callbacks
):
    started = []
    monkeypatch.setattr(tasks.start_mailing, "delay", started.append)
    due = Mailing.objects.create(
        mailing_list=weekly,
        kind=Mailing.CUSTOM,
        period="due",
        subject="Due",
        status=Mailing.SCHEDULED,
        scheduled_at=timezone.now() - timedelta(minutes=1),
    )
    Mailing.objects.create(
        mailing_list=weekly,
        kind=Mailing.CUSTOM,
        period="later",
        subject="Later",
        status=Mailing.SCHEDULED,
        scheduled_at=timezone.now() + timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep_mailings()
    assert started == [due.pk]


class SenderRefusedBackend(LocmemBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPSenderRefused(553, b"Sender address rejected", "noreply@localhost")


@override_settings(
    EMAIL_BACKEND="tests.mailings.test_mail_content.SenderRefusedBackend",
    MAILINGS_LEASE_SECONDS=600,
)
def test_a_refused_sender_pauses_the_mailing_and_says_why(weekly):
    for _ in range(3):
        SubscriptionFactory(mailing_list=weekly, subscriber=SubscriberFactory())
    mailing = scheduling.mailing_for_issue(IssuePageFactory(number=770))
    preparing.start(mailing)
    sending.send_batch(mailing.pk)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.PAUSED
    assert "Sender address rejected" in mailing.last_error
    # Nobody was failed for it: every row waits to be sent once the account is fixed.
    assert set(mailing.deliveries.values_list("status", flat=True)) == {Delivery.PENDING}


@override_settings(MAILINGS_LEASE_SECONDS=10)
def test_a_long_batch_renews_its_lease(weekly, monkeypatch):
    for _ in range(3):
        SubscriptionFactory(mailing_list=weekly, subscriber=SubscriberFactory())
    mailing = scheduling.mailing_for_issue(IssuePageFactory(number=771))
    preparing.start(mailing)
    clock = [timezone.now()]
    monkeypatch.setattr(sending.timezone, "now", lambda: clock[0])
    deliveries, lease_until = claiming.claim_batch(mailing)
    clock[0] += timedelta(seconds=6)  # more than half the lease gone
    renewed = claiming.renew_lease(deliveries, lease_until)
    assert renewed == clock[0] + timedelta(seconds=10)
    assert set(mailing.deliveries.values_list("lease_until", flat=True)) == {renewed}
    assert claiming.renew_lease(deliveries, renewed) == renewed  # fresh: left alone


# The ESP's webhooks (django-anymail) ---------------------------------------------------------


@pytest.fixture
def anymail_webhooks(settings):
    """The webhook URL exists only once a secret is set, for the ESP of EMAIL_BACKEND: reload
    the URLconf around the test (as with Postmark; sending itself stays on locmem)."""
    backend = settings.EMAIL_BACKEND
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:s3cret"}
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    clear_url_caches()
    importlib.reload(solidarity.urls)
    settings.EMAIL_BACKEND = backend
    yield
    settings.ANYMAIL = {}
    clear_url_caches()
    importlib.reload(solidarity.urls)


def postmark_event(client, payload, auth="hook:s3cret"):
    return client.post(
        "/anymail/postmark/tracking/",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(auth.encode()).decode(),
    )


def test_bounce_and_complaint_webhooks_stop_mail_to_the_address(client, weekly, anymail_webhooks):
    bouncer, complainer = SubscriberFactory(), SubscriberFactory()
    for subscriber in (bouncer, complainer):
        SubscriptionFactory(mailing_list=weekly, subscriber=subscriber)
    mailing = scheduling.mailing_for_issue(IssuePageFactory(number=780))
    send_all(mailing)
    delivery = mailing.deliveries.get(subscriber=bouncer)

    bounce = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "Email": bouncer.email.upper(),
        "Description": "The address does not exist",
        "Metadata": {"delivery": str(delivery.pk)},
        "MessageID": "abc",
    }
    assert postmark_event(client, bounce, auth="hook:wrong").status_code == 400
    assert Subscription.objects.filter(status=Subscription.SUBSCRIBED).count() == 2
    assert postmark_event(client, bounce).status_code == 200
    complaint = {"RecordType": "SpamComplaint", "Type": "SpamComplaint", "Email": complainer.email}
    assert postmark_event(client, complaint).status_code == 200

    assert not Subscription.objects.filter(status=Subscription.SUBSCRIBED).exists()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.FAILED and "does not exist" in delivery.error
    reasons = set(bouncer.consent_records.values_list("source", flat=True)) | set(
        complainer.consent_records.values_list("source", flat=True)
    )
    assert reasons == {"bounced (Postmark)", "marked as spam (Postmark)"}
