"""Signed links for subscribers: confirm, preferences, one-click unsubscribe.

Every link is signed with the project's SECRET_KEY and carries the subscriber's random token
(never the primary key), a timestamp and its own salt, so one kind cannot be passed off as
another. Lifetimes are set in settings (MAILINGS_*_MAX_AGE).
"""

import functools
import hashlib
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Subscriber, Subscription

CONFIRM_SALT = "mailings.confirm"
PREFERENCES_SALT = "mailings.preferences"
UNSUBSCRIBE_SALT = "mailings.unsubscribe"


class BadLink(Exception):
    """A link that was tampered with, has expired, or names nobody we know."""


def confirm_max_age():
    return getattr(settings, "MAILINGS_CONFIRM_MAX_AGE", 3 * 24 * 3600)


def link_max_age():
    return getattr(settings, "MAILINGS_LINK_MAX_AGE", 365 * 24 * 3600)


def absolute(path, https=False):
    """An absolute URL on the public site, from WAGTAILADMIN_BASE_URL."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    scheme = "https" if https else base.scheme
    return urlunsplit((scheme, base.netloc, base.path.rstrip("/") + path, "", ""))


# Stands for the token while the path is reversed; no other part of these paths has it.
PLACEHOLDER = "token"


@functools.cache
def _route_template(name):
    return reverse(name, args=[PLACEHOLDER])


def route(name, token):
    """The path of a link that takes one token, e.g. /unsubscribe/<token>/: reverse() once per
    route, then a replacement per link, since a mailing makes two links per email."""
    return _route_template(name).replace(PLACEHOLDER, token)


def _load(token, salt, max_age):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadLink("expired") from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadLink("invalid") from error


def _subscriber(data):
    if not isinstance(data, dict) or not isinstance(data.get("s"), str):
        raise BadLink("invalid")
    subscriber = Subscriber.objects.filter(token=data["s"]).first()
    if subscriber is None:
        raise BadLink("invalid")
    return subscriber


# Confirming a sign-up ------------------------------------------------------------------------


def subscription_state(subscriber, list_ids):
    """A digest of the subscriber's subscriptions to these lists. A confirmation link carries
    the one from when it was sent and works only while it is unchanged: so it confirms once,
    and cannot undo an unsubscribe made after it was sent."""
    rows = (
        Subscription.objects.filter(subscriber=subscriber, mailing_list_id__in=list_ids)
        .order_by("mailing_list_id")
        .values_list("mailing_list_id", "status", "subscribed_at", "unsubscribed_at")
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:32]


def check_subscription_state(subscriber, list_ids, state):
    if subscription_state(subscriber, list_ids) != state:
        raise BadLink("used")


def confirm_token(subscriber, list_ids, wording, source):
    # The wording shown and the source travel in the link, so the consent recorded on
    # confirmation is exactly what this person saw, even if the form's text changes meanwhile.
    list_ids = sorted(list_ids)
    data = {"s": subscriber.token, "l": list_ids, "w": wording, "src": source}
    data["v"] = subscription_state(subscriber, list_ids)
    return signing.dumps(data, salt=CONFIRM_SALT, compress=True)


def load_confirm_token(token):
    """(subscriber, list ids, wording, source, subscription state when sent); BadLink("used")
    once the subscriptions have changed since."""
    data = _load(token, CONFIRM_SALT, confirm_max_age())
    subscriber = _subscriber(data)
    list_ids = data.get("l")
    if not isinstance(list_ids, list) or not all(isinstance(i, int) for i in list_ids):
        raise BadLink("invalid")
    state = data.get("v")
    check_subscription_state(subscriber, list_ids, state)
    return subscriber, list_ids, str(data.get("w", "")), str(data.get("src", "")), state


def confirm_url(subscriber, list_ids, wording, source):
    token = confirm_token(subscriber, list_ids, wording, source)
    return absolute(reverse("mailings:confirm", args=[token]))


# Preferences ---------------------------------------------------------------------------------


def preferences_token(subscriber):
    return signing.dumps({"s": subscriber.token}, salt=PREFERENCES_SALT)


def load_preferences_token(token):
    return _subscriber(_load(token, PREFERENCES_SALT, link_max_age()))


def preferences_url(subscriber):
    return absolute(route("mailings:preferences", preferences_token(subscriber)))


# Unsubscribing -------------------------------------------------------------------------------


def unsubscribe_token(subscriber, mailing_list=None):
    """A token to leave one list, or every list when mailing_list is None."""
    data = {"s": subscriber.token, "l": mailing_list.pk if mailing_list else None}
    return signing.dumps(data, salt=UNSUBSCRIBE_SALT)


def load_unsubscribe_token(token):
    """(subscriber, list id or None for every list)."""
    data = _load(token, UNSUBSCRIBE_SALT, link_max_age())
    subscriber = _subscriber(data)
    list_id = data.get("l")
    if list_id is not None and not isinstance(list_id, int):
        raise BadLink("invalid")
    return subscriber, list_id


def unsubscribe_url(subscriber, mailing_list=None, https=False):
    token = unsubscribe_token(subscriber, mailing_list)
    return absolute(route("mailings:unsubscribe", token), https=https)


def unsubscribe_headers(subscription_or_subscriber, mailing_list=None):
    """The RFC 8058 headers for an email to one subscriber from one list (or None: all lists).

    List-Unsubscribe must be an https URL that unsubscribes on a POST of
    "List-Unsubscribe=One-Click", with no cookies and no other input.
    """
    if isinstance(subscription_or_subscriber, Subscription):
        subscriber = subscription_or_subscriber.subscriber
        mailing_list = mailing_list or subscription_or_subscriber.mailing_list
    else:
        subscriber = subscription_or_subscriber
    return unsubscribe_headers_for(unsubscribe_url(subscriber, mailing_list, https=True))


def unsubscribe_headers_for(https_url):
    return {
        "List-Unsubscribe": f"<{https_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
