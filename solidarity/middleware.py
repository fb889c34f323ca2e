"""Security headers for the public site: what a page may load, and which browser features it
may use. The admin keeps Wagtail's own needs (inline scripts), so it is left out.

The same middleware gives every refusal a readable message: a 4xx answer with no body (Django's
405 for a method a view does not take, a bare status from a library's view) gets a line of text
saying what went wrong."""

from http import HTTPStatus

# Scripts only from the site's own files (JSON-LD data blocks are not scripts that run).
# Styles may be inline: series colours are set per element. Embedded videos are framed from
# their providers over HTTPS; pictures may come from the media storage's own domain.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",
        "font-src 'self'",
        "frame-src https:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "browsing-topics",
        "interest-cohort",
    )
)
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        explain_empty_refusal(response)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not request.path.startswith(ADMIN_PREFIXES):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


def explain_empty_refusal(response):
    """Write what a 4xx answer means into its body, if it has none."""
    if not 400 <= response.status_code < 500 or response.streaming or response.content:
        return
    try:
        message = HTTPStatus(response.status_code).phrase
    except ValueError:
        message = "Request refused"
    if response.status_code == 405 and response.has_header("Allow"):
        message += f": this address takes {response['Allow'].replace(', ', ' or ')} only"
    response.content = f"{message}.\n".encode()
    response["Content-Type"] = "text/plain; charset=utf-8"
    if response.has_header("Content-Length"):  # set by CommonMiddleware, nearer the view
        response["Content-Length"] = str(len(response.content))
