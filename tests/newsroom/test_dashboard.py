"""The newsroom's dashboard panels: what each shows, to whom, and at what cost in queries."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mailings.models import Mailing
from newsroom import roles
from printing.models import PrintJob
from sellers.models import Download, SellerProfile
from tests.factories import (
    ArticlePageFactory,
    BulletinSeriesPageFactory,
    IssueIndexPageFactory,
    IssuePageFactory,
    MailingListFactory,
)
from tests.newsroom.test_roles import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    index = IssueIndexPageFactory()
    published = IssuePageFactory(parent=index, number=770, title="Solidarity 770")
    upcoming = IssuePageFactory(parent=index, number=771, title="Solidarity 771", live=False)
    ArticlePageFactory(parent=upcoming, title="Ready")
    draft = ArticlePageFactory(parent=upcoming, title="Not yet", live=False)
    draft.save_revision()
    job = PrintJob.objects.create(page=upcoming, status=PrintJob.RUNNING, progress=40)
    job.stage = "Preparing <pictures>"
    job.save()
    mailing_list = MailingListFactory(name="Weekly")
    Mailing.objects.create(
        mailing_list=mailing_list,
        kind=Mailing.NEW_ISSUE,
        period="issue-770",
        subject="Solidarity 770 <out now>",
        page=published,
        status=Mailing.SENDING,
        total_count=400,
        sent_count=120,
        failed_count=2,
    )
    Mailing.objects.create(
        mailing_list=mailing_list,
        kind=Mailing.CUSTOM,
        period="done",
        subject="An old one",
        status=Mailing.DONE,
    )
    seller = User.objects.create_user("sally", "sally@example.org", "pw", first_name="Sally")
    SellerProfile.objects.create(user=seller, area="Sheffield")
    Download.objects.create(page=published, job=job, user=seller)
    return {"published": published, "upcoming": upcoming, "job": job}


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_editors_see_the_next_issue_mailings_print_jobs_and_downloads(client, newsroom):
    html = dashboard(client, member_of(roles.EDITORS, "editor"))
    assert "Next issue" in html and "Solidarity 771" in html  # not yet published, after 770
    assert "#tab-flatplan" in html
    assert "<strong>1</strong> draft" in html and "<strong>1</strong> live" in html
    assert f'data-print-job="{newsroom["job"].pk}"' in html
    assert "Preparing &lt;pictures&gt;" in html
    assert "Mailings in progress" in html
    assert "Solidarity 770 &lt;out now&gt;" in html and "120 / 400 sent, 2 failed" in html
    assert "An old one" not in html
    assert "Recent print jobs" in html
    assert "Recent seller downloads" in html and "Sally" in html and "Sheffield" in html


def test_panels_follow_permissions(client, newsroom):
    html = dashboard(client, member_of(roles.SUB_EDITORS, "sub"))
    assert "Next issue" in html and "Mailings in progress" in html
    assert "Recent print jobs" in html
    assert "Recent seller downloads" not in html

    html = dashboard(client, member_of(roles.WRITERS, "writer"))
    assert "Next issue" in html
    assert f'data-print-job="{newsroom["job"].pk}"' not in html
    for heading in ("Mailings in progress", "Recent print jobs", "Recent seller downloads"):
        assert heading not in html

    # A bulletin's editors have no business with the paper, mailings or print jobs.

    series = BulletinSeriesPageFactory(title="Tubeworker", slug="tubeworker")
    bulletin_editor = User.objects.create_user("tube", "tube@example.org", "pw")
    bulletin_editor.groups.add(roles.series_editors_group(series))
    html = dashboard(client, bulletin_editor)
    for heading in ("Next issue", "Mailings in progress", "Recent print jobs"):
        assert heading not in html


def test_next_issue_is_the_latest_when_all_are_published(client, newsroom):
    newsroom["upcoming"].delete()
    html = dashboard(client, User.objects.create_superuser("root", "r@example.org", "pw"))
    assert "Solidarity 770" in html and "· published ·" in " ".join(html.split())


def test_dashboard_queries_do_not_grow_with_its_rows(client, newsroom):
    editor = member_of(roles.EDITORS, "editor")
    dashboard(client, editor)

    def count():
        with CaptureQueriesContext(connection) as queries:
            dashboard(client, editor)
        return len(queries)

    few = count()
    mailing_list = MailingListFactory(name="Bulletin")
    for n in range(6):
        Mailing.objects.create(
            mailing_list=MailingListFactory(name=f"List {n}"),
            kind=Mailing.CUSTOM,
            period=f"p{n}",
            subject=f"Mailing {n}",
            status=Mailing.PAUSED,
        )
        article = ArticlePageFactory(parent=newsroom["upcoming"])
        job = PrintJob.objects.create(page=article.get_parent(), status=PrintJob.DONE)
        seller = User.objects.create_user(f"seller{n}", f"s{n}@example.org", "pw")
        SellerProfile.objects.create(user=seller, area=f"Area {n}")
        Download.objects.create(page=newsroom["published"], job=job, user=seller)
    assert mailing_list.pk
    assert count() == few
