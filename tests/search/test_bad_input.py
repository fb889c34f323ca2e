"""Site search with bad input: page numbers out of range, hostile or malformed queries answered
quickly and never with an error, over-long and exclusion-only queries explained, the empty
form, and the query parser.

Runs on SQLite (the embedded default) and, with DATABASE_URL set, on PostgreSQL.
"""

import time

import pytest

from search.query import parse
from tests.search.helpers import search

pytestmark = pytest.mark.django_db


# Pagination and bad input ---------------------------------------------------------------------


@pytest.mark.parametrize("page", ["0", "-1", "2", "999999", "abc", "9" * 500, ""])
def test_page_numbers_out_of_range(client, corpus, page):
    response = search(client, q="glaziers", page=page)
    assert response.context["results"].number in (
        1,
        response.context["results"].paginator.num_pages,
    )


BAD_INPUTS = [
    "",
    " ",
    "x" * 10_000,
    "glaziers " * 1000,
    '"',
    '"glaziers',
    'glaziers"',
    "'",
    "-",
    "--",
    "-glaziers",
    '-"rank and file"',
    "AND OR NOT",
    "glaziers & | ! ( ) : * <-> \\",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "%_%",
    "Ünïcödé 中文 العربية 😀",
    "\x00\x01\x1f",
    "glaz*",
    "title:glaziers",
    "\u202e\u200b",
]


@pytest.mark.parametrize("query", BAD_INPUTS)
def test_bad_input_never_fails_and_is_quick(client, corpus, query):
    start = time.perf_counter()
    response = client.get("/search/", {"q": query, "page": "2"})
    assert response.status_code == 200
    suggest = client.get("/search/suggest/", {"q": query})
    assert suggest.status_code == 200
    assert isinstance(suggest.json()["suggestions"], list)
    assert time.perf_counter() - start < 1.0


def test_too_long_query_says_so(client):
    html = search(client, q="x" * 10_000).content.decode()
    assert "Search for at most 200 characters" in html


def test_only_exclusions_says_so(client):
    assert "a minus sign only leaves words out" in search(client, q="-tories").content.decode()


def test_empty_search_shows_the_form_only(client):
    response = search(client)
    assert "results" not in response.context
    assert b'role="search"' in response.content


# Parser ---------------------------------------------------------------------------------------


def test_parser():
    parsed = parse('pay "rank and file" -tories -"new labour" "lone')
    assert parsed.words == ["pay", "lone"]
    assert parsed.phrases == ["rank and file"]
    assert parsed.excluded_words == ["tories"]
    assert parsed.excluded_phrases == ["new labour"]
    assert parse("-only").search_query() is None
    assert parse("a " * 50).words == ["a"] * 12
