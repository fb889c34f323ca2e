"""Send a mailing from the terminal: `send_mailing --issue 738`, `--bulletin tubeworker 123`.

Runs in this process (no worker needed), with a progress bar. Running it again for the same
issue or edition reuses its mailing and sends only to those not yet sent to.
"""

from django.core.management.base import BaseCommand, CommandError

from bulletins.commands import find_edition
from issues.commands import find_issue
from mailings import preparing, scheduling, sending
from mailings.models import Delivery, MailingList
from solidarity.commands import draw_progress_bar


class Command(BaseCommand):
    help = "Send the new-issue email of an issue, or a bulletin edition, with a progress bar."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--issue", type=int, metavar="N", help="issue number")
        target.add_argument(
            "--bulletin", nargs=2, metavar=("SERIES", "N"), help="series slug and edition number"
        )

    def handle(self, *args, **options):
        mailing = self.find_mailing(options)
        if not preparing.start(mailing):
            raise CommandError(f"This mailing is already {mailing.get_status_display().lower()}.")
        self.draw_bar(mailing)
        try:
            while sending.send_batch(mailing.pk):
                mailing.refresh_from_db()
                self.draw_bar(mailing)
        except sending.TransientSendError as error:
            raise CommandError(
                f"The mail server failed ({error}). Run the command again to carry on: "
                "nobody already sent to gets the email twice."
            ) from error
        mailing.refresh_from_db()
        self.draw_bar(mailing)
        self.stderr.write("")
        self.stdout.write(
            f"{mailing.subject}: {mailing.get_status_display().lower()}; "
            f"total {mailing.total_count}, sent {mailing.sent_count}, "
            f"failed {mailing.failed_count}, unknown {mailing.unknown_count}, "
            f"deferred {mailing.deferred_count}"
        )

    def find_mailing(self, options):
        if options["issue"] is not None:
            return scheduling.mailing_for_issue(find_issue(options["issue"]))
        series, edition = find_edition(*options["bulletin"])
        mailing_list = MailingList.objects.filter(bulletin_series=series).first()
        if mailing_list is None:
            raise CommandError(f"{series.title} has no mailing list.")
        return scheduling.mailing_for_edition(edition, mailing_list)

    def draw_bar(self, mailing):
        left = mailing.deliveries.filter(status__in=[Delivery.PENDING, Delivery.CLAIMED]).count()
        done = mailing.total_count - left
        percent = round(100 * done / mailing.total_count) if mailing.total_count else 100
        draw_progress_bar(self.stderr, percent, f"{done}/{mailing.total_count}")
