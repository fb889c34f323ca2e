"""Feeds carry editors' text as text: a summary of type html is escaped, so a feed reader,
having unescaped the XML once, shows markup as text and runs no script."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import ArticlePageFactory, BulletinEditionPageFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def summaries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # the reader's one unescape
    found = [e.find(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")]
    assert found and all(s.get("type") == "html" for s in found)
    return [s.text for s in found]


@pytest.mark.parametrize(
    "url, make",
    [
        (
            "/feeds/bulletins/tubeworker/",
            lambda: BulletinEditionPageFactory(number=101, search_description=HOSTILE),
        ),
        ("/feeds/", lambda: ArticlePageFactory(standfirst=HOSTILE)),
    ],
)
def test_summaries_carry_markup_as_escaped_text(client, url, make):
    make()
    (summary,) = summaries(client, url)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img" in summary
    assert "<script" not in summary and "<img" not in summary
