"""Editors keep the site settings, now one page per app: the publisher, printing and email."""

from django.db import migrations

PERMISSIONS = [
    ("solidarity", "change_publishersettings"),
    ("printing", "change_printingsettings"),
    ("mailings", "change_emailsettings"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after migrating; the group needs them now.
    from django.contrib.auth.management import create_permissions

    for label in {label for label, _ in PERMISSIONS}:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for app_label, codename in PERMISSIONS:
        editors.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_sub_edit_workflow"),
        ("solidarity", "0001_publisher_settings"),
        ("printing", "0004_printing_settings"),
        ("mailings", "0005_email_settings"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
