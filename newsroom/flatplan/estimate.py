"""The space a story needs, in columns, counted with the print templates' own type sizes and
measures (printing/typesetting.py).

Body text is counted in words, at WORDS_PER_MM words per millimetre of line (measured on the
demo issues' PDFs with newsroom/measure.py, checked by tests/newsroom/test_flatplan.py);
headlines, standfirsts and captions by characters at the average advance of their fonts
(typesetting.EM). Pictures take their printed height from their proportions.
"""

import math
import re
from html import unescape

from django.utils.html import strip_tags

from printing.typesetting import EM, LIST_INDENT_MM, MM_PER_PT, TYPE, PageGeometry

# Calibrated against the PDFs of the demo issues (736, 737, 738) on the newspaper printer
# profile: words of body text per millimetre of column width, at TYPE.body (9 pt Source Serif),
# justified and hyphenated. On the tabloid's 5 columns (49.8 mm wide, 84 lines) that is about
# 450 words a column. With it the three issues' stories total within half a column of the PDFs'.
WORDS_PER_MM = 0.108

# What the PDFs show beyond the CSS's measures: the fonts' line boxes save about 1 mm under a
# story's head; each story's columns are balanced, so on average a line of each column stays
# empty, and a picture that cannot be split leaves a little more.
HEAD_GAP_MM = TYPE.head.below - 1
BALANCE_LINES_PER_COLUMN = 1.0
FIGURE_SLACK_MM = 2.0
# A head is kept with this much of its story's text (as `orphans`).
KEEP_WITH_HEAD_MM = TYPE.keep_lines * TYPE.body.line_mm


def char_mm(style, upper=False):
    return EM[style.face][1 if upper else 0] * style.pt * MM_PER_PT


def wrapped_lines(text, width_mm, style, upper=False):
    """Lines a left-aligned text takes when wrapped word by word (0 for no text)."""
    words = text.split()
    if not words:
        return 0
    capacity = max(1.0, width_mm / char_mm(style, upper))
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


class Geometry(PageGeometry):
    """A printer profile's page, with the lines and words its columns hold."""

    @property
    def body_line(self):
        return TYPE.body.line_mm

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


def notes_of(value):
    notes = value.get("notes") or []
    # ListBlock data is either plain values or [{"type": "item", "value": ...}].
    return [note.get("value") if isinstance(note, dict) else note for note in notes]


