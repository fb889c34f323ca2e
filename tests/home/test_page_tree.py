"""Where each page type may sit in the tree."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from bulletins.models import BulletinEditionPage, BulletinIndexPage, BulletinSeriesPage
from home.models import HomePage, StandardPage
from issues.models import ArticlePage, InsertPage, IssueIndexPage, IssuePage

ALL = [
    HomePage,
    StandardPage,
    IssueIndexPage,
    IssuePage,
    InsertPage,
    ArticlePage,
    BulletinIndexPage,
    BulletinSeriesPage,
    BulletinEditionPage,
]

ALLOWED = {
    Page: {HomePage},
    HomePage: {IssueIndexPage, BulletinIndexPage, StandardPage},
    StandardPage: {StandardPage},
    IssueIndexPage: {IssuePage},
    IssuePage: {ArticlePage, InsertPage},
    InsertPage: {ArticlePage},
    ArticlePage: set(),
    BulletinIndexPage: {BulletinSeriesPage},
    BulletinSeriesPage: {BulletinEditionPage},
    BulletinEditionPage: set(),
}


class PageTreeTests(WagtailPageTestCase):
    def test_each_parent_allows_exactly_its_children(self):
        for parent, children in ALLOWED.items():
            for child in ALL:
                with self.subTest(parent=parent.__name__, child=child.__name__):
                    if child in children:
                        self.assertCanCreateAt(parent, child)
                    else:
                        self.assertCanNotCreateAt(parent, child)

    def test_singletons(self):
        for model in (HomePage, IssueIndexPage, BulletinIndexPage):
            self.assertEqual(model.max_count, 1)
