"""Fixed-window counters in the Django cache (Redis in production, files under var/ on the
embedded default: shared by every web process either way), enough to stop a bot from mailing
strangers through the subscribe form or flooding inboxes with password-reset links."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache

# (attempts, seconds) per kind of counter; RATE_LIMITS in settings overrides them.
DEFAULT_LIMITS = {
    "ip": (10, 3600),  # subscribe forms sent from one client
    "email": (3, 3600),  # confirmation emails to one address
    "reset-ip": (10, 3600),  # password-reset requests from one client
    "reset-email": (3, 3600),  # password-reset requests for one address
}
TOO_MANY_RESETS = "Too many password reset requests. Please wait an hour and try again."


def limits():
    return {**DEFAULT_LIMITS, **getattr(settings, "RATE_LIMITS", {})}


def client_ip(request):
    # REMOTE_ADDR only: X-Forwarded-For can be forged unless a trusted proxy sets it.
    try:
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
    except ValueError:
        return None


def hit(kind, value):
    """Count one attempt; True if it is within the limit for `kind` (see DEFAULT_LIMITS)."""
    if not value:
        return True
    allowed, window = limits()[kind]
    # Hashed, so addresses are not kept in the cache in the clear.
    key = f"ratelimit:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= allowed


class RateLimitedPasswordReset:
    """For a PasswordResetView: past the limit the form says so (429) and sends nothing. The
    message is the same whether or not the address has an account."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].lower()
        within = hit("reset-ip", client_ip(self.request))
        if not (hit("reset-email", email) and within):
            form.add_error(None, TOO_MANY_RESETS)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
