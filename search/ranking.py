"""What the search backends (search/backend_*.py) and the document table (search/documents.py)
rank by: the count cap, the headline weights, the tie-break, and pages read across tiers."""

from django.contrib.postgres.search import SearchRank
from django.db.models import F
from modelsearch.query import Fuzzy, MatchAll, Not

# Searches count their matches up to this many; beyond it the page says "more than". Read as
# ranking.COUNT_CAP where it is used, so that a test can lower it.
COUNT_CAP = 1000

# How the headline vector's matches rank (PostgreSQL): ts_rank weights for labels D, C, B, A.
# Wagtail labels the title C and the article standfirst B (from the boosts 2 and 3, beside the
# image title's 10 as A); the headline counts most.
HEADLINE_WEIGHTS = "{0.1, 1.0, 0.6, 1.0}"


def headline_rank(vector, tsquery):
    return SearchRank(vector, tsquery, weights=HEADLINE_WEIGHTS)


def recency(model):
    """The tie-break between results of equal relevance: newest first."""
    if any(f.name == "first_published_at" for f in model._meta.get_fields()):
        return [F("first_published_at").desc(nulls_last=True), "-pk"]
    return ["-pk"]


def has_negation(query):
    if isinstance(query, Not):
        return True
    return any(has_negation(q) for q in getattr(query, "subqueries", ()))


def is_text_query(query):
    """Words and phrases to match, not "everything" or a fuzzy search."""
    if isinstance(query, Not):
        query = query.subquery
    return not isinstance(query, (MatchAll, Fuzzy))


def page_of_tiers(tiers, start, stop):
    """Results start to stop of the tiers (querysets) one after the other, reading each tier's
    size only when the page begins past it."""
    results, before = [], 0
    for tier in tiers:
        begin, end = max(0, start - before), stop - before
        if end <= 0:
            break
        rows = list(tier[begin:end])
        results += rows
        if len(results) >= stop - start:
            break
        if rows or not begin:
            before += begin + len(rows)
        else:
            before += tier.order_by().values("pk")[:begin].count()
    return results
