"""The print type sizes and column measures: one table, read by the print templates and by the
flatplan, so that what the flatplan estimates cannot drift from what the PDF prints.

templates/print/ get the table as `type` in their context (printing/render.py render_html)
and write their CSS from it; the flatplan's estimate (newsroom/flatplan/estimate.py) counts
space with the same numbers. It holds everything that decides where copy falls on an issue's
pages: the page margins and columns, body text and the parts of a story, the front page's
masthead, cover headline and picture, and an insert's masthead within the issue. What takes
no space of its own (colours, letter-spacing, column rules) and the pages the flatplan does
not estimate (bulletins, a standalone insert, the filler pages) keep their values in the
templates.

Sizes are in points, lengths in millimetres, line heights factors of the size.
"""

from dataclasses import dataclass

MM_PER_PT = 25.4 / 72

# Average advance of a character (spaces included) of English text, in ems, measured on the
# shipped fonts (printing/fonts/) with fontTools: (mixed case, upper case).
EM = {
    "serif": (0.472, 0.589),
    "sans": (0.413, 0.490),
    "sans-bold": (0.438, 0.512),
    "oswald-bold": (0.407, 0.468),
}
# A `font:` shorthand without a line height gives the font's own, about 1.26 for these fonts.
NORMAL_LEADING = 1.26
# The templates leave lists to the user agent: a 40px indent and 1em margins.
LIST_INDENT_MM = 40 * 0.75 * MM_PER_PT
HEADING_LEADING = 1.05  # h1, h2 and h3, unless a style sets its own


@dataclass(frozen=True, kw_only=True)
class Box:
    """Space around a block: margins above and below and padding in mm, its rule in points
    (each where the block's CSS uses it)."""

    above: float = 0
    below: float = 0
    padding: float = 0
    rule: float = 0


@dataclass(frozen=True)
class Text(Box):
    """A style of text: size, line height (None: the font's own), and the shipped face that
    sets it (a key of EM, for the flatplan's character widths)."""

    pt: float
    leading: float | None
    face: str

    @property
    def line_mm(self):
        return self.pt * (self.leading or NORMAL_LEADING) * MM_PER_PT


@dataclass(frozen=True)
class Typesetting:
    # Body text, set justified and hyphenated in the profile's columns (templates/print/base.html).
    body: Text = Text(9, 1.32, "serif")
    paragraph_gap_em: float = 0.35  # below each paragraph
    keep_lines: int = 3  # orphans and widows
    heading_leading: float = HEADING_LEADING
    column_gap_mm: float = 4
    footer_mm: float = 4  # added to the bottom margin, for the page footer

    # A story (templates/print/story.html): a rule, the full-width head, then its columns.
    story: Box = Box(below=6, padding=2, rule=1.5)
    head: Box = Box(below=3)
    kicker: Text = Text(8, None, "sans-bold", below=1)  # a story's section, an insert's series
    headline: Text = Text(24, HEADING_LEADING, "oswald-bold")
    standfirst: Text = Text(11, 1.25, "sans", above=1.5, below=1.5)
    byline: Text = Text(8, None, "sans-bold", below=2)  # in capitals
    subheading: Text = Text(11, HEADING_LEADING, "oswald-bold", above=2, below=1)
    figure: Box = Box(below=3)
    caption: Text = Text(7, 1.2, "sans", above=1)
    pull_quote: Text = Text(13, 1.15, "oswald-bold", above=2, below=3, padding=2, rule=1)
    attribution: Text = Text(8, None, "sans", above=1)  # under a pull quote
    box_out: Text = Text(8.5, 1.3, "sans", above=2, below=3, padding=2)
    box_title: Text = Text(10, HEADING_LEADING, "oswald-bold", below=1)
    footnotes: Text = Text(7, 1.25, "sans", above=2, padding=1, rule=0.3)
    footnote_indent_mm: float = 4
    jump: Text = Text(8, None, "sans-bold", above=1)  # "Continued on page N"

    # The front page (templates/print/issue.html): the masthead's title with the rule and
    # space under it, the strip of issue details, the cover headline and picture.
    masthead: Text = Text(92, 0.95, "oswald-bold", below=4, rule=3)
    masthead_strip: Text = Text(9, None, "sans-bold", above=1, padding=1.5, rule=1)
    cover_headline: Text = Text(54, 0.98, "oswald-bold", above=2, below=4)
    cover_picture: Box = Box(below=4)
    cover_picture_max_mm: float = 150

    # An insert's masthead within the issue, from a new page.
    insert_masthead: Box = Box(below=5, padding=3, rule=6)
    insert_title: Text = Text(40, HEADING_LEADING, "oswald-bold")
    insert_theme: Text = Text(16, None, "sans-bold", above=1, below=3)

    def margin_mm(self, trim_width):
        """The page margin: narrower on pages wider than 250 mm (the tabloid and up)."""
        return 12 if trim_width > 250 else 14


TYPE = Typesetting()


@dataclass
class PageGeometry:
    """A page's text area and columns as templates/print/base.html sets them (mm)."""

    columns: int
    trim_w: float
    trim_h: float
    margin: float
    gap: float = TYPE.column_gap_mm

    @classmethod
    def for_profile(cls, profile):
        width, height = profile.trim_mm
        return cls(
            columns=profile.columns, trim_w=width, trim_h=height, margin=TYPE.margin_mm(width)
        )

    @property
    def text_width(self):
        return self.trim_w - 2 * self.margin

    @property
    def text_height(self):
        return self.trim_h - 2 * self.margin - TYPE.footer_mm

    @property
    def column_width(self):
        return (self.text_width - (self.columns - 1) * self.gap) / self.columns

    def span_mm(self, span=1):
        """The width of `span` columns and the gaps between them."""
        return self.column_width * span + self.gap * (span - 1)
