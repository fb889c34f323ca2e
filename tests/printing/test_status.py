"""The print jobs' status, polled by the admin's progress bars: every job for those who may see
print jobs (printing.view_printjob), others only their own pages' builds; junk in ?ids= is
ignored, never an error. And a retried build goes back only to a page of this site."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from newsroom.roles import EDITORS, SUB_EDITORS, WRITERS, series_editors_group
from printing.builds import create_job
from printing.models import PrinterProfile, PrintJob
from tests.factories import (
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    IssuePageFactory,
)

pytestmark = pytest.mark.django_db
STATUS = "/admin/printing/status/"


@pytest.fixture
def jobs():
    profile = PrinterProfile.objects.get(slug="newspaper-printer")
    return [
        PrintJob.objects.create(page=IssuePageFactory(), profile=profile, status=PrintJob.QUEUED)
        for _ in range(2)
    ]


def log_in(client, group):
    user = User.objects.create_user(f"{group.name}@example.org", password="a-long-test-password")
    user.groups.add(group)
    client.force_login(user)


def status_ids(response):
    assert response.status_code == 200
    return sorted(job["pk"] for job in response.json()["jobs"])


@pytest.mark.parametrize("group", [WRITERS, "series"])
def test_admin_users_without_the_permission_get_403(client, jobs, group):
    if group == "series":
        log_in(client, series_editors_group(BulletinSeriesPageFactory(title="Tubeworker")))
    else:
        log_in(client, Group.objects.get(name=group))
    response = client.get(STATUS, {"ids": ",".join(str(job.pk) for job in jobs)})
    assert response.status_code == 403
    assert b"queued" not in response.content


@pytest.mark.parametrize("group", [EDITORS, SUB_EDITORS])
def test_print_roles_follow_every_job(client, jobs, group):
    log_in(client, Group.objects.get(name=group))
    response = client.get(STATUS, {"ids": ",".join(str(job.pk) for job in jobs)})
    assert status_ids(response) == [job.pk for job in jobs]


def test_a_series_editors_follow_their_own_builds_only(client, jobs):
    series = BulletinSeriesPageFactory(title="Tubeworker")
    profile = PrinterProfile.objects.get(slug="newspaper-printer")
    own = PrintJob.objects.create(
        page=BulletinEditionPageFactory(parent=series), profile=profile, status=PrintJob.QUEUED
    )
    log_in(client, series_editors_group(series))
    assert status_ids(client.get(STATUS, {"ids": str(own.pk)})) == [own.pk]
    assert client.get(STATUS, {"ids": f"{own.pk},{jobs[0].pk}"}).status_code == 403


def test_anonymous_users_get_the_admin_login(client, jobs):
    response = client.get(STATUS, {"ids": str(jobs[0].pk)})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_junk_ids_are_ignored(admin_client, jobs):
    first = jobs[0].pk
    for junk in ["²", "١", "-1", "+1", " 1", "1.0", "abc", "9" * 5000, "9" * 40, "\x00"]:
        response = admin_client.get(STATUS, {"ids": f"{junk},{first}"})
        assert status_ids(response) == [first], junk
    assert status_ids(admin_client.get(STATUS, {"ids": "²"})) == []
    assert status_ids(admin_client.get(STATUS, {"ids": ""})) == []
    assert status_ids(admin_client.get(STATUS)) == []


def test_ten_thousand_ids_are_cut_to_a_hundred(admin_client, jobs):
    ids = [job.pk for job in jobs] + list(range(10**6, 10**6 + 9998))
    response = admin_client.get(STATUS, {"ids": ",".join(map(str, ids))})
    assert status_ids(response) == [job.pk for job in jobs]


def test_retry_goes_back_only_to_a_page_of_this_site(admin_client):
    job = create_job(IssuePageFactory(number=771))
    PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.FAILED)
    url = reverse("printing_retry", args=[job.pk])
    response = admin_client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("printing_build", args=[job.page_id])
    PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.FAILED)
    response = admin_client.post(url, {"next": "/admin/printing/printjob/"})
    assert response["Location"] == "/admin/printing/printjob/"
