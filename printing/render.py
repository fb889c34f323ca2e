"""Turn a page into a print-ready PDF with WeasyPrint.

One layout pass for the content (a second only if the front page runs over and moves the
"continued on page N" target), then whole filler pages laid out on their own and appended to
reach a multiple of four pages. After WeasyPrint, pikepdf sets each page's BleedBox and
draws crop marks outside the bleed, in registration colour for CMYK profiles.
"""

import functools
import io
import logging
import math
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pikepdf
import pypdfium2
import weasyprint
from django.template.loader import render_to_string
from PIL import Image as PILImage
from PIL import ImageCms
from wagtail.images import get_image_model
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .documents import document_for
from .typesetting import TYPE, PageGeometry

ASSETS = Path(__file__).resolve().parent
ICC_CMYK = ASSETS / "icc" / "solidarity-fogra39-cmyk.icc"
MM_TO_PT = 72 / 25.4
SCREEN_DPI = 110

# The paper's colours, as screen RGB and as print CMYK (ink fractions).
PALETTE = {
    "ink": ("#1a1a1a", (0, 0, 0, 1)),
    "red": ("#b3001b", (0, 1, 0.85, 0.25)),
    "muted": ("#4d4d4d", (0, 0, 0, 0.75)),
    "rule": ("#9a9a9a", (0, 0, 0, 0.45)),
    "tint": ("#f1ede8", (0, 0.03, 0.06, 0.05)),
    "paper": ("#ffffff", (0, 0, 0, 0)),
}
FILLERS = ["subscribe", "get_involved", "house_advert"]


@functools.cache
def cmyk_transform():
    """sRGB to the shipped CMYK profile; built once per process (it takes a moment)."""
    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(str(ICC_CMYK)),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
    )


class PrintError(Exception):
    """A build that cannot succeed as the content stands; the message is for the editor."""


@dataclass
class PrintSettings:
    """The geometry and colour handling of one build, from a profile and a variant."""

    profile: object
    screen: bool = False

    @property
    def cmyk(self):
        return self.profile.colour == "cmyk" and not self.screen

    @property
    def bleed_mm(self):
        return Decimal("0") if self.screen else self.profile.bleed_mm

    @property
    def slug_mm(self):
        return Decimal("0") if self.screen else self.profile.slug_mm

    @property
    def dpi(self):
        return SCREEN_DPI if self.screen else self.profile.min_dpi

    @property
    def page(self):
        """The profile's margins and columns, from the typesetting table."""
        return PageGeometry.for_profile(self.profile)

    @property
    def margin_mm(self):
        return self.page.margin

    @property
    def column_gap_mm(self):
        return self.page.gap

    def column_width_mm(self, span=1):
        return self.page.span_mm(span)

    def css_colour(self, hex_colour):
        """A #rrggbb colour as CSS for this build: converted through the ICC profile for CMYK."""
        if not self.cmyk:
            return hex_colour
        pixel = PILImage.new("RGB", (1, 1), hex_colour)
        cmyk = ImageCms.applyTransform(pixel, cmyk_transform()).getpixel((0, 0))
        return "device-cmyk({})".format(" ".join(f"{v / 255:.3f}" for v in cmyk))

    def colours(self):
        if self.cmyk:
            return {
                name: "device-cmyk({})".format(" ".join(f"{v:g}" for v in cmyk))
                for name, (_, cmyk) in PALETTE.items()
            }
        return {name: rgb for name, (rgb, _) in PALETTE.items()}


@dataclass
class BuildResult:
    pdf: bytes
    page_count: int
    warnings: list = field(default_factory=list)


