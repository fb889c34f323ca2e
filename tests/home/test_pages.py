"""Every public page type renders, with what a reader expects to find on it."""

import pytest
from django.urls import reverse

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


@pytest.fixture
def paper():
    issue = IssuePageFactory(number=712, cover_headline="Tube workers walk out")
    author = AuthorFactory(name="Rosa Hart", bio="Rosa is a Tube driver.")
    lead = ArticlePageFactory(
        parent=issue,
        title="Drivers strike over fatigue",
        image=ImageFactory(),
        authors=[author, AuthorFactory(name="Sam Oduya")],
        tags=["rail", "strikes"],
        body=stream(
            ("paragraph", "<p>The strike began at dawn.</p>"),
            (
                "image",
                {
                    "image": ImageFactory().pk,
                    "caption": "On the picket line",
                    "credit": "Jo Bloggs",
                    "alt_text": "",
                },
            ),
            ("box_out", {"title": "Key facts", "body": "<p>92% yes vote</p>"}),
            ("footnotes", {"notes": ["<p>RMT figures.</p>"]}),
        ),
    )
    insert = InsertPageFactory(parent=issue, title="Climate and class")
    insert_article = ArticlePageFactory(parent=insert, title="Just transition now")
    series = BulletinSeriesPageFactory(title="Tubeworker")
    edition = BulletinEditionPageFactory(parent=series, number=101, title="Fight the cuts")
    return {
        "issue": issue,
        "lead": lead,
        "author": author,
        "insert": insert,
        "insert_article": insert_article,
        "series": series,
        "edition": edition,
    }


def test_front_page(client, paper):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Solidarity 712" in html
    assert "Drivers strike over fatigue" in html
    assert "Fight the cuts" in html
    assert 'href="#main"' in html  # skip link
    assert "<main" in html and "<nav" in html and "<footer" in html


def test_issue_page_lists_contents_in_print_order_with_insert(client, paper):
    response = client.get("/solidarity/712/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Drivers strike over fatigue") < html.index("Climate and class")
    assert "Just transition now" in html
    assert "Tube workers walk out" in html


def test_archive_by_year(client, paper):
    html = client.get("/solidarity/").content.decode()
    assert "2026" in html and "Solidarity 712" in html


def test_article_page(client, paper):
    response = client.get("/solidarity/712/drivers-strike-over-fatigue/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rosa Hart" in html and "Sam Oduya" in html
    assert "On the picket line" in html and "Jo Bloggs" in html
    assert "Key facts" in html and "RMT figures." in html
    assert '<link rel="canonical" href="http://localhost/solidarity/712/drivers-strike' in html
    assert 'property="og:title" content="Drivers strike over fatigue"' in html
    assert 'property="og:image"' in html
    assert '"@type": "NewsArticle"' in html
    assert '"issueNumber": 712' in html
    assert 'href="/tags/rail/"' in html


def test_insert_and_its_article(client, paper):
    insert_url = paper["insert"].url
    assert client.get(insert_url).status_code == 200
    response = client.get(paper["insert_article"].url)
    assert response.status_code == 200
    assert "Solidarity 712" in response.content.decode()


def test_bulletin_pages(client, paper):
    for url in ["/bulletins/", "/bulletins/tubeworker/", "/bulletins/tubeworker/101/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Tubeworker" in response.content.decode()
    assert "No to cuts" in client.get("/bulletins/tubeworker/101/").content.decode()


def test_author_section_and_tag_pages(client, paper):
    html = client.get(paper["author"].get_absolute_url()).content.decode()
    assert "Rosa Hart" in html and "Drivers strike over fatigue" in html
    html = client.get(reverse("issues:section", args=["industrial"])).content.decode()
    assert "Drivers strike over fatigue" in html
    html = client.get(reverse("issues:tag", args=["strikes"])).content.decode()
    assert "Drivers strike over fatigue" in html


def test_standard_page(client):
    StandardPageFactory()
    response = client.get("/where-we-stand/")
    assert response.status_code == 200
    assert "For workers" in response.content.decode()


def test_print_only_article_is_not_on_the_web(client, paper):
    hidden = ArticlePageFactory(parent=paper["issue"], title="Print only notice", print_only=True)
    assert client.get(hidden.url).status_code == 404
    assert "Print only notice" not in client.get("/solidarity/712/").content.decode()
    assert "Print only notice" not in client.get("/feeds/").content.decode()


def test_draft_article_is_not_listed(client, paper):
    ArticlePageFactory(parent=paper["issue"], title="Unfinished draft", live=False)
    assert "Unfinished draft" not in client.get("/solidarity/712/").content.decode()
    assert "Unfinished draft" not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/solidarity/999/",
        "/solidarity/712/no-such-article/",
        "/bulletins/tubeworker/999/",
        "/bulletins/no-such-series/",
        "/authors/nobody/",
        "/sections/nothing/",
        "/tags/nothing/",
        "/feeds/sections/nothing/",
        "/feeds/bulletins/nothing/",
    ],
)
def test_unknown_numbers_and_slugs_give_the_site_404(client, paper, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999",
        "page=1e9",
        "q=%00",
        "page=%FF%FE",
        "q=' OR 1=1 --",
        "page[]=1",
        "q=" + "x" * 5000,
    ],
)
def test_no_query_string_causes_a_500(client, paper, query):
    for path in [
        "/",
        "/solidarity/",
        "/solidarity/712/",
        paper["lead"].url,
        paper["author"].get_absolute_url(),
        "/sections/industrial/",
        "/search/",
        "/bulletins/tubeworker/",
        "/feeds/",
    ]:
        response = client.get(f"{path}?{query}")
        assert response.status_code in (200, 404), (path, query, response.status_code)


def test_user_text_is_escaped(client):
    issue = IssuePageFactory(number=5, cover_headline="<script>alert(1)</script>")
    ArticlePageFactory(
        parent=issue,
        title="<img src=x onerror=alert(1)>",
        standfirst='"</script><script>alert(2)</script>',
        section=SectionFactory(name="<b>Bold</b>", slug="bold"),
    )
    for url in ["/", "/solidarity/5/", issue.get_children().first().url]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>Bold</b>" not in html
