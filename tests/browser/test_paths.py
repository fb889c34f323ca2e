"""Every user's path through the site, in a real browser against the live site.

A writer files an article with a picture and submits it; a sub-editor approves and publishes
it; an editor builds the issue's print PDF and watches it finish; a seller downloads it; a
reader subscribes and confirms from the email; a reader searches and filters. Each step saves
a screenshot under var/screenshots/<test>/.
"""

import re
import time
from urllib.parse import urlsplit

import pikepdf
import pypdfium2
import pytest
from django.contrib.auth.models import Group, User
from PIL import Image, ImageDraw
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from issues.models import ArticlePage
from mailings.models import MailingList, Subscription
from printing.builds import create_job, run_job
from printing.models import PrintJob
from sellers.models import SELLERS_GROUP, SellerProfile
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    IssueIndexPageFactory,
    IssuePageFactory,
    SectionFactory,
    stream,
)

from .conftest import TIMEOUT_MS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a long password for tests"
# A print build on a busy two-core machine: the worker starts, WeasyPrint lays out the issue.
BUILD_TIMEOUT_MS = 180_000


def member_of(group_name, username, **extra):
    email = username if "@" in username else f"{username}@example.org"
    user = User.objects.create_user(username, email, PASSWORD, **extra)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def log_in_to_admin(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def footer_action(page, name):
    """Press an action of the edit form's footer menu (the one behind its arrow)."""
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name=name, exact=True).click()


def photo_file(path):
    image = Image.new("RGB", (1600, 1000), "#b8232f")
    draw = ImageDraw.Draw(image)
    draw.rectangle((300, 250, 1300, 750), fill="#f4f1ea")
    draw.ellipse((650, 350, 950, 650), fill="#222")
    image.save(path)
    return path


@pytest.fixture
def paper():
    index = IssueIndexPageFactory()
    issue = IssuePageFactory(parent=index, number=741, cover_headline="Porters win")
    return {
        "index": index,
        "issue": issue,
        "section": SectionFactory(name="Industrial", slug="industrial"),
        "author": AuthorFactory(name="Kim Ng"),
    }


# 1. A writer files an article with a picture and submits it -------------------------------


def test_writer_creates_an_article_with_an_image_and_submits_it(
    paper, new_page, screenshot, shared_media, tmp_path, settings
):
    # Wagtail 8 autosaves the form every half second, and its first autosave of a new page
    # creates the page: a submit racing it is sent to the create view again and refused (slug
    # in use), and an autosave of the half-filled form pauses autosave. Neither is this
    # project's code, and a browser test types faster than anyone: autosave is off here.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    member_of("Writers", "writer", first_name="Rosa", last_name="Writer")
    photo = photo_file(tmp_path / "picket-line.png")
    page = new_page()

    log_in_to_admin(page, "writer")
    screenshot(page, "dashboard")

    page.goto(f"/admin/pages/{paper['issue'].pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_role("link", name="Article page", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/pages/add/issues/articlepage/\d+/"))
    screenshot(page, "new-article-form")

    headline = page.locator("#id_title")
    headline.fill("Porters walk out at St Mary's")
    headline.press("Tab")
    # The headline is a TitleFieldPanel: it fills in the slug, on the Promote tab.
    expect(page.locator("#id_slug")).to_have_value("porters-walk-out-at-st-marys")
    page.locator("#id_standfirst").fill("Cleaners and porters struck at dawn over unpaid wages.")

    modal = page.locator(".modal-dialog")
    page.locator("#id_article_authors-0-author-chooser").get_by_role(
        "button", name="Choose author"
    ).click()
    modal.get_by_role("link", name="Kim Ng").click()
    expect(page.locator("#id_article_authors-0-author-title")).to_have_text("Kim Ng")
    page.locator("#id_section-chooser").get_by_role("button", name="Choose section").click()
    modal.get_by_role("link", name="Industrial").click()
    expect(page.locator("#id_section-title")).to_have_text("Industrial")

    # The picture: uploaded from the image chooser's Upload tab.
    page.locator("#id_image-chooser").get_by_role("button", name="Choose an image").click()
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("#id_image-chooser-upload-file").set_input_files(str(photo))
    modal.locator("#id_image-chooser-upload-title").fill("Picket line at St Mary's")
    modal.locator("#id_image-chooser-upload-description").fill("Porters on the picket line")
    screenshot(page, "image-upload")
    modal.get_by_role("button", name="Upload").click()
    expect(modal).to_have_count(0)
    expect(page.locator("#id_image-title")).to_have_text("Picket line at St Mary's")

    page.locator("#body-root .c-sf-add-button").first.click()
    page.get_by_role("option", name="Paragraph").click()
    page.locator("#body-root [role=textbox]").first.click()
    page.keyboard.type("The strike spread to every ward by noon. The trust has until Friday.")
    # The editor stores its text in the form a moment after typing stops.
    expect(page.locator('#body-root input[name="body-0-value"]')).to_have_value(
        re.compile("every ward by noon")
    )
    screenshot(page, "article-filled-in")

    footer_action(page, "Submit to Sub-edit")
    expect(page.locator(".messages")).to_contain_text("submitted")
    screenshot(page, "submitted")

    article = ArticlePage.objects.get(title="Porters walk out at St Mary's")
    assert article.slug == "porters-walk-out-at-st-marys"
    assert article.get_parent().pk == paper["issue"].pk
    assert article.image.title == "Picket line at St Mary's"
    assert article.owner.username == "writer"
    assert not article.live
    state = article.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Sub-editor approval"