class ImageFetcher(URLFetcher):
    """Serves images to WeasyPrint from their originals, sized for print and colour-converted.

    Only `print-image:` URLs and the project's own fonts and ICC profile can be fetched, so
    nothing in an article can make the renderer read other files or the network.
    """

    def __init__(self, settings, warnings, on_image=None):
        super().__init__(allowed_protocols={"file"})
        self.settings = settings
        self.warnings = warnings
        self.on_image = on_image
        self.cache = {}

    def fetch(self, url, headers=None):
        if url.startswith("print-image:"):
            return self.image(url)
        if url.startswith("file://"):
            path = Path(urlparse(url).path).resolve()
            if path.is_relative_to(ASSETS / "fonts") or path == ICC_CMYK:
                return super().fetch(url, headers)
        raise ValueError(f"Print templates may not fetch {url}")

    def image(self, url):
        if url not in self.cache:
            self.cache[url] = self.prepare(url)
            if self.on_image:
                self.on_image()
        return URLFetcherResponse(url, self.cache[url], {"Content-Type": "image/jpeg"})

    def prepare(self, url):
        parsed = urlparse(url)
        image_id = int(parsed.path)
        width_mm = float(parse_qs(parsed.query)["w"][0])
        image = get_image_model().objects.filter(pk=image_id).first()
        if image is None:
            raise ValueError(f"image {image_id} no longer exists")
        try:
            with image.open_file() as handle:
                original = PILImage.open(handle)
                original.load()
        except (OSError, FileNotFoundError) as error:
            self.warnings.append(f"The picture “{image.title}” could not be read ({error}).")
            raise
        target_px = round(width_mm / 25.4 * self.settings.dpi)
        effective_dpi = original.width / (width_mm / 25.4)
        if not self.settings.screen and effective_dpi < self.settings.profile.min_dpi:
            self.warnings.append(
                f"The picture “{image.title}” prints at {effective_dpi:.0f} dpi, below the "
                f"{self.settings.profile.min_dpi} dpi this printer asks for: use a larger "
                "original or print it smaller."
            )
        picture = original.convert("RGB")
        if picture.width > target_px:
            height = round(picture.height * target_px / picture.width)
            picture = picture.resize((target_px, height), PILImage.LANCZOS)
        if self.settings.cmyk:
            picture = ImageCms.applyTransform(picture, cmyk_transform())
        out = io.BytesIO()
        quality = 70 if self.settings.screen else 88
        picture.save(out, "JPEG", quality=quality, dpi=(self.settings.dpi, self.settings.dpi))
        return out.getvalue()


def render_html(page, settings, extra=None):
    template, context = document_for(page)
    context.update(
        settings=settings,
        profile=settings.profile,
        colours=settings.colours(),
        fonts_url=(ASSETS / "fonts").as_uri(),
        icc_url=ICC_CMYK.as_uri(),
        type=TYPE,
        trim_w=settings.page.trim_w,
        trim_h=settings.page.trim_h,
        text_h=settings.page.text_height - 8,  # a filler page's box, 8 mm short of the text area
        outer_mm=settings.bleed_mm + settings.slug_mm,
        **(extra or {}),
    )
    if "series" in context:
        context["series_colour"] = settings.css_colour(context["series"].masthead_colour)
    return render_to_string(template, context), context


class WarningCollector(logging.Handler):
    """WeasyPrint reports problems through logging; the job shows them to the editor."""

    def __init__(self, warnings):
        super().__init__(logging.WARNING)
        self.warnings = warnings

    def emit(self, record):
        message = record.getMessage()
        if message not in self.warnings:
            self.warnings.append(message)


def layout(html, fetcher, warnings):
    logger = logging.getLogger("weasyprint")
    handler = WarningCollector(warnings)
    logger.addHandler(handler)
    try:
        return weasyprint.HTML(string=html, url_fetcher=fetcher, base_url="/").render()
    finally:
        logger.removeHandler(handler)


def anchor_pages(document):
    """{anchor id: page number (1-based)} for the rendered document."""
    pages = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def pages_needed(count, multiples):
    """The smallest allowed page count that holds `count` pages: a bulletin is 2 or 4 pages,
    a newspaper any multiple of 4."""
    for size in multiples:
        if count <= size:
            return size
    last = multiples[-1]
    return math.ceil(count / last) * last


