"""Measure a built print PDF: how many columns each story really takes.

WeasyPrint writes every anchor of the print templates as a named destination: each story's
top (`story-<page id>`) and the lead's continuation (`lead_rest`). A story's space runs from
its top to the next story's top; where a page break comes first (the lead's front page, the
page before an insert, the last page) it ends at the lowest line of text on the page, read
with pypdfium2. Heights become columns as the flatplan counts them: a full page's text height
is one column, times the number of columns. tests/newsroom/test_flatplan.py checks (and was
used to calibrate) the flatplan's estimate with it.
"""

import io
from collections import defaultdict
from dataclasses import dataclass

import pikepdf
import pypdfium2

from printing.typesetting import MM_PER_PT

FILLER_HEADINGS = ("Subscribe to", "Get involved", "Workers' Liberty")


@dataclass
class Start:
    key: str  # the story's page id (as a string), or "lead_rest"
    page: int  # 0-based page index
    top: float  # distance from the top of the page, mm


def named_destinations(pdf_bytes):
    """{name: (page index, y from the top in mm)} of the PDF's named destinations."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    index = {page.objgen: number for number, page in enumerate(pdf.pages)}
    trims = [float(page.obj.get("/TrimBox", page.mediabox)[3]) for page in pdf.pages]
    names = pdf.Root.get("/Names")
    result = {}
    if names is None or "/Dests" not in names:
        return result
    for name, dest in pikepdf.NameTree(names.Dests).items():
        page_number = index.get(dest[0].objgen)
        if page_number is None:
            continue
        y = float(dest[3])
        result[str(name)] = (page_number, (trims[page_number] - y) * MM_PER_PT)
    return result


def text_lines(pdf_bytes):
    """Per page: (top-of-trim offset in mm, [(text, top mm, bottom mm)]) of its characters,
    grouped into the strings pypdfium2 reports."""
    document = pypdfium2.PdfDocument(pdf_bytes)
    pages = []
    try:
        for page in document:
            trim_top = page.get_trimbox()[3]
            textpage = page.get_textpage()
            chars = []
            for i in range(textpage.count_chars()):
                box = textpage.get_charbox(i)
                char = textpage.get_text_range(i, 1)
                if char.strip():
                    chars.append(
                        (char, (trim_top - box[3]) * MM_PER_PT, (trim_top - box[1]) * MM_PER_PT)
                    )
            pages.append((textpage.get_text_range(), chars))
    finally:
        document.close()
    return pages


def is_filler(page_text):
    first = page_text.strip().splitlines()[0] if page_text.strip() else ""
    return first.startswith(FILLER_HEADINGS)


def measure_issue_pdf(pdf_bytes, geometry, order, new_page_before=()):
    """{story key: columns} for the stories of `order` (page ids in print order, as strings,
    with "lead_rest" after the lead's id), as laid out in the PDF.

    `new_page_before`: keys whose story starts a new page with something above it (the first
    article of an insert, under the insert's masthead); the space above it is not counted.
    """
    dests = named_destinations(pdf_bytes)
    pages = text_lines(pdf_bytes)
    content_pages = [i for i, (text, _) in enumerate(pages) if not is_filler(text)]
    last_page = max(content_pages) if content_pages else 0
    text_top = geometry.margin
    text_bottom = geometry.margin + geometry.text_height

    starts = []
    for key in order:
        name = "lead_rest" if key == "lead_rest" else f"story-{key}"
        if name in dests:
            page, top = dests[name]
            starts.append(Start(key, page, top))

    def lowest_text(page, below, above=None):
        bottoms = [
            bottom
            for _, top, bottom in pages[page][1]
            if top >= below - 0.5 and bottom <= text_bottom + 0.5 and (above is None or top < above)
        ]
        return max(bottoms, default=below)

    columns = defaultdict(float)
    for i, start in enumerate(starts):
        nxt = starts[i + 1] if i + 1 < len(starts) else None
        end_page = nxt.page if nxt else last_page
        key = str(start.key)
        owner = starts[i - 1].key if key == "lead_rest" and i else key
        for page in range(start.page, end_page + 1):
            top = start.top if page == start.page else text_top
            if nxt and page == nxt.page:
                if nxt.key in new_page_before and page != start.page:
                    break
                bottom = nxt.top if page == nxt.page else None
                if nxt.key == "lead_rest" or nxt.key in new_page_before:
                    bottom = lowest_text(page, top, nxt.top)
            else:
                bottom = lowest_text(page, top)
            columns[owner] += max(0.0, bottom - top) * geometry.columns / geometry.text_height
    return dict(columns), starts
