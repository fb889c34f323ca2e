"""The public site's Content-Security-Policy and Permissions-Policy, and pages that keep to
them: no script runs from inside a page, for readers or for a logged-in editor."""

from html.parser import HTMLParser

import pytest

from solidarity.middleware import CONTENT_SECURITY_POLICY
from tests.factories import (
    ArticlePageFactory,
    BulletinEditionPageFactory,
    ImageFactory,
    IssuePageFactory,
)

pytestmark = pytest.mark.django_db

# Script types a browser does not run (data blocks).
DATA_BLOCKS = {"application/ld+json", "application/json"}


class InlineScripts(HTMLParser):
    """Collects what CSP's `script-src 'self'` would refuse: inline scripts and on* handlers."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") not in DATA_BLOCKS:
            self.found.append("inline <script>")
        self.found += [f"{tag} {name}=" for name in attrs if name.startswith("on")]


def public_urls():
    issue = IssuePageFactory(number=715)
    article = ArticlePageFactory(parent=issue, title="Cleaners win", image=ImageFactory())
    edition = BulletinEditionPageFactory()
    return [
        "/",
        issue.url,
        article.url,
        edition.url,
        edition.get_parent().url,
        "/search/?q=cleaners",
        "/subscribe/",
        "/sellers/login/",
    ]


def test_public_pages_send_the_policies_and_run_no_inline_script(client, admin_user):
    urls = public_urls()
    for user in (None, admin_user):  # an editor sees Wagtail's user bar on the public pages
        if user:
            client.force_login(user)
        for url in urls:
            response = client.get(url, follow=True)  # a logged-in user skips the login
            assert response.status_code == 200, url
            assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, url
            assert "script-src 'self';" in response["Content-Security-Policy"]
            assert "camera=()" in response["Permissions-Policy"]
            parser = InlineScripts()
            parser.feed(response.content.decode())
            assert parser.found == [], (url, parser.found)


def test_the_admin_keeps_wagtails_own_needs(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "camera=()" in response["Permissions-Policy"]
