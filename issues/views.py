"""Listings that are not pages in the tree: an author's, a section's and a tag's articles."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from .models import ArticlePage, Author, Section


def web_articles():
    return (
        ArticlePage.objects.live()
        .public()
        .filter(print_only=False)
        .with_listing_data()
        .order_by("-first_published_at", "-pk")
    )


def article_listing(request, template, articles, **context):
    page = Paginator(articles, settings.SOLIDARITY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"articles": page, **context})


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = web_articles().filter(article_authors__author=author)
    return article_listing(request, "issues/author_detail.html", articles, author=author)


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = web_articles().filter(section=section)
    return article_listing(request, "issues/section_detail.html", articles, section=section)


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = web_articles().filter(tags=tag)
    return article_listing(request, "issues/tag_detail.html", articles, tag=tag)
