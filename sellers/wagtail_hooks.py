"""Sellers in the Wagtail admin: editors manage them and their sales (admin.py) and see
downloads and sales per issue and per area (reports.py)."""

from django.urls import path
from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from .admin import SellersGroup
from .reports import REPORTS, report_menu_item

modeladmin_register(SellersGroup)


@hooks.register("register_admin_urls")
def seller_report_urls():
    urls = []
    for slug, view, name in REPORTS:
        urls += [
            path(f"sellers-reports/{slug}/", view.as_view(), name=name),
            path(
                f"sellers-reports/{slug}/results/",
                view.as_view(results_only=True),
                name=f"{name}_results",
            ),
        ]
    return urls


@hooks.register("register_reports_menu_item")
def downloads_report_menu_item():
    return report_menu_item(0)


@hooks.register("register_reports_menu_item")
def sales_by_issue_report_menu_item():
    return report_menu_item(1)


@hooks.register("register_reports_menu_item")
def sales_by_area_report_menu_item():
    return report_menu_item(2)
