"""Who may act on mailings (the send permission, the terminal operator) and who sees nothing,
and the JSON status endpoint the listing polls."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mailings import actions
from tests.mailings.helpers import (
    DONE,
    DRAFT,
    INDEX,
    PAUSED,
    SCHEDULED,
    SENDING,
    STATUS,
    action,
    detail,
    local,
    make_mailing,
    status_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_without_send(django_user_model):
    """Can use the admin and see, add and change mailings, but not send them."""
    user = django_user_model.objects.create_user(
        "subeditor", email="sub@example.org", password="pw"
    )
    codenames = ["access_admin", "view_mailing", "add_mailing", "change_mailing"]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


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
        "deferred": 0,
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
