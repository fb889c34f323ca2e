"""Creating and editing a mailing by hand: defaults from the issue or edition, duplicate
periods and bad input as form errors, and editing only before it starts."""

import pytest
from django.urls import reverse

from mailings import scheduling
from mailings.models import Mailing, MailingList
from tests.factories import (
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    MailingListFactory,
)
from tests.mailings.helpers import CREATE, DRAFT, EDIT, SENDING, detail, make_mailing, status_of

pytestmark = pytest.mark.django_db


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
