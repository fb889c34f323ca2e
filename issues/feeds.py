"""Atom feeds of articles: the whole paper, and one per section."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.dateformat import format as format_date
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join

from .models import Section
from .views import web_articles

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = "Solidarity: latest articles"
    subtitle = "New articles from Solidarity, the paper of Workers' Liberty"

    def link(self):
        return "/"

    def items(self):
        return web_articles().with_corrections()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The entry's HTML summary: the standfirst, then any corrections, escaped."""
        standfirst = format_html("<p>{}</p>", item.standfirst) if item.standfirst else ""
        corrections = format_html_join(
            "",
            "<p><strong>Correction, {}:</strong> {}</p>",
            ((format_date(c.date, "j F Y"), c.text) for c in item.corrections.all()),
        )
        return standfirst + corrections

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors)

    def item_categories(self, item):
        return [item.section.name] if item.section else []


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return f"Solidarity: {section.name}"

    def subtitle(self, section):
        return section.description or f"New {section.name} articles from Solidarity"

    def link(self, section):
        return section.get_absolute_url()

    def items(self, section):
        return web_articles().with_corrections().filter(section=section)[:FEED_LENGTH]