# 2. A sub-editor approves it with a comment, and it is published ---------------------------


def test_sub_editor_approves_with_a_comment_and_the_article_is_published(
    paper, new_page, screenshot, site
):
    writer = member_of("Writers", "writer")
    member_of("Sub-editors", "sub", first_name="Sam", last_name="Subs")
    article = ArticlePageFactory(
        parent=paper["issue"],
        title="Bus drivers reject the pay offer",
        slug="bus-drivers-reject-pay-offer",
        standfirst="Unite members voted four to one against.",
        section=paper["section"],
        authors=[paper["author"]],
        live=False,
        first_published_at=None,
        last_published_at=None,
        owner=writer,
    )
    article.save_revision(user=writer)
    article.get_workflow().start(article, writer)
    assert not article.live
    page = new_page()

    log_in_to_admin(page, "sub")
    awaiting = page.get_by_role("link", name="Bus drivers reject the pay offer").first
    expect(awaiting).to_be_visible()
    screenshot(page, "dashboard-awaiting-review")

    page.goto(f"/admin/pages/{article.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("Bus drivers reject the pay offer")
    screenshot(page, "article-in-moderation")
    footer_action(page, "Approve with comment and Publish")
    dialog = page.locator(".modal-dialog")
    dialog.get_by_label("Comment").fill("Checked the ballot figures with the branch.")
    screenshot(page, "approve-with-comment")
    dialog.get_by_role("button", name=re.compile("Approve")).click()
    expect(page.locator(".messages")).to_contain_text(
        "Page 'Bus drivers reject the pay offer' has been updated"
    )
    screenshot(page, "approved")

    article.refresh_from_db()
    assert article.live
    state = WorkflowState.objects.for_instance(article).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    task_state = state.task_states.get()
    assert task_state.comment == "Checked the ballot figures with the branch."
    assert task_state.finished_by.username == "sub"

    # The public URL now serves the article, to anyone.
    page.context.clear_cookies()
    response = page.goto(article.get_url())
    assert response.status == 200
    assert urlsplit(page.url).path == "/solidarity/741/bus-drivers-reject-pay-offer/"
    expect(page.locator("h1")).to_have_text("Bus drivers reject the pay offer")
    screenshot(page, "public-article", full_page=True)


# 3. An editor builds the issue's print PDF and watches the progress bar reach 100% ---------


def issue_with_articles(paper, count=4):
    picture = ImageFactory(title="Picket line", width=1600, height=1000)
    for n in range(count):
        ArticlePageFactory(
            parent=paper["issue"],
            title=f"Strike report {n + 1}",
            section=paper["section"],
            authors=[paper["author"]],
            image=picture if n == 0 else None,
            body=stream(
                *[
                    ("paragraph", f"<p>Paragraph {i} of a report from the picket.</p>")
                    for i in range(8)
                ]
            ),
        )
    return paper["issue"]


def test_editor_builds_the_issue_pdf_and_watches_the_progress_bar(
    paper, new_page, screenshot, shared_media, private_files, start_worker
):
    worker = start_worker("print")  # starting takes a few seconds: start it first
    issue = issue_with_articles(paper)
    member_of("Editors", "editor", first_name="Eda", last_name="Editor")
    page = new_page()

    log_in_to_admin(page, "editor")
    page.goto(f"/admin/pages/{issue.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("Solidarity 741")
    screenshot(page, "issue-in-the-admin")
    page.get_by_role("button", name="Actions").first.click()  # the header's "…" menu
    page.get_by_role("link", name="Build print PDF").click()
    page.wait_for_url(f"**/admin/printing/build/{issue.pk}/")
    screenshot(page, "build-page")

    page.get_by_role("button", name="Build print PDF").click()
    expect(page.locator(".messages")).to_contain_text("is being built")
    job = PrintJob.objects.get(page=issue, variant=PrintJob.PRINT)
    bar = page.locator(f'[data-print-job="{job.pk}"]')
    expect(bar).to_be_visible()
    screenshot(page, "build-queued")

    # The bar moves while the worker builds (its page reloads once when the job is done).
    try:
        expect(bar.locator("progress")).not_to_have_js_property("value", 0, timeout=90_000)
        screenshot(page, "build-running")
    except AssertionError:
        pass  # a fast build may finish between two polls
    expect(bar).to_have_attribute("data-status", "done", timeout=BUILD_TIMEOUT_MS)
    expect(bar.locator("progress")).to_have_js_property("value", 100)
    expect(bar).to_contain_text("Done")
    screenshot(page, "build-done")
    assert worker.poll() is None, "the print worker stopped"

    job.refresh_from_db()
    assert job.status == PrintJob.DONE and job.progress == 100
    assert job.requested_by.username == "editor"
    with job.file.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # The print jobs listing shows the finished build with a full bar too.
    page.get_by_role("link", name="Print jobs").first.click()
    listed = page.locator(f'[data-print-job="{job.pk}"]')
    expect(listed).to_have_attribute("data-status", "done")
    expect(listed.locator("progress")).to_have_js_property("value", 100)
    screenshot(page, "print-jobs-listing")


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
