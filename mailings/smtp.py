"""Django's SMTP backend, telling the sender how far each message got.

When the connection breaks while a message is being sent, what happened depends on the stage:
before DATA the server cannot have accepted it (safe to send again); once the message's DATA
was sent, the server may have accepted it with its answer lost, so it must never be sent
again ("unknown"). Django's backend does not say which: this one does, in `reached_data`.
"""

import smtplib

from django.conf import settings
from django.core.mail.backends import smtp
from django.core.mail.message import sanitize_address


class StageTrackingSMTP(smtplib.SMTP):
    reached_data = False

    def data(self, msg):
        self.reached_data = True
        return super().data(msg)


class StageTrackingSMTP_SSL(StageTrackingSMTP, smtplib.SMTP_SSL):  # noqa: N801 -- as smtplib
    pass


class EmailBackend(smtp.EmailBackend):
    @property
    def connection_class(self):
        return StageTrackingSMTP_SSL if self.use_ssl else StageTrackingSMTP

    def _send(self, email_message):
        if self.connection is not None:
            self.connection.reached_data = False  # a new message begins
        return super()._send(email_message)

    def send_raw(self, from_email, recipient, message_bytes):
        """Send a message already made as bytes (see messages.MessageTemplate) over the open
        connection, as Django's backend sends one it builds."""
        encoding = settings.DEFAULT_CHARSET
        with self._lock:
            self.connection.reached_data = False
            self.connection.sendmail(
                sanitize_address(from_email, encoding),
                [sanitize_address(recipient, encoding)],
                message_bytes,
            )

    @property
    def reached_data(self):
        """Did the last message get as far as its DATA? (True if unknown: the safe answer.)"""
        return getattr(self.connection, "reached_data", True)
