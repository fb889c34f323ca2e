"""Search suggestions as the reader types: completed headlines, cached answers, and the
search page's script, which the form does not need to work.

Runs on SQLite (the embedded default) and, with DATABASE_URL set, on PostgreSQL.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.search.helpers import search, suggested

pytestmark = pytest.mark.django_db


# Suggestions ----------------------------------------------------------------------------------


def test_suggestions_complete_headlines(client, corpus):
    response = client.get("/search/suggest/", {"q": "glazi"})
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    found = {s["title"] for s in data["suggestions"]}
    assert "Glaziers strike over pay" in found
    assert all(s["url"].startswith("/") for s in data["suggestions"])
    assert client.get("/search/suggest/", {"q": "g"}).json()["suggestions"] == []


def test_suggestions_are_cached(client, corpus):
    assert "Glaziers strike over pay" in suggested(client, "Glazi")
    with CaptureQueriesContext(connection) as captured:
        assert "Glaziers strike over pay" in suggested(client, "glazi ")
    assert len(captured) == 0


def test_search_page_loads_the_suggestion_script_and_works_without_it(client):
    html = search(client, q="x").content.decode()
    assert "js/search-suggest.js" in html
    assert 'data-suggest-url="/search/suggest/"' in html
    assert '<form action="/search/" method="get" role="search"' in html
