"""An Atom feed of each bulletin series' editions."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .models import BulletinSeriesPage


class BulletinSeriesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(BulletinSeriesPage.objects.live().public(), slug=slug)

    def title(self, series):
        return series.title

    def subtitle(self, series):
        return series.strapline

    def link(self, series):
        return series.url

    def items(self, series):
        editions = list(series.editions()[:30])
        for edition in editions:
            edition._series = series
        return editions

    def item_title(self, edition):
        return f"{edition.series.title} {edition.number}: {edition.title}"

    def item_description(self, edition):
        # The summary is of type html: the editor's plain text, escaped, is shown as text.
        return escape(edition.search_description)

    def item_link(self, edition):
        return edition.url

    def item_pubdate(self, edition):
        return edition.first_published_at
