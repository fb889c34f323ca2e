"""Site search: relevance, filters, highlighting, visibility, pagination and bad input.

Runs on SQLite (the embedded default) and, with DATABASE_URL set, on PostgreSQL.
"""

import datetime
import json
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.blocks import RichTextBlock
from wagtail.models import Page, PageViewRestriction
from wagtail.search.models import IndexEntry

from issues.models import ArticlePage
from search import ranking
from search.highlight import highlight
from search.models import SearchDocument
from search.query import parse
from search.results import Urls, plain_text, rich_text_words
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    ImageFactory,
    InsertPageFactory,
    IssuePageFactory,
    SectionFactory,
    StandardPageFactory,
    stream,
)

pytestmark = pytest.mark.django_db


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


# Relevance ------------------------------------------------------------------------------------


def test_headline_and_standfirst_matches_rank_above_body_matches(client, corpus):
    found = titles(search(client, q="glaziers", type="article"))
    assert set(found[:2]) == {"Glaziers strike over pay", "Building sites walk out"}
    assert found[2] == "News in brief"


def test_recency_breaks_ties(client, corpus):
    issue = IssuePageFactory(number=800)
    # Same text, so the same rank: created newest first, so the primary key cannot decide.
    for year in (2020, 2010, 2015):
        ArticlePageFactory(
            parent=issue,
            title="Twin headline about zymurgy",
            slug=f"twin-{year}",
            first_published_at=when(year),
        )
    # Wagtail's PostgreSQL ranking scales headline matches by a length norm that it refreshes
    # fully only on a rebuild; rebuild so that the three ranks are really equal.
    call_command("update_index", verbosity=0)
    items = search(client, q="zymurgy").context["items"]
    assert [item.page.first_published_at.year for item in items] == [2020, 2015, 2010]


def test_finds_every_content_type(client, corpus):
    found = set(titles(search(client, q="glaziers")))
    assert {"Climate and class", "Tube glaziers?", "Where we stand"} <= found


def test_english_stemming(client, corpus):
    assert "Glaziers strike over pay" in titles(search(client, q="striking glazier"))


def test_phrase_search(client, corpus):
    found = titles(search(client, q='"rank and file"'))
    assert set(found) == {"News in brief", "Dockers defy the Tories"}
    # The words, but not together in that order:
    assert titles(search(client, q='"file and rank"')) == []


def test_exclusion(client, corpus):
    found = titles(search(client, q="rank -tories"))
    assert found == ["News in brief"]
    found = titles(search(client, q='glaziers -"national agreement"', type="article"))
    assert "Building sites walk out" not in found and "Glaziers strike over pay" in found


def test_result_shows_what_a_reader_needs(client, corpus):
    html = search(client, q="glaziers", type="article").content.decode()
    assert "<mark>Glaziers</mark> strike over pay" in html
    assert "Solidarity 712" in html
    assert "Rosa Hart" in html and "Industrial" in html
    assert "18 November 2026" in html
    assert "results for" in html
    edition = search(client, q="glaziers", type="edition").content.decode()
    assert "Tubeworker</a> 101" in edition and "1 May 2025" in edition


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


def suggested(client, typed):
    return [s["title"] for s in client.get("/search/suggest/", {"q": typed}).json()["suggestions"]]


# Highlighting ---------------------------------------------------------------------------------


def test_highlighting_escapes_content_and_query(client):
    ArticlePageFactory(
        title='Strike <script>alert("title")</script>',
        standfirst="<img src=x onerror=alert(1)> strike",
        body=stream(("paragraph", "<p>The strike &lt;script&gt;alert(2)&lt;/script&gt;</p>")),
    )
    html = search(client, q="strike").content.decode()
    assert "<mark>Strike</mark>" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;title&quot;)" in html
    # The query is echoed in the page and the form, escaped, whether or not anything matches.
    html = search(client, q='strike <script>alert("q")</script>').content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;q&quot;)" in html


