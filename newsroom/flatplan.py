"""The flatplan: an issue's articles in print order, their state, and the space each needs.

The estimate follows the print layout of templates/print/ (printing/render.py): the front page
(masthead, cover headline and picture, the lead story's opening), then every other story one
after another, each a full-width head over the profile's text columns, and each insert from a
new page. Space is counted in *columns*: one text column of a full page, so a page holds
`profile.columns` of them.

Body text is counted in words, at WORDS_PER_MM words per millimetre of line (measured on the
demo issues' PDFs with newsroom/measure.py, checked by tests/test_flatplan.py); headlines,
standfirsts and captions by characters at the average advance of their shipped fonts.
Pictures take their printed height from their proportions. Everything here reads plain data:
loading an issue's articles is done in `issue_flatplan` with a fixed number of queries.
"""

import json
import math
import re
from dataclasses import dataclass, field
from html import unescape

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef
from django.utils.html import strip_tags
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, WorkflowState

from issues.models import ArticleAuthor, ArticlePage, InsertPage, Section

MM_PER_PT = 25.4 / 72

# Calibrated against the PDFs of the demo issues (736, 737, 738) on the newspaper printer
# profile: words of body text per millimetre of column width, at 9 pt Source Serif, justified
# and hyphenated. On the tabloid's 5 columns (49.8 mm wide, 84 lines) that is about 450 words
# a column. With it the three issues' stories total within half a column of the PDFs'.
WORDS_PER_MM = 0.108

# Average advance of a character (spaces included) of English text, in ems, measured on the
# shipped fonts with fontTools: (mixed case, upper case).
EM = {
    "serif": (0.472, 0.589),
    "sans": (0.413, 0.490),
    "sans-bold": (0.438, 0.512),
    "oswald-bold": (0.407, 0.468),
}

# From templates/print/base.html (sizes in points, line heights as factors).
BODY_PT, BODY_LEADING = 9, 1.32
PARAGRAPH_GAP_EM = 0.35
LIST_INDENT_MM = 40 * 0.75 * MM_PER_PT  # the user agent's 40px list padding
NORMAL_LEADING = 1.26  # `font:` shorthand without a line height: the font's own, ~1.26
STORY_GAP_MM = 6  # .story margin-bottom
STORY_RULE_MM = 1.5 * MM_PER_PT + 2  # .story border-top and padding-top
HEAD_GAP_MM = 2  # .story-head margin-bottom (3 mm), less 1 mm the fonts' line boxes save
# Each story's columns are balanced: on average a line of each column stays empty, and a
# picture that cannot be split leaves a little more.
BALANCE_LINES_PER_COLUMN = 1.0
FIGURE_SLACK_MM = 2.0
# A head is kept with this much of its story's text (three lines, as `orphans: 3`).
KEEP_WITH_HEAD_MM = 3 * BODY_PT * BODY_LEADING * 25.4 / 72


def line_mm(size_pt, leading):
    return size_pt * leading * MM_PER_PT


def char_mm(size_pt, font, upper=False):
    return EM[font][1 if upper else 0] * size_pt * MM_PER_PT


def wrapped_lines(text, width_mm, size_pt, font, upper=False):
    """Lines a left-aligned text takes when wrapped word by word (0 for no text)."""
    words = text.split()
    if not words:
        return 0
    per_char = char_mm(size_pt, font, upper)
    capacity = max(1.0, width_mm / per_char)
    lines, used = 1, 0.0
    for word in words:
        length = len(word)
        if used and used + 1 + length > capacity:
            lines += 1
            used = 0.0
        if length > capacity:  # a very long word is broken
            extra = math.ceil(length / capacity) - 1
            lines += extra
            length -= extra * capacity
        used += (1 if used else 0) + length
    return lines


