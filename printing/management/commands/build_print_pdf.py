"""Build a print PDF in the terminal: `build_print_pdf --issue 738`, `--bulletin tubeworker 123`."""

from django.core.management.base import BaseCommand, CommandError

from bulletins.commands import find_edition
from issues.commands import find_issue
from issues.models import InsertPage
from printing.builds import create_job, run_job
from printing.models import PrintJob
from solidarity.commands import draw_progress_bar


class Command(BaseCommand):
    help = "Build the print PDF of an issue, an insert or a bulletin edition, with a progress bar."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--issue", type=int, metavar="N", help="issue number")
        target.add_argument("--insert", metavar="SLUG", help="an insert's slug")
        target.add_argument(
            "--bulletin", nargs=2, metavar=("SERIES", "N"), help="series slug and edition number"
        )
        parser.add_argument("--screen", action="store_true", help="the lighter screen edition")

    def handle(self, *args, **options):
        page = self.find_page(options)
        variant = PrintJob.SCREEN if options["screen"] else PrintJob.PRINT
        job = create_job(page, variant=variant)
        job = run_job(job.pk, on_progress=self.draw_bar)
        self.stderr.write("")
        for warning in job.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))
        if job.status != PrintJob.DONE:
            raise CommandError(job.error or "The build did not finish.")
        self.stderr.write(
            f"{job.page_count} pages, {job.file_size / 1e6:.1f} MB, sha256 {job.sha256[:12]}…"
        )
        try:
            location = job.file.path
        except NotImplementedError:  # remote storage: its name in the bucket
            location = job.file.name
        self.stdout.write(location)

    def find_page(self, options):
        if options["issue"] is not None:
            return find_issue(options["issue"])
        if options["insert"]:
            page = InsertPage.objects.filter(slug=options["insert"]).first()
            if page is None:
                raise CommandError(f"There is no insert with slug {options['insert']!r}.")
            return page
        return find_edition(*options["bulletin"])[1]

    def draw_bar(self, percent, stage):
        draw_progress_bar(self.stderr, percent, stage)
