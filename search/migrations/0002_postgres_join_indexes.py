"""Two PostgreSQL indexes that keep a search's joins off full-table scans at archive scale.

- Wagtail joins an index entry to its page on `object_id = page.id::varchar(50)::text`: an index
  on that expression lets PostgreSQL look each matching page up instead of scanning every page.
- Search leaves print-only articles out; a partial index holds just those few ids.
"""

from django.db import migrations

INDEXES = {
    "site_search_page_id_text": (
        "CREATE INDEX IF NOT EXISTS site_search_page_id_text "
        "ON wagtailcore_page (((id)::varchar(50)::text))"
    ),
    "site_search_print_only": (
        "CREATE INDEX IF NOT EXISTS site_search_print_only "
        "ON issues_articlepage (page_ptr_id) WHERE print_only"
    ),
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in INDEXES.values():
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0001_search_indexes"),
        ("wagtailcore", "0001_initial"),
        ("issues", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
