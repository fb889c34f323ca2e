"""Hand-built admin POSTs that the edit form's own widgets would never send get the form back
with a message, not a server error."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import ArticlePageFactory, AuthorFactory
from tests.newsroom.test_roles import edit_form_of, edit_url

pytestmark = pytest.mark.django_db


def test_an_author_listed_twice_gets_the_form_back_with_a_message(admin_client):
    author = AuthorFactory(name="Rosa Hart")
    article = ArticlePageFactory(authors=[author])
    data = edit_form_of(article)
    existing = article.article_authors.get()
    data.update(
        nested_form_data(
            {
                "article_authors": inline_formset(
                    [{"author": author.pk, "id": existing.pk}, {"author": author.pk}],
                    initial=1,
                )
            }
        )
    )
    response = admin_client.post(edit_url(article), data)
    assert response.status_code == 200
    assert "Please correct the duplicate data for article and author" in response.content.decode()
    assert article.article_authors.count() == 1
