"""A subscriber's copy of a mailing: as Django's email message, or, for the SMTP backend, as
bytes filled in from a template of the whole message.

Building a message with Python's email package (MIME parts, header folding, the boundary)
costs about 1 ms of CPU: half of what a worker spends on each email. So a batch has Django
build the message once, with placeholders where a subscriber's address, links and the
Message-ID go, and each copy is a few byte replacements. Any mailing whose placeholders do not
come through the encoding verbatim, and any address that is not plain ASCII, is built the
ordinary way.
"""

import html
import secrets

from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME

from . import links

HTML_PART = b"Content-Type: text/html"
# Filled in the headers only (the others in the text and HTML parts).
HEADER_PLACEHOLDERS = {"unsubscribe_https_url", "to_address", "message_id"}


def build_message(rendered, subscriber, connection=None):
    """One subscriber's copy of a rendered mailing (see content.render)."""
    text, document, headers = rendered.personalise(subscriber)
    return assemble(rendered, subscriber.email, text, document, headers, connection)


def assemble(rendered, to, text, document, headers, connection=None):
    message = EmailMultiAlternatives(
        subject=rendered.mailing.subject,
        body=text,
        to=[to],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(document, "text/html")
    return message


class MessageTemplate:
    """A rendered mailing's whole message as bytes, with placeholders to fill per subscriber."""

    def __init__(self, rendered, from_email, head, text_part, html_part, placeholders):
        self.rendered = rendered
        self.from_email = from_email
        # The headers and the text part, where values go in as they are; the HTML part,
        # where they go in escaped.
        self.plain = head + text_part
        self.html = html_part
        self.placeholders = placeholders

    @classmethod
    def make(cls, rendered):
        """The template, or None if this mailing's message cannot be made from one."""
        marker = secrets.token_hex(8)
        placeholders = {
            **rendered.placeholders,
            "unsubscribe_https_url": f"https://zz{marker}unsubscribehttpsurlzz/",
            "to_address": f"zz{marker}toaddresszz@placeholder.invalid",
            "message_id": f"<zz{marker}messageidzz@placeholder.invalid>",
        }
        headers = {
            **links.unsubscribe_headers_for(placeholders["unsubscribe_https_url"]),
            "Message-ID": placeholders["message_id"],
        }
        message = assemble(
            rendered,
            placeholders["to_address"],
            rendered.text,
            rendered.html,
            headers,
        )
        raw = message.message().as_bytes(linesep="\r\n")
        head, _, body = raw.partition(b"\r\n\r\n")
        text_part, found, html_part = body.partition(HTML_PART)
        if not found:
            return None
        # Every placeholder must have come through verbatim, as often as it was put in.
        source = rendered.text + rendered.html
        for name, placeholder in placeholders.items():
            expected = 1 if name in HEADER_PLACEHOLDERS else source.count(placeholder)
            if raw.count(placeholder.encode()) != expected:
                return None
        return cls(
            rendered,
            message.from_email,
            head + b"\r\n\r\n",
            text_part,
            HTML_PART + html_part,
            {name: value.encode() for name, value in placeholders.items()},
        )

    def fill(self, subscriber):
        """(envelope sender, recipient, message bytes) for one subscriber, or None if their
        copy must be built the ordinary way."""
        if not subscriber.email.isascii():
            return None
        values = {
            **self.rendered.links_for(subscriber),
            "to_address": subscriber.email,
            "message_id": make_msgid(domain=DNS_NAME),
        }
        plain, document = self.plain, self.html
        for name, placeholder in self.placeholders.items():
            value = values[name]
            plain = plain.replace(placeholder, value.encode())
            document = document.replace(placeholder, html.escape(value).encode())
        return self.from_email, subscriber.email, plain + document