@dataclass
class Geometry:
    """A printer profile's page, as templates/print/base.html lays it out."""

    columns: int
    trim_w: float
    trim_h: float
    margin: float
    gap: float = 4

    @classmethod
    def for_profile(cls, profile):
        from printing.render import PrintSettings

        settings = PrintSettings(profile)
        width, height = profile.trim_mm
        return cls(
            columns=profile.columns,
            trim_w=width,
            trim_h=height,
            margin=settings.margin_mm,
            gap=settings.column_gap_mm,
        )

    @property
    def text_width(self):
        return self.trim_w - 2 * self.margin

    @property
    def text_height(self):
        # @page margin: top and sides `margin`, bottom `margin + 4`.
        return self.trim_h - 2 * self.margin - 4

    @property
    def column_width(self):
        return (self.text_width - (self.columns - 1) * self.gap) / self.columns

    @property
    def body_line(self):
        return line_mm(BODY_PT, BODY_LEADING)

    @property
    def lines_per_column(self):
        return self.text_height / self.body_line

    def words_per_line(self, width=None):
        return max(1.0, (width or self.column_width) * WORDS_PER_MM)

    @property
    def words_per_column(self):
        return round(self.words_per_line() * self.lines_per_column)

    def columns_for(self, full_width_mm=0.0, column_mm=0.0):
        """Columns taken by a full-width block this tall plus this much column text."""
        return (full_width_mm * self.columns + column_mm) / self.text_height


# Reading the text of rich text and stream blocks -------------------------------------------------

BLOCK_TAGS = re.compile(r"<(p|li|h[1-6]|blockquote)\b[^>]*>(.*?)</\1>", re.S | re.I)


def plain_text(html):
    return " ".join(unescape(strip_tags(html or "")).split())


def rich_parts(html):
    """[(tag, text)] of the paragraphs, list items and headings of a rich text value."""
    parts = [(tag.lower(), plain_text(inner)) for tag, inner in BLOCK_TAGS.findall(html or "")]
    if not parts and plain_text(html):
        parts = [("p", plain_text(html))]
    return parts


def word_count(text):
    return len(text.split())


# The copy of one article, from the page or from its latest revision ----------------------------


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
        """Words of body text (paragraphs, subheadings, quotes, box-outs and notes)."""
        total = 0
        for block in self.body:
            kind, value = block.get("type"), block.get("value")
            if kind == "paragraph":
                total += word_count(plain_text(value))
            elif kind == "subheading":
                total += word_count(str(value or ""))
            elif kind == "pull_quote" and isinstance(value, dict):
                total += word_count(str(value.get("quote") or ""))
            elif kind == "box_out" and isinstance(value, dict):
                total += word_count(str(value.get("title") or ""))
                total += word_count(plain_text(value.get("body")))
            elif kind == "footnotes" and isinstance(value, dict):
                total += sum(word_count(plain_text(note)) for note in notes_of(value))
        return total


def notes_of(value):
    notes = value.get("notes") or []
    # ListBlock data is either plain values or [{"type": "item", "value": ...}].
    return [note.get("value") if isinstance(note, dict) else note for note in notes]


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


# Heights ---------------------------------------------------------------------------------------


