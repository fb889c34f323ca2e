"""Who may use the sellers' portal: active sellers and the editorial roles that handle print
(superusers, and holders of printing.view_printjob: Editors and Sub-editors). Other admin
users (writers, a bulletin series' editors) get the portal's 403 page and log no download."""

import pytest
from django.contrib.auth.models import Group, User

from newsroom.roles import EDITORS, SUB_EDITORS, WRITERS, series_editors_group
from sellers.models import Download
from tests.factories import BulletinSeriesPageFactory

from .helpers import LOGIN, PORTAL, download_url, make_seller, thumbnail_url

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def member_of(group):
    user = User.objects.create_user(f"{group.name}@example.org", password=PASSWORD)
    user.groups.add(group)
    return user


def in_group(name):
    return lambda: member_of(Group.objects.get(name=name))


USERS = {
    "anonymous": lambda: None,
    "writer": in_group(WRITERS),
    "series editor": lambda: member_of(
        series_editors_group(BulletinSeriesPageFactory(title="Tubeworker"))
    ),
    "staff, no permissions": lambda: User.objects.create_user(
        "staff@example.org", password=PASSWORD, is_staff=True
    ),
    "former seller": lambda: former_seller(),
    "inactive seller": lambda: make_seller("gone@example.org", active=False),
    "seller": make_seller,
    "sub-editor": in_group(SUB_EDITORS),
    "editor": in_group(EDITORS),
    "superuser": lambda: User.objects.create_superuser("root", password=PASSWORD),
}


def former_seller():
    user = make_seller("former@example.org")
    user.seller_profile.delete()  # takes them out of the Sellers group
    return user


# What each gets: "login" (the login page), 403, or 200. An inactive account's session is
# treated as logged out (Django's ModelBackend), so it gets the login page.
EXPECTED = {
    "anonymous": "login",
    "writer": 403,
    "series editor": 403,
    "staff, no permissions": 403,
    "former seller": 403,
    "inactive seller": "login",
    "seller": 200,
    "sub-editor": 200,
    "editor": 200,
    "superuser": 200,
}
PAGES = {
    "portal": lambda job: PORTAL,
    "download": download_url,
    "thumbnail": thumbnail_url,
    "sales": lambda job: "/sellers/sales/",
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", EXPECTED)
def test_who_may_use_the_portal(client, job, who, page):
    user = USERS[who]()
    if user is not None:
        client.force_login(user)
    response = client.get(PAGES[page](job))
    expected = EXPECTED[who]
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(f"{LOGIN}?next=")
    else:
        assert response.status_code == expected
    if expected == 403:
        assert "sellers/forbidden.html" in [t.name for t in response.templates]
    assert Download.objects.exists() == (page == "download" and expected == 200)