def build_pdf(page, profile, screen=False, progress=None):
    """Render `page` with `profile`; `progress(percent, stage)` is told how far it has got."""
    progress = progress or (lambda percent, stage: None)
    settings = PrintSettings(profile, screen=screen)
    warnings = []
    progress(5, "Collecting the content")
    images_done = [0]

    def on_image():
        images_done[0] += 1
        progress(min(40, 10 + images_done[0]), f"Preparing pictures ({images_done[0]})")

    fetcher = ImageFetcher(settings, warnings, on_image)

    # The lead's remainder starts the inside pages, so its jump is to page 2 unless the front
    # page overflows; only then is a second full layout needed.
    jumps = {"lead_rest": 2}
    html, context = render_html(page, settings, {"jumps": jumps})
    if context.get("empty"):
        raise PrintError(context["empty"])
    document = layout(html, fetcher, warnings)
    actual = anchor_pages(document)
    if "lead_rest" in actual and actual["lead_rest"] != jumps["lead_rest"]:
        progress(45, "Laying out again: the front page runs over")
        html, _ = render_html(page, settings, {"jumps": actual})
        document = layout(html, fetcher, warnings)
    progress(60, "Fitting the pages")
    content_pages = len(document.pages)
    target = pages_needed(content_pages, context.get("page_sizes", [4]))
    if context.get("max_pages") and content_pages > context["max_pages"]:
        warnings.append(
            f"The content fills {content_pages} pages; a {context['publication']} edition "
            f"should be at most {context['max_pages']}. Shorten or drop items."
        )
    if target > content_pages:
        # Filler pages are whole pages, laid out on their own and appended.
        fillers = [FILLERS[i % len(FILLERS)] for i in range(target - content_pages)]
        html, _ = render_html(
            page, settings, {"fillers": fillers, "first_filler_page": content_pages + 1}
        )
        filler_document = layout(html, fetcher, warnings)
        document = document.copy([*document.pages, *filler_document.pages])
    if len(document.pages) != target:
        warnings.append(
            f"The filler did not fit exactly: {len(document.pages)} pages instead of {target}."
        )
    progress(80, "Writing the PDF")
    pdf = document.write_pdf(pdf_variant="pdf/x-4" if settings.cmyk else None)
    pdf = finish_boxes_and_marks(pdf, settings)
    progress(90, "Checking the PDF")
    return BuildResult(pdf=pdf, page_count=len(document.pages), warnings=warnings)


def finish_boxes_and_marks(pdf_bytes, settings):
    """Set BleedBox to trim + bleed and draw crop marks in the slug beyond the bleed."""
    bleed = float(settings.bleed_mm) * MM_TO_PT
    slug = float(settings.slug_mm) * MM_TO_PT
    if not bleed and not slug:
        return pdf_bytes
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    colour = "1 1 1 1 K" if settings.cmyk else "0 G"  # registration colour / black
    for page in pdf.pages:
        x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
        page.obj.BleedBox = pikepdf.Array([x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed])
        if slug:
            gap = bleed + 1 * MM_TO_PT  # marks start clear of the bleed
            lines = []
            for x in (x0, x1):
                for y, direction in ((y0, -1), (y1, 1)):
                    lines.append(
                        f"{x:.2f} {y + direction * gap:.2f} m "
                        f"{x:.2f} {y + direction * (bleed + slug):.2f} l S"
                    )
            for y in (y0, y1):
                for x, direction in ((x0, -1), (x1, 1)):
                    lines.append(
                        f"{x + direction * gap:.2f} {y:.2f} m "
                        f"{x + direction * (bleed + slug):.2f} {y:.2f} l S"
                    )
            marks = f"q {colour} 0.25 w {' '.join(lines)} Q".encode()
            page.contents_add(pikepdf.Stream(pdf, marks), prepend=False)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def first_page_thumbnail(pdf_bytes, width=360):
    """PNG of page 1, for the admin listing and the sellers' portal."""
    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        page = document[0]
        scale = width / page.get_width()
        image = page.render(scale=scale).to_pil()
        out = io.BytesIO()
        image.convert("RGB").save(out, "PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()
