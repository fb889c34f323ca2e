"""What subscribing, confirming, changing preferences and unsubscribing do to the database."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string

from . import links
from .models import ConsentRecord, MailingList, Subscriber, Subscription, normalise_email

logger = logging.getLogger(__name__)

PUBLIC_LISTS_KEY = "mailings:public-lists:v1"

# What the subscribe forms say beside the button; recorded word for word with each consent
# (the list is recorded beside it).
SUBSCRIBE_WORDING = (
    "Email me the lists I ticked from Solidarity. I can change my lists or unsubscribe at any "
    "time from the link in every email; my address is used for nothing else."
)
PREFERENCES_WORDING = (
    "Ticking a list subscribes you to it now: this page's link came to your address, so it "
    "needs no further confirmation. You can change your lists here at any time."
)
UNSUBSCRIBE_WORDING = "Unsubscribed from {list} ({how})."

# Public lists, cached ------------------------------------------------------------------------


def public_lists():
    """The lists offered in the subscribe forms, as plain dicts: cached, so the subscribe box
    costs no query on most page views. Lists of unpublished bulletin series are left out."""
    lists = cache.get(PUBLIC_LISTS_KEY)
    if lists is None:
        lists = list(
            MailingList.objects.filter(is_public=True)
            .filter(Q(bulletin_series__isnull=True) | Q(bulletin_series__live=True))
            .order_by("name")
            .values("id", "name", "slug", "description", "bulletin_series_id")
        )
        # Weekly paper first, then the bulletins by name.
        lists.sort(key=lambda item: item["slug"] != "solidarity-weekly")
        cache.set(PUBLIC_LISTS_KEY, lists, 3600)
    return lists


def clear_public_lists(**kwargs):
    cache.delete(PUBLIC_LISTS_KEY)


# Consent -------------------------------------------------------------------------------------


def record_consent(subscriber, mailing_list, wording, source, ip, action=ConsentRecord.GIVEN):
    return ConsentRecord.objects.create(
        subscriber=subscriber,
        mailing_list=mailing_list,
        action=action,
        wording=wording,
        source=source[:200],
        ip_address=ip,
    )


# Signing up (double opt-in) ------------------------------------------------------------------


def send_email(template, to, context, headers=None):
    """One email from templates/email/<template>.txt and .html, with <template>_subject.txt."""
    context = {"site_url": settings.WAGTAILADMIN_BASE_URL, **context}
    subject = render_to_string(f"email/{template}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"email/{template}.txt", context),
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(render_to_string(f"email/{template}.html", context), "text/html")
    message.send()


def request_subscription(email, mailing_lists, source):
    """Start a sign-up: pending subscriptions, and an email with the confirmation link.

    Whatever the address's state, the caller shows the same page; only the email differs
    (someone already on every list gets a note with their preferences link instead).
    """
    email = normalise_email(email)
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=email)
        current = {
            s.mailing_list_id: s
            for s in subscriber.subscriptions.filter(mailing_list__in=mailing_lists)
        }
        # New rows are pending; existing rows keep their state until the link is followed,
        # so a stranger typing this address changes nothing that matters.
        Subscription.objects.bulk_create(
            [
                Subscription(subscriber=subscriber, mailing_list=m, source=source[:200])
                for m in mailing_lists
                if m.pk not in current
            ],
            ignore_conflicts=True,  # a simultaneous identical sign-up already made the row
        )
    wanted = [
        m
        for m in mailing_lists
        if m.pk not in current or current[m.pk].status != Subscription.SUBSCRIBED
    ]
    context = {"subscriber": subscriber, "preferences_url": links.preferences_url(subscriber)}
    if not wanted:
        send_email("already_subscribed", subscriber.email, {**context, "lists": mailing_lists})
        return
    url = links.confirm_url(subscriber, [m.pk for m in wanted], SUBSCRIBE_WORDING, source)
    days = links.confirm_max_age() // (24 * 3600)
    send_email(
        "confirm_subscription",
        subscriber.email,
        {**context, "lists": wanted, "confirm_url": url, "days": days},
    )


@transaction.atomic
def confirm_subscription(subscriber, list_ids, wording, source, ip, state):
    """Follow a confirmation link: subscribe to the lists, with consent recorded for each
    list not already subscribed. Returns the lists now subscribed to. Raises links.BadLink
    if the subscriptions changed since the link was sent (it was used, or they left)."""
    # Locked, then checked: two clicks at once cannot both pass.
    list(
        Subscription.objects.select_for_update().filter(
            subscriber=subscriber, mailing_list_id__in=list_ids
        )
    )
    links.check_subscription_state(subscriber, list_ids, state)
    confirmed = []
    for mailing_list in MailingList.objects.filter(pk__in=list_ids):
        subscription, _ = Subscription.objects.select_for_update().get_or_create(
            subscriber=subscriber, mailing_list=mailing_list, defaults={"source": source[:200]}
        )
        if subscription.status != Subscription.SUBSCRIBED:
            subscription.subscribe(source[:200])
            subscription.save()
            record_consent(subscriber, mailing_list, wording, source, ip)
        confirmed.append(mailing_list)
    return confirmed


# Preferences and unsubscribing ---------------------------------------------------------------


def lists_for_preferences(subscriber):
    """Public lists plus any list this subscriber belongs to; with their subscribed state."""
    subscribed = set(
        subscriber.subscriptions.filter(status=Subscription.SUBSCRIBED).values_list(
            "mailing_list_id", flat=True
        )
    )
    public = {item["id"] for item in public_lists()}
    lists = MailingList.objects.filter(Q(pk__in=public) | Q(pk__in=subscribed))
    return list(lists), subscribed


@transaction.atomic
def update_preferences(subscriber, wanted_ids, offered, ip):
    """Subscribe to the offered lists in wanted_ids and leave the others. Additions are
    consented here (the signed link proves the mailbox), so they are recorded as such."""
    subscriptions = {
        s.mailing_list_id: s
        for s in Subscription.objects.select_for_update().filter(subscriber=subscriber)
    }
    added, removed = [], []
    for mailing_list in offered:
        subscription = subscriptions.get(mailing_list.pk)
        is_on = subscription is not None and subscription.status == Subscription.SUBSCRIBED
        if mailing_list.pk in wanted_ids and not is_on:
            subscription = subscription or Subscription(
                subscriber=subscriber, mailing_list=mailing_list
            )
            subscription.subscribe("preferences")
            subscription.save()
            record_consent(subscriber, mailing_list, PREFERENCES_WORDING, "preferences", ip)
            added.append(mailing_list)
        elif mailing_list.pk not in wanted_ids and is_on:
            _unsubscribe(subscription, "preferences page", ip)
            removed.append(mailing_list)
    return added, removed


def _unsubscribe(subscription, how, ip):
    subscription.unsubscribe()
    subscription.save(update_fields=["status", "unsubscribed_at", "updated_at"])
    record_consent(
        subscription.subscriber,
        subscription.mailing_list,
        UNSUBSCRIBE_WORDING.format(list=subscription.mailing_list.name, how=how),
        how,
        ip,
        action=ConsentRecord.WITHDRAWN,
    )


@transaction.atomic
def unsubscribe(subscriber, list_id, how, ip):
    """Leave one list (list_id) or all of them (None); pending sign-ups are dropped too.
    Returns the lists left."""
    subscriptions = (
        Subscription.objects.select_for_update()
        .select_related("subscriber", "mailing_list")
        .filter(subscriber=subscriber)
        .exclude(status=Subscription.UNSUBSCRIBED)
    )
    if list_id is not None:
        subscriptions = subscriptions.filter(mailing_list_id=list_id)
    left = []
    for subscription in subscriptions:
        if subscription.status == Subscription.SUBSCRIBED:
            _unsubscribe(subscription, how, ip)
        else:
            subscription.unsubscribe()
            subscription.save(update_fields=["status", "unsubscribed_at", "updated_at"])
        left.append(subscription.mailing_list)
    return left


def stop_mailing_address(email, reason):
    """The ESP reports that mail to this address bounced, was refused or was marked as spam:
    leave every list, with the reason on record. Returns the lists left."""
    subscriber = Subscriber.objects.filter(email=normalise_email(email)).first()
    if subscriber is None:
        return []
    return unsubscribe(subscriber, None, reason[:200], None)
