"""Wagtail's admin views that the site adjusts: a password reset with a rate limit."""

from wagtail.admin.views.account import PasswordResetView

from .ratelimit import RateLimitedPasswordReset


class AdminPasswordResetView(RateLimitedPasswordReset, PasswordResetView):
    pass
