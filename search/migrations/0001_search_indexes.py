"""Database-specific tuning of Wagtail's search index table.

PostgreSQL: Wagtail matches documents with `(title || body) @@ query` but indexes title and body
separately, so every search scanned the whole table; a GIN index on the same expression lets
PostgreSQL find the matches from the index.

SQLite: Wagtail's FTS5 table uses the default tokenizer, which does not stem; rebuilt with the
Porter stemmer so that "strikes" finds "strike", as PostgreSQL's English configuration does.
"""

from django.db import migrations

FTS = "wagtailsearch_indexentry_fts"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS site_search_document_gin "
            "ON wagtailsearch_indexentry USING GIN ((title || body))"
        )
    elif vendor == "sqlite" and fts_exists(schema_editor):
        schema_editor.execute(f"DROP TABLE {FTS}")
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {FTS} USING fts5("
            "autocomplete, body, title, tokenize='porter unicode61 remove_diacritics 2')"
        )
        schema_editor.execute(
            f"INSERT INTO {FTS} (rowid, title, body, autocomplete) "
            "SELECT id, title, body, autocomplete FROM wagtailsearch_indexentry"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS site_search_document_gin")


def fts_exists(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS])
        return cursor.fetchone() is not None


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
