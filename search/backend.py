"""Wagtail's database search backend, with the site's tie-break and a fix for phrases.

`SearchBackend(params)` picks the vendor backend as Wagtail's own does (PostgreSQL full-text
search, or SQLite FTS5) and changes two things:

- On SQLite, a headline match counts ten times a match in the rest of the page (Wagtail's
  SQLite ranking ignores which field matched).
- Results of equal relevance come newest first (by first_published_at), not by primary key,
  which says nothing about age for imported or generated archives.
- On PostgreSQL, a phrase under Not ("-\"a phrase\"") is negated; Wagtail's compiler drops the
  negation for phrases and would return the phrase's matches instead.
- On PostgreSQL, relevance order puts headline matches first, so a common word does not make
  every match's body be ranked, and counts stop at COUNT_CAP.
"""

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.query import Fuzzy, MatchAll, Phrase

# Searches count their matches up to this many; beyond it the page says "more than".
COUNT_CAP = 1000


def recency(model):
    if any(f.name == "first_published_at" for f in model._meta.get_fields()):
        return [F("first_published_at").desc(nulls_last=True), "-pk"]
    return ["-pk"]


def postgres_backend(params):
    from modelsearch.backends.database.postgres import postgres

    class Compiler(postgres.PostgresSearchQueryCompiler):
        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, Phrase) and invert:
                return ~SearchQuery(query.query_string, search_type="phrase", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

        def _apply_ordering_and_scoring(self, queryset, rank, start, stop, score_field=None):
            if self.order_by_relevance:
                queryset = queryset.order_by(rank.desc(), *recency(queryset.model))
                if score_field is not None:
                    queryset = queryset.annotate(**{score_field: rank})
                return queryset[start:stop]
            return super()._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)

    class AutocompleteCompiler(Compiler, postgres.PostgresAutocompleteQueryCompiler):
        pass

    class HeadlineFirstCompiler(Compiler):
        """Relevance order in two tiers: pages whose headline matches, then the rest.

        Ranking every match of a common word means reading the body vector of tens of
        thousands of rows; headline matches are few, so a first page of results usually
        costs only theirs. Each tier is ordered by Wagtail's full rank, then recency.
        """

        def search(self, config, start, stop, score_field=None, backend=None):
            ranked = super().search(config, None, None, score_field, backend)
            if not self.order_by_relevance or isinstance(self.query, (MatchAll, Fuzzy)):
                return ranked[start:stop]
            tsquery = self.build_tsquery(self.query, config=config)
            ranked = ranked.alias(
                _headline_=ExpressionWrapper(
                    Q(index_entries__title=tsquery), output_field=BooleanField()
                )
            )
            headline = ranked.filter(_headline_=True)
            rest = ranked.filter(_headline_=False)
            stop = start + COUNT_CAP if stop is None else stop
            in_headline = headline.order_by().values("pk")[: stop + 1].count()
            results = list(headline[start:stop]) if start < in_headline else []
            if stop > in_headline:
                results += list(rest[max(0, start - in_headline) : stop - in_headline])
            return results

    class Results(postgres.PostgresSearchResults):
        def _do_count(self):
            # Counting every match of a common word costs as much as ranking them all; a
            # reader needs "more than 1,000", not the exact figure.
            compiler = self.query_compiler
            matches = postgres.PostgresSearchQueryCompiler.search(
                compiler, compiler.get_config(self.backend), None, None, backend=self.backend
            )
            return matches.order_by().values("pk")[: COUNT_CAP + 1].count()

    class Backend(postgres.PostgresSearchBackend):
        query_compiler_class = HeadlineFirstCompiler
        autocomplete_query_compiler_class = AutocompleteCompiler
        results_class = Results

    return Backend(params)


def sqlite_backend(params):
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import BM25, SQLiteFTSIndexEntry

    class WeightedBM25(BM25):
        # Columns in the FTS table's order: autocomplete, body, title.
        def as_sql(self, compiler, connection, function=None, template=None):
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 10.0)", []

    class Compiler(sqlite.SQLiteSearchQueryCompiler):
        def _build_rank_expression(self, vectors, config):
            # Wagtail's adds the same unweighted bm25() twice; weight headline matches instead.
            return WeightedBM25()

        def search(self, config, start, stop, score_field=None):
            if not self.order_by_relevance:
                return super().search(config, start, stop, score_field)
            # Wagtail orders by score then pk: re-order the unsliced results (lower BM25 is
            # better in SQLite).
            field = score_field or "_score"
            queryset = super().search(config, None, None, field)
            if field in queryset.query.annotations:
                queryset = queryset.order_by(F(field).asc(), *recency(queryset.model))
            return queryset[start:stop]

    class AutocompleteCompiler(Compiler, sqlite.SQLiteAutocompleteQueryCompiler):
        pass

    class Backend(sqlite.SQLiteSearchBackend):
        query_compiler_class = Compiler
        autocomplete_query_compiler_class = AutocompleteCompiler

    return Backend(params)


def SearchBackend(params):  # noqa: N802 -- the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return postgres_backend(params)
    backend = vendor_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        return sqlite_backend(params)
    return backend  # MySQL, or SQLite without FTS5: Wagtail's own, unchanged
