"""Archive browsing: issues by year and month on /solidarity/; articles by author, section and
tag, each a page at a time."""

import datetime

import pytest

from issues.models import IssueIndexPage
from tests.factories import ArticlePageFactory, AuthorFactory, IssuePageFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issues():
    dates = [
        datetime.date(2024, 11, 20),
        datetime.date(2025, 1, 8),
        datetime.date(2025, 1, 22),
        datetime.date(2025, 3, 5),
        datetime.date(2026, 2, 4),
    ]
    return [IssuePageFactory(number=600 + n, publication_date=date) for n, date in enumerate(dates)]


def test_archive_groups_issues_by_year_and_month(client, issues):
    html = client.get("/solidarity/").content.decode()
    # Newest first, a heading for each year and for each month in it.
    order = ["2026", "February 2026", "2025", "March 2025", "January 2025", "November 2024"]
    positions = [html.index(f">{heading}</h") for heading in order]
    assert positions == sorted(positions)
    assert html.index("Solidarity 602") < html.index("Solidarity 601")  # 22 before 8 January


def test_archive_year_filter_and_year_links(client, issues):
    html = client.get("/solidarity/", {"year": "2025"}).content.decode()
    assert "Solidarity 601" in html and "Solidarity 603" in html
    assert "Solidarity 600" not in html and "Solidarity 604" not in html
    assert 'href="?year=2024"' in html and 'aria-current="page">2025<' in html


@pytest.mark.parametrize("year", ["1900", "abc", "2025x", "9" * 5000, "²⁰²⁵"])
def test_archive_ignores_a_year_it_has_no_issues_for(client, issues, year):
    response = client.get("/solidarity/", {"year": year})
    assert response.status_code == 200
    assert "Solidarity 604" in response.content.decode()


@pytest.mark.parametrize("page", ["2", "3", "999", "0", "abc", ""])
def test_archive_is_paginated(client, issues, monkeypatch, page):
    monkeypatch.setattr(IssueIndexPage, "ISSUES_PER_PAGE", 2)
    response = client.get("/solidarity/", {"page": page})
    assert response.status_code == 200
    listed = response.context["issues"]
    assert listed.paginator.num_pages == 3
    assert len(listed) in (1, 2)


def test_archive_second_page(client, issues, monkeypatch):
    monkeypatch.setattr(IssueIndexPage, "ISSUES_PER_PAGE", 2)
    html = client.get("/solidarity/", {"page": "2"}).content.decode()
    assert "Solidarity 602" in html and "Solidarity 601" in html
    assert "Solidarity 603" not in html and "Solidarity 600" not in html
    assert 'rel="prev" href="?page=1"' in html and 'rel="next" href="?page=3"' in html


@pytest.fixture
def articles():
    section = SectionFactory(name="History", slug="history")
    author = AuthorFactory(name="Ruth Hale")
    issue = IssuePageFactory(number=650)
    return [
        ArticlePageFactory(
            parent=issue,
            title=f"Chartists part {n}",
            section=section,
            authors=[author],
            tags=["chartism"],
        )
        for n in range(3)
    ]


@pytest.mark.parametrize("url", ["/authors/ruth-hale/", "/sections/history/", "/tags/chartism/"])
def test_author_section_and_tag_listings_are_paginated(client, articles, settings, url):
    settings.SOLIDARITY_PAGE_SIZE = 2
    first = client.get(url)
    second = client.get(url, {"page": "2"})
    beyond = client.get(url, {"page": "99"})
    assert first.status_code == second.status_code == beyond.status_code == 200
    assert len(first.context["articles"]) == 2
    assert len(second.context["articles"]) == 1
    assert beyond.context["articles"].number == 2
    assert 'rel="next"' in first.content.decode()
