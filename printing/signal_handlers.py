from wagtail.models import Site
from wagtail.signals import page_published

from .admin_views import PRINTABLE


def build_on_publish(sender, instance, revision=None, **kwargs):
    """Queue the print PDF when an issue, insert or edition is published, if the site asks."""
    from home.models import SiteSettings

    from .builds import request_build

    if sender._meta.model_name not in PRINTABLE:
        return
    site = Site.objects.filter(is_default_site=True).first()
    if site and SiteSettings.for_site(site).build_print_pdf_on_publish:
        request_build(instance, user=getattr(revision, "user", None), check_permission=False)


def register_signal_handlers():
    page_published.connect(build_on_publish, dispatch_uid="printing-build-on-publish")
