"""A mailing's status, and the one way it changes.

Editors (actions.py), publishing a page (signal_handlers.py) and the sender's workers
(preparing.py, sending.py) all move mailings, often at the same moment. Each move is one
conditional UPDATE on the states it is allowed from, so whoever comes second finds the row
moved and changes nothing: a start racing a cancel does not undo it, and a pause does not
bring a finished mailing back.
"""

from django.utils import timezone

from .models import Mailing

DRAFT, SCHEDULED, SENDING, PAUSED, DONE, CANCELLED = (
    Mailing.DRAFT,
    Mailing.SCHEDULED,
    Mailing.SENDING,
    Mailing.PAUSED,
    Mailing.DONE,
    Mailing.CANCELLED,
)
ALL_STATES = tuple(status for status, _ in Mailing.STATUS_CHOICES)
# Not over yet: it can still start, or be cancelled.
UNFINISHED = (DRAFT, SCHEDULED, SENDING, PAUSED)

# Every move a mailing makes: (the states it may start from, the state it ends in).
MOVES = {
    # Editors' buttons, or an operator at the terminal (actions.py).
    "schedule": ((DRAFT, SCHEDULED), SCHEDULED),
    "send_now": ((DRAFT, SCHEDULED), SCHEDULED),  # due at once: see actions.send_now
    "pause": ((SENDING,), PAUSED),
    "resume": ((PAUSED,), SENDING),
    "cancel": (UNFINISHED, CANCELLED),
    # Publishing its page schedules a mailing nobody has touched yet.
    "schedule_on_publish": ((DRAFT,), SCHEDULED),
    # The sender's: started once its rows are written, done once none is left to send,
    # paused when the mail server refuses to send anything for us.
    "start": (UNFINISHED, SENDING),
    "finish": ((SENDING,), DONE),
    "pause_for_error": ((SENDING,), PAUSED),
}


def transition(mailing, move, **fields):
    """Make `move` (a key of MOVES), writing `fields` with the new status, if and only if the
    mailing's row is still in a state the move may start from. Returns whether it moved; if
    it did, `mailing` holds the new values too."""
    from_states, to_state = MOVES[move]
    changes = {**fields, "status": to_state, "updated_at": timezone.now()}
    moved = Mailing.objects.filter(pk=mailing.pk, status__in=from_states).update(**changes)
    if moved:
        for name, value in changes.items():
            setattr(mailing, name, value)
    return bool(moved)
