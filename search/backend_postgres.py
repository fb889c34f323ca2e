"""Wagtail's PostgreSQL search backend, with the site's tie-break, tiers and document table.

- Results of equal relevance come newest first (by first_published_at), not by primary key,
  which says nothing about age for imported or generated archives.
- A phrase under Not ("-\"a phrase\"") is negated; Wagtail's compiler drops the negation for
  phrases and would return the phrase's matches instead.
- Relevance order puts headline matches first, so a common word does not make every match's
  body be ranked, and counts stop at COUNT_CAP.
- Every write to the index also writes the pages' rows of the document table
  (search/documents.py), which the view searches on.
"""

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db.models import Expression, F, Q, Value
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres import postgres
from modelsearch.query import Phrase
from modelsearch.utils import get_content_type_pk
from wagtail.models import Page

from . import documents, ranking
from .filters import ExpressionFiltersMixin
from .models import SearchDocument

# The PostgreSQL headline vector (search/migrations/0003), ranked with ranking.HEADLINE_WEIGHTS.
HEADLINE_COLUMN = "site_headline"


class HeadlineVector(Expression):
    """`site_headline` of the index entry that a search joins (as `index_entries`)."""

    output_field = SearchVectorField()

    def __init__(self, column=None):
        super().__init__()
        self.column = column

    def get_source_expressions(self):
        return [self.column] if self.column is not None else []

    def set_source_expressions(self, exprs):
        if exprs:
            (self.column,) = exprs

    def resolve_expression(self, *args, **kwargs):
        # The join Wagtail's own filter uses, found through a column of the same table.
        column = F("index_entries__title").resolve_expression(*args, **kwargs)
        return HeadlineVector(column)

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        return f"{quote(self.column.alias)}.{quote(HEADLINE_COLUMN)}", []


class Compiler(ExpressionFiltersMixin, postgres.PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, Phrase) and invert:
            return ~SearchQuery(query.query_string, search_type="phrase", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def _apply_ordering_and_scoring(self, queryset, rank, start, stop, score_field=None):
        if self.order_by_relevance:
            queryset = queryset.order_by(rank.desc(), *ranking.recency(queryset.model))
            if score_field is not None:
                queryset = queryset.annotate(**{score_field: rank})
            return queryset[start:stop]
        return super()._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)


class AutocompleteCompiler(Compiler, postgres.PostgresAutocompleteQueryCompiler):
    def _apply_ordering_and_scoring(self, queryset, rank, start, stop, score_field=None):
        # Suggestions come newest first. Ranking every headline that has a word starting
        # with two typed letters meant reading tens of thousands of index entries; in
        # date order (DESC as the index on first_published_at reads backwards; pages
        # never published are not live) PostgreSQL can stop at the eighth.
        if not self.order_by_relevance:
            return super()._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)
        queryset = queryset.order_by(F("first_published_at").desc(), "-pk")
        if score_field is not None:
            queryset = queryset.annotate(**{score_field: rank})
        return queryset[start:stop]


class HeadlineFirstCompiler(Compiler):
    """Relevance order in tiers: pages whose headline or standfirst match, then the rest.

    The headline tier is found and ranked on `site_headline` (search/migrations/0003), a
    small vector stored inline, so no body is read for it; the rest are ranked by Wagtail's
    full rank. A common word ("more than 1,000 results") would mean ranking tens of
    thousands of pages for an order nobody pages through: then headline matches come
    first, standfirst matches next, then the rest, each newest first, which PostgreSQL
    reads from the index on the date and stops at the page shown.
    """

    capped_count = None  # set by Results._do_count, which the paginator calls first

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self.order_by_relevance or not ranking.is_text_query(self.query):
            return super().search(config, start, stop, score_field, backend)
        tsquery = self.build_tsquery(self.query, config=config)
        model = self.queryset.model
        matches = self.with_vectors(self.matches(tsquery), tsquery)
        # Words and phrases found in the headline are in the document too; only an
        # excluded word needs the document (the body) checked as well.
        in_headline = self.in_headline(tsquery, matches)
        rest = matches.filter(~Q(_headline_=tsquery))
        if self.count_matches(config) <= ranking.COUNT_CAP:
            full_rank = self._build_rank_expression(self.get_index_vectors(tsquery), config)
            tiers = [
                in_headline.order_by(F("_headline_rank_").desc(), *ranking.recency(model)),
                rest.order_by(full_rank.desc(), *ranking.recency(model)),
            ]
        else:
            newest = [F("first_published_at").desc(), "-pk"]
            tiers = [
                in_headline.filter(_title_=tsquery).order_by(*newest),
                in_headline.filter(~Q(_title_=tsquery)).order_by(*newest),
                rest.order_by(*newest),
            ]
        if score_field is not None:
            tiers = [
                tier.annotate(**{score_field: Value(float(len(tiers) - n))})
                for n, tier in enumerate(tiers)
            ]
        stop = start + ranking.COUNT_CAP if stop is None else stop
        return ranking.page_of_tiers(tiers, start, stop)

    def with_vectors(self, queryset, tsquery):
        return queryset.alias(
            _title_=F("index_entries__title"),
            _headline_=HeadlineVector(),
            _headline_rank_=ranking.headline_rank(HeadlineVector(), tsquery),
        )

    def in_headline(self, tsquery, matches):
        if ranking.has_negation(self.query):
            return matches.filter(_headline_=tsquery)
        return self.with_vectors(self.queryset, tsquery).filter(_headline_=tsquery)

    def matches(self, tsquery):
        """The queryset's pages whose document matches: `(title || body) @@ query`, the
        expression of the GIN index site_search_document_gin (search/migrations/0001)."""
        document = F("index_entries__title")._combine(F("index_entries__body"), "||", False)
        return self.queryset.alias(_document_=document).filter(_document_=tsquery)

    def count_matches(self, config):
        """How many pages match, counting no further than COUNT_CAP + 1.

        A common word is often in more than COUNT_CAP headlines: counting those first
        reads no body at all.
        """
        if self.capped_count is None:
            tsquery = self.build_tsquery(self.query, config=config)
            count = 0
            if not ranking.has_negation(self.query):
                in_headline = self.in_headline(tsquery, None)
                count = in_headline.order_by().values("pk")[: ranking.COUNT_CAP + 1].count()
            if count <= ranking.COUNT_CAP:
                matches = self.matches(tsquery).order_by().values("pk")
                count = matches[: ranking.COUNT_CAP + 1].count()
            self.capped_count = count
        return self.capped_count


