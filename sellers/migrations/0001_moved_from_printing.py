"""Sellers, their downloads and sales, moved here from printing/ with their tables and rows.

Only Django's record of the models moves: the tables keep their names (db_table), and the
content types are relabelled so that every group keeps its permissions on them.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ["sellerprofile", "download", "salerecord"]


def relabel_content_types(apps, schema_editor, old="printing", new="sellers"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        ContentType.objects.filter(app_label=new, model=model).delete()
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def relabel_back(apps, schema_editor):
    relabel_content_types(apps, schema_editor, old="sellers", new="printing")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('printing', '0004_printing_settings'),
        # The roles migrations name these models' permissions under printing/.
        ('newsroom', '0003_settings_of_each_app'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Download',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('downloaded_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                        ('job', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='downloads', to='printing.printjob')),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'printing_download',
                        'ordering': ['-downloaded_at'],
                    },
                ),
                migrations.CreateModel(
                    name='SaleRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('area', models.CharField(blank=True, max_length=120, verbose_name='branch or area')),
                        ('copies', models.PositiveIntegerField(validators=[django.core.validators.MinValueValidator(0, 'Copies sold cannot be negative.')], verbose_name='copies sold')),
                        ('money_taken', models.DecimalField(decimal_places=2, max_digits=9, validators=[django.core.validators.MinValueValidator(0, 'Money taken cannot be negative.')], verbose_name='money taken (£)')),
                        ('note', models.CharField(blank=True, help_text='Where you sold, for example', max_length=300)),
                        ('date', models.DateField(default=django.utils.timezone.localdate, verbose_name='date sold')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='issue or edition')),
                        ('seller', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='sale_records', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'printing_salerecord',
                        'ordering': ['-date', '-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='SellerProfile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('area', models.CharField(help_text='e.g. South London, Sheffield, Tube depots', max_length=120, verbose_name='branch or area')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='seller_profile', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'seller',
                        'db_table': 'printing_sellerprofile',
                        'ordering': ['user__first_name', 'user__last_name', 'user__email'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_types, relabel_back),
    ]
