"""What a mailing says, and the email it becomes.

Each kind of mailing reads its pages through one small function here. The email is rendered,
and its CSS inlined, once per batch with placeholders where the subscriber's own address and
links go; each message then only fills those in. Rendering the templates for each of 20,000
subscribers would cost more than sending them.
"""

import html
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines

from bulletins.models import BulletinEditionPage
from issues.models import ArticlePage, IssuePage

from . import links
from .models import Mailing

# Gmail and Outlook drop most of a <style> block, so its rules are written into each element.
# Remote stylesheets are never fetched.
INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)

DIGEST_DEFAULT_DAYS = 7


def inline_css(document):
    return INLINER.inline(document)


def page_link(page):
    """An absolute URL for a page: emails are read away from the site."""
    url = page.get_url() or ""
    return url if url.startswith(("http://", "https://")) else links.absolute(url)


# Rich text links are stored relative to the site ("/solidarity/738/..."): absolute in email.
RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute_links(rich_html):
    return RELATIVE_LINK.sub(lambda m: m.group(1) + links.absolute("/"), rich_html)


# The pages each kind of mailing is about ----------------------------------------------------


def digest_articles(mailing_list_id, until):
    """The articles published since the list's previous digest (or the last week, for the
    first), up to `until`, in the order they were published."""
    previous = (
        Mailing.objects.filter(
            mailing_list_id=mailing_list_id, kind=Mailing.WEEKLY_DIGEST, created_at__lt=until
        )
        .exclude(status=Mailing.CANCELLED)
        .order_by("-created_at")
        .first()
    )
    since = previous.created_at if previous else until - timedelta(days=DIGEST_DEFAULT_DAYS)
    return (
        ArticlePage.objects.web()
        .filter(first_published_at__gt=since, first_published_at__lte=until)
        .with_listing_data()
        .order_by("first_published_at", "path")
    )


def with_email_fields(articles):
    articles = list(articles)
    for article in articles:
        article.email_url = page_link(article)
        article.email_byline = ", ".join(author.name for author in article.authors)
    return articles


def bulletin_items(edition):
    """The edition's short items as (heading, HTML, plain text)."""
    items = []
    for block in edition.body:
        if block.block_type != "item":
            continue
        body = absolute_links(str(block.value["body"]))
        text = normalize_newlines(strip_tags(body.replace("</p>", "</p>\n\n"))).strip()
        # Wagtail's rich text HTML (whitelisted by the editor when saved, links expanded by
        # str()), printed as the |richtext filter would; absolute_links() returned a plain str.
        body = mark_safe(body)  # noqa: S308
        items.append({"heading": block.value["heading"], "body": body, "text": text})
    return items


def mailing_context(mailing):
    """Everything the templates need except the subscriber's own details."""
    context = {
        "mailing": mailing,
        "mailing_list": mailing.mailing_list,
        "site_url": settings.WAGTAILADMIN_BASE_URL,
        "articles": [],
        "items": [],
    }
    page = mailing.page.specific if mailing.page_id else None
    if mailing.kind == Mailing.WEEKLY_DIGEST:
        context["articles"] = with_email_fields(
            digest_articles(mailing.mailing_list_id, mailing.created_at)
        )
        context["dateline"] = f"Week to {mailing.created_at:%-d %B %Y}"
    elif isinstance(page, IssuePage):
        context["articles"] = with_email_fields(page.web_articles())
        context["dateline"] = f"No. {page.number} · {page.publication_date:%-d %B %Y}"
        context["intro"] = page.cover_headline or page.search_description
        context["read_online"] = "Read the whole issue online"
    elif isinstance(page, BulletinEditionPage):
        context["items"] = bulletin_items(page)
        context["dateline"] = f"No. {page.number} · {page.date:%-d %B %Y}"
        context["read_online"] = "Read this edition online"
    elif page is not None:
        context["intro"] = page.search_description
    if page is not None:
        context["page"] = page
        context["page_url"] = page_link(page)
    return context


# Rendering ----------------------------------------------------------------------------------


@dataclass
class RenderedMailing:
    """A mailing's subject and both parts, with placeholders for the subscriber's details."""

    mailing: Mailing
    text: str
    html: str
    placeholders: dict

    def links_for(self, subscriber):
        """The subscriber's own details that fill the placeholders, and the https unsubscribe
        link of the List-Unsubscribe header."""
        token = links.unsubscribe_token(subscriber, self.mailing.mailing_list)
        unsubscribe_path = links.route("mailings:unsubscribe", token)
        return {
            "subscriber_email": subscriber.email,
            "preferences_url": links.preferences_url(subscriber),
            "unsubscribe_url": links.absolute(unsubscribe_path),
            "unsubscribe_https_url": links.absolute(unsubscribe_path, https=True),
        }

    def personalise(self, subscriber):
        """(text, html, headers) for one subscriber."""
        values = self.links_for(subscriber)
        text, document = self.text, self.html
        for name, placeholder in self.placeholders.items():
            text = text.replace(placeholder, values[name])
            document = document.replace(placeholder, html.escape(values[name]))
        return text, document, links.unsubscribe_headers_for(values["unsubscribe_https_url"])


# Rendered mailings kept by this process: {(id, created, updated): (rendered at, rendered)}.
# The times in the key make an edited mailing, or a new one reusing an id, render afresh.
_recent = {}
RENDER_KEEP = timedelta(seconds=60)


def render_cached(mailing):
    """The mailing rendered by this process within the last minute, else rendered now: a
    worker sends many batches of the same mailing in a row."""
    now = timezone.now()
    key = (mailing.pk, mailing.created_at, mailing.updated_at)
    rendered_at, rendered = _recent.get(key, (None, None))
    if rendered is None or now - rendered_at > RENDER_KEEP:
        _recent.clear()  # one mailing at a time is the common case: keep memory flat
        rendered = render(mailing)
        _recent[key] = (now, rendered)
    return rendered


def render(mailing):
    # A fresh random marker each time, so no text an editor typed can be taken for one.
    marker = secrets.token_hex(8)
    placeholders = {
        name: f"zz{marker}{name.replace('_', '')}zz"
        for name in ("subscriber_email", "preferences_url", "unsubscribe_url")
    }
    context = {**mailing_context(mailing), **placeholders}
    return RenderedMailing(
        mailing=mailing,
        text=render_to_string("email/mailing.txt", context),
        html=inline_css(render_to_string("email/mailing.html", context)),
        placeholders=placeholders,
    )
