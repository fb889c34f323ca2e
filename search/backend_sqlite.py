"""Wagtail's SQLite FTS5 search backend, with the site's ranking and tie-break.

- A headline match counts ten times a match in the rest of the page (Wagtail's SQLite ranking
  ignores which field matched).
- Results of equal relevance come newest first (by first_published_at), not by primary key.

Imported only on SQLite with FTS5 (search/backend.py): Wagtail's module looks up a model that
exists only there.
"""

from django.db.models import F
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import BM25, SQLiteFTSIndexEntry

from . import ranking
from .filters import ExpressionFiltersMixin


class WeightedBM25(BM25):
    # Columns in the FTS table's order: autocomplete, body, title.
    def as_sql(self, compiler, connection, function=None, template=None):
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 10.0)", []


class Compiler(ExpressionFiltersMixin, sqlite.SQLiteSearchQueryCompiler):
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
            queryset = queryset.order_by(F(field).asc(), *ranking.recency(queryset.model))
        return queryset[start:stop]


class AutocompleteCompiler(Compiler, sqlite.SQLiteAutocompleteQueryCompiler):
    pass


class SQLiteBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = Compiler
    autocomplete_query_compiler_class = AutocompleteCompiler
