"""Who may do what in the admin: the newsroom's groups and their permissions, as data.

Each role lists
- `permissions`: Django model permissions ("app_label.codename"), held everywhere;
- `collection_permissions`: image, document and collection permissions, held on the root
  collection (so in every collection);
- `page_permissions`: Wagtail page permissions, held on the pages named by the key and every
  page below them: "root" is the root of the tree, "issues.IssueIndexPage" the Solidarity
  archive (every issue and article), and for a series' editors, their own series.

The data migrations in newsroom/migrations/ keep a frozen copy of this data (a migration must
not change when this file does). When a role changes here, write a new data migration with the
new lists; tests/test_roles.py fails until the migrated groups match this file again.

Pages created after the migrations get their permissions from the signal handlers: a new
Solidarity archive page gets the sub-editors' and writers' permissions and the Sub-edit
workflow, and a new bulletin series its own editors' group.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

EDITORS = "Editors"
SUB_EDITORS = "Sub-editors"
WRITERS = "Writers"
# Created by printing/migrations/0003_sellers.py with no permission at all: sellers use the
# /sellers/ portal, which checks membership of the group, and never the admin.
SELLERS = "Sellers"
# One group per bulletin series, named after the series when it is created.
SERIES_EDITORS = "{title} editors"

# The workflow every article in an issue goes through, and the groups that approve it.
SUB_EDIT_WORKFLOW = "Sub-edit"
SUB_EDIT_TASK = "Sub-editor approval"
SUB_EDIT_APPROVERS = [SUB_EDITORS, EDITORS]

ROOT = "root"
ISSUE_INDEX = "issues.IssueIndexPage"
SERIES = "bulletins.BulletinSeriesPage"

ACCESS_ADMIN = "wagtailadmin.access_admin"

# Wagtail's page permissions. "add" also lets a user edit (but not publish) the pages they
# own; "change" lets them edit anyone's; "bulk_delete" deletes a page with its children.
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


def crud(app_label, model, actions=("add", "change", "delete", "view")):
    return [f"{app_label}.{action}_{model}" for action in actions]


ROLES = {
    # Everything editorial: every page, snippets, media, mailings, printing, site settings.
    # Users, groups and workflows stay with the site's administrators (superusers).
    EDITORS: {
        "permissions": [
            ACCESS_ADMIN,
            *crud("issues", "author"),
            *crud("issues", "section"),
            *crud("mailings", "mailinglist"),
            *crud("mailings", "subscriber"),
            *crud("mailings", "subscription"),
            "mailings.view_consentrecord",  # consent records are append-only
            *crud("mailings", "mailing"),
            "mailings.send_mailing",
            "mailings.view_delivery",  # deliveries are written by the sending tasks
            *crud("printing", "printerprofile"),
            "printing.view_printjob",  # jobs are made by "Build print PDF", not by a form
            "printing.delete_printjob",
            *crud("sellers", "sellerprofile"),
            "sellers.view_download",
            "sellers.view_salerecord",
            "solidarity.change_publishersettings",
            "printing.change_printingsettings",
            "mailings.change_emailsettings",
            *crud("wagtailredirects", "redirect"),
        ],
        "collection_permissions": [
            *crud("wagtailimages", "image", ("add", "change", "delete", "choose")),
            *crud("wagtaildocs", "document", ("add", "change", "delete", "choose")),
            *crud("wagtailcore", "collection", ("add", "change", "delete")),
        ],
        "page_permissions": {ROOT: ALL_PAGE_PERMISSIONS},
    },
    # Edit and publish the paper (so also build its print PDFs: printing/builds.py asks for
    # publish permission on the page), send mailings, handle images and authors.
    SUB_EDITORS: {
        "permissions": [
            ACCESS_ADMIN,
            "issues.add_author",  # a new contributor's first article
            "issues.change_author",
            "issues.view_author",
            "mailings.view_mailing",
            "mailings.add_mailing",
            "mailings.change_mailing",
            "mailings.send_mailing",
            "printing.view_printjob",  # follow the builds they start
        ],
        "collection_permissions": [*CHOOSE_AND_UPLOAD_IMAGES, "wagtailimages.change_image"],
        "page_permissions": {ISSUE_INDEX: EDIT_AND_PUBLISH},
    },
    # Write articles in issues and submit them to the Sub-edit workflow; edit only their own
    # (Wagtail's "add" permission), never publish. newsroom/wagtail_hooks.py keeps them to
    # articles: issues and inserts are made by sub-editors and editors.
    WRITERS: {
        "permissions": [ACCESS_ADMIN],
        "collection_permissions": CHOOSE_AND_UPLOAD_IMAGES,
        "page_permissions": {ISSUE_INDEX: ["add_page"]},
    },
}

# The editors of one bulletin series: edit and publish that series and its editions (and so
# build their print PDFs), nothing else.
SERIES_EDITORS_ROLE = {
    "permissions": [ACCESS_ADMIN],
    "collection_permissions": CHOOSE_AND_UPLOAD_IMAGES,
    "page_permissions": {SERIES: EDIT_AND_PUBLISH},
}


# Applying roles at run time (pages created after the migrations) ---------------------------


def get_permission(name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def grant_page_permissions(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page.pk, permission=page_permission(codename)
        )


def grant_role(group, role):
    """Give `group` the role's model and collection permissions (not its page permissions,
    which depend on which pages exist)."""
    group.permissions.add(*[get_permission(name) for name in role["permissions"]])
    root_collection = Collection.get_first_root_node()
    for name in role["collection_permissions"]:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=get_permission(name)
        )


def set_up_issue_index(page):
    """A new Solidarity archive page: the roles that work below it get their page
    permissions there, and its articles go through the Sub-edit workflow."""
    with transaction.atomic():
        for name, role in ROLES.items():
            codenames = role["page_permissions"].get(ISSUE_INDEX)
            group = Group.objects.filter(name=name).first()
            if codenames and group:
                grant_page_permissions(group, page, codenames)
        workflow = Workflow.objects.filter(name=SUB_EDIT_WORKFLOW, active=True).first()
        if workflow and not WorkflowPage.objects.filter(page_id=page.pk).exists():
            WorkflowPage.objects.create(workflow=workflow, page_id=page.pk)


def series_editors_name(series):
    """The group's name: "Tubeworker editors". Two series may share a title, and a group of
    that name may already serve another series: then the slug tells them apart."""
    name = SERIES_EDITORS.format(title=series.title)[:150]
    clash = GroupPagePermission.objects.filter(group__name=name).exclude(page_id=series.pk).exists()
    return f"{name[:140]} ({series.slug})"[:150] if clash else name


def create_series_editors(series):
    """The editors' group of a new bulletin series, with permissions on that series only."""
    with transaction.atomic():
        existing = series_editors_group(series)
        if existing:  # e.g. the handler running again for the same page
            return existing
        group, _ = Group.objects.get_or_create(name=series_editors_name(series))
        grant_role(group, SERIES_EDITORS_ROLE)
        grant_page_permissions(group, series, SERIES_EDITORS_ROLE["page_permissions"][SERIES])
        return group


def series_editors_group(series):
    """The editors' group of `series`, found by its permissions, so renaming the series (or
    the group) does not lose it."""
    return (
        Group.objects.filter(
            page_permissions__page_id=series.pk,
            page_permissions__permission__codename="publish_page",
        )
        .exclude(name__in=ROLES)
        .first()
    )
