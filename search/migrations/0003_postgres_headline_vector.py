"""PostgreSQL: a headline vector beside Wagtail's index, so the best matches never read bodies.

Relevance puts pages whose headline or standfirst match first. Wagtail keeps the headline in
`title` but the standfirst inside `body`, a large vector stored out of line (TOAST): telling the
two tiers apart, or ranking the first, meant reading every matching body. `site_headline` is
the title plus the boosted fields of the body (weights A-C: the standfirst; plain fields are D),
kept up to date by PostgreSQL itself as a generated column, with a GIN index of its own.

Wagtail's indexer names the columns it writes, so a generated column is invisible to it.
"""

from django.db import migrations

COLUMN = "site_headline"
INDEX = "site_search_headline_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE wagtailsearch_indexentry ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
        "GENERATED ALWAYS AS (title || ts_filter(body, '{a,b,c}')) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING GIN ({COLUMN})"
    )
    schema_editor.execute("ANALYZE wagtailsearch_indexentry")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f"ALTER TABLE wagtailsearch_indexentry DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0002_postgres_join_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
