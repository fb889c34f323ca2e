"""PostgreSQL: `site_search_document`, a narrow table to search and filter (search/models.py).

One row per indexed page, filled from Wagtail's index entries (FILL below: search/documents.py's
`sync` for every page, as it stood when this migration was written, so that later changes to
that module cannot change what this migration does):
the vectors are Wagtail's own, so matching and ranking are unchanged; the page's kind, path,
date, section and print-only flag sit beside them. GIN indexes on the headline vector
and on `title || body` (the expression searches match on), and btree indexes on the filters.
The foreign key deletes a page's row with the page. Filling 100,000 rows takes a minute or two.
"""

import django.contrib.postgres.search
from django.db import migrations, models

TABLE = "site_search_document"

# Django creates the table (so that test flushes truncate it with the pages it references);
# PostgreSQL adds the foreign key, which deletes a page's row with the page, and the indexes.
POSTGRES = [
    f"""
    ALTER TABLE {TABLE} ADD CONSTRAINT site_search_doc_page_fk
        FOREIGN KEY (page_id) REFERENCES wagtailcore_page (id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
    """,
    f"CREATE INDEX site_search_doc_headline ON {TABLE} USING GIN (headline)",
    f"CREATE INDEX site_search_doc_document ON {TABLE} USING GIN ((title || body))",
    f"CREATE INDEX site_search_doc_date ON {TABLE} (first_published_at, page_id)",
    f"CREATE INDEX site_search_doc_section ON {TABLE} (section_id, first_published_at)",
    f"CREATE INDEX site_search_doc_kind ON {TABLE} (content_type_id)",
    f"CREATE INDEX site_search_doc_path ON {TABLE} (path varchar_pattern_ops)",
]

FILL = f"""
    INSERT INTO {TABLE} (
        page_id, content_type_id, live, path, first_published_at, section_id,
        print_only, title, title_norm, headline, body)
    SELECT p.id, p.content_type_id, p.live, p.path, p.first_published_at, a.section_id,
           COALESCE(a.print_only, false),
           e.title, e.title_norm, e.site_headline, e.body
    FROM wagtailsearch_indexentry e
    JOIN wagtailcore_page p
      ON p.content_type_id = e.content_type_id AND e.object_id = p.id::varchar(50)::text
    LEFT JOIN issues_articlepage a ON a.page_ptr_id = p.id
    ON CONFLICT (page_id) DO UPDATE SET
        content_type_id = EXCLUDED.content_type_id, live = EXCLUDED.live, path = EXCLUDED.path,
        first_published_at = EXCLUDED.first_published_at, section_id = EXCLUDED.section_id,
        print_only = EXCLUDED.print_only,
        title = EXCLUDED.title, title_norm = EXCLUDED.title_norm,
        headline = EXCLUDED.headline, body = EXCLUDED.body
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in POSTGRES:
        schema_editor.execute(sql)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FILL)
    schema_editor.execute(f"ANALYZE {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0003_postgres_headline_vector"),
        ("issues", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("page_id", models.IntegerField(primary_key=True, serialize=False)),
                ("content_type_id", models.IntegerField()),
                ("live", models.BooleanField()),
                ("path", models.CharField(max_length=255)),
                ("first_published_at", models.DateTimeField(null=True)),
                ("section_id", models.IntegerField(null=True)),
                ("print_only", models.BooleanField()),
                ("title", django.contrib.postgres.search.SearchVectorField()),
                ("title_norm", models.FloatField()),
                ("headline", django.contrib.postgres.search.SearchVectorField()),
                ("body", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={"db_table": TABLE},
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
