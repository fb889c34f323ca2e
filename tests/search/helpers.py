"""Helpers for the search tests: dates, article bodies, and searching as a reader does."""

import datetime

from django.utils import timezone

from tests.factories import stream


def when(year, month=6, day=1):
    return timezone.make_aware(datetime.datetime(year, month, day, 9))


def body(*paragraphs):
    return stream(*[("paragraph", f"<p>{p}</p>") for p in paragraphs])


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return [item.page.title for item in response.context["items"] or []]


def count(response):
    return response.context["results"].paginator.count


def suggested(client, typed):
    return [s["title"] for s in client.get("/search/suggest/", {"q": typed}).json()["suggestions"]]
