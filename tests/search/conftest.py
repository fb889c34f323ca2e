"""Fixtures for the search tests: a fixed corpus of articles, an insert, a bulletin edition and
a standard page."""

import datetime

import pytest

from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    InsertPageFactory,
    IssuePageFactory,
    SectionFactory,
    StandardPageFactory,
)
from tests.search.helpers import body, when


@pytest.fixture
def corpus():
    """A fixed corpus: which article should come first for which words is known."""
    industrial = SectionFactory(name="Industrial", slug="industrial")
    international = SectionFactory(name="International", slug="international")
    rosa, sam = AuthorFactory(name="Rosa Hart"), AuthorFactory(name="Sam Oduya")
    old_issue = IssuePageFactory(number=500, publication_date=datetime.date(2004, 3, 10))
    issue = IssuePageFactory(number=712, publication_date=datetime.date(2026, 11, 18))
    pages = {
        "headline": ArticlePageFactory(
            parent=issue,
            title="Glaziers strike over pay",
            standfirst="A walkout on the building sites.",
            body=body("The dispute began in March after a derisory offer."),
            section=industrial,
            authors=[rosa],
            first_published_at=when(2026, 11, 18),
        ),
        "standfirst": ArticlePageFactory(
            parent=issue,
            title="Building sites walk out",
            standfirst="Glaziers and joiners strike for a national agreement.",
            body=body("Pickets were out early in the rain."),
            section=industrial,
            authors=[sam],
            first_published_at=when(2026, 11, 18),
        ),
        "body": ArticlePageFactory(
            parent=issue,
            title="News in brief",
            standfirst="Round-up of the week.",
            body=body(
                "Elsewhere, council workers voted for action, a rank and file committee met, "
                "and the glaziers were mentioned once."
            ),
            section=international,
            authors=[rosa, sam],
            first_published_at=when(2026, 11, 18),
        ),
        "old": ArticlePageFactory(
            parent=old_issue,
            title="Dockers defy the Tories",
            standfirst="A history of the 1972 dock strike.",
            body=body("The rank and file of the docks organised across ports."),
            section=international,
            authors=[sam],
            first_published_at=when(2004, 3, 10),
        ),
    }
    pages["insert"] = InsertPageFactory(
        parent=issue, title="Climate and class", theme="Glaziers and the climate"
    )
    series = BulletinSeriesPageFactory(title="Tubeworker")
    pages["edition"] = BulletinEditionPageFactory(
        parent=series,
        title="Tube glaziers?",
        number=101,
        date=datetime.date(2025, 5, 1),
        first_published_at=when(2025, 5, 1),
    )
    pages["standard"] = StandardPageFactory(
        title="Where we stand", standfirst="Our politics on glaziers and everyone else."
    )
    return {"series": series, "rosa": rosa, "sam": sam, **pages}
