"""The newsroom's paths through the admin, in a real browser against the live site.

A writer files an article with a picture and submits it; a sub-editor approves and publishes
it; an editor builds the issue's print PDF and watches it finish. Each step saves a screenshot
under var/screenshots/<test>/.
"""

import re
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from issues.models import ArticlePage
from printing.models import PrintJob
from tests.browser.helpers import issue_with_articles, log_in_to_admin, member_of
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


# A print build on a busy two-core machine: the worker starts, WeasyPrint lays out the issue.
BUILD_TIMEOUT_MS = 180_000


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
