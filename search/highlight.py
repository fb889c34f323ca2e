"""Matched words wrapped in <mark>, with everything else escaped.

The text (from the page) and the stems (from the reader's query) are both untrusted: the text is
split into words and gaps, every piece is escaped, and only the <mark> tags added here are markup.
"""

import re
from bisect import bisect_left
from functools import lru_cache

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
    prefixes = tuple(s[:4] for s in stems)
    words = list(WORD.finditer(text))
    hits = []
    if stems and words:
        # Only words that begin like a stem are stemmed: a regular expression finds them, so
        # a long body costs one pass in C rather than a Python call per word.
        starts = [m.start() for m in words]
        for candidate in candidates(prefixes).finditer(text):
            if matches(candidate.group(), stems, prefixes):
                hits.append(bisect_left(starts, candidate.start()))
    start_word, end_word = 0, len(words)
    if limit is not None and len(words) > limit:
        first = hits[0] if hits else 0
        start_word = max(0, min(first - LEAD_IN, len(words) - limit))
        end_word = start_word + limit
    start = words[start_word].start() if start_word else 0
    end = words[end_word - 1].end() if end_word < len(words) else len(text)
    out, position, marked = [], start, set(hits)
    for i in range(start_word, end_word):
        match = words[i]
        if i in marked:
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    out.append(escape(text[position:end]))
    html = "".join(out).strip()
    if start > 0:
        html = "…" + html
    if end < len(text):
        html += "…"
    return mark_safe(html)  # noqa: S308 -- every piece above is escaped