def test_snippet_is_around_the_match():
    text = " ".join(["filler"] * 200) + " the picket held firm " + " ".join(["more"] * 200)
    snippet = highlight(text, parse("pickets").stems(), limit=20)
    assert "<mark>picket</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet.split()) <= 22


def test_snippet_text_is_the_indexed_text_without_looking_up_images(corpus):
    """The snippet reads the stored JSON: the same words as Wagtail's own
    get_searchable_content, and no image looked up for an image block."""
    image = ImageFactory()
    article = ArticlePageFactory(
        parent=corpus["headline"].get_parent(),
        title="Blocks of every kind",
        body=stream(
            ("paragraph", "<p>Opening &amp; close</p>"),
            ("subheading", "What next"),
            ("image", {"image": image.pk, "caption": "The picket", "credit": "Ours"}),
            ("pull_quote", {"quote": "An injury to one", "attribution": "IWW"}),
            ("box_out", {"title": "Numbers", "body": "<ul><li>89% for</li></ul>"}),
            ("footnotes", {"notes": ["<p>A source.</p>", "<p>Another.</p>"]}),
        ),
    )
    page = ArticlePage.objects.get(pk=article.pk)
    expected = []
    for child in ArticlePage.objects.get(pk=article.pk).body:
        if isinstance(child.block, RichTextBlock):
            expected.append(rich_text_words(child.value.source))
        else:
            expected += child.block.get_searchable_content(child.value)
    with CaptureQueriesContext(connection) as captured:
        text = plain_text(page, "body")
    assert text == " ".join(expected)
    assert "The picket" in text and "89% for" in text and "Another." in text
    assert len(captured) == 0


def test_result_links_are_wagtails_and_django_urls(client, corpus):
    request = RequestFactory().get("/search/")
    urls = Urls(request)
    pages = [value for value in corpus.values() if isinstance(value, Page)]
    assert len(pages) > 5
    for page in pages:
        assert urls.page(page) == page.get_url(RequestFactory().get("/search/"))
    article = corpus["headline"]
    assert urls.page(article.get_parent()) == article.get_parent().get_url(request)
    author, section = article.authors[0], article.section
    assert urls.author(author.slug) == author.get_absolute_url()
    assert urls.section(section.slug) == section.get_absolute_url()
    html = search(client, q="glaziers", type="article").content.decode()
    assert f'href="{article.url}"' in html and f'href="{author.get_absolute_url()}"' in html


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


# Queries --------------------------------------------------------------------------------------


def test_query_count_does_not_grow_with_results(client, corpus, settings):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            search(client, q="glaziers")
        return len(captured)

    queries()  # the first request fills caches (site settings, content types...)
    few = queries()
    issue = IssuePageFactory(number=950)
    for n in range(8):
        ArticlePageFactory(parent=issue, title=f"Glaziers story {n}", authors=[AuthorFactory()])
    BulletinEditionPageFactory(parent=corpus["series"], title="More glaziers", number=102)
    assert queries() == few
    assert few <= 20


def test_filter_lists_are_read_once_then_cached(client, corpus):
    first = search(client, q="glaziers").content.decode()
    assert 'value="industrial"' in first  # a section
    assert f'value="{corpus["series"].slug}"' in first  # a bulletin series
    with CaptureQueriesContext(connection) as captured:
        search(client, q="glaziers")
    read = " ".join(query["sql"] for query in captured)
    assert 'FROM "issues_section"' not in read and 'FROM "issues_author"' not in read
    assert "DECLARE" not in read  # no server-side cursor for a <select>'s options


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


# Parser ---------------------------------------------------------------------------------------


def test_parser():
    parsed = parse('pay "rank and file" -tories -"new labour" "lone')
    assert parsed.words == ["pay", "lone"]
    assert parsed.phrases == ["rank and file"]
    assert parsed.excluded_words == ["tories"]
    assert parsed.excluded_phrases == ["new labour"]
    assert parse("-only").search_query() is None
    assert parse("a " * 50).words == ["a"] * 12