class Estimator:
    """Heights and columns of stories for one page geometry and a set of image sizes."""

    def __init__(self, geometry, image_sizes):
        self.g = geometry
        self.image_sizes = image_sizes  # {image id: (width, height)}

    def picture_mm(self, image_id, width_mm):
        size = self.image_sizes.get(image_id)
        if not size or not size[0]:
            return 0.0
        return width_mm * size[1] / size[0]

    def text_mm(self, text, width, size_pt=BODY_PT, leading=BODY_LEADING):
        lines = math.ceil(word_count(text) / self.g.words_per_line(width))
        return lines * line_mm(size_pt, leading)

    def head_mm(self, copy, continued=False):
        """The full-width head: rule, section kicker, headline, standfirst."""
        width = self.g.text_width
        height = STORY_RULE_MM + HEAD_GAP_MM
        if copy.has_section:
            height += line_mm(8, NORMAL_LEADING) + 1
        title = copy.title + (" continued from page 1" if continued else "")
        height += wrapped_lines(title, width, 24, "oswald-bold") * line_mm(24, 1.05)
        if copy.standfirst and not continued:
            height += wrapped_lines(copy.standfirst, width, 11, "sans") * line_mm(11, 1.25) + 3
        return height

    def blocks_mm(self, blocks):
        """Column height of stream blocks, set in one column."""
        w = self.g.column_width
        gap = PARAGRAPH_GAP_EM * BODY_PT * MM_PER_PT
        height = 0.0
        for block in blocks:
            kind, value = block.get("type"), block.get("value")
            if kind == "paragraph":
                in_list = False
                for tag, text in rich_parts(value):
                    if tag == "li":
                        if not in_list:
                            height += 2 * BODY_PT * MM_PER_PT  # the list's 1em margins
                        in_list = True
                        height += self.text_mm(text, w - LIST_INDENT_MM)
                    else:
                        in_list = False
                        height += self.text_mm(text, w) + gap
            elif kind == "subheading":
                lines = wrapped_lines(str(value or ""), w, 11, "oswald-bold")
                height += lines * line_mm(11, 1.05) + 3
            elif kind == "image" and isinstance(value, dict):
                height += self.picture_mm(value.get("image"), w) + 3 + FIGURE_SLACK_MM
                caption = str(value.get("caption") or "")
                if value.get("credit"):
                    caption += f" Photo: {value['credit']}"
                if caption.strip():
                    height += wrapped_lines(caption, w, 7, "sans") * line_mm(7, 1.2) + 1
            elif kind == "pull_quote" and isinstance(value, dict):
                lines = wrapped_lines(str(value.get("quote") or ""), w, 13, "oswald-bold")
                height += lines * line_mm(13, 1.15) + 4 + 5 + 2 * MM_PER_PT
                if value.get("attribution"):
                    height += line_mm(8, NORMAL_LEADING) + 1
            elif kind == "box_out" and isinstance(value, dict):
                inner = w - 4
                height += 4 + 5 + line_mm(10, 1.05) + 1
                for _, text in rich_parts(value.get("body")):
                    lines = wrapped_lines(text, inner, 8.5, "sans")
                    height += lines * line_mm(8.5, 1.3) + PARAGRAPH_GAP_EM * 8.5 * MM_PER_PT
            elif kind == "footnotes" and isinstance(value, dict):
                height += 3
                for note in notes_of(value):
                    lines = wrapped_lines(plain_text(note), w - 4, 7, "sans")
                    height += lines * line_mm(7, 1.25) + PARAGRAPH_GAP_EM * 7 * MM_PER_PT
        return height

    def opening_mm(self, copy, skip_image=False):
        """Byline and picture at the top of a story's columns."""
        w = self.g.column_width
        height = 0.0
        if copy.byline:
            lines = wrapped_lines(copy.byline, w, 8, "sans-bold", upper=True)
            height += lines * line_mm(8, NORMAL_LEADING) + 2
        if copy.image_id and not skip_image:
            height += self.picture_mm(copy.image_id, w) + 3 + FIGURE_SLACK_MM
        return height

    def story_columns(self, copy, blocks, opening=True, continued=False, skip_image=False):
        """Columns of one story (or a part of one) set as templates/print/story.html does."""
        column_mm = self.blocks_mm(blocks)
        if opening:
            column_mm += self.opening_mm(copy, skip_image)
        balance = BALANCE_LINES_PER_COLUMN * self.g.columns * self.g.body_line
        return self.g.columns_for(self.head_mm(copy, continued) + STORY_GAP_MM, column_mm + balance)

    # Fixed furniture, measured on the newspaper profile's PDFs -----------------------------

    def masthead_mm(self, issue, cover_image_id):
        """Page 1 above the lead: masthead, cover headline, cover picture."""
        height = 92 * 0.95 * MM_PER_PT + 1 + 1 * MM_PER_PT + line_mm(9, NORMAL_LEADING) + 3
        height += 3 * MM_PER_PT + 4
        if issue.cover_headline:
            lines = wrapped_lines(issue.cover_headline, self.g.text_width, 54, "oswald-bold")
            height += lines * line_mm(54, 0.98) + 6
        if cover_image_id:
            height += min(150, self.picture_mm(cover_image_id, self.g.text_width)) + 4
        return height

    def insert_masthead_mm(self, insert):
        width = self.g.text_width
        height = 6 * MM_PER_PT + 3 + 5 + line_mm(8, NORMAL_LEADING) + 1
        height += wrapped_lines(insert.title, width, 40, "oswald-bold") * line_mm(40, 1.05)
        height += wrapped_lines(insert.theme, width, 16, "sans-bold") * line_mm(16, NORMAL_LEADING)
        return height + 4


def split_front(blocks, paragraphs=2):
    """As printing.documents.split_for_front_page: the lead's opening paragraphs for page 1."""
    seen = 0
    for index, block in enumerate(blocks):
        if block.get("type") == "paragraph":
            seen += 1
            if seen == paragraphs:
                return blocks[: index + 1], blocks[index + 1 :]
    return blocks, []


# States ----------------------------------------------------------------------------------------

