"""Print PDFs, parsed: page count, boxes, fonts, colour, image resolution, text; and the job."""

import datetime
import io
import os
import signal
import time
from decimal import Decimal
from unittest import mock

import factory
import pikepdf
import pypdfium2
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from printing.builds import create_job, run_job
from printing.models import PAGE_SIZES, PrinterProfile, PrintJob
from printing.render import (
    MM_TO_PT,
    ImageFetcher,
    PrintSettings,
    anchor_pages,
    build_pdf,
    layout,
    render_html,
)
from printing.tasks import send_job, sweep_print_jobs
from tests.factories import (
    ArticlePageFactory,
    BulletinEditionPageFactory,
    ImageFactory,
    InsertPageFactory,
    IssuePageFactory,
    stream,
)

pytestmark = pytest.mark.django_db


class LargeImageFactory(ImageFactory):
    file = factory.django.ImageField(width=2600, height=1700, color="#884422")


def long_body(paragraphs=12, image=None):
    blocks = [
        ("paragraph", f"<p>{'Workers across the country are organising. ' * 12}</p>")
        for _ in range(paragraphs)
    ]
    if image:
        blocks.insert(
            2,
            (
                "image",
                {
                    "image": image.pk,
                    "caption": "On the picket line",
                    "credit": "A member",
                    "alt_text": "",
                },
            ),
        )
    blocks.insert(4, ("pull_quote", {"quote": "We will win.", "attribution": "A striker"}))
    return stream(*blocks)


@pytest.fixture
def issue():
    issue = IssuePageFactory(
        number=738, cover_headline="Make the rich pay", cover_image=LargeImageFactory()
    )
    for i in range(6):
        ArticlePageFactory(
            parent=issue,
            title=f"Story number {i}",
            body=long_body(image=LargeImageFactory() if i % 2 else None),
        )
    ArticlePageFactory(parent=issue, title="Only on the web", web_only=True)
    insert = InsertPageFactory(parent=issue, title="Climate and class")
    ArticlePageFactory(parent=insert, title="A just transition", body=long_body(6))
    return issue


def profile(slug):
    return PrinterProfile.objects.get(slug=slug)


def pdf_of(result):
    return pikepdf.open(io.BytesIO(result.pdf))


def page_text(pdf_bytes, index):
    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        return document[index].get_textpage().get_text_range()
    finally:
        document.close()


def box_mm(box):
    x0, y0, x1, y1 = (float(v) for v in box)
    return round((x1 - x0) / MM_TO_PT, 1), round((y1 - y0) / MM_TO_PT, 1)


def all_fonts(pdf):
    for page in pdf.pages:
        yield from page.obj.Resources.get("/Font", {}).values()


def images(pdf):
    for page in pdf.pages:
        for xobject in page.obj.Resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Image":
                yield xobject


def test_newspaper_printer_issue(issue):
    result = build_pdf(issue, profile("newspaper-printer"))
    pdf = pdf_of(result)
    assert len(pdf.pages) == result.page_count
    assert result.page_count % 4 == 0
    for page in pdf.pages:
        assert box_mm(page.obj.TrimBox) == (289.0, 380.0)
        assert box_mm(page.obj.MediaBox) == (289.0, 380.0)
    first = page_text(result.pdf, 0)
    assert "Solidarity" in first and "Make the rich pay" in first and "Story number 0" in first
    assert "No. 738" in first.replace("NO.", "No.")
    assert "Page 2" in page_text(result.pdf, 1)
    assert "Only on the web" not in "".join(page_text(result.pdf, i) for i in range(4))


def test_every_font_is_embedded(issue):
    pdf = pdf_of(build_pdf(issue, profile("newspaper-printer")))
    fonts = list(all_fonts(pdf))
    assert fonts
    for font in fonts:
        descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_commercial_print_is_cmyk_pdfx_with_bleed_and_marks(issue):
    result = build_pdf(issue, profile("commercial-print"))
    pdf = pdf_of(result)
    intent = pdf.Root.OutputIntents[0]
    assert intent.S == "/GTS_PDFX"
    assert intent.DestOutputProfile.N == 4
    for page in pdf.pages:
        assert box_mm(page.obj.TrimBox) == (289.0, 380.0)
        assert box_mm(page.obj.BleedBox) == (295.0, 386.0)  # trim + 2 x 3 mm
        assert box_mm(page.obj.MediaBox) == (311.0, 402.0)  # bleed + 2 x 8 mm for the marks
    colour_spaces = {str(image.ColorSpace) for image in images(pdf)}
    assert colour_spaces and colour_spaces <= {"/DeviceCMYK", "/DeviceGray"}


