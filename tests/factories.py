"""Factories for the content model; tests build their data with these."""

import datetime
import json

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from bulletins.models import BulletinEditionPage, BulletinIndexPage, BulletinSeriesPage
from home.models import HomePage, StandardPage
from issues.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    InsertPage,
    IssueIndexPage,
    IssuePage,
    Section,
)


def stream(*blocks):
    """A StreamField value from (block_type, value) pairs, as the admin would save it."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def home_page():
    return HomePage.objects.get()


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Picture {n}")
    description = factory.LazyAttribute(lambda o: f"Description of {o.title}")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Writer {n}")
    bio = "Writes for Solidarity."


class PageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True

    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")


class IssueIndexPageFactory(PageFactory):
    class Meta:
        model = IssueIndexPage
        django_get_or_create = ["slug", "parent"]

    title = "Solidarity"
    slug = "solidarity"
    parent = factory.LazyFunction(home_page)


class IssuePageFactory(PageFactory):
    class Meta:
        model = IssuePage

    number = factory.Sequence(lambda n: 700 + n)
    title = factory.LazyAttribute(lambda o: f"Solidarity {o.number}")
    slug = factory.LazyAttribute(lambda o: str(o.number))
    publication_date = factory.LazyFunction(lambda: datetime.date(2026, 11, 18))
    cover_headline = "Strike to win"
    parent = factory.SubFactory(IssueIndexPageFactory)


class InsertPageFactory(PageFactory):
    class Meta:
        model = InsertPage

    title = factory.Sequence(lambda n: f"Insert {n}")
    theme = "The politics of the climate crisis"
    series_number = 74
    parent = factory.SubFactory(IssuePageFactory)


class ArticlePageFactory(PageFactory):
    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Headline number {n}")
    standfirst = "Workers are fighting back."
    section = factory.SubFactory(SectionFactory, name="Industrial", slug="industrial")
    body = factory.LazyFunction(
        lambda: stream(
            ("paragraph", "<p>The strike began at six in the morning.</p>"),
            ("subheading", "What next"),
            ("pull_quote", {"quote": "We will not back down.", "attribution": "A picket"}),
            ("paragraph", "<p>The union has called a rally for Saturday.</p>"),
        )
    )
    parent = factory.SubFactory(IssuePageFactory)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for order, author in enumerate(extracted or [AuthorFactory()]):
            ArticleAuthor.objects.create(article=self, author=author, sort_order=order)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    title = "Where we stand"
    slug = "where-we-stand"
    body = factory.LazyFunction(lambda: stream(("paragraph", "<p>For workers' liberty.</p>")))
    parent = factory.LazyFunction(home_page)


class BulletinIndexPageFactory(PageFactory):
    class Meta:
        model = BulletinIndexPage
        django_get_or_create = ["slug", "parent"]

    title = "Bulletins"
    slug = "bulletins"
    parent = factory.LazyFunction(home_page)


class BulletinSeriesPageFactory(PageFactory):
    class Meta:
        model = BulletinSeriesPage
        django_get_or_create = ["slug", "parent"]

    title = "Tubeworker"
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    industry = "London Underground"
    strapline = "For a fighting, democratic union on the Tube"
    masthead_colour = "#0019a8"
    parent = factory.SubFactory(BulletinIndexPageFactory)


class BulletinEditionPageFactory(PageFactory):
    class Meta:
        model = BulletinEditionPage

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Edition story {n}")
    slug = factory.LazyAttribute(lambda o: str(o.number))
    date = factory.LazyFunction(lambda: datetime.date(2026, 11, 16))
    body = factory.LazyFunction(
        lambda: stream(
            (
                "item",
                {"heading": "No to cuts", "body": "<p>Staff are balloting.</p>", "image": None},
            ),
        )
    )
    parent = factory.SubFactory(BulletinSeriesPageFactory)


# Mailings ------------------------------------------------------------------------------------


class MailingListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mailings.MailingList"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"List {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "Now and then"
    is_public = True


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mailings.Subscriber"

    email = factory.Sequence(lambda n: f"reader{n}@example.org")


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mailings.Subscription"

    subscriber = factory.SubFactory(SubscriberFactory)
    mailing_list = factory.SubFactory(MailingListFactory)
    status = "subscribed"
    source = "test"
    subscribed_at = factory.LazyFunction(timezone.now)
