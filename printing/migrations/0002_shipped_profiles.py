from decimal import Decimal

from django.db import migrations

PROFILES = [
    {
        "slug": "newspaper-printer",
        "name": "Newspaper printer",
        "description": "Tabloid for UK short-run newspaper printers: no bleed, no marks, RGB, "
        "images at 150 dpi.",
        "page_size": "tabloid",
        "bleed_mm": Decimal("0"),
        "crop_marks": False,
        "colour": "rgb",
        "min_dpi": 150,
        "columns": 5,
    },
    {
        "slug": "commercial-print",
        "name": "Commercial print",
        "description": "Tabloid for a commercial printer: 3 mm bleed, crop marks outside the "
        "bleed, CMYK (FOGRA39) with a PDF/X-4 output intent, images at 300 dpi.",
        "page_size": "tabloid",
        "bleed_mm": Decimal("3"),
        "crop_marks": True,
        "colour": "cmyk",
        "min_dpi": 300,
        "columns": 5,
    },
    {
        "slug": "office-a4",
        "name": "Office A4",
        "description": "Bulletins printed on an office printer or photocopier: A4, no bleed, RGB.",
        "page_size": "a4",
        "bleed_mm": Decimal("0"),
        "crop_marks": False,
        "colour": "rgb",
        "min_dpi": 150,
        "columns": 3,
    },
]


def create_profiles(apps, schema_editor):
    PrinterProfile = apps.get_model("printing", "PrinterProfile")
    for profile in PROFILES:
        PrinterProfile.objects.update_or_create(slug=profile["slug"], defaults=profile)


class Migration(migrations.Migration):
    dependencies = [("printing", "0001_initial")]

    operations = [migrations.RunPython(create_profiles, migrations.RunPython.noop)]
