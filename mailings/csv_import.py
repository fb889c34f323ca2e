"""CSV import and export of a list's subscribers.

An import is all or nothing: every row is checked first, and if any is bad the editor gets the
list of bad rows (line number and reason) and nothing is written.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from .models import ConsentRecord, Subscriber, Subscription, normalise_email

MAX_ROWS = 100_000


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # (line number, reason)
    added: int = 0
    already: int = 0
    skipped_unsubscribed: list = field(default_factory=list)  # addresses that had left


def read_rows(reader, errors):
    """(line number, row) for each row of the CSV; a row the csv module cannot read (a field
    over csv.field_size_limit(), 131,072 characters) ends the file with an error for it."""
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            errors.append((number + 1, f"This row could not be read (a cell too long?): {error}"))
            return
        number += 1
        yield number, row


def parse(uploaded):
    """[(line number, email)] from an uploaded CSV, and [(line number, reason)] for bad rows.

    The address is the column headed "email" if the first row has one, else the first column.
    """
    try:
        text = uploaded.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [(0, "The file is not UTF-8 text; save it as 'CSV UTF-8' and try again.")]
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, errors, seen = [], [], {}
    column = 0
    for number, row in read_rows(reader, errors):
        cells = [cell.strip() for cell in row]
        if number == 1:
            lowered = [cell.lower() for cell in cells]
            for heading in ("email", "email address", "e-mail"):
                if heading in lowered:
                    column = lowered.index(heading)
                    break
            else:
                column = None
            if column is not None:
                continue  # a header row
            column = 0
        if not any(cells):
            continue  # blank lines are harmless
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append((number, f"Too many rows: at most {MAX_ROWS:,} per import."))
            break
        email = normalise_email(cells[column] if column < len(cells) else "")
        if not email:
            errors.append((number, "No email address in this row."))
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors.append((number, f"Not a valid email address: {cells[column]}"))
            continue
        if email in seen:
            errors.append((number, f"{email} is already on line {seen[email]}."))
            continue
        seen[email] = number
        rows.append((number, email))
    if not rows and not errors:
        errors.append((0, "The file has no email addresses."))
    return rows, errors


def import_subscribers(uploaded, mailing_list, editor):
    rows, errors = parse(uploaded)
    result = ImportResult(errors=errors)
    if errors:
        return result
    emails = [email for _, email in rows]
    who = editor.get_full_name() or editor.get_username()
    wording = f"imported by {who}"
    now = timezone.now()
    with transaction.atomic():
        existing = {}
        for start in range(0, len(emails), 1000):
            chunk = emails[start : start + 1000]
            existing.update({s.email: s for s in Subscriber.objects.filter(email__in=chunk)})
        new = [Subscriber(email=email) for email in emails if email not in existing]
        Subscriber.objects.bulk_create(new, batch_size=1000)
        # Re-read rather than trust bulk_create to return ids on every database.
        for start in range(0, len(emails), 1000):
            chunk = emails[start : start + 1000]
            existing.update({s.email: s for s in Subscriber.objects.filter(email__in=chunk)})
        current = {
            s.subscriber_id: s
            for s in Subscription.objects.select_for_update().filter(
                mailing_list=mailing_list, subscriber__in=existing.values()
            )
        }
        to_create, to_update, consents = [], [], []
        for email in emails:
            subscriber = existing[email]
            subscription = current.get(subscriber.pk)
            if subscription and subscription.status == Subscription.SUBSCRIBED:
                result.already += 1
                continue
            if subscription and subscription.status == Subscription.UNSUBSCRIBED:
                # They left this list; an import must not sign them up again.
                result.skipped_unsubscribed.append(email)
                continue
            if subscription is None:
                subscription = Subscription(subscriber=subscriber, mailing_list=mailing_list)
                to_create.append(subscription)
            else:
                to_update.append(subscription)
            subscription.subscribe("import")
            subscription.updated_at = now
            consents.append(
                ConsentRecord(
                    subscriber=subscriber,
                    mailing_list=mailing_list,
                    wording=wording,
                    source="import",
                    created_at=now,
                )
            )
        Subscription.objects.bulk_create(to_create, batch_size=1000)
        Subscription.objects.bulk_update(
            to_update,
            ["status", "source", "subscribed_at", "unsubscribed_at", "updated_at"],
            batch_size=1000,
        )
        ConsentRecord.objects.bulk_create(consents, batch_size=1000)
        result.added = len(consents)
    return result


def safe_cell(value):
    """Spreadsheets run cells starting with = + - @ as formulas; quote them."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_rows(mailing_list, status=None):
    subscriptions = (
        Subscription.objects.filter(mailing_list=mailing_list)
        .select_related("subscriber")
        .order_by("subscriber__email")
    )
    if status:
        subscriptions = subscriptions.filter(status=status)
    yield ["email", "status", "subscribed_at", "unsubscribed_at", "source", "created_at"]
    for s in subscriptions.iterator(chunk_size=2000):
        yield [
            safe_cell(value)
            for value in (
                s.subscriber.email,
                s.status,
                s.subscribed_at.isoformat() if s.subscribed_at else "",
                s.unsubscribed_at.isoformat() if s.unsubscribed_at else "",
                s.source,
                s.created_at.isoformat(),
            )
        ]
