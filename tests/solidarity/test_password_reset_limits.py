"""Password resets, in the admin and the sellers' portal, are rate-limited: past the limit the
form says so and no more email goes out, whether or not the address has an account."""

import pytest
from django.core import mail

from solidarity.ratelimit import TOO_MANY_RESETS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/admin/password_reset/", "/sellers/password-reset/"], ids=["admin", "sellers"]
)
def test_password_resets_are_limited_per_address(client, django_user_model, url, settings):
    settings.RATE_LIMITS = {"reset-email": (2, 3600), "reset-ip": (100, 3600)}
    django_user_model.objects.create_user("sam", "sam@example.org", "a long test password")
    for _ in range(2):
        assert client.post(url, {"email": "sam@example.org"}).status_code == 302
    response = client.post(url, {"email": "SAM@example.org"})
    assert response.status_code == 429
    assert TOO_MANY_RESETS in response.content.decode()
    assert len(mail.outbox) == 2
    # Another address is not held up by this one.
    assert client.post(url, {"email": "other@example.org"}).status_code == 302


@pytest.mark.parametrize(
    "url", ["/admin/password_reset/", "/sellers/password-reset/"], ids=["admin", "sellers"]
)
def test_password_resets_are_limited_per_client(client, url, settings):
    settings.RATE_LIMITS = {"reset-email": (100, 3600), "reset-ip": (3, 3600)}
    answers = [client.post(url, {"email": f"n{n}@example.org"}).status_code for n in range(4)]
    assert answers == [302, 302, 302, 429]
