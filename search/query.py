"""What a reader types, turned into a Wagtail search query, and the stems to highlight.

The grammar is small: words must all match; "quoted words" must appear together; a minus sign
excludes a word or a quoted phrase. Anything else (stray quotes, brackets, operators, SQL) is
only punctuation between words: only runs of letters and digits ever reach the search backend,
so no input can break its query syntax.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from wagtail.search.query import And, Not, Phrase, PlainText

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12  # words and phrases together: bounds the work one search can ask for

WORD = re.compile(r"\w+")
TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')


@lru_cache(maxsize=20_000)
def stem(word):
    return _stemmer().stemWord(word.lower())


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


@dataclass
class ParsedQuery:
    words: list = field(default_factory=list)
    phrases: list = field(default_factory=list)
    excluded_words: list = field(default_factory=list)
    excluded_phrases: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not (self.words or self.phrases)

    def search_query(self):
        """The Wagtail query object, or None when there is nothing to look for."""
        if self.is_empty:
            return None
        parts = []
        if self.words:
            parts.append(PlainText(" ".join(self.words), operator="and"))
        parts += [Phrase(phrase) for phrase in self.phrases]
        parts += [Not(PlainText(word)) for word in self.excluded_words]
        parts += [Not(Phrase(phrase)) for phrase in self.excluded_phrases]
        return parts[0] if len(parts) == 1 else And(parts)

    def stems(self):
        """Stems of every word searched for (not those excluded), for highlighting."""
        words = self.words + [w for phrase in self.phrases for w in phrase.split()]
        return {stem(w) for w in words}


def parse(text):
    """Parse a query string (already cleaned and at most MAX_QUERY_LENGTH long)."""
    parsed = ParsedQuery()
    terms = 0
    # A lone quote with no partner is just punctuation: drop the last one.
    if text.count('"') % 2:
        head, _, tail = text.rpartition('"')
        text = f"{head} {tail}"
    for match in TOKEN.finditer(text):
        minus_phrase, phrase, minus_word, token = match.groups()
        if phrase is not None:
            words = WORD.findall(phrase)
            if not words:
                continue
            if len(words) == 1:
                # A quoted single word is just that word.
                target = parsed.excluded_words if minus_phrase else parsed.words
                target.append(words[0])
            else:
                target = parsed.excluded_phrases if minus_phrase else parsed.phrases
                target.append(" ".join(words))
            terms += 1
        else:
            words = WORD.findall(token)
            if minus_word and len(words) > 1:
                # "-e-mail" or "-trade-union": exclude the hyphenated phrase.
                parsed.excluded_phrases.append(" ".join(words))
                terms += 1
                words = []
            for word in words:
                (parsed.excluded_words if minus_word else parsed.words).append(word)
                terms += 1
        if terms >= MAX_TERMS:
            break
    return parsed


def clean_query(raw):
    """Printable characters, single spaces; the caller checks the length."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(printable.split())
