"""Access as a table: for each role, every private URL and the answer it must get.

Rows are the roles (DESIGN.md and README "The newsroom": Editors do everything editorial;
Sub-editors the paper, its print PDFs and its mailings; Writers their own articles; a series'
editors that series and its print PDFs; Sellers the portal only; users, groups and the
subscriber lists' people stay with editors and superusers). Columns are the private URLs. Each
cell is its own test:

- "login": a redirect to a login page (the portal's, or the admin's);
- 403: refused, with the portal's page (or the JSON endpoints' error) saying so;
- "refused": the Wagtail admin's refusal of a logged-in admin user, a redirect to the
  dashboard with its "no permission" message;
- 404: nothing there for anyone (an unpublished issue's print file in the portal);
- 200: the page, file or JSON.

An inactive seller's session counts as logged out (Django's ModelBackend), so "login".
"""

import pytest
from django.contrib.auth.models import User
from django.contrib.messages.storage.cookie import CookieStorage

from mailings.models import WEEKLY_SLUG, MailingList
from newsroom import roles
from printing.models import PrintJob
from tests.factories import BulletinEditionPageFactory, BulletinSeriesPageFactory, IssuePageFactory
from tests.mailings.helpers import make_mailing
from tests.newsroom.test_roles import member_of
from tests.sellers.conftest import private_storage  # noqa: F401 (autouse: print files)
from tests.sellers.helpers import make_job, make_seller

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": lambda: None,
    "reader": lambda: User.objects.create_user("reader", "reader@example.org", "a long password"),
    "writer": lambda: member_of(roles.WRITERS, "writer"),
    "sub-editor": lambda: member_of(roles.SUB_EDITORS, "sub-editor"),
    "editor": lambda: member_of(roles.EDITORS, "editor"),
    "Tubeworker editors": lambda: member_of("Tubeworker editors", "tube"),
    "Off The Rails editors": lambda: member_of("Off The Rails editors", "rails"),
    "seller": lambda: make_seller("seller@example.org"),
    "inactive seller": lambda: make_seller("gone@example.org", active=False),
    "superuser": lambda: User.objects.create_superuser("root", "root@example.org", "pw"),
}

# The private URLs, from the seeded objects (see `site` below).
URLS = {
    "portal": lambda s: "/sellers/",
    "portal download": lambda s: f"/sellers/download/{s['issue job'].pk}/",
    "portal download, unpublished": lambda s: f"/sellers/download/{s['draft job'].pk}/",
    "portal thumbnail": lambda s: f"/sellers/thumbnail/{s['issue job'].pk}/",
    "sales": lambda s: "/sellers/sales/",
    "job status, issue": lambda s: f"/admin/printing/status/?ids={s['issue job'].pk}",
    "job status, Tubeworker": lambda s: f"/admin/printing/status/?ids={s['edition job'].pk}",
    "job pdf, issue": lambda s: f"/admin/printing/jobs/{s['issue job'].pk}/pdf/",
    "job thumbnail, issue": lambda s: f"/admin/printing/jobs/{s['issue job'].pk}/thumbnail/",
    "job pdf, Tubeworker": lambda s: f"/admin/printing/jobs/{s['edition job'].pk}/pdf/",
    "job thumbnail, Tubeworker": lambda s: f"/admin/printing/jobs/{s['edition job'].pk}/thumbnail/",
    "job inspect": lambda s: f"/admin/printing/printjob/inspect/{s['issue job'].pk}/",
    "mailing page (preview)": lambda s: f"/admin/mailings/mailing/{s['mailing'].pk}/",
    "mailing status": lambda s: f"/admin/mailings/mailing/status/?ids={s['mailing'].pk}",
    "list export": lambda s: f"/admin/mailings/lists/{s['weekly'].pk}/export/",
    "subscriber import": lambda s: f"/admin/mailings/import/?list={s['weekly'].pk}",
}

# The answers, in the order of URLS. R: refused by the Wagtail admin, which answers a logged-in
# admin user's PermissionDenied by sending them back to the dashboard with "Sorry, you do not
# have permission to access this area." (the JSON status endpoints answer a JSON 403 instead).
L, R = "login", "refused"
COLUMNS = list(URLS)
EXPECTED = {
    # portal, download, unpublished download, thumbnail, sales |
    # status of an issue's job, of a Tubeworker job | pdf, thumbnail of an issue's job |
    # pdf, thumbnail of a Tubeworker job | inspect | mailing page, mailing status | export, import
    "anonymous": [L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L],
    "reader": [403, 403, 403, 403, 403, L, L, L, L, L, L, L, L, L, L, L],
    "writer": [403, 403, 403, 403, 403, 403, 403, R, R, R, R, R, R, 403, R, R],
    "sub-editor": [200, 200, 404, 200, 200, 200, 200, 200, 200, R, R, 200, 200, 200, R, R],
    "editor": [200, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "Tubeworker editors": [403, 403, 403, 403, 403, 403, 200, R, R, 200, 200, R, R, 403, R, R],
    "Off The Rails editors": [403, 403, 403, 403, 403, 403, 403, R, R, R, R, R, R, 403, R, R],
    "seller": [200, 200, 404, 200, 200, L, L, L, L, L, L, L, L, L, L, L],
    "inactive seller": [L] * 16,
    "superuser": [200, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
}
CELLS = [(who, url) for who in EXPECTED for url in COLUMNS]


def test_every_role_has_an_answer_for_every_url():
    assert set(EXPECTED) == set(ROLES)
    for who, answers in EXPECTED.items():
        assert len(answers) == len(COLUMNS), who


@pytest.fixture
def site():
    issue = IssuePageFactory(number=738)
    draft = IssuePageFactory(number=739, live=False)
    tubeworker = BulletinSeriesPageFactory(title="Tubeworker")
    BulletinSeriesPageFactory(title="Off The Rails")
    edition = BulletinEditionPageFactory(parent=tubeworker, number=101)
    weekly = MailingList.objects.get(slug=WEEKLY_SLUG)
    return {
        "issue job": make_job(issue),
        "draft job": make_job(draft),
        "edition job": make_job(edition, variant=PrintJob.PRINT),
        "mailing": make_mailing(weekly, page=issue),
        "weekly": weekly,
    }


REFUSAL = "Sorry, you do not have permission to access this area."


def messages_of(response):
    """The messages the response left for the next page (in the messages cookie)."""
    cookie = response.cookies.get("messages")
    if cookie is None:
        return []
    stored = CookieStorage(response.wsgi_request)._decode(cookie.value) or []
    return [str(message).strip() for message in stored]


def answer(response):
    """What the response amounts to: "login", or its status code."""
    if response.status_code == 302:
        location = response["Location"].split("?")[0]
        if location in ("/sellers/login/", "/admin/login/"):
            return "login"
        if location == "/admin/" and REFUSAL in messages_of(response):
            return "refused"
        return f"302 to {location}"
    return response.status_code


@pytest.mark.parametrize("who, url", CELLS)
def test_access(client, site, who, url):
    user = ROLES[who]()
    if user is not None:
        client.force_login(user)
    expected = EXPECTED[who][COLUMNS.index(url)]
    response = client.get(URLS[url](site))
    assert answer(response) == expected, (who, url, answer(response))
    if expected == 403:
        assert response.content.strip(), "a refusal says so"