def test_images_are_resized_to_the_profile_resolution(issue):
    newspaper = profile("newspaper-printer")
    pdf = pdf_of(build_pdf(issue, newspaper))
    column_px = PrintSettings(newspaper).column_width_mm() / 25.4 * newspaper.min_dpi
    widths = sorted(int(image.Width) for image in images(pdf))
    assert widths
    assert all(width < 2600 for width in widths)  # never the full-size original
    assert min(widths) >= round(column_px) - 1  # at least the minimum resolution


def test_low_resolution_image_is_a_warning():
    issue = IssuePageFactory(number=739)
    ArticlePageFactory(parent=issue, title="Small picture", image=ImageFactory(), body=long_body(3))
    result = build_pdf(issue, profile("commercial-print"))
    assert any("dpi" in warning for warning in result.warnings)


def test_screen_edition_has_no_bleed(issue):
    result = build_pdf(issue, profile("commercial-print"), screen=True)
    for page in pdf_of(result).pages:
        assert box_mm(page.obj.MediaBox) == box_mm(page.obj.TrimBox) == (289.0, 380.0)


def test_insert_alone_and_bulletin_edition():
    issue = IssuePageFactory(number=740)
    insert = InsertPageFactory(parent=issue, title="Climate and class")
    ArticlePageFactory(parent=insert, title="A just transition", body=long_body(4))
    result = build_pdf(insert, profile("newspaper-printer"))
    assert result.page_count % 4 == 0
    assert "A just transition" in page_text(result.pdf, 0)

    edition = BulletinEditionPageFactory(number=123, title="Staff every station")
    result = build_pdf(edition, profile("office-a4"))
    assert result.page_count == 2
    pdf = pdf_of(result)
    assert box_mm(pdf.pages[0].obj.TrimBox) == (210.0, 297.0)
    assert "Tubeworker" in page_text(result.pdf, 0)


@pytest.mark.parametrize("size", ["a4", "a3", "tabloid", "280x430", "berliner"])
def test_page_sizes(size):
    issue = IssuePageFactory(number=750)
    ArticlePageFactory(parent=issue, title="Sized", body=long_body(2))
    custom = PrinterProfile.objects.create(
        name=f"Test {size}",
        slug=f"test-{size}",
        page_size=size,
        bleed_mm=Decimal("3"),
        crop_marks=False,
        colour="rgb",
        min_dpi=150,
        columns=3,
    )
    pdf = pdf_of(build_pdf(issue, custom))
    width, height = PAGE_SIZES[size][1]
    assert box_mm(pdf.pages[0].obj.TrimBox) == (float(width), float(height))
    assert box_mm(pdf.pages[0].obj.MediaBox) == (width + 6.0, height + 6.0)


def test_job_records_the_build_and_is_idempotent(issue):
    job = create_job(issue)
    job = run_job(job.pk)
    assert job.status == PrintJob.DONE and job.progress == 100
    assert job.page_count % 4 == 0 and job.file_size > 0 and len(job.sha256) == 64
    assert job.thumbnail.name.endswith(".png")
    with job.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    again = run_job(job.pk)  # delivered twice: nothing is built a second time
    assert again.file.name == job.file.name and again.finished_at == job.finished_at


def test_a_build_on_its_second_try_counts_two_attempts(issue):
    job = create_job(issue)
    PrintJob.objects.filter(pk=job.pk).update(attempts=1)  # the first try's worker died
    assert run_job(job.pk).attempts == 2
    job.refresh_from_db()
    assert (job.status, job.attempts) == (PrintJob.DONE, 2)


def test_failed_build_keeps_the_previous_pdf(issue):
    good = run_job(create_job(issue).pk)
    issue.get_children().live().update(live=False)  # nothing left to print
    failed = run_job(create_job(issue).pk)
    assert failed.status == PrintJob.FAILED
    assert "has no articles" in failed.error
    assert PrintJob.objects.latest_done(issue) == good


def test_missing_image_file_is_a_warning_not_a_crash():
    issue = IssuePageFactory(number=741)
    picture = LargeImageFactory()
    ArticlePageFactory(parent=issue, title="Lost picture", image=picture, body=long_body(3))
    picture.file.storage.delete(picture.file.name)
    result = build_pdf(issue, profile("newspaper-printer"))
    assert result.page_count % 4 == 0
    assert result.warnings


def test_command_prints_the_output_path_last(issue, capsys):
    call_command("build_print_pdf", "--issue", "738")
    output = capsys.readouterr()
    path = output.out.strip().splitlines()[-1]
    assert path.endswith(".pdf")
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert "100%" in output.err


