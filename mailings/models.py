"""Mailing lists, subscribers, their subscriptions, and the append-only record of consent.

Sending (Mailing, Delivery) builds on these: a mailing goes to the subscriptions of one list
whose status is "subscribed", one delivery row per subscriber.
"""

import datetime
import secrets

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.contrib.settings.models import register_setting

from solidarity.models import SiteSetting

WEEKLY_SLUG = "solidarity-weekly"


def new_token():
    return secrets.token_urlsafe(24)


class MailingList(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.CharField(
        max_length=255, blank=True, help_text="One line shown beside the list's checkbox"
    )
    is_public = models.BooleanField(
        "public",
        default=True,
        help_text="Offered in the subscribe forms; private lists are filled by editors only",
    )
    bulletin_series = models.OneToOneField(
        "bulletins.BulletinSeriesPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mailing_list",
        help_text="The bulletin series whose editions this list receives",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Subscriber(models.Model):
    # Stored in lower case; the constraint also guards against rows written around save().
    email = models.EmailField(max_length=254)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Signed links carry this, not the primary key: replacing it invalidates every old link.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="mailings_subscriber_email_ci_unique")
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)


def normalise_email(email):
    return (email or "").strip().lower()


class Subscription(models.Model):
    PENDING = "pending"
    SUBSCRIBED = "subscribed"
    UNSUBSCRIBED = "unsubscribed"
    STATUS_CHOICES = [
        (PENDING, "Pending confirmation"),
        (SUBSCRIBED, "Subscribed"),
        (UNSUBSCRIBED, "Unsubscribed"),
    ]

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.CASCADE, related_name="subscriptions"
    )
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=PENDING)
    source = models.CharField(
        max_length=200, blank=True, help_text="Where the subscription came from: form, import..."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    subscribed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["mailing_list", "subscriber__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "mailing_list"], name="mailings_one_subscription_per_list"
            )
        ]
        # Sending reads "everyone subscribed to list X".
        indexes = [models.Index(fields=["mailing_list", "status"])]

    def __str__(self):
        return f"{self.subscriber} → {self.mailing_list}"

    def subscribe(self, source=""):
        self.status = self.SUBSCRIBED
        self.subscribed_at = timezone.now()
        self.unsubscribed_at = None
        if source:
            self.source = source

    def unsubscribe(self):
        self.status = self.UNSUBSCRIBED
        self.unsubscribed_at = timezone.now()


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a consent record."""


class AppendOnlyQuerySet(models.QuerySet):
    # Bulk paths too, or queryset.update() would go around save().
    def update(self, **kwargs):
        raise AppendOnlyError("Consent records cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Consent records cannot be deleted.")


class ConsentRecord(models.Model):
    """Proof of consent given or withdrawn: written once, never changed or deleted."""

    GIVEN = "given"
    WITHDRAWN = "withdrawn"
    ACTION_CHOICES = [(GIVEN, "Consent given"), (WITHDRAWN, "Consent withdrawn")]

    # PROTECT: the proof outlives neither its subscriber nor its list being deleted by accident.
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.PROTECT, related_name="consent_records"
    )
    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.PROTECT, related_name="consent_records"
    )
    action = models.CharField(max_length=10, choices=ACTION_CHOICES, default=GIVEN)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    wording = models.TextField(help_text="The exact words the subscriber was shown")
    source = models.CharField(max_length=200)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.subscriber} → {self.mailing_list}"

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise AppendOnlyError("Consent records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Consent records cannot be deleted.")


# Sending -------------------------------------------------------------------------------------


class Mailing(models.Model):
    """One email to one list. Unique per (list, kind, period), so a beat that fires twice, or
    an editor pressing the button twice, gives one mailing and one email per subscriber."""

    NEW_ISSUE = "new_issue"
    WEEKLY_DIGEST = "weekly_digest"
    BULLETIN_EDITION = "bulletin_edition"
    CUSTOM = "custom"
    KIND_CHOICES = [
        (NEW_ISSUE, "New issue"),
        (WEEKLY_DIGEST, "Weekly digest"),
        (BULLETIN_EDITION, "Bulletin edition"),
        (CUSTOM, "Custom"),
    ]

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    PAUSED = "paused"
    DONE = "done"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (DRAFT, "Draft"),
        (SCHEDULED, "Scheduled"),
        (SENDING, "Sending"),
        (PAUSED, "Paused"),
        (DONE, "Done"),
        (CANCELLED, "Cancelled"),
    ]

    mailing_list = models.ForeignKey(MailingList, on_delete=models.PROTECT, related_name="mailings")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    period = models.CharField(
        max_length=100, help_text='What it is for, e.g. "issue-738" or "digest-2026-W47"'
    )
    subject = models.CharField(max_length=200)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The issue or edition this email is about",
    )
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=DRAFT)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    # Written by the sender as it goes, so progress costs one row read.
    total_count = models.PositiveIntegerField(default=0)
    sent_count = models.PositiveIntegerField(default=0)
    failed_count = models.PositiveIntegerField(default=0)
    unknown_count = models.PositiveIntegerField(default=0)
    deferred_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Why the sender stopped (e.g. the server refused our sender address), shown to editors.
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("send_mailing", "Can send, schedule, pause and cancel mailings")]
        constraints = [
            models.UniqueConstraint(
                fields=["mailing_list", "kind", "period"], name="mailings_one_mailing_per_period"
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.mailing_list}"


class Delivery(models.Model):
    """One subscriber's copy of one mailing; written before any email leaves."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"
    SKIPPED = "skipped"
    DEFERRED = "deferred"
    STATUS_CHOICES = [
        (PENDING, "Pending"),
        (CLAIMED, "Being sent"),
        (SENT, "Sent"),
        (FAILED, "Failed"),
        # The worker died between handing it to the server and recording it: maybe sent.
        (UNKNOWN, "Unknown"),
        (SKIPPED, "Skipped (unsubscribed)"),
        # The recipient's server answered "try again later": tried again at retry_at.
        (DEFERRED, "Deferred"),
    ]

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PENDING)
    lease_until = models.DateTimeField(null=True, blank=True)
    # Set just before the message is handed to the mail server: a claimed row whose lease
    # expired with this set may have been sent, so it is marked "unknown", never resent.
    handed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A deferred row's next try, and its first temporary failure (it fails for good once
    # MAILINGS_DEFER_GIVE_UP_SECONDS have passed since).
    retry_at = models.DateTimeField(null=True, blank=True)
    deferred_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"], name="mailings_one_delivery_per_subscriber"
            )
        ]
        # Batches claim "pending rows of mailing X"; progress counts rows by status.
        indexes = [models.Index(fields=["mailing", "status"])]

    def __str__(self):
        return f"{self.mailing} → {self.subscriber}: {self.status}"


@register_setting(icon="mail")
class EmailSettings(SiteSetting):
    """When emails go out by themselves (Settings → Email)."""

    email_new_issue_on_publish = models.BooleanField(
        default=False,
        help_text="Email the new issue to the Solidarity weekly list when it is published",
    )
    email_bulletin_on_publish = models.BooleanField(
        default=False,
        help_text="Email a bulletin edition to its series' list when it is published",
    )
    weekly_digest_enabled = models.BooleanField(
        default=False, help_text="Send the weekly digest of new articles by itself"
    )
    weekly_digest_day = models.PositiveSmallIntegerField(
        choices=[
            (0, "Monday"),
            (1, "Tuesday"),
            (2, "Wednesday"),
            (3, "Thursday"),
            (4, "Friday"),
            (5, "Saturday"),
            (6, "Sunday"),
        ],
        default=4,
    )
    weekly_digest_time = models.TimeField(
        default=datetime.time(9, 0), help_text="Local time (London) the digest goes out"
    )

    class Meta:
        verbose_name = "email"
