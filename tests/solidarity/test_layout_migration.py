"""The move to one app per concern keeps every row: a database holding the demo in the layout
before the move (site settings in home/, sellers in printing/) migrates to today's and finds
every value, every seller, download and sale, and every group's permissions."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from issues.models import IssuePage
from mailings.models import EmailSettings
from printing.models import PrintingSettings
from sellers.models import SELLERS_GROUP, Download, SaleRecord, SellerProfile
from solidarity.models import PublisherSettings

# The last migration of each app before the move; apps that did not exist are unapplied.
BEFORE_THE_MOVE = [
    ("home", "0004_sitesettings_email_bulletin_on_publish_and_more"),
    ("printing", "0003_sellers"),
    ("mailings", "0004_alter_mailing_options_mailing_last_error"),
    ("newsroom", "0002_sub_edit_workflow"),
    ("solidarity", None),
    ("sellers", None),
]
MOVED_APPS = {"home", "printing", "mailings", "newsroom", "solidarity", "sellers"}

PUBLISHER = ["organisation", "tagline", "about", "contact_email", "postal_address"]
EMAIL = [
    "email_new_issue_on_publish",
    "email_bulletin_on_publish",
    "weekly_digest_enabled",
    "weekly_digest_day",
    "weekly_digest_time",
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def latest_migrations():
    graph = MigrationExecutor(connection).loader.graph
    return [node for node in graph.leaf_nodes() if node[0] in MOVED_APPS]


def snapshot():
    """What the move must keep, read through today's models."""
    return {
        "publisher": PublisherSettings.objects.values(*PUBLISHER).get(),
        "printing": PrintingSettings.objects.values("build_print_pdf_on_publish").get(),
        "email": EmailSettings.objects.values(*EMAIL).get(),
        "sellers": list(SellerProfile.objects.values("user__username", "area").order_by("pk")),
        "downloads": list(Download.objects.values("page", "job", "user").order_by("pk")),
        "sales": list(SaleRecord.objects.values("seller", "page", "copies", "money_taken")),
        "permissions": {
            group.name: sorted(
                f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
            )
            for group in Group.objects.prefetch_related("permissions__content_type")
        },
    }


# Transactional, with the migrated rows (site, home page, groups) restored before it starts.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_moves_to_the_new_layout_with_every_row():
    call_command("seed_demo", verbosity=0)
    # Values that differ from the defaults, so that a value lost on the way shows.
    EmailSettings.objects.update(
        weekly_digest_enabled=True, weekly_digest_day=2, weekly_digest_time=datetime.time(7, 30)
    )
    PrintingSettings.objects.update(build_print_pdf_on_publish=False)
    issue = IssuePage.objects.order_by("-number").first()
    seller = SellerProfile.objects.get().user
    Download.objects.create(page=issue, user=seller, ip_address="192.0.2.7")
    SaleRecord.objects.create(
        seller=seller, area="South London", page=issue, copies=31, money_taken=Decimal("38.50")
    )
    expected = snapshot()

    try:
        old = migrate(BEFORE_THE_MOVE)
        # The layout before the move holds it all, in home/ and printing/.
        site_settings = old.get_model("home", "SiteSettings").objects.get()
        assert site_settings.organisation == expected["publisher"]["organisation"]
        assert site_settings.weekly_digest_time == datetime.time(7, 30)
        assert site_settings.build_print_pdf_on_publish is False
        assert old.get_model("printing", "SellerProfile").objects.count() == 1
        assert old.get_model("printing", "Download").objects.count() == 1
        assert old.get_model("printing", "SaleRecord").objects.get().copies == 31
    finally:
        migrate(latest_migrations())

    assert snapshot() == expected
    assert Group.objects.get(name=SELLERS_GROUP).permissions.count() == 0
    editors = Group.objects.get(name="Editors")
    for name in [
        "sellers.view_download",
        "sellers.change_sellerprofile",
        "solidarity.change_publishersettings",
        "printing.change_printingsettings",
        "mailings.change_emailsettings",
    ]:
        assert name in expected["permissions"]["Editors"], name
    assert editors.permissions.filter(content_type__app_label="home").count() == 0