@pytest.mark.postgres
def test_postgres_has_gin_index_for_documents():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
        )
        definitions = [row[0] for row in cursor.fetchall()]
    assert any("gin" in d and "(title || body)" in d for d in definitions), definitions
    assert any("gin" in d and "(site_headline)" in d for d in definitions), definitions


@pytest.mark.postgres
def test_postgres_search_indexes_have_no_pending_list():
    # A pending list is read in full by every search until a vacuum merges it.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam"
            " WHERE am.amname = 'gin' AND i.indrelid IN"
            " ('wagtailsearch_indexentry'::regclass, 'site_search_document'::regclass)"
        )
        options = dict(cursor.fetchall())
    assert len(options) >= 4, options
    assert all("fastupdate=off" in (opts or []) for opts in options.values()), options


@pytest.mark.postgres
def test_headline_matches_come_first_and_big_counts_are_capped(client, monkeypatch):
    issue = IssuePageFactory(number=900)
    ArticlePageFactory(parent=issue, title="Other news", body=body("The quorum was met."))
    for n in range(6):
        ArticlePageFactory(parent=issue, title=f"Quorum report {n}", slug=f"quorum-{n}")
    found = titles(search(client, q="quorum"))
    assert len(found) == 7 and found[-1] == "Other news"

    monkeypatch.setattr(ranking, "COUNT_CAP", 3)
    assert "More than 3 results" in search(client, q="quorum").content.decode()


@pytest.mark.postgres
def test_beyond_the_count_cap_body_matches_come_newest_first(client, monkeypatch):
    issue = IssuePageFactory(number=900)
    ArticlePageFactory(parent=issue, title="Quorum news", first_published_at=when(2001))
    for year, times in ((2003, 1), (2009, 1), (2005, 4)):
        ArticlePageFactory(
            parent=issue,
            title=f"Meeting of {year}",
            body=body(" ".join(["The quorum was met."] * times)),
            first_published_at=when(year),
        )
    # Few matches: those in the text are ranked (the one that says it four times first).
    assert titles(search(client, q="quorum")) == [
        "Quorum news",
        "Meeting of 2005",
        "Meeting of 2009",
        "Meeting of 2003",
    ]
    # More than the count shows: the headline's match first, then the rest newest first.
    monkeypatch.setattr(ranking, "COUNT_CAP", 3)
    assert titles(search(client, q="quorum")) == [
        "Quorum news",
        "Meeting of 2009",
        "Meeting of 2005",
        "Meeting of 2003",
    ]


@pytest.mark.postgres
def test_postgres_document_table_follows_the_pages(client):
    section = SectionFactory(name="Industrial", slug="industrial")
    issue, other = IssuePageFactory(number=901), IssuePageFactory(number=902)
    article = ArticlePageFactory(parent=issue, title="Okapi dispute", section=section)
    row = SearchDocument.objects.get(page_id=article.pk)
    assert row.live and row.section_id == section.pk and row.path == article.path
    assert titles(search(client, q="okapi", section="industrial")) == ["Okapi dispute"]

    article.move(other, pos="last-child")
    article.refresh_from_db()
    assert SearchDocument.objects.get(page_id=article.pk).path == article.path

    article.unpublish()
    assert not SearchDocument.objects.get(page_id=article.pk).live
    assert titles(search(client, q="okapi")) == []

    article.save_revision().publish()
    assert titles(search(client, q="okapi")) == ["Okapi dispute"]

    # A rebuild of the index fills the table again, with the title norms it ends with.
    SearchDocument.objects.all().delete()
    call_command("update_index", verbosity=0)
    row = SearchDocument.objects.get(page_id=article.pk)
    entry = IndexEntry.objects.get(content_type_id=row.content_type_id, object_id=str(article.pk))
    assert row.title_norm == entry.title_norm

    article.delete()
    assert not SearchDocument.objects.filter(page_id=article.pk).exists()
