"""The plan of one issue: its rows in print order, placed on pages as the print template does.

The front page holds the masthead, the cover headline and picture and the lead story's
opening; every other story follows from page 2, one after another, each a full-width head
over the profile's text columns; each insert starts a new page. Space is counted in
*columns*: one text column of a full page, so a page holds `profile.columns` of them.
"""

import math
from dataclasses import dataclass, field

from wagtail.models import Page

from printing.documents import split_front
from printing.render import pages_needed

from ..states import (
    DRAFT,
    LIVE,
    LIVE_CHANGES,
    STATE_GROUP_LABELS,
    STATE_GROUPS,
    STATE_LABELS,
    state_of,
)
from .estimate import KEEP_WITH_HEAD_MM, Geometry
from .loading import Copy


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


def build_rows(articles, inserts, copies):
    """The flatplan's rows in tree order: the issue's articles and inserts, each insert
    holding its own articles."""
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
    return rows


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

    def place_story(row):
        place(
            row,
            estimator.story_columns(row.copy, row.copy.body),
            estimator.head_mm(row.copy) + estimator.opening_mm(row.copy, skip_image=True),
        )

    issue = plan.issue
    printed = [row for row in plan.rows if not row.is_insert and row.in_print]
    cursor = g.columns_for(estimator.masthead_mm(issue, issue.cover_image_id))
    if printed:
        lead = printed[0]
        lead.is_lead = True
        front, rest = split_front(lead.copy.body)
        jump = estimator.jump_mm() if rest else 0
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
            place_story(row)
    else:
        new_page()
    for insert in (row for row in plan.rows if row.is_insert):
        new_page()
        insert.start_page = int(cursor // per_page) + 1
        cursor += g.columns_for(estimator.insert_masthead_mm(insert.page))
        for row in insert.rows:
            if row.in_print:
                place_story(row)
        insert.columns = sum(row.columns for row in insert.rows)
    plan.end_columns = cursor
    return plan
