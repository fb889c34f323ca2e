"""Template helpers shared by every public page."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def jsonld(data):
    """Render a dict as a JSON-LD script element, escaped like Django's json_script."""
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(_json_script_escapes)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def article_jsonld(context, article, issue=None):
    """The schema.org NewsArticle description of an article page."""
    request = context["request"]
    url = article.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.standfirst or article.search_description,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.first_published_at,
        "dateModified": article.last_published_at or article.first_published_at,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.authors
        ],
        "publisher": {"@type": "Organization", "name": "Workers' Liberty"},
        "isAccessibleForFree": True,
    }
    if article.section:
        data["articleSection"] = article.section.name
    if issue:
        data["isPartOf"] = {
            "@type": "PublicationIssue",
            "issueNumber": issue.number,
            "datePublished": issue.publication_date,
            "url": issue.get_full_url(request),
        }
    image = context.get("share_image")
    if image:
        data["image"] = [request.build_absolute_uri(image.url)]
    return jsonld(data)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced, for pagination links."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()
