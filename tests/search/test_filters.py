"""Site search filters and visibility: type, section, author, series, year and dates, sorting,
filters kept in the URL, invalid filters explained, and unpublished, private and print-only
pages never found nor suggested.

Runs on SQLite (the embedded default) and, with DATABASE_URL set, on PostgreSQL.
"""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, IssuePageFactory
from tests.search.helpers import search, suggested, titles

pytestmark = pytest.mark.django_db


# Filters --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "insert"}, {"Climate and class"}),
        ({"type": "edition"}, {"Tube glaziers?"}),
        ({"type": "page"}, {"Where we stand"}),
        ({"section": "international"}, {"News in brief"}),
        ({"author": "sam-oduya"}, {"Building sites walk out", "News in brief"}),
        ({"series": "tubeworker"}, {"Tube glaziers?"}),
        ({"year": "2025"}, {"Tube glaziers?"}),
        ({"date_from": "2025-01-01", "date_to": "2025-12-31"}, {"Tube glaziers?"}),
        # Combined: each narrows the others.
        ({"section": "industrial", "author": "rosa-hart"}, {"Glaziers strike over pay"}),
        ({"author": "sam-oduya", "section": "international", "year": "2026"}, {"News in brief"}),
        ({"type": "edition", "section": "industrial"}, set()),
    ],
)
def test_filters(client, corpus, params, expected):
    assert set(titles(search(client, q="glaziers", **params))) == expected


def test_filters_without_words_browse_newest_first(client, corpus):
    found = titles(search(client, section="international"))
    assert found == ["News in brief", "Dockers defy the Tories"]


def test_sort_by_date(client, corpus):
    newest = titles(search(client, q="rank", sort="newest"))
    assert newest == ["News in brief", "Dockers defy the Tories"]
    assert titles(search(client, q="rank", sort="oldest")) == newest[::-1]


def test_filters_are_in_the_url_and_pagination_keeps_them(client, corpus, settings):
    settings.SOLIDARITY_PAGE_SIZE = 1
    html = search(client, q="glaziers", section="industrial").content.decode()
    assert 'href="?q=glaziers&amp;section=industrial&amp;page=2"' in html
    assert 'value="glaziers"' in html
    assert '<option value="industrial" selected>' in html


def test_invalid_filters_say_what_is_wrong(client, corpus):
    response = search(client, q="glaziers", section="no-such", year="1066", date_from="soon")
    html = response.content.decode()
    assert "There is no such section" in html
    assert "Choose a year from" in html
    assert "Enter a date as YYYY-MM-DD." in html
    response = search(client, q="x", date_from="2025-02-01", date_to="2025-01-01")
    assert "The end date is before the start date." in response.content.decode()


# Visibility -----------------------------------------------------------------------------------


def test_unpublished_private_and_print_only_pages_never_appear(client, corpus):
    issue = IssuePageFactory(number=900)
    draft = ArticlePageFactory(parent=issue, title="Quokka draft", live=False)
    private = ArticlePageFactory(parent=issue, title="Quokka private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    ArticlePageFactory(parent=issue, title="Quokka print", print_only=True)
    secret_issue = IssuePageFactory(number=901)
    ArticlePageFactory(parent=secret_issue, title="Quokka in a private issue")
    PageViewRestriction.objects.create(page=secret_issue, restriction_type="login")
    shown = ArticlePageFactory(parent=issue, title="Quokka public")

    assert titles(search(client, q="quokka")) == ["Quokka public"]
    suggestions = client.get("/search/suggest/", {"q": "quok"}).json()["suggestions"]
    assert [s["title"] for s in suggestions] == ["Quokka public"]

    # Publishing and unpublishing change what search finds, and what it suggests although
    # suggestions are cached.
    draft.save_revision().publish()
    assert "Quokka draft" in titles(search(client, q="quokka"))
    assert "Quokka draft" in suggested(client, "quok")
    shown.unpublish()
    assert "Quokka public" not in titles(search(client, q="quokka"))
    assert suggested(client, "quok") == ["Quokka draft"]
    PageViewRestriction.objects.create(page=draft, restriction_type="login")
    assert suggested(client, "quok") == []