DRAFT, MODERATION, CHANGES, SCHEDULED, LIVE, LIVE_CHANGES, EXPIRED = (
    "draft",
    "moderation",
    "changes",
    "scheduled",
    "live",
    "live-changes",
    "expired",
)
STATE_LABELS = {
    DRAFT: "Draft",
    MODERATION: "In moderation",
    CHANGES: "Changes requested",
    SCHEDULED: "Approved, scheduled",
    LIVE: "Live",
    LIVE_CHANGES: "Live, with draft changes",
    EXPIRED: "Expired",
}
# The four kinds the dashboard counts.
STATE_GROUPS = {
    DRAFT: DRAFT,
    EXPIRED: DRAFT,
    CHANGES: MODERATION,
    MODERATION: MODERATION,
    SCHEDULED: SCHEDULED,
    LIVE: LIVE,
    LIVE_CHANGES: LIVE,
}
STATE_GROUP_LABELS = {
    DRAFT: "Draft",
    MODERATION: "In moderation",
    SCHEDULED: "Approved, scheduled",
    LIVE: "Live",
}


def with_state(pages):
    """Annotate a page queryset with what `state_of` needs: the status of an active workflow
    (in moderation, or changes requested) and whether an approved go-live time waits."""
    from django.db.models import CharField, Subquery
    from django.db.models.functions import Cast

    workflow = WorkflowState.objects.active().filter(
        base_content_type_id=ContentType.objects.get_for_model(Page).pk,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return pages.annotate_approved_schedule().annotate(
        workflow_status=Subquery(workflow.values("status")[:1])
    )


def state_of(page):
    status = getattr(page, "workflow_status", None)
    if status == WorkflowState.STATUS_IN_PROGRESS:
        return MODERATION
    if status == WorkflowState.STATUS_NEEDS_CHANGES:
        return CHANGES
    if getattr(page, "_approved_schedule", False):
        return SCHEDULED
    if page.live:
        return LIVE_CHANGES if page.has_unpublished_changes else LIVE
    if page.expired:
        return EXPIRED
    return DRAFT


# The plan of one issue -------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the flatplan: an article, or an insert heading its own articles."""

    page: object
    is_insert: bool = False
    copy: Copy | None = None
    section: str = ""
    state: str = DRAFT
    in_print: bool = True
    is_lead: bool = False
    columns: float = 0.0
    start_page: int | None = None
    start_column: float = 0.0  # where on its first page it starts, in columns
    rows: list = field(default_factory=list)  # an insert's articles
    first: bool = False  # first among its siblings
    last: bool = False
    nested: bool = False  # an insert's article

    @property
    def can_be_lead(self):
        return not (self.is_insert or self.nested or self.is_lead) and self.in_print

    @property
    def words(self):
        return self.copy.words if self.copy else 0

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def state_group(self):
        return STATE_GROUPS[self.state]

    @property
    def title(self):
        return self.copy.title if self.copy else self.page.title


@dataclass
class Plan:
    issue: object
    profile: object
    geometry: Geometry
    rows: list
    end_columns: float = 0.0  # where the content ends, counting page breaks
    used_columns: float = 0.0  # what the stories need, without page-break gaps
    pending_columns: float = 0.0  # of that, in articles that are not live
    front_overflow: bool = False

    @property
    def columns_per_page(self):
        return self.geometry.columns

    @property
    def content_pages(self):
        return max(1, math.ceil(self.end_columns / self.columns_per_page - 1e-9))

    @property
    def filled_pages(self):
        return self.end_columns / self.columns_per_page

    @property
    def page_count(self):
        from printing.render import pages_needed

        return pages_needed(self.content_pages, [4])

    @property
    def filler_pages(self):
        return self.page_count - self.content_pages

    @property
    def spare_columns(self):
        """Columns the filler (and the last page's blank space) takes: room to add copy."""
        return self.page_count * self.columns_per_page - self.end_columns

    @property
    def lower_page_count(self):
        return self.page_count - 4 if self.page_count > 4 else None

    @property
    def over_columns(self):
        """Columns to cut for the issue to fit four pages fewer (None for a 4-page issue)."""
        if self.lower_page_count is None:
            return None
        return self.end_columns - self.lower_page_count * self.columns_per_page

    @property
    def fits_exactly(self):
        return self.filler_pages == 0

    def articles(self):
        for row in self.rows:
            if row.is_insert:
                yield from row.rows
            else:
                yield row

    def state_counts(self):
        counts = dict.fromkeys(STATE_GROUP_LABELS, 0)
        for row in self.articles():
            counts[row.state_group] += 1
        return [(key, STATE_GROUP_LABELS[key], n) for key, n in counts.items()]

    @property
    def total_words(self):
        return sum(row.words for row in self.articles() if row.in_print)

    @property
    def words_per_column(self):
        return self.geometry.words_per_column


def load_rows(issue):
    """The issue's articles and inserts in tree order, with the copy print would use: the page
    itself, or its latest revision when it has unpublished changes. Fixed number of queries."""
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
    ids = {i for i in ids if isinstance(i, int)}
    if not ids:
        return {}
    return {
        pk: (w, h)
        for pk, w, h in get_image_model()
        .objects.filter(pk__in=ids)
        .values_list("pk", "width", "height")
    }


def issue_flatplan(issue, profile=None):
    """The flatplan of `issue` with `profile` (by default the one its print job would use)."""
    from printing.documents import profile_for

    profile = profile or profile_for(issue)
    geometry = Geometry.for_profile(profile)
    articles, inserts, copies = load_rows(issue)
    ids = [issue.cover_image_id]
    for copy, _, _ in copies.values():
        ids.extend(copy.image_ids())
    estimator = Estimator(geometry, image_sizes(ids))

    rows, by_path = [], {}
    for insert in inserts:
        by_path[insert.path] = Row(page=insert, is_insert=True, state=state_of(insert))
    for article in articles:
        copy, section, web_only = copies[article.pk]
        row = Row(
            page=article,
            copy=copy,
            section=section,
            state=state_of(article),
            in_print=not web_only,
        )
        parent = by_path.get(article.path[: -Page.steplen])
        row.nested = parent is not None
        (parent.rows if parent else rows).append(row)
    rows.extend(by_path.values())
    rows.sort(key=lambda row: row.page.path)
    for siblings in [rows, *[r.rows for r in rows if r.is_insert]]:
        if siblings:
            siblings[0].first = True
            siblings[-1].last = True

    plan = Plan(issue=issue, profile=profile, geometry=geometry, rows=rows)
    lay_out(plan, estimator)
    return plan


def lay_out(plan, estimator):
    """Place the stories as the print template does and record each one's columns and first
    page: page 1 with the lead's opening, the rest from page 2, each insert from a new page."""
    g = plan.geometry
    per_page = g.columns
    cursor = 0.0

    def place(row, columns, head_mm=0.0):
        nonlocal cursor
        if head_mm:
            # A story's head is never left at the foot of a page: with less room than the
            # head and a few lines of text below it, the story starts on the next page.
            room = per_page - cursor % per_page
            if room < per_page - 1e-9 and room < g.columns_for(head_mm + KEEP_WITH_HEAD_MM):
                new_page()
        row.columns += columns
        if row.start_page is None:
            row.start_page = int(cursor // per_page) + 1
            row.start_column = cursor % per_page
        cursor += columns
        plan.used_columns += columns
        if row.state not in (LIVE, LIVE_CHANGES):
            plan.pending_columns += columns

    def new_page():
        nonlocal cursor
        cursor = math.ceil(cursor / per_page - 1e-9) * per_page

    issue = plan.issue
    printed = [row for row in plan.rows if not row.is_insert and row.in_print]
    cursor = g.columns_for(estimator.masthead_mm(issue, issue.cover_image_id))
    if printed:
        lead = printed[0]
        lead.is_lead = True
        front, rest = split_front(lead.copy.body)
        jump = line_mm(8, NORMAL_LEADING) + 1 if rest else 0
        place(
            lead,
            estimator.story_columns(lead.copy, front, skip_image=bool(issue.cover_image_id))
            + g.columns_for(column_mm=jump),
        )
        plan.front_overflow = cursor > per_page
        new_page()
        if rest:
            place(lead, estimator.story_columns(lead.copy, rest, opening=False, continued=True))
        for row in printed[1:]:
            place(
                row,
                estimator.story_columns(row.copy, row.copy.body),
                estimator.head_mm(row.copy) + estimator.opening_mm(row.copy, skip_image=True),
            )
    else:
        new_page()
    for insert in (row for row in plan.rows if row.is_insert):
        new_page()
        insert.start_page = int(cursor // per_page) + 1
        cursor += g.columns_for(estimator.insert_masthead_mm(insert.page))
        for row in insert.rows:
            if row.in_print:
                place(
                    row,
                    estimator.story_columns(row.copy, row.copy.body),
                    estimator.head_mm(row.copy) + estimator.opening_mm(row.copy, skip_image=True),
                )
        insert.columns = sum(row.columns for row in insert.rows)
    plan.end_columns = cursor
    return plan
