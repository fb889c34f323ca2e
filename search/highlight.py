"""Matched words wrapped in <mark>, with everything else escaped.

The text (from the page) and the stems (from the reader's query) are both untrusted: the text is
split into words and gaps, every piece is escaped, and only the <mark> tags added here are markup.
"""

import re
from functools import lru_cache
from itertools import islice

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .query import stem

WORD = re.compile(r"\w+")
SNIPPET_WORDS = 40
LEAD_IN = 8  # words of context before the first match


def matches(word, stems, prefixes):
    # Stemming is the slow part: only stem words that could share a stem's first letters.
    lower = word.lower()
    return lower.startswith(prefixes) and stem(lower) in stems


@lru_cache(maxsize=512)
def candidates(prefixes):
    """Whole words (as WORD finds them) that may begin with one of the prefixes."""
    alternatives = "|".join(re.escape(p) for p in sorted(set(prefixes), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text, stems, limit=None):
    """Escaped text with matched words marked; with `limit`, a window of that many words
    around the first match (or the start), with ellipses where it was cut."""
    text = text or ""
    stems = {s for s in stems if s}
    hits = []  # the matched words, as regular expression matches
    if stems and text:
        # Only words that begin like a stem are stemmed: a regular expression finds them, so
        # a long body costs one pass in C rather than a Python call per word.
        prefixes = tuple(s[:4] for s in stems)
        found = candidates(prefixes).finditer(text)
        hits = [word for word in found if matches(word.group(), stems, prefixes)]
    start, end = 0, len(text)
    if limit is not None:
        start, end = window(text, hits[0].start() if hits else 0, limit)
    out, position = [], start
    for word in hits:
        if start <= word.start() < end:
            out.append(escape(text[position : word.start()]))
            out.append(f"<mark>{escape(word.group())}</mark>")
            position = word.end()
    out.append(escape(text[position:end]))
    html = "".join(out).strip()
    if start > 0:
        html = "…" + html
    if end < len(text):
        html += "…"
    return mark_safe(html)  # noqa: S308 -- every piece above is escaped


def window(text, first, limit):
    """(start, end) in characters of `limit` words: from LEAD_IN words before the word at
    `first`, or from further back when the text ends sooner; the whole text if that short.

    Only the words up to the window's end are read, and a body's first match is often early.
    """
    before = [word.span() for word in WORD.finditer(text, 0, first)]
    after = [word.span() for word in islice(WORD.finditer(text, first), limit + 1)]
    words = before + after  # every word up to the window's end, and one more if there are more
    if len(words) <= limit:
        return 0, len(text)
    first_word = max(0, min(len(before) - LEAD_IN, len(words) - limit))
    last_word = first_word + limit - 1
    start = words[first_word][0] if first_word else 0
    end = words[last_word][1] if last_word < len(words) - 1 else len(text)
    return start, end
