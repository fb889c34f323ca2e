"""An issue's articles and inserts, with the copy print would use, in a fixed number of queries.

The copy is the page itself, or its latest revision when it has unpublished changes, read
as plain data (`Copy`), whichever version it came from.
"""

import json
from dataclasses import dataclass, field

from wagtail.images import get_image_model
from wagtail.models import Revision

from issues.models import ArticleAuthor, ArticlePage, InsertPage, Section

from ..states import with_state
from .estimate import body_words


@dataclass
class Copy:
    """What print shows of an article: plain data, whichever version it came from."""

    title: str
    standfirst: str = ""
    has_section: bool = False
    byline: str = ""
    image_id: int | None = None
    body: list = field(default_factory=list)  # raw stream data: [{"type", "value"}]

    def image_ids(self):
        ids = [self.image_id] if self.image_id else []
        for block in self.body:
            if block.get("type") == "image" and isinstance(block.get("value"), dict):
                image = block["value"].get("image")
                if isinstance(image, int):
                    ids.append(image)
        return ids

    @property
    def words(self):
        return body_words(self.body)


def body_data(body):
    """Raw stream data from a StreamValue, a JSON string or a list."""
    if hasattr(body, "raw_data"):
        return list(body.raw_data)
    if isinstance(body, str):
        try:
            body = json.loads(body or "[]")
        except ValueError:
            return []
    return [block for block in body or [] if isinstance(block, dict)]


def load_rows(issue):
    """The issue's articles and inserts in tree order, and {article id: (copy, section name,
    web only)} of the articles."""
    articles = list(
        with_state(ArticlePage.objects.descendant_of(issue).filter(depth__lte=issue.depth + 2))
        .defer_streamfields()
        .select_related("section")
        .with_authors()
        .order_by("path")
    )
    inserts = list(with_state(InsertPage.objects.child_of(issue)).order_by("path"))
    # The body (the only stream field print reads) of the pages printed as they are.
    current = [a.pk for a in articles if not a.has_unpublished_changes]
    bodies = dict(
        ArticlePage.objects.filter(pk__in=current).values_list("pk", "body") if current else []
    )
    revisions = (
        {
            r.object_id: r.content
            for r in Revision.objects.filter(
                pk__in=[a.latest_revision_id for a in articles if a.has_unpublished_changes]
            ).only("object_id", "content")
        }
        if any(a.has_unpublished_changes for a in articles)
        else {}
    )
    copies = copies_for(articles, bodies, revisions)
    return articles, inserts, copies


def copies_for(articles, bodies, revisions):
    section_ids, author_ids = set(), set()
    for content in revisions.values():
        if content.get("section"):
            section_ids.add(content["section"])
        author_ids.update(
            link.get("author") for link in content.get("article_authors") or [] if link
        )
    sections = (
        dict(Section.objects.filter(pk__in=section_ids).values_list("pk", "name"))
        if section_ids
        else {}
    )
    authors = (
        dict(
            ArticleAuthor.author.field.related_model.objects.filter(pk__in=author_ids).values_list(
                "pk", "name"
            )
        )
        if author_ids
        else {}
    )
    copies = {}
    for article in articles:
        content = revisions.get(str(article.pk))
        if content is not None:
            names = [
                authors.get(link.get("author"), "")
                for link in sorted(
                    content.get("article_authors") or [], key=lambda x: x.get("sort_order") or 0
                )
            ]
            copies[article.pk] = (
                Copy(
                    title=content.get("title") or article.title,
                    standfirst=content.get("standfirst") or "",
                    has_section=bool(content.get("section")),
                    byline=byline(names),
                    image_id=content.get("image"),
                    body=body_data(content.get("body")),
                ),
                sections.get(content.get("section"), ""),
                bool(content.get("web_only")),
            )
        else:
            copies[article.pk] = (
                Copy(
                    title=article.title,
                    standfirst=article.standfirst,
                    has_section=bool(article.section_id),
                    byline=byline([a.name for a in article.authors]),
                    image_id=article.image_id,
                    body=body_data(bodies.get(article.pk)),
                ),
                article.section.name if article.section else "",
                article.web_only,
            )
    return copies


def byline(names):
    names = [n for n in names if n]
    if not names:
        return ""
    if len(names) == 1:
        return f"By {names[0]}"
    return f"By {', '.join(names[:-1])} and {names[-1]}"


def image_sizes(ids):
    """{image id: (width, height)} of the given images, in one query."""
    ids = {i for i in ids if isinstance(i, int)}
    if not ids:
        return {}
    return {
        pk: (w, h)
        for pk, w, h in get_image_model()
        .objects.filter(pk__in=ids)
        .values_list("pk", "width", "height")
    }
