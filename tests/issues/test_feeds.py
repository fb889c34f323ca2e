"""Atom feeds, the sitemap and robots.txt."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import (
    ArticlePageFactory,
    BulletinEditionPageFactory,
    IssuePageFactory,
    SectionFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def content():
    issue = IssuePageFactory(number=712)
    international = SectionFactory(name="International", slug="international")
    ArticlePageFactory(parent=issue, title="Strike in Tehran", section=international)
    ArticlePageFactory(parent=issue, title="Depot walkout")
    ArticlePageFactory(parent=issue, title="Not for the web", print_only=True)
    BulletinEditionPageFactory(number=101, title="Stop the closures")
    StandardPageFactory()
    return issue


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")], feed


def test_site_feed(client, content):
    titles, feed = entries(client, "/feeds/")
    assert set(titles) == {"Strike in Tehran", "Depot walkout"}
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]
    assert all(link.startswith("http://testserver/solidarity/712/") for link in links)


def test_section_feed(client, content):
    titles, _ = entries(client, "/feeds/sections/international/")
    assert titles == ["Strike in Tehran"]


def test_bulletin_series_feed(client, content):
    titles, _ = entries(client, "/feeds/bulletins/tubeworker/")
    assert titles == ["Tubeworker 101: Stop the closures"]


def test_sitemap_lists_published_web_pages(client, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for path in [
        "/solidarity/712/",
        "/solidarity/712/depot-walkout/",
        "/bulletins/tubeworker/101/",
        "/where-we-stand/",
    ]:
        assert path in body
    assert "not-for-the-web" not in body


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
