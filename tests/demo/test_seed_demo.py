"""The demo content: built idempotently, and every page of it renders."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from bulletins.models import BulletinEditionPage, BulletinSeriesPage
from demo.users import DEMO_PASSWORD, DEMO_USERS
from home.models import StandardPage
from issues.models import ArticlePage, Author, InsertPage, IssuePage, Section
from mailings.models import MailingList
from newsroom import roles
from sellers.models import SELLERS_GROUP, SellerProfile
from solidarity.models import PublisherSettings

# What the demo adds besides pages, images and snippets; removed again after the module.
ADDED_ROWS = (MailingList, Group, get_user_model(), PublisherSettings)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = {model: set(model.objects.values_list("pk", flat=True)) for model in ADDED_ROWS}
        call_command("seed_demo", verbosity=0)
        yield
        # Module-scoped data is not rolled back by the per-test transaction: remove it all, so
        # that the tests after this module start from the migrated database.
        Page.objects.filter(depth__gt=2).delete()
        for model in (get_image_model(), Author, Section):
            model.objects.all().delete()
        for model, pks in before.items():
            model.objects.exclude(pk__in=pks).delete()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            IssuePage,
            ArticlePage,
            InsertPage,
            BulletinEditionPage,
            Author,
            Section,
            get_image_model(),
        )
    }


@pytest.mark.django_db
def test_demo_content_is_believable_and_idempotent(demo_site):
    before = counts()
    assert before["IssuePage"] >= 3
    assert before["ArticlePage"] >= 24
    assert before["InsertPage"] >= 1
    assert before["Author"] >= 4
    assert Section.objects.filter(articles__isnull=False).distinct().count() >= 6
    for slug in ("tubeworker", "off-the-rails"):
        series = BulletinSeriesPage.objects.get(slug=slug)
        assert BulletinEditionPage.objects.child_of(series).count() >= 3
    assert StandardPage.objects.filter(slug="where-we-stand").exists()
    call_command("seed_demo", verbosity=0)
    assert counts() == before


@pytest.mark.django_db
def test_every_demo_page_and_feed_renders(client, demo_site):
    urls = [
        page.url
        for page in Page.objects.live().filter(depth__gte=2).specific()
        if not getattr(page, "print_only", False)
    ]
    urls += [author.get_absolute_url() for author in Author.objects.all()]
    urls += [section.get_absolute_url() for section in Section.objects.all()]
    urls += [
        "/feeds/",
        "/feeds/bulletins/tubeworker/",
        "/feeds/bulletins/off-the-rails/",
        "/sitemap.xml",
        "/robots.txt",
        "/search/?q=strike",
    ]
    urls += [f"/feeds/sections/{s.slug}/" for s in Section.objects.all()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_demo_has_a_user_for_each_role(client, demo_site):
    groups = {
        "writer": roles.WRITERS,
        "subeditor": roles.SUB_EDITORS,
        "editor": roles.EDITORS,
        "tubeworker": "Tubeworker editors",
        "seller": SELLERS_GROUP,
    }
    assert {username for username, *_ in DEMO_USERS} == set(groups)
    for username, group in groups.items():
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.check_password(DEMO_PASSWORD)
        assert not user.is_superuser
    assert SellerProfile.objects.filter(user__username="seller").exists()
    # The seller uses the portal, and only the portal.
    assert client.login(username="seller", password=DEMO_PASSWORD)
    assert client.get("/sellers/").status_code == 200
    assert client.get("/admin/").status_code == 302
    client.logout()
    assert client.login(username="subeditor", password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200
