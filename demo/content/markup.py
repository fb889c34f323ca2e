"""A compact way to write demo text, and its conversion to rich text and StreamField data.

Text is written as plain paragraphs separated by blank lines. A paragraph that starts with "- "
is a bulleted list, each "- " starting an item; *words* become italic and **words** bold.
"""

import html as htmllib
import re


def p(text):
    return ("paragraph", text)


def h(text):
    return ("subheading", text)


def img(key, caption, credit="Solidarity"):
    return ("image", key, caption, credit)


def quote(text, attribution=""):
    return ("pull_quote", text, attribution)


def box(title, text):
    return ("box_out", title, text)


def notes(*items):
    return ("footnotes", items)


def item(heading, text):
    """One short item of a bulletin."""
    return ("item", heading, text)


def inline(text):
    text = htmllib.escape(" ".join(text.split()), quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)


def rich(text):
    """HTML for Wagtail rich text from the plain-text convention above."""
    parts = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in para.strip().splitlines()]
        if not lines:
            continue
        if lines[0].startswith("- "):
            # Each "- " starts an item; the lines after it continue that item.
            items = []
            for line in lines:
                if line.startswith("- "):
                    items.append(line[2:])
                else:
                    items[-1] += " " + line
            parts.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
        else:
            parts.append(f"<p>{inline(' '.join(lines))}</p>")
    return "".join(parts)


def plain(text):
    """One line of plain text (standfirsts, bios, quotes): whitespace collapsed, no markers."""
    return re.sub(r"\*+(.+?)\*+", r"\1", " ".join(text.split()))


def stream(blocks, images):
    """StreamField raw data from blocks written with the helpers above.

    images maps an image key to the saved image, so body pictures can be referenced by key.
    """
    data = []
    for kind, *args in blocks:
        if kind == "paragraph":
            value = rich(args[0])
        elif kind == "subheading":
            value = args[0]
        elif kind == "image":
            key, caption, credit = args
            value = {"image": images[key].pk, "caption": caption, "credit": credit, "alt_text": ""}
        elif kind == "pull_quote":
            value = {"quote": plain(args[0]), "attribution": args[1]}
        elif kind == "box_out":
            value = {"title": args[0], "body": rich(args[1])}
        elif kind == "footnotes":
            value = {"notes": [rich(note) for note in args[0]]}
        elif kind == "item":
            heading, text = args
            value = {"heading": heading, "body": rich(text), "image": None}
        else:
            raise ValueError(f"Unknown block kind {kind!r}")
        data.append({"type": kind, "value": value})
    return data


def word_count(blocks):
    """Roughly how many words the blocks hold, for checking that the demo text is long enough."""
    words = 0
    for kind, *args in blocks:
        if kind in ("paragraph", "subheading"):
            words += len(args[0].split())
        elif kind in ("pull_quote", "box_out"):
            words += len(args[0].split()) + len(args[1].split())
        elif kind == "footnotes":
            words += sum(len(note.split()) for note in args[0])
        elif kind == "image":
            words += len(args[1].split())
    return words
