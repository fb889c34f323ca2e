"""Hand-built admin POSTs that the edit form's own widgets would never send get the form back
with a message, or are read as the widget would have sent them: never a server error."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.factories import ArticlePageFactory, AuthorFactory, BulletinEditionPageFactory
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


HOSTILE_HTML = (
    '<p>Pickets at <b>six</b> depots</p><script>alert(1)</script><img src=x onerror="alert(2)">'
)


@pytest.mark.parametrize("posted", [HOSTILE_HTML, "{", "[]", '{"blocks": 5}', "null"])
def test_html_or_junk_where_the_editor_posts_json_is_read_as_pasted_html(admin_client, posted):
    """The editor's widget posts JSON; anything else is read as if pasted into the editor:
    the text is kept, and only the field's features survive."""
    edition = BulletinEditionPageFactory()
    data = edit_form_of(edition)
    data["get_involved"] = posted
    data["action-publish"] = "1"
    response = admin_client.post(edit_url(edition), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = edition.specific_class.objects.get(pk=edition.pk).get_involved
    assert "<script" not in saved and "onerror" not in saved
    if posted == HOSTILE_HTML:
        assert "Pickets at <b>six</b> depots" in saved


def test_html_in_a_stream_fields_rich_text_block_is_read_as_pasted_html(admin_client):
    article = ArticlePageFactory()
    data = edit_form_of(article)
    data.update(nested_form_data({"body": streamfield([("paragraph", HOSTILE_HTML)])}))
    data["action-publish"] = "1"
    response = admin_client.post(edit_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    body = str(article.specific_class.objects.get(pk=article.pk).body)
    assert "Pickets at <b>six</b> depots" in body
    assert "<script" not in body and "onerror" not in body


def test_a_nul_in_rich_text_gets_the_form_back_with_a_message(admin_client):
    edition = BulletinEditionPageFactory()
    data = edit_form_of(edition, get_involved="<p>a\x00b</p>")
    data["action-publish"] = "1"
    response = admin_client.post(edit_url(edition), data)
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()
