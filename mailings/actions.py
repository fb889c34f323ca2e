"""What editors and operators do to a mailing: schedule it, send it now, pause, resume or
cancel it, and send a test of it.

Each action checks the user's permission (`mailings.send_mailing`; `user=None` means an
operator at the terminal), then moves the mailing with states.transition, a conditional update
on the states it is allowed from, so an editor racing another editor, or a worker finishing
the mailing, never takes it through a move its state does not allow: the loser gets an
ActionError. Work for the workers is queued once the transaction commits; a broker that is
down fails no request, as the sweeper does the work from what the database says.
The admin views call these; so can management commands.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import content, messages, preparing, tasks
from .models import Mailing, Subscriber, normalise_email
from .states import ALL_STATES, MOVES, transition

SEND_PERMISSION = "mailings.send_mailing"

# The states each action may start from: those of its move (states.py). A test goes to the
# editor alone and changes nothing, so it is always allowed.
MOVING_ACTIONS = ("schedule", "send_now", "pause", "resume", "cancel")
ALLOWED = {**{action: MOVES[action][0] for action in MOVING_ACTIONS}, "send_test": ALL_STATES}

# Subject, list, page and period can be changed until the mailing starts.
EDITABLE = (Mailing.DRAFT, Mailing.SCHEDULED)

VERBS = {
    "schedule": "scheduled",
    "send_now": "sent now",
    "pause": "paused",
    "resume": "resumed",
    "cancel": "cancelled",
    "send_test": "tested",
}

TEST_PREFIX = "[TEST] "
SAMPLE_EMAIL = "reader@example.org"


class ActionError(Exception):
    """The action is not possible: the mailing's state does not allow it, or its input is
    wrong. The message is meant for the editor."""


def can_send(user):
    return user is None or user.has_perm(SEND_PERMISSION)


def check_permission(user):
    if not can_send(user):
        raise PermissionDenied("You do not have permission to send mailings.")


def is_allowed(mailing, action):
    return mailing.status in ALLOWED[action]


def allowed_actions(mailing):
    """The names of the actions the mailing's present state allows."""
    return {action for action, states in ALLOWED.items() if mailing.status in states}


def not_allowed_message(mailing, action):
    return (
        f"This mailing is {mailing.get_status_display().lower()}: it cannot be {VERBS[action]} now."
    )


def _move(mailing, action, **fields):
    """Make the action's move (states.py) if the mailing's state allows it, else raise
    ActionError."""
    if not is_allowed(mailing, action):
        raise ActionError(not_allowed_message(mailing, action))
    if not transition(mailing, action, **fields):
        # Someone (an editor, a worker) moved it since it was read.
        mailing.refresh_from_db()
        raise ActionError(not_allowed_message(mailing, action))
    return mailing


# Actions -------------------------------------------------------------------------------------


def schedule(mailing, user, when):
    """Send the mailing at `when` (an aware datetime in the future). Starting due mailings is
    Celery beat's job."""
    check_permission(user)
    if when is None:
        raise ActionError("Give the date and time to send it at.")
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    if when <= timezone.now():
        raise ActionError("That time has passed: choose a time in the future, or send it now.")
    return _move(mailing, "schedule", scheduled_at=when)


@transaction.atomic
def send_now(mailing, user):
    """Start sending as soon as a worker takes it. The mailing is left scheduled for now, so
    that if the task's message is lost, the beat that starts due mailings starts it anyway;
    starting twice is harmless (the deliveries are unique per subscriber)."""
    check_permission(user)
    _move(mailing, "send_now", scheduled_at=timezone.now(), last_error="")
    tasks.queue_start_on_commit(mailing)
    return mailing


def pause(mailing, user):
    """Stop sending after the message in hand: workers check the status before each email
    and give their unsent rows back."""
    check_permission(user)
    return _move(mailing, "pause")


@transaction.atomic
def resume(mailing, user):
    """Carry on sending a paused mailing. Its deliveries were written when it started, so it
    is marked sending at once (the sweeper re-queues it if the task's message is lost)."""
    check_permission(user)
    _move(mailing, "resume", last_error="")
    tasks.queue_start_on_commit(mailing)
    return mailing


def cancel(mailing, user):
    """Stop for good. Deliveries already made stay as they are; the rest are never sent."""
    check_permission(user)
    _move(mailing, "cancel", finished_at=timezone.now())
    preparing.refresh_counts(mailing)
    return mailing


def sample_subscriber(email):
    """Whom a preview or test is addressed to: the subscriber with this address if there is
    one (their links then work), else an unsaved stand-in (whose links lead nowhere)."""
    email = normalise_email(email) or SAMPLE_EMAIL
    return Subscriber.objects.filter(email=email).first() or Subscriber(email=email)


def build_message(mailing, subscriber):
    """The email `subscriber` would get from this mailing, as the sender builds it."""
    return messages.build_message(content.render(mailing), subscriber)


def send_test(mailing, user, to=None):
    """Email the mailing to the editor alone (or to `to`), marked [TEST] in the subject,
    through the normal email backend. No delivery row is written; the mailing is unchanged.
    Returns the address it went to."""
    check_permission(user)
    address = normalise_email(to or (user.email if user is not None else ""))
    if not address:
        raise ActionError("Your account has no email address: add one in your account settings.")
    message = build_message(mailing, sample_subscriber(address))
    message.subject = TEST_PREFIX + message.subject
    message.to = [address]
    message.cc = message.bcc = []
    message.send()
    return address
