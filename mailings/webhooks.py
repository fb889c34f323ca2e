"""The ESP's bounce and complaint webhook (django-anymail), for the configured ESP only.

anymail.urls mounts every ESP's webhooks; one with no keys set answers a stranger's POST with a
500. So only the tracking webhook of the ESP named by EMAIL_BACKEND is mounted, and a body it
cannot parse gets a 400 instead of a 500.
"""

import logging
import re

from anymail import urls as anymail_urls
from django.core.exceptions import SuspiciousOperation
from django.urls import include, path

logger = logging.getLogger(__name__)

# e.g. anymail.backends.postmark.EmailBackend -> postmark
BACKEND = re.compile(r"anymail\.backends\.(\w+)\.EmailBackend")


class BadWebhookBody(SuspiciousOperation):
    """Django answers a SuspiciousOperation with a 400 and a line in the django.security log."""


class ParseOrRefuse:
    def parse_events(self, request):
        try:
            return list(super().parse_events(request))
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
            # JSON that is not JSON, or not the shape the ESP sends: not worth retrying.
            logger.warning("Refused an ESP webhook body it could not parse: %r", error)
            raise BadWebhookBody("Webhook body could not be parsed") from error


def tracking_urlpatterns(email_backend, secret):
    """[the configured ESP's tracking webhook at anymail/<esp>/tracking/], or [] without a
    secret or an anymail backend."""
    match = BACKEND.fullmatch(email_backend or "")
    if not secret or not match:
        return []
    name = f"{match.group(1)}_tracking_webhook"
    for pattern in anymail_urls.urlpatterns:
        if pattern.name == name:
            view = pattern.callback.view_class
            robust = type(view.__name__, (ParseOrRefuse, view), {})
            route = path(str(pattern.pattern), robust.as_view(), name=name)
            return [path("anymail/", include(([route], "anymail")))]
    return []
