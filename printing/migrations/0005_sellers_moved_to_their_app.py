"""Sellers, downloads and sales now belong to sellers/ (its 0001 takes over the tables)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("printing", "0004_printing_settings"),
        ("sellers", "0001_moved_from_printing"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="salerecord", name="page"),
                migrations.RemoveField(model_name="salerecord", name="seller"),
                migrations.RemoveField(model_name="sellerprofile", name="user"),
                migrations.DeleteModel(name="Download"),
                migrations.DeleteModel(name="SaleRecord"),
                migrations.DeleteModel(name="SellerProfile"),
            ],
            database_operations=[],
        ),
    ]