def test_admin_build_view_queues_a_job(admin_client, issue, django_capture_on_commit_callbacks):
    with (
        mock.patch("printing.tasks.run_print_job.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = admin_client.post(f"/admin/printing/build/{issue.pk}/", {"variant": "print"})
    assert response.status_code == 302
    job = PrintJob.objects.get(page=issue)
    delay.assert_called_once_with(job.pk)
    edit_page = admin_client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    assert "Build print PDF" in edit_page
    listing = admin_client.get(reverse("printing_printjob_modeladmin_index"))
    assert listing.status_code == 200 and "data-print-job" in listing.content.decode()
    assert f'href="{reverse("printing_build", args=[issue.pk])}"' in listing.content.decode()


def test_publishing_an_issue_queues_its_print_pdf(django_capture_on_commit_callbacks):
    issue = IssuePageFactory(number=742, live=False)
    ArticlePageFactory(parent=issue, title="Ready to print", body=long_body(2))
    with (
        mock.patch("printing.tasks.run_print_job.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        issue.save_revision().publish()
    jobs = {job.variant: job for job in PrintJob.objects.filter(page=issue)}
    assert set(jobs) == {PrintJob.PRINT, PrintJob.SCREEN}
    assert sorted(call.args[0] for call in delay.call_args_list) == sorted(
        job.pk for job in jobs.values()
    )


def test_screen_edition_is_linked_and_served_publicly(client, issue):
    assert "Read this issue as a PDF" not in client.get(issue.url).content.decode()
    run_job(create_job(issue, variant=PrintJob.SCREEN).pk)
    html = client.get(issue.url).content.decode()
    assert "Read this issue as a PDF" in html
    response = client.get(f"/editions/{issue.pk}/screen.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    issue.unpublish()
    assert client.get(f"/editions/{issue.pk}/screen.pdf").status_code == 404


def test_print_preview_mode_shows_the_pdf(admin_client, issue):
    assert ("print", "Print layout") in issue.preview_modes
    response = issue.serve_preview(admin_client.get("/").wsgi_request, "print")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[issue.pk])
    assert admin_client.get(url + "?mode=print").status_code in (200, 302)


def test_no_headline_is_stranded_at_the_foot_of_a_page(issue):
    settings = PrintSettings(profile("newspaper-printer"))
    html, _ = render_html(issue, settings, {"jumps": {"lead_rest": 2}})
    warnings = []
    document = layout(html, ImageFetcher(settings, warnings), warnings)
    pages = anchor_pages(document)
    heads = {key[len("head-") :]: page for key, page in pages.items() if key.startswith("head-")}
    assert heads
    for article, page in heads.items():
        assert pages[f"text-{article}"] == page, f"headline of {article} alone on page {page}"


def test_sweeper_requeues_a_build_whose_worker_died(issue):
    job = create_job(issue)
    PrintJob.objects.filter(pk=job.pk).update(
        status=PrintJob.RUNNING,
        attempts=1,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=10),
    )
    sweep_print_jobs()
    job.refresh_from_db()
    assert job.status == PrintJob.QUEUED
    PrintJob.objects.filter(pk=job.pk).update(
        status=PrintJob.RUNNING,
        attempts=3,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=10),
    )
    sweep_print_jobs()
    job.refresh_from_db()
    assert job.status == PrintJob.FAILED and "worker stopped" in job.error


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killed_worker_keeps_the_last_pdf_and_the_build_is_retried(start_worker):
    issue = IssuePageFactory(number=760, cover_image=LargeImageFactory())
    for i in range(14):
        ArticlePageFactory(parent=issue, title=f"Long story {i}", body=long_body(14))
    good = run_job(create_job(issue).pk)

    def wait_for(condition, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            job = PrintJob.objects.get(pk=job_id)
            if condition(job):
                return job
            time.sleep(0.1)
        pytest.fail(f"timed out; job is {job.status} {job.stage}")

    job_id = create_job(issue).pk
    worker = start_worker("print")
    send_job(job_id)
    wait_for(lambda job: job.status == PrintJob.RUNNING and job.progress >= 5, 90)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    assert PrintJob.objects.get(pk=job_id).status == PrintJob.RUNNING
    assert PrintJob.objects.latest_done(issue) == good  # sellers still get the last PDF

    sweep_print_jobs(stale_after=datetime.timedelta(0))
    assert PrintJob.objects.get(pk=job_id).status == PrintJob.QUEUED
    start_worker("print")
    done = wait_for(lambda job: job.status in (PrintJob.DONE, PrintJob.FAILED), 180)
    assert done.status == PrintJob.DONE
    assert PrintJob.objects.latest_done(issue).pk == job_id
