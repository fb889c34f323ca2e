"""Site search: articles, inserts, bulletin editions and plain pages, with filters.

Wagtail's database backend does the matching and ranking (search/backend.py); on PostgreSQL a
search for words runs on the document table (search/documents.py). The filters are
search/filters.py's; what each result shows is search/results.py's.
"""

import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from . import documents, ranking
from . import suggestions as suggestions_cache
from .filters import Filters, searchable_pages
from .forms import SearchForm
from .query import WORD, clean_query
from .results import describe

logger = logging.getLogger(__name__)

TIME_LIMIT = 1.0  # seconds: a search that takes longer is stopped and the reader told
SUGGESTIONS = 8
MAX_SUGGEST_LENGTH = 100


@contextmanager
def time_limit(seconds):
    """Stop any query that runs longer than `seconds` (it raises a DatabaseError)."""
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                # A search is a short query whose estimated cost over 100,000 rows can still
                # pass the thresholds for JIT compilation and parallel workers, which then cost
                # more to start than they save; and its tables are read from memory, so random
                # reads cost little more than sequential ones.
                cursor.execute(
                    f"SET LOCAL statement_timeout = {int(seconds * 1000)}; SET LOCAL jit = off; "
                    "SET LOCAL max_parallel_workers_per_gather = 0; "
                    "SET LOCAL random_page_cost = 1.1"
                )
            yield
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        deadline = time.monotonic() + seconds
        connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            yield
        finally:
            connection.connection.set_progress_handler(None, 0)
    else:
        yield


def run_search(form, filters):
    """The matching pages, as a queryset or Wagtail search results, in the chosen order."""
    data = form.cleaned_data
    pages = filters.pages()
    sort = data.get("sort") or "relevance"
    query = form.parsed.search_query() if data.get("q") else None
    order = ["first_published_at", "id"] if sort == "oldest" else ["-first_published_at", "-id"]
    if query is None:
        return pages.order_by(*order)
    if connection.vendor == "postgresql" and ranking.is_text_query(query):
        # Filters, count and ranking on the narrow document table (search/documents.py).
        return documents.search(query, pages, filters.documents(), sort)
    if sort == "relevance":
        return pages.search(query)
    return pages.order_by(*order).search(query, order_by_relevance=False)


def search(request):
    form = SearchForm(request.GET or None)
    context = {
        "form": form,
        "query": request.GET.get("q", "")[:200],
        "count_cap": ranking.COUNT_CAP,
    }
    valid = form.is_valid()
    filters = Filters.from_form(form) if valid else None
    if valid and (form.cleaned_data["q"] or filters.is_set):
        context["query"] = form.cleaned_data["q"]
        try:
            with time_limit(TIME_LIMIT):
                results = run_search(form, filters)
                paginator = Paginator(results, settings.SOLIDARITY_PAGE_SIZE)
                page = paginator.get_page(request.GET.get("page"))
                listed = list(page.object_list)
        except DatabaseError:
            logger.warning("Search failed or timed out: %r", request.GET.urlencode()[:300])
            context["search_error"] = (
                "That search took too long. Try more specific words, or narrow it with a filter."
            )
        else:
            context.update(
                searched=True,
                results=page,
                items=describe(listed, form.parsed.stems() if context["query"] else set(), request),
            )
    return render(request, "search/search.html", context)


def suggest(request):
    """Headlines that start with what has been typed, as JSON for the search box's script."""
    query = clean_query(request.GET.get("q", ""))[:MAX_SUGGEST_LENGTH]
    words = WORD.findall(query)[:6]
    suggestions = []
    if words and len("".join(words)) >= 2:
        typed = " ".join(words).lower()
        suggestions = suggestions_cache.cached(
            [request.get_host(), typed], lambda: find_suggestions(request, typed)
        )
    response = JsonResponse({"query": query, "suggestions": suggestions})
    # Private: a shared cache would keep an unpublished headline after the site drops its own.
    patch_cache_control(response, private=True, max_age=60)
    return response


def find_suggestions(request, typed):
    """([{title, url}...], whether to cache them)."""
    try:
        with time_limit(TIME_LIMIT):
            pages = list(searchable_pages().autocomplete(typed)[:SUGGESTIONS])
    except DatabaseError:
        logger.warning("Suggestions failed or timed out for %r", typed)
        return [], False
    return [{"title": p.title, "url": p.get_url(request)} for p in pages], True
