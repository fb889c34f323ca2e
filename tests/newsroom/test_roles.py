"""Each newsroom role can do its job through the admin's own views, and nothing more."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from bulletins.models import BulletinEditionPage, BulletinSeriesPage
from issues.models import ArticlePage, IssuePage
from newsroom import roles
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    IssueIndexPageFactory,
    IssuePageFactory,
    SectionFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def member_of(group_name, username):
    user = User.objects.create_user(username, f"{username}@example.org", "a long password")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def client_for(client, user):
    client.force_login(user)
    return client


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def settings_url(app_label="solidarity", model_name="publishersettings"):
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=[app_label, model_name, site.pk])


def assert_refused(response):
    """The admin refuses with a 403, or by sending the user back to the dashboard (or the
    login page) with a message."""
    if response.status_code == 302:
        assert response["Location"].split("?")[0] in {
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_login"),
        }, response["Location"]
    else:
        assert response.status_code == 403, response.status_code


def article_form(title, section, author, action="action-submit", **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "standfirst": "Cleaners walked out at dawn.",
            "article_authors": inline_formset([{"author": author.pk}]),
            "section": section.pk,
            "tags": "",
            "image": "",
            "body": streamfield([("paragraph", rich_text("<p>The strike spread.</p>"))]),
            "corrections": inline_formset([]),
            action: "1",
            **extra,
        }
    )


def edition_form(title, number, action="action-publish"):
    return nested_form_data(
        {
            "title": title,
            "slug": str(number),
            "number": number,
            "date": "2026-11-16",
            "body": streamfield(
                [("item", {"heading": "Ballot now", "body": rich_text("<p>Yes.</p>"), "image": ""})]
            ),
            "get_involved": rich_text(""),
            "contact_email": "",
            action: "1",
        }
    )


@pytest.fixture
def paper():
    index = IssueIndexPageFactory()
    issue = IssuePageFactory(parent=index, number=740)
    return {
        "index": index,
        "issue": issue,
        "section": SectionFactory(name="Industrial", slug="industrial"),
        "author": AuthorFactory(name="Kim Ng"),
    }


def edit_form_of(page, **changes):
    """The page as the edit form would post it back, with `changes`."""
    page = page.specific
    if isinstance(page, ArticlePage):
        links = list(page.article_authors.all())
        data = {
            "title": page.title,
            "slug": page.slug,
            "standfirst": page.standfirst,
            "article_authors": inline_formset(
                [{"author": link.author_id, "id": link.pk} for link in links],
                initial=len(links),
            ),
            "section": page.section_id,
            "tags": "",
            "image": "",
            "body": streamfield([("paragraph", rich_text("<p>The strike spread.</p>"))]),
            "corrections": inline_formset([]),
        }
    else:
        data = {
            "title": page.title,
            "slug": page.slug,
            "number": page.number,
            "date": "2026-11-16",
            "body": streamfield(
                [("item", {"heading": "Ballot now", "body": rich_text("<p>Yes.</p>"), "image": ""})]
            ),
            "get_involved": rich_text(""),
            "contact_email": "",
        }
    data.update(changes)
    return nested_form_data(data)


# The groups ----------------------------------------------------------------------------------


def permission_names(queryset):
    return {f"{p.content_type.app_label}.{p.codename}" for p in queryset}


def test_migrated_groups_have_exactly_the_permissions_of_their_roles(paper):
    series = BulletinSeriesPageFactory(title="Tubeworker")
    root_collection = Collection.get_first_root_node()
    pages_for = {
        roles.ROOT: Page.get_first_root_node(),
        roles.ISSUE_INDEX: paper["index"],
        roles.SERIES: series,
    }
    expected = {**roles.ROLES, "Tubeworker editors": roles.SERIES_EDITORS_ROLE}
    for name, role in expected.items():
        group = Group.objects.get(name=name)
        assert permission_names(group.permissions.all()) == set(role["permissions"]), name
        collection_permissions = GroupCollectionPermission.objects.filter(group=group)
        assert {p.collection_id for p in collection_permissions} == {root_collection.pk}
        assert permission_names(p.permission for p in collection_permissions) == set(
            role["collection_permissions"]
        ), name
        page_permissions = {
            (p.page_id, p.permission.codename)
            for p in GroupPagePermission.objects.filter(group=group)
        }
        assert page_permissions == {
            (pages_for[key].pk, codename)
            for key, codenames in role["page_permissions"].items()
            for codename in codenames
        }, name


def test_sellers_have_no_permission_and_moderators_are_gone():
    sellers = Group.objects.get(name=roles.SELLERS)
    assert not sellers.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=sellers).exists()
    assert not GroupCollectionPermission.objects.filter(group=sellers).exists()
    # Wagtail's default group had publish permission on the whole tree.
    assert not Group.objects.filter(name="Moderators").exists()


def test_a_new_series_gets_its_editors_group_which_survives_a_rename(admin_client):
    series = BulletinSeriesPageFactory(title="Tubeworker")
    group = Group.objects.get(name="Tubeworker editors")
    assert roles.series_editors_group(series) == group

    series.title = "Tubeworker Weekly"
    series.save_revision().publish()
    assert roles.series_editors_group(series) == group
    # A new series with the old title gets a group of its own.
    again = BulletinSeriesPageFactory(title="Tubeworker", slug="tubeworker-2")
    other = roles.series_editors_group(again)
    assert other != group and other.name == "Tubeworker editors (tubeworker-2)"
    assert roles.create_series_editors(again) == other  # running twice makes no second group


def test_series_created_in_the_admin_gets_its_group(admin_client):
    index = BulletinSeriesPageFactory(title="Tubeworker").get_parent()
    data = nested_form_data(
        {
            "title": "Health Worker",
            "slug": "health-worker",
            "strapline": "",
            "industry": "NHS",
            "masthead_colour": "#006400",
            "logo": "",
            "intro": rich_text(""),
            "contact_email": "",
            "get_involved": rich_text(""),
            "printer_profile": "",
            "action-publish": "1",
        }
    )

    response = admin_client.post(add_url(BulletinSeriesPage, index), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    series = BulletinSeriesPage.objects.get(slug="health-worker")
    assert roles.series_editors_group(series).name == "Health Worker editors"


# Writers -------------------------------------------------------------------------------------


def test_writer_files_an_article_and_submits_it_but_cannot_publish(client, paper):
    writer = member_of(roles.WRITERS, "writer")
    client = client_for(client, writer)
    url = add_url(ArticlePage, paper["issue"])
    assert client.get(url).status_code == 200

    # Asking to publish saves a draft: the writer has no publish permission.
    response = client.post(
        url, article_form("Cleaners out", paper["section"], paper["author"], "action-publish")
    )
    assert response.status_code == 302, response.context["form"].errors
    draft = ArticlePage.objects.get(title="Cleaners out")
    assert not draft.live and draft.owner == writer

    response = client.post(url, article_form("Porters out", paper["section"], paper["author"]))
    assert response.status_code == 302
    article = ArticlePage.objects.get(title="Porters out")
    assert not article.live
    state = WorkflowState.objects.for_instance(article).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == roles.SUB_EDIT_WORKFLOW

    # The draft's edit form offers no publish button, and posting one does not publish.
    html = client.get(edit_url(draft)).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html
    client.post(edit_url(draft), edit_form_of(draft, **{"action-publish": "1"}))
    draft.refresh_from_db()
    assert not draft.live


def test_writer_cannot_edit_another_writers_article_or_anything_else(client, paper):
    other = member_of(roles.WRITERS, "other")
    theirs = ArticlePageFactory(parent=paper["issue"], owner=other, title="Their article")
    client = client_for(client, member_of(roles.WRITERS, "writer"))

    assert_refused(client.get(edit_url(theirs)))
    assert_refused(client.post(edit_url(theirs), edit_form_of(theirs, title="Mine now")))
    theirs.refresh_from_db()
    assert theirs.title == "Their article"

    edition = BulletinEditionPageFactory()
    assert_refused(client.get(edit_url(edition)))
    assert_refused(client.get(add_url(BulletinEditionPage, edition.get_parent())))
    assert_refused(client.get(edit_url(paper["issue"])))
    assert_refused(client.get(edit_url(StandardPageFactory())))
    # "add" on the archive covers every page type under it; writers are kept to articles.
    assert_refused(client.get(add_url(IssuePage, paper["index"])))
    assert_refused(client.get(reverse("printing_build", args=[paper["issue"].pk])))
    assert_refused(client.get(settings_url()))


def test_writer_can_upload_and_choose_images(client, paper):
    client = client_for(client, member_of(roles.WRITERS, "writer"))
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    assert client.get(reverse("wagtailimages_chooser:choose")).status_code == 200


# Sub-editors ---------------------------------------------------------------------------------


def test_sub_editor_edits_and_publishes_any_article_and_builds_the_issue_pdf(client, paper):
    writer = member_of(roles.WRITERS, "writer")
    article = ArticlePageFactory(parent=paper["issue"], owner=writer, live=False)
    sub_editor = member_of(roles.SUB_EDITORS, "sub")
    client = client_for(client, sub_editor)

    response = client.post(
        edit_url(article),
        edit_form_of(article, title="Tighter headline", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.title == "Tighter headline"

    assert client.get(reverse("printing_build", args=[paper["issue"].pk])).status_code == 200
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    assert sub_editor.has_perms(
        ["mailings.send_mailing", "mailings.add_mailing", "mailings.change_mailing"]
    )


def test_sub_editor_cannot_touch_bulletins_settings_or_other_pages(client, paper):
    sub_editor = member_of(roles.SUB_EDITORS, "sub")
    client = client_for(client, sub_editor)
    edition = BulletinEditionPageFactory()
    assert_refused(client.get(edit_url(edition)))
    assert_refused(client.get(reverse("printing_build", args=[edition.pk])))
    assert_refused(client.get(edit_url(StandardPageFactory())))
    assert_refused(client.get(settings_url()))
    assert_refused(client.get(reverse("wagtailusers_users:index")))
    assert not sub_editor.has_perm("mailings.delete_subscriber")


# Bulletin editors ----------------------------------------------------------------------------


def test_series_editors_edit_and_publish_only_their_series(client, paper):
    tubeworker = BulletinSeriesPageFactory(title="Tubeworker")
    off_the_rails = BulletinSeriesPageFactory(title="Off The Rails")
    ours = BulletinEditionPageFactory(parent=tubeworker, number=101, live=False)
    theirs = BulletinEditionPageFactory(parent=off_the_rails, number=201)
    client = client_for(client, member_of("Tubeworker editors", "tube"))

    # Their own series: write, publish, build the PDF.
    response = client.post(add_url(BulletinEditionPage, tubeworker), edition_form("Ballot", 102))
    assert response.status_code == 302
    assert BulletinEditionPage.objects.get(number=102, title="Ballot").live
    response = client.post(
        edit_url(ours), edit_form_of(ours, title="Walk out", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.live and ours.title == "Walk out"
    assert client.get(reverse("printing_build", args=[ours.pk])).status_code == 200

    # The other series, and the paper: refused.
    assert_refused(client.get(edit_url(theirs)))
    assert_refused(client.post(edit_url(theirs), edit_form_of(theirs, title="Taken over")))
    theirs.refresh_from_db()
    assert theirs.title != "Taken over"
    assert_refused(client.get(add_url(BulletinEditionPage, off_the_rails)))
    assert_refused(client.get(reverse("printing_build", args=[theirs.pk])))
    assert_refused(client.get(edit_url(paper["issue"])))
    assert_refused(client.get(add_url(ArticlePage, paper["issue"])))


# Editors and sellers -------------------------------------------------------------------------


def test_editors_can_do_everything_editorial(client, paper):
    editor = member_of(roles.EDITORS, "editor")
    client = client_for(client, editor)
    edition = BulletinEditionPageFactory()
    for url in [
        edit_url(paper["issue"]),
        edit_url(edition),
        edit_url(StandardPageFactory()),
        add_url(IssuePage, paper["index"]),
        reverse("printing_build", args=[edition.pk]),
        settings_url(),
        settings_url("printing", "printingsettings"),
        settings_url("mailings", "emailsettings"),
        reverse("wagtaildocs:add"),
        reverse("wagtailsnippets_issues_author:add"),
    ]:
        assert client.get(url).status_code == 200, url
    assert editor.has_perms(["mailings.send_mailing", "printing.add_printerprofile"])
    # Users and groups stay with the administrators.
    assert_refused(client.get(reverse("wagtailusers_groups:index")))


def test_sellers_get_no_admin_access(client):
    client = client_for(client, member_of(roles.SELLERS, "seller@example.org"))
    for url in ["/admin/", "/admin/pages/", reverse("wagtailimages:index")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login")), url
