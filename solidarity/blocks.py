"""The shared StreamField blocks: article and page bodies, and bulletin items."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

INLINE_FEATURES = ["bold", "italic", "link", "superscript"]
BODY_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "blockquote"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=250)
    credit = blocks.CharBlock(required=False, max_length=120, help_text="Photographer or source")
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the picture for readers who cannot see it. "
        "Leave blank to use the image's own description.",
    )

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"
        description = "A picture with caption and credit"


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=400)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "components/blocks/pull_quote.html"
        description = "A short quotation set large beside the text"
        preview_value = {
            "quote": "An injury to one is an injury to all.",
            "attribution": "Industrial Workers of the World",
        }


class BoxOutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=BODY_FEATURES)

    class Meta:
        icon = "doc-full"
        template = "components/blocks/box_out.html"
        description = "A boxed panel of background or facts set apart from the article"
        preview_value = {
            "title": "The dispute in numbers",
            "body": "<ul><li>3,000 workers balloted</li><li>89% for action</li></ul>",
        }


class FootnotesBlock(blocks.StructBlock):
    notes = blocks.ListBlock(blocks.RichTextBlock(features=INLINE_FEATURES), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "components/blocks/footnotes.html"
        description = "Numbered notes and sources at the foot of the article"
        preview_value = {"notes": ["<p>Office for National Statistics, 2025.</p>"]}


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=BODY_FEATURES,
        template="components/blocks/paragraph.html",
        description="Running text",
        preview_value="<p>Workers at the depot walked out on Monday morning.</p>",
    )
    subheading = blocks.CharBlock(
        max_length=120,
        icon="title",
        template="components/blocks/subheading.html",
        description="A crosshead that breaks up a long article",
        preview_value="What happens next",
    )
    image = ImageBlock()
    pull_quote = PullQuoteBlock()
    box_out = BoxOutBlock()
    embed = EmbedBlock(
        icon="media",
        template="components/blocks/embed.html",
        description="A video or post from another site, by its URL",
    )
    footnotes = FootnotesBlock()


class BulletinItemBlock(blocks.StructBlock):
    """One short item of a workplace bulletin: a headline and a few paragraphs."""

    heading = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=BODY_FEATURES)
    image = ImageChooserBlock(required=False)

    class Meta:
        icon = "doc-empty"
        template = "components/blocks/bulletin_item.html"
        description = "A short item: headline and text"
        preview_value = {
            "heading": "Stop the job cuts",
            "body": "<p>Management want to cut station staff again. We say no.</p>",
        }


class BulletinBodyBlock(blocks.StreamBlock):
    item = BulletinItemBlock()
    pull_quote = PullQuoteBlock()
    box_out = BoxOutBlock()