class Results(postgres.PostgresSearchResults):
    def _do_count(self):
        # Counting every match of a common word costs as much as finding them all; a
        # reader needs "more than 1,000", not the exact figure.
        compiler = self.query_compiler
        config = compiler.get_config(self.backend)
        if isinstance(compiler, HeadlineFirstCompiler) and ranking.is_text_query(compiler.query):
            return compiler.count_matches(config)
        matches = postgres.PostgresSearchQueryCompiler.search(
            compiler, config, None, None, backend=self.backend
        )
        return matches.order_by().values("pk")[: ranking.COUNT_CAP + 1].count()


class Indexer(postgres.ObjectIndexer):
    """Wagtail's, reading each of the page's search fields once: its three vectors and two
    texts each read every field again (a StreamField's words are its slowest part)."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.prepared = {}

    def prepare_field(self, obj, field):
        if obj is not self.obj:  # a related object's field (RelatedFields)
            return super().prepare_field(obj, field)
        if id(field) not in self.prepared:
            self.prepared[id(field)] = list(super().prepare_field(obj, field))
        return iter(self.prepared[id(field)])


class Index(postgres.PostgresIndex):
    """Wagtail's index, written in one statement per batch, and after each write the
    pages' rows of the document table (search/documents.py), which searches filter and
    rank on."""

    def add_items(self, model, objs):
        """Wagtail's add_items, with each entry written once: its title norm (the average
        title's length over its own) is worked out in the INSERT. Wagtail inserts 1.0 and
        then updates each new entry, and an update writes the entry's vectors again into
        every GIN index of the table."""
        if not model.get_search_fields() or not objs:
            return
        table = postgres.IndexEntry._meta.db_table
        compiler = InsertQuery(postgres.IndexEntry).get_compiler(connection=self.write_connection)
        content_type = get_content_type_pk(model)
        rows, params = [], []
        for obj in objs:
            indexer = Indexer(obj, self.backend)
            vectors = []
            params += [content_type, indexer.id]
            for name in ("title", "autocomplete", "body"):
                field = postgres.IndexEntry._meta.get_field(name)
                value = compiler.prepare_value(field, getattr(indexer, name))
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params += value_params
            params += [indexer.title_text, indexer.body_text]
            rows.append(f"(%s, %s, {', '.join(vectors)}, %s, %s)")
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH new (content_type_id, object_id, title, autocomplete, body,
                          title_text, body_text) AS (VALUES {", ".join(rows)}),
                titles AS (
                    SELECT avg(length) AS average FROM (
                        SELECT length(e.title) FROM {table} e WHERE NOT EXISTS (
                            SELECT 1 FROM new n WHERE n.content_type_id = e.content_type_id
                              AND n.object_id = e.object_id)
                        UNION ALL SELECT length(title) FROM new
                    ) lengths (length) WHERE length > 0
                )
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,
                                     title_norm, title_text, body_text)
                SELECT n.content_type_id, n.object_id, n.title, n.autocomplete, n.body,
                       COALESCE(t.average / NULLIF(length(n.title), 0), 1.0),
                       n.title_text, n.body_text
                FROM new n CROSS JOIN titles t
                ON CONFLICT (content_type_id, object_id) DO UPDATE SET
                    title = EXCLUDED.title, title_norm = EXCLUDED.title_norm,
                    autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
                    title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
                """,  # noqa: S608 -- formats in only placeholders and compiled expressions
                params,
            )
        if issubclass(model, Page):
            documents.sync([obj.pk for obj in objs])

    def _refresh_title_norms(self, full=False):
        # A rebuild (update_index) refreshes every title norm at its end: copy them over.
        super()._refresh_title_norms(full=full)
        documents.copy_title_norms()

    def delete_item(self, item):
        super().delete_item(item)
        if isinstance(item, Page):
            documents.delete([item.pk])

    def delete_stale_entries(self):
        super().delete_stale_entries()
        documents.delete_unindexed()

    def reset(self):
        super().reset()
        SearchDocument.objects.all().delete()


class PostgresBackend(postgres.PostgresSearchBackend):
    index_class = Index
    query_compiler_class = HeadlineFirstCompiler
    autocomplete_query_compiler_class = AutocompleteCompiler
    results_class = Results
