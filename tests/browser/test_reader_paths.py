"""The paths of sellers and readers through the public site, in a real browser against the
live site.

A seller logs in and downloads the print PDF; a reader subscribes and confirms from the email;
a reader searches and filters. Each step saves a screenshot under var/screenshots/<test>/.
"""

import re
import time

import pikepdf
import pypdfium2
import pytest
from playwright.sync_api import expect

from mailings.models import MailingList, Subscription
from printing.builds import create_job, run_job
from printing.models import PrintJob
from sellers.models import SELLERS_GROUP, SellerProfile
from tests.browser.helpers import PASSWORD, issue_with_articles, member_of
from tests.factories import ArticlePageFactory, SectionFactory, stream

from .conftest import TIMEOUT_MS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


# 4. A seller logs in at /sellers/ and downloads it ----------------------------------------


def test_seller_logs_in_and_downloads_the_print_pdf(
    paper, new_page, screenshot, shared_media, private_files, tmp_path
):
    issue = issue_with_articles(paper, count=2)
    job = run_job(create_job(issue).pk)  # a real build, as the worker would make it
    assert job.status == PrintJob.DONE, job.error
    seller = member_of(SELLERS_GROUP, "sid@example.org", first_name="Sid", last_name="Seller")
    SellerProfile.objects.create(user=seller, area="South London")
    page = new_page()

    page.goto("/sellers/")
    page.wait_for_url(re.compile(r"/sellers/login/"))
    page.get_by_label("Email address or username").fill("Sid@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    screenshot(page, "login", full_page=True)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/sellers/$"))
    expect(page.get_by_text("Solidarity 741").first).to_be_visible()
    screenshot(page, "portal", full_page=True)

    with page.expect_download(timeout=TIMEOUT_MS) as download_info:
        page.get_by_role("link", name="Download PDF of Solidarity 741").click()
    download = download_info.value
    assert download.suggested_filename == "solidarity-741.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.stat().st_size == job.file_size
    # The file the seller takes to the printer: a PDF with the issue's pages and its masthead.
    with pikepdf.open(saved) as pdf:
        assert len(pdf.pages) == job.page_count >= 4
    document = pypdfium2.PdfDocument(saved)
    try:
        assert "741" in document[0].get_textpage().get_text_range()
    finally:
        document.close()
    screenshot(page, "downloaded", full_page=True)

    assert job.downloads.get().user == seller


# 5. A reader subscribes and confirms from the email -----------------------------------------


def test_reader_subscribes_and_confirms_from_the_email(new_page, screenshot, smtp_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    weekly = MailingList.objects.get(slug="solidarity-weekly")
    page = new_page()

    page.goto("/subscribe/")
    page.get_by_label("Your email address").fill("reader@example.org")
    page.get_by_label(weekly.name).check()
    screenshot(page, "subscribe-form", full_page=True)
    page.get_by_role("button", name=re.compile("Subscribe", re.I)).click()
    page.wait_for_url(re.compile(r"/subscribe/check-your-email/"))
    screenshot(page, "check-your-email", full_page=True)

    # The confirmation email, as the local SMTP server received it.
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not smtp_server.raw_messages and time.monotonic() < deadline:
        time.sleep(0.1)
    [message] = smtp_server.messages()
    assert message["To"] == "reader@example.org"
    text = message.get_body(preferencelist=("plain",)).get_content()
    [link] = set(re.findall(r"https?://[^\s<>\"']+/subscribe/confirm/[^\s<>\"']+", text))
    assert Subscription.objects.get(subscriber__email="reader@example.org").status != (
        Subscription.SUBSCRIBED
    )

    page.goto(link)  # the link points at the live site (WAGTAILADMIN_BASE_URL)
    screenshot(page, "confirm-page", full_page=True)
    page.get_by_role("button", name=re.compile(r"confirm|subscribe me", re.I)).click()
    expect(page.locator("main")).to_contain_text(weekly.name)
    screenshot(page, "confirmed", full_page=True)

    subscription = Subscription.objects.get(subscriber__email="reader@example.org")
    assert subscription.mailing_list == weekly
    assert subscription.status == Subscription.SUBSCRIBED


# 6. A reader searches, filters, and sees the match highlighted -----------------------------


def test_reader_searches_filters_and_sees_the_match_highlighted(paper, new_page, screenshot, site):
    international = SectionFactory(name="International", slug="international")
    ArticlePageFactory(
        parent=paper["issue"],
        title="Tube drivers strike over night shifts",
        standfirst="The RMT called the strike after talks broke down.",
        section=paper["section"],
    )
    ArticlePageFactory(
        parent=paper["issue"],
        title="General strike in Argentina",
        standfirst="Millions joined the strike against the government's decree.",
        section=international,
    )
    ArticlePageFactory(
        parent=paper["issue"],
        title="Book review: the miners",
        standfirst="A history of the coalfields.",
        section=international,
        body=stream(("paragraph", "<p>A year-long dispute, told by those who lived it.</p>")),
    )
    page = new_page()

    page.goto("/search/")
    form = page.get_by_role("search", name="Search the archive")
    form.get_by_label("Search Solidarity and the bulletins").fill("strike")
    form.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search/\?.*q=strike"))
    results = page.locator(".search-results > li")
    expect(results).to_have_count(2)
    expect(page.locator(".result-count")).to_contain_text("2 results")
    screenshot(page, "results", full_page=True)

    form.get_by_label("Section").select_option(label="Industrial")
    form.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"section=industrial"))
    expect(results).to_have_count(1)
    expect(results.first.locator("h3")).to_have_text("Tube drivers strike over night shifts")
    marks = results.first.locator("mark")
    expect(marks.first).to_have_text(re.compile("^strike$", re.I))
    assert marks.count() >= 2  # in the headline and the standfirst
    expect(marks.first).to_have_css("background-color", "rgb(255, 230, 128)")
    screenshot(page, "filtered-highlighted", full_page=True)

    page.get_by_role("link", name="Tube drivers strike over night shifts").click()
    expect(page.locator("h1")).to_have_text("Tube drivers strike over night shifts")
    screenshot(page, "article", full_page=True)