def body_words(blocks):
    """Words of body text (paragraphs, subheadings, quotes, box-outs and notes)."""
    total = 0
    for block in blocks:
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

    def text_mm(self, text, width):
        """Body text, justified in a column `width` wide."""
        lines = math.ceil(word_count(text) / self.g.words_per_line(width))
        return lines * TYPE.body.line_mm

    def head_mm(self, copy, continued=False):
        """The full-width head: rule, section kicker, headline, standfirst."""
        width = self.g.text_width
        height = TYPE.story.rule * MM_PER_PT + TYPE.story.padding + HEAD_GAP_MM
        if copy.has_section:
            height += TYPE.kicker.line_mm + TYPE.kicker.below
        title = copy.title + (" continued from page 1" if continued else "")
        height += wrapped_lines(title, width, TYPE.headline) * TYPE.headline.line_mm
        if copy.standfirst and not continued:
            standfirst = TYPE.standfirst
            lines = wrapped_lines(copy.standfirst, width, standfirst)
            height += lines * standfirst.line_mm + standfirst.above + standfirst.below
        return height

    def blocks_mm(self, blocks):
        """Column height of stream blocks, set in one column."""
        w = self.g.column_width
        gap = TYPE.paragraph_gap_em * TYPE.body.pt * MM_PER_PT
        height = 0.0
        for block in blocks:
            kind, value = block.get("type"), block.get("value")
            if kind == "paragraph":
                in_list = False
                for tag, text in rich_parts(value):
                    if tag == "li":
                        if not in_list:
                            height += 2 * TYPE.body.pt * MM_PER_PT  # the list's 1em margins
                        in_list = True
                        height += self.text_mm(text, w - LIST_INDENT_MM)
                    else:
                        in_list = False
                        height += self.text_mm(text, w) + gap
            elif kind == "subheading":
                style = TYPE.subheading
                lines = wrapped_lines(str(value or ""), w, style)
                height += lines * style.line_mm + style.above + style.below
            elif kind == "image" and isinstance(value, dict):
                height += self.picture_mm(value.get("image"), w) + TYPE.figure.below
                height += FIGURE_SLACK_MM
                caption = str(value.get("caption") or "")
                if value.get("credit"):
                    caption += f" Photo: {value['credit']}"
                if caption.strip():
                    lines = wrapped_lines(caption, w, TYPE.caption)
                    height += lines * TYPE.caption.line_mm + TYPE.caption.above
            elif kind == "pull_quote" and isinstance(value, dict):
                style = TYPE.pull_quote
                lines = wrapped_lines(str(value.get("quote") or ""), w, style)
                height += lines * style.line_mm + 2 * style.padding + style.above + style.below
                height += 2 * style.rule * MM_PER_PT
                if value.get("attribution"):
                    height += TYPE.attribution.line_mm + TYPE.attribution.above
            elif kind == "box_out" and isinstance(value, dict):
                style = TYPE.box_out
                inner = w - 2 * style.padding
                height += 2 * style.padding + style.above + style.below
                height += TYPE.box_title.line_mm + TYPE.box_title.below
                for _, text in rich_parts(value.get("body")):
                    lines = wrapped_lines(text, inner, style)
                    height += lines * style.line_mm + TYPE.paragraph_gap_em * style.pt * MM_PER_PT
            elif kind == "footnotes" and isinstance(value, dict):
                style = TYPE.footnotes
                height += style.above + style.padding
                for note in notes_of(value):
                    lines = wrapped_lines(plain_text(note), w - TYPE.footnote_indent_mm, style)
                    height += lines * style.line_mm + TYPE.paragraph_gap_em * style.pt * MM_PER_PT
        return height

    def opening_mm(self, copy, skip_image=False):
        """Byline and picture at the top of a story's columns."""
        w = self.g.column_width
        height = 0.0
        if copy.byline:
            lines = wrapped_lines(copy.byline, w, TYPE.byline, upper=True)
            height += lines * TYPE.byline.line_mm + TYPE.byline.below
        if copy.image_id and not skip_image:
            height += self.picture_mm(copy.image_id, w) + TYPE.figure.below + FIGURE_SLACK_MM
        return height

    def jump_mm(self):
        """The "Continued on page N" line under the lead's opening."""
        return TYPE.jump.line_mm + TYPE.jump.above

    def story_columns(self, copy, blocks, opening=True, continued=False, skip_image=False):
        """Columns of one story (or a part of one) set as templates/print/story.html does."""
        column_mm = self.blocks_mm(blocks)
        if opening:
            column_mm += self.opening_mm(copy, skip_image)
        balance = BALANCE_LINES_PER_COLUMN * self.g.columns * self.g.body_line
        head_mm = self.head_mm(copy, continued) + TYPE.story.below
        return self.g.columns_for(head_mm, column_mm + balance)

    # The mastheads ----------------------------------------------------------------------------

    def masthead_mm(self, issue, cover_image_id):
        """Page 1 above the lead: masthead, cover headline, cover picture."""
        width = self.g.text_width
        strip = TYPE.masthead_strip
        height = TYPE.masthead.line_mm + strip.above + strip.rule * MM_PER_PT
        height += strip.line_mm + 2 * strip.padding
        height += TYPE.masthead.rule * MM_PER_PT + TYPE.masthead.below
        if issue.cover_headline:
            headline = TYPE.cover_headline
            lines = wrapped_lines(issue.cover_headline, width, headline)
            height += lines * headline.line_mm + headline.above + headline.below
        if cover_image_id:
            picture = self.picture_mm(cover_image_id, width)
            height += min(TYPE.cover_picture_max_mm, picture) + TYPE.cover_picture.below
        return height

    def insert_masthead_mm(self, insert):
        """An insert's masthead within the issue: series kicker, title and theme."""
        width = self.g.text_width
        box, theme = TYPE.insert_masthead, TYPE.insert_theme
        height = box.rule * MM_PER_PT + box.padding + box.below
        height += TYPE.kicker.line_mm + TYPE.kicker.below
        height += wrapped_lines(insert.title, width, TYPE.insert_title) * TYPE.insert_title.line_mm
        height += wrapped_lines(insert.theme, width, theme) * theme.line_mm
        return height + theme.above + theme.below
