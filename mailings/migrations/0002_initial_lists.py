"""The "Solidarity weekly" list, and one list per bulletin series that already exists."""

from django.db import migrations


def create_lists(apps, schema_editor):
    MailingList = apps.get_model("mailings", "MailingList")
    BulletinSeriesPage = apps.get_model("bulletins", "BulletinSeriesPage")
    MailingList.objects.get_or_create(
        slug="solidarity-weekly",
        defaults={
            "name": "Solidarity weekly",
            "description": "Each week's paper: the new issue and a digest of the week's articles",
        },
    )
    for series in BulletinSeriesPage.objects.order_by("path"):
        if MailingList.objects.filter(bulletin_series_id=series.pk).exists():
            continue
        slug, n = series.slug, 2
        while MailingList.objects.filter(slug=slug).exists():
            slug, n = f"{series.slug}-{n}", n + 1
        MailingList.objects.create(
            name=series.title,
            slug=slug,
            description=f"Each new edition of {series.title}",
            bulletin_series_id=series.pk,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("mailings", "0001_initial"),
        ("bulletins", "0002_bulletinseriespage_printer_profile"),
    ]

    operations = [migrations.RunPython(create_lists, migrations.RunPython.noop)]
