"""The newsroom's groups and their permissions (a frozen copy of newsroom/roles.py).

- Editors (Wagtail's own group): its permissions are replaced by the role's.
- Sub-editors, Writers: created.
- "<Series> editors": one per existing bulletin series.
- Wagtail's "Moderators" group, made by its first migration with publish permission on the
  whole tree, is deleted when nobody is in it; its approval task passes to the Editors.
- Sellers (printing/migrations/0003_sellers.py) keep no permission at all.
"""

from django.db import migrations

ALL_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
EDIT_AND_PUBLISH = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
CHOOSE_AND_UPLOAD_IMAGES = ["wagtailimages.add_image", "wagtailimages.choose_image"]

ROLES = {
    "Editors": {
        "permissions": [
            "wagtailadmin.access_admin",
            "issues.add_author",
            "issues.change_author",
            "issues.delete_author",
            "issues.view_author",
            "issues.add_section",
            "issues.change_section",
            "issues.delete_section",
            "issues.view_section",
            "mailings.add_mailinglist",
            "mailings.change_mailinglist",
            "mailings.delete_mailinglist",
            "mailings.view_mailinglist",
            "mailings.add_subscriber",
            "mailings.change_subscriber",
            "mailings.delete_subscriber",
            "mailings.view_subscriber",
            "mailings.add_subscription",
            "mailings.change_subscription",
            "mailings.delete_subscription",
            "mailings.view_subscription",
            "mailings.view_consentrecord",
            "mailings.add_mailing",
            "mailings.change_mailing",
            "mailings.delete_mailing",
            "mailings.view_mailing",
            "mailings.send_mailing",
            "mailings.view_delivery",
            "printing.add_printerprofile",
            "printing.change_printerprofile",
            "printing.delete_printerprofile",
            "printing.view_printerprofile",
            "printing.view_printjob",
            "printing.delete_printjob",
            "printing.add_sellerprofile",
            "printing.change_sellerprofile",
            "printing.delete_sellerprofile",
            "printing.view_sellerprofile",
            "printing.view_download",
            "printing.view_salerecord",
            "home.change_sitesettings",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            "wagtailredirects.view_redirect",
        ],
        "collection_permissions": [
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.delete_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.delete_document",
            "wagtaildocs.choose_document",
            "wagtailcore.add_collection",
            "wagtailcore.change_collection",
            "wagtailcore.delete_collection",
        ],
        "page_permissions": {"root": ALL_PAGE_PERMISSIONS},
    },
    "Sub-editors": {
        "permissions": [
            "wagtailadmin.access_admin",
            "issues.add_author",
            "issues.change_author",
            "issues.view_author",
            "mailings.view_mailing",
            "mailings.add_mailing",
            "mailings.change_mailing",
            "mailings.send_mailing",
            "printing.view_printjob",
        ],
        "collection_permissions": [*CHOOSE_AND_UPLOAD_IMAGES, "wagtailimages.change_image"],
        "page_permissions": {"issues.IssueIndexPage": EDIT_AND_PUBLISH},
    },
    "Writers": {
        "permissions": ["wagtailadmin.access_admin"],
        "collection_permissions": CHOOSE_AND_UPLOAD_IMAGES,
        "page_permissions": {"issues.IssueIndexPage": ["add_page"]},
    },
}
SERIES_EDITORS_ROLE = {
    "permissions": ["wagtailadmin.access_admin"],
    "collection_permissions": CHOOSE_AND_UPLOAD_IMAGES,
    "page_permissions": {"bulletins.BulletinSeriesPage": EDIT_AND_PUBLISH},
}
APPS_WITH_PERMISSIONS = [
    "wagtailadmin",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "issues",
    "mailings",
    "printing",
    "home",
]


def create_missing_permissions(apps):
    """Permissions are normally created after migrating; the groups need them now."""
    from django.contrib.auth.management import create_permissions

    for label in APPS_WITH_PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    create_missing_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    def permission(name):
        app_label, codename = name.split(".")
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    root_collection = Collection.objects.get(depth=1)
    pages = {
        "root": list(Page.objects.filter(depth=1)),
        "issues.IssueIndexPage": list(apps.get_model("issues", "IssueIndexPage").objects.all()),
    }

    def set_role(group, role, pages):
        """Give the group exactly the role's permissions."""
        group.permissions.set([permission(name) for name in role["permissions"]])
        GroupCollectionPermission.objects.filter(group=group).delete()
        for name in role["collection_permissions"]:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission(name)
            )
        GroupPagePermission.objects.filter(group=group).delete()
        for key, codenames in role["page_permissions"].items():
            for page in pages[key]:
                for codename in codenames:
                    GroupPagePermission.objects.create(
                        group=group, page_id=page.pk, permission=permission(f"wagtailcore.{codename}")
                    )

    for name, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        set_role(group, role, pages)

    for series in apps.get_model("bulletins", "BulletinSeriesPage").objects.order_by("path"):
        name = f"{series.title} editors"[:150]
        if Group.objects.filter(name=name).exists():
            name = f"{name[:140]} ({series.slug})"[:150]
        group, _ = Group.objects.get_or_create(name=name)
        set_role(group, SERIES_EDITORS_ROLE, {"bulletins.BulletinSeriesPage": [series]})

    # Wagtail's default Moderators group, unused here: its page permissions cover the whole
    # tree. Its approval task (the default workflow on the root page) goes to the Editors.
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators and not moderators.user_set.exists():
        editors = Group.objects.get(name="Editors")
        for task in GroupApprovalTask.objects.filter(groups=moderators):
            task.groups.add(editors)
            if task.name == "Moderators approval":
                task.name = "Editors approval"
                task.save(update_fields=["name"])
        Workflow.objects.filter(name="Moderators approval").update(name="Editors approval")
        moderators.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("issues", "0002_issuepage_printer_profile"),
        ("bulletins", "0002_bulletinseriespage_printer_profile"),
        ("home", "0004_sitesettings_email_bulletin_on_publish_and_more"),
        ("mailings", "0004_alter_mailing_options_mailing_last_error"),
        # Creates Sellers and gives Wagtail's Editors and Moderators the sellers' admin.
        ("printing", "0003_sellers"),
    ]

    # Not reversible into the old state (the old permissions are not kept); going back leaves
    # the groups as they are.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
