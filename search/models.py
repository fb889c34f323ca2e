"""A narrow, filterable copy of the search index for PostgreSQL (search/documents.py).

Wagtail's index entry table is wide (title, body and their plain texts, most of it out of line)
and knows nothing of sections, authors or dates: a search with a filter, or on a common word,
had to read tens of thousands of those rows. `SearchDocument` has one row per indexed page with
the columns the filters need beside the vectors, so counting, filtering and ranking read only it.

Only PostgreSQL fills and searches it (search/migrations/0004 adds its foreign key and indexes
there); SQLite has the empty table and keeps searching Wagtail's own index.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    page_id = models.IntegerField(primary_key=True)
    content_type_id = models.IntegerField()
    live = models.BooleanField()
    path = models.CharField(max_length=255)
    first_published_at = models.DateTimeField(null=True)
    section_id = models.IntegerField(null=True)
    print_only = models.BooleanField()
    title = SearchVectorField()
    title_norm = models.FloatField()
    headline = SearchVectorField()  # the title and the boosted fields (the standfirst)
    body = SearchVectorField()

    class Meta:
        db_table = "site_search_document"

    def __str__(self):
        return f"Search document of page {self.page_id}"
