from wagtail.signals import page_published

from .actions import request_build
from .documents import is_printable
from .models import PrintingSettings, PrintJob


def build_on_publish(sender, instance, revision=None, **kwargs):
    """Queue the print PDF and the public screen edition when an issue, insert or edition is
    published, if the site settings ask for it."""
    if not is_printable(sender):
        return
    if PrintingSettings.for_default_site().build_print_pdf_on_publish:
        user = getattr(revision, "user", None)
        for variant in (PrintJob.PRINT, PrintJob.SCREEN):
            request_build(instance, user=user, variant=variant, check_permission=False)


def register_signal_handlers():
    page_published.connect(build_on_publish, dispatch_uid="printing-build-on-publish")
