"""Editing in the Wagtail admin: page creation, and duplicate numbers refused with a message."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from bulletins.models import BulletinEditionPage
from issues.models import ArticlePage, IssuePage
from tests.factories import (
    AuthorFactory,
    BulletinSeriesPageFactory,
    IssueIndexPageFactory,
    IssuePageFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )


def issue_form(number, title="An issue"):
    return nested_form_data(
        {
            "title": title,
            "slug": "ignored",
            "number": number,
            "publication_date": "2026-11-18",
            "price_text": "£1",
            "cover_headline": "Strike!",
            "editorial_note": rich_text(""),
            "action-publish": "publish",
        }
    )


def test_editor_creates_an_issue_whose_url_is_its_number(admin_client):
    index = IssueIndexPageFactory()
    response = admin_client.post(add_url(IssuePage, index), issue_form(712))
    assert response.status_code == 302
    issue = IssuePage.objects.get(number=712)
    assert issue.live and issue.url == "/solidarity/712/"


def test_duplicate_issue_number_is_refused_with_a_clear_message(admin_client):
    index = IssueIndexPageFactory()
    IssuePageFactory(parent=index, number=712)
    response = admin_client.post(add_url(IssuePage, index), issue_form(712, "Again"))
    assert response.status_code == 200
    assert "There is already an issue with this number." in response.content.decode()
    assert IssuePage.objects.filter(number=712).count() == 1


def edition_form(number):
    return nested_form_data(
        {
            "title": "Stop the cuts",
            "slug": "ignored",
            "number": number,
            "date": "2026-11-16",
            "body": streamfield(
                [("item", {"heading": "Ballot now", "body": rich_text("<p>Yes.</p>"), "image": ""})]
            ),
            "get_involved": rich_text(""),
            "contact_email": "",
            "action-publish": "publish",
        }
    )


def test_duplicate_edition_number_is_refused_only_within_its_series(admin_client):
    tubeworker = BulletinSeriesPageFactory(title="Tubeworker")
    off_the_rails = BulletinSeriesPageFactory(title="Off The Rails")
    assert (
        admin_client.post(add_url(BulletinEditionPage, tubeworker), edition_form(101)).status_code
        == 302
    )
    response = admin_client.post(add_url(BulletinEditionPage, tubeworker), edition_form(101))
    assert response.status_code == 200
    assert "Tubeworker already has an edition number 101." in response.content.decode()
    assert (
        admin_client.post(
            add_url(BulletinEditionPage, off_the_rails), edition_form(101)
        ).status_code
        == 302
    )
    assert BulletinEditionPage.objects.filter(number=101).count() == 2
    assert admin_client.get("/bulletins/off-the-rails/101/").status_code == 200


def test_editor_writes_an_article_with_authors_in_order(admin_client):
    issue = IssuePageFactory(number=720)
    first, second = AuthorFactory(name="Ann Lee"), AuthorFactory(name="Bo Diaz")
    section = SectionFactory(name="International", slug="international")
    data = nested_form_data(
        {
            "title": "Solidarity with Iranian workers",
            "slug": "solidarity-with-iranian-workers",
            "standfirst": "Oil workers are on strike.",
            "article_authors": inline_formset([{"author": second.pk}, {"author": first.pk}]),
            "corrections": inline_formset([]),
            "section": section.pk,
            "tags": "iran, oil",
            "image": "",
            "body": streamfield([("paragraph", rich_text("<p>The strike spread.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(add_url(ArticlePage, issue), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="solidarity-with-iranian-workers")
    assert [a.name for a in article.authors] == ["Bo Diaz", "Ann Lee"]
    html = admin_client.get(article.url).content.decode()
    assert html.index("Bo Diaz") < html.index("Ann Lee")


def test_article_cannot_be_web_only_and_print_only(admin_client):
    article = ArticlePage(title="Both", web_only=True, print_only=True)
    with pytest.raises(ValidationError, match="both web-only and print-only"):
        article.clean()


def test_admin_listing_and_snippets_load(admin_client):
    IssuePageFactory(number=730)
    for name in [
        "wagtailadmin_home",
        "wagtailsnippets_issues_author:list",
        "wagtailsnippets_issues_section:list",
    ]:
        assert admin_client.get(reverse(name)).status_code == 200, name
