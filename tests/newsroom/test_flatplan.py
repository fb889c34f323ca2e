"""The flatplan tab on an issue: its estimate against the real print PDF, what it lists, its
query budget, and the buttons that reorder the issue."""

from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Workflow

from demo.content import issue_738
from demo.management.commands.seed_demo import Command as SeedDemo
from issues.models import ArticlePage, IssuePage
from newsroom import roles
from newsroom.flatplan import Geometry, Plan, issue_flatplan
from newsroom.measure import measure_issue_pdf, text_lines
from newsroom.panels import FlatplanPanel
from printing.builds import create_job, run_job
from printing.models import PrinterProfile
from tests.factories import (
    ArticlePageFactory,
    InsertPageFactory,
    IssueIndexPageFactory,
    IssuePageFactory,
    home_page,
)
from tests.newsroom.test_roles import assert_refused, member_of

pytestmark = pytest.mark.django_db


# The estimate against the PDF the print job builds -------------------------------------------


def seed_demo_issue(data):
    """One demo issue exactly as `seed_demo` makes it (pictures, sections, authors too)."""
    command = SeedDemo()
    command.verbosity = 0
    command.created, command.kept = Counter(), Counter()
    images = command.seed_images()
    sections = command.seed_sections()
    authors = command.seed_authors(images)
    issue_index, _ = command.seed_indexes(home_page())
    command.seed_issue(issue_index, data, sections, authors, images)
    return IssuePage.objects.get(number=data["number"])


def print_order(plan):
    """Story anchors in the order templates/print/issue.html prints them: the paper's own
    articles (the lead's continuation after the lead), then each insert's."""
    order, new_page_before = [], set()
    for row in plan.rows:
        if not row.is_insert and row.in_print:
            order.append(str(row.page.pk))
            if row.is_lead:
                order.append("lead_rest")
    for row in plan.rows:
        if row.is_insert:
            printed = [str(article.page.pk) for article in row.rows if article.in_print]
            new_page_before.update(printed[:1])
            order.extend(printed)
    return order, new_page_before


def test_estimate_is_within_one_column_of_the_demo_issues_print_pdf():
    issue = seed_demo_issue(issue_738.ISSUE)
    job = run_job(create_job(issue).pk)
    assert job.status == "done", job.error
    pdf = job.file.open("rb").read()

    plan = issue_flatplan(issue)
    order, new_page_before = print_order(plan)
    measured, starts = measure_issue_pdf(pdf, plan.geometry, order, new_page_before)

    printed = [row for row in plan.articles() if row.in_print]
    assert len(printed) == len(issue_738.ISSUE["articles"]) - 1  # one is web-only
    assert {str(row.page.pk) for row in printed} == set(measured)
    # Each story's headline is on the page its anchor says it starts on.
    pages = text_lines(pdf)
    for start in starts:
        if start.key != "lead_rest":
            headline = ArticlePage.objects.get(pk=start.key).title
            page_text = " ".join(pages[start.page][0].split())
            assert headline[:30] in page_text.replace("\u2010", "-").replace("- ", "")

    estimated = sum(row.columns for row in printed)
    total = sum(measured.values())
    print(f"flatplan {estimated:.2f} columns, PDF {total:.2f} columns")
    assert abs(estimated - total) <= 1, (estimated, total)
    for row in printed:
        assert abs(row.columns - measured[str(row.page.pk)]) <= 0.5, row.title
    assert plan.page_count == job.page_count


# What the panel lists ---------------------------------------------------------------------------


@pytest.fixture
def issue():
    index = IssueIndexPageFactory()
    return IssuePageFactory(parent=index, number=760)


def edit_html(client, issue):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk]))
    assert response.status_code == 200
    return response.content.decode()


def flatplan_html(html):
    start = html.index('class="flatplan"')
    return html[start : html.index("</table>", start)]


def test_flatplan_lists_articles_in_print_order_with_state_section_and_space(admin_client, issue):
    lead = ArticlePageFactory(parent=issue, title="Lead <b>story</b>")
    draft = ArticlePageFactory(parent=issue, title="A draft", live=False)
    draft.save_revision()
    waiting = ArticlePageFactory(parent=issue, title="Waiting for the subs", live=False)
    waiting.save_revision()
    Workflow.objects.get(name=roles.SUB_EDIT_WORKFLOW).start(
        waiting, User.objects.get(username="admin")
    )
    scheduled = ArticlePageFactory(parent=issue, title="Embargoed", live=False)
    scheduled.save_revision(approved_go_live_at=timezone.now() + timezone.timedelta(days=1))
    ArticlePageFactory(parent=issue, title="On the web only", web_only=True)
    insert = InsertPageFactory(parent=issue, title="Climate and class")
    ArticlePageFactory(parent=insert, title="A just transition")

    html = flatplan_html(edit_html(admin_client, issue))
    titles = [
        "Lead &lt;b&gt;story&lt;/b&gt;",
        "A draft",
        "Waiting for the subs",
        "Embargoed",
        "On the web only",
        "Insert: Climate and class",
        "A just transition",
    ]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "<b>story</b>" not in html
    for label in ("Draft", "In moderation", "Approved, scheduled", "Live", "Lead story"):
        assert label in html
    assert "web only: not in print" in html
    assert "Industrial" in html
    assert "columns" in html

    plan = issue_flatplan(issue)
    states = {row.title: row.state for row in plan.articles()}
    assert states == {
        "Lead <b>story</b>": "live",
        "A draft": "draft",
        "Waiting for the subs": "moderation",
        "Embargoed": "scheduled",
        "On the web only": "live",
        "A just transition": "live",
    }
    assert [row.title for row in plan.rows if row.is_insert][0].startswith("Climate")
    assert plan.rows[0].is_lead and plan.rows[0].page.pk == lead.pk
    assert plan.page_count % 4 == 0


def test_flatplan_of_a_new_issue_asks_to_save_it_first(admin_client, issue):
    url = reverse("wagtailadmin_pages:add", args=["issues", "issuepage", issue.get_parent().pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Save the issue first" in response.content.decode()


def test_over_and_under_the_page_count():
    geometry = Geometry(columns=5, trim_w=289, trim_h=380, margin=12)
    plan = Plan(issue=None, profile=None, geometry=geometry, rows=[], end_columns=41)
    assert plan.content_pages == 9
    assert plan.page_count == 12
    assert plan.filler_pages == 3
    assert plan.spare_columns == pytest.approx(19)
    assert plan.lower_page_count == 8
    assert plan.over_columns == pytest.approx(1)  # cut a column to print 8 pages
    plan.end_columns = 40
    assert (plan.page_count, plan.filler_pages, plan.fits_exactly) == (8, 0, True)
    plan.end_columns = 3
    assert (plan.page_count, plan.over_columns) == (4, None)
    assert 400 < geometry.words_per_column < 500


def render_panel(issue, user):
    request = RequestFactory().get("/")
    request.user = user
    panel = FlatplanPanel().bind_to_model(IssuePage)
    bound = panel.get_bound_panel(instance=issue, request=request, form=None)
    with CaptureQueriesContext(connection) as queries:
        html = bound.render_html({})
    return html, len(queries)


def test_panel_queries_do_not_grow_with_the_number_of_articles(issue):
    admin = User.objects.create_superuser("boss", "boss@example.org", "a long password")
    insert = InsertPageFactory(parent=issue)
    ArticlePageFactory(parent=issue).save_revision()
    ArticlePageFactory(parent=insert)
    _, few = render_panel(issue, admin)
    for n in range(8):
        article = ArticlePageFactory(parent=issue if n % 2 else insert)
        article.save_revision()  # unpublished changes: the copy comes from the revision
    html, many = render_panel(issue, admin)
    assert html.count("flatplan__article") >= 10
    assert many == few, (few, many)
    assert many <= 12


# Reordering ---------------------------------------------------------------------------------


def move_url(page, direction):
    return reverse("newsroom_flatplan_move", args=[page.pk, direction])


def child_titles(parent):
    return [page.title for page in Page.objects.get(pk=parent.pk).get_children().order_by("path")]


def test_editors_move_articles_and_choose_the_lead_story(client, issue):
    first = ArticlePageFactory(parent=issue, title="First")
    second = ArticlePageFactory(parent=issue, title="Second")
    third = ArticlePageFactory(parent=issue, title="Third")
    client.force_login(member_of(roles.SUB_EDITORS, "sub"))

    response = client.post(move_url(third, "up"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[issue.pk]) + (
        "#tab-flatplan"
    )
    assert child_titles(issue) == ["First", "Third", "Second"]
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["“Third” moved up."]

    client.post(move_url(first, "down"))
    assert child_titles(issue) == ["Third", "First", "Second"]

    client.post(move_url(second, "lead"))
    assert child_titles(issue) == ["Second", "Third", "First"]
    assert issue_flatplan(issue).rows[0].is_lead

    # At either end nothing moves.
    response = client.post(move_url(second, "up"))
    assert child_titles(issue) == ["Second", "Third", "First"]
    assert "already" in str(list(get_messages(response.wsgi_request))[-1])


def test_articles_of_an_insert_move_within_it_and_are_never_the_lead(admin_client, issue):
    ArticlePageFactory(parent=issue, title="Front")
    insert = InsertPageFactory(parent=issue, title="Insert")
    one = ArticlePageFactory(parent=insert, title="One")
    ArticlePageFactory(parent=insert, title="Two")
    admin_client.post(move_url(one, "down"))
    assert child_titles(insert) == ["Two", "One"]
    admin_client.post(move_url(one, "lead"))
    assert child_titles(insert) == ["Two", "One"]
    assert child_titles(issue) == ["Front", "Insert"]
    admin_client.post(move_url(insert, "up"))
    assert child_titles(issue) == ["Insert", "Front"]


def test_moves_are_refused_without_permission_csrf_or_post(client, issue):
    article = ArticlePageFactory(parent=issue, title="Mine")
    ArticlePageFactory(parent=issue, title="Other")
    writer = member_of(roles.WRITERS, "writer")
    client.force_login(writer)
    assert_refused(client.post(move_url(article, "down")))
    assert child_titles(issue) == ["Mine", "Other"]

    editor = member_of(roles.EDITORS, "editor")
    client.force_login(editor)
    assert client.get(move_url(article, "down")).status_code == 405
    assert client.post(move_url(article, "sideways")).status_code == 404
    assert client.post(reverse("newsroom_flatplan_move", args=[999999, "up"])).status_code == 404
    assert client.post(move_url(issue, "up")).status_code == 404  # only articles and inserts
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(move_url(article, "down")).status_code == 403
    assert child_titles(issue) == ["Mine", "Other"]

    # The panel offers the buttons only to those who may use them.
    client.force_login(writer)
    ArticlePage.objects.filter(pk=article.pk).update(owner=writer)
    assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])))
    client.force_login(editor)
    assert "newsroom/flatplan/" in edit_html(client, issue)


def test_issue_edit_view_still_saves_with_the_flatplan_tab(admin_client, issue):
    ArticlePageFactory(parent=issue)
    html = edit_html(admin_client, issue)
    assert 'id="tab-label-flatplan"' in html or "tab-flatplan" in html
    assert PrinterProfile.objects.filter(slug="newspaper-printer").exists()
    assert Page.objects.get(pk=issue.pk).get_children().count() == 1
    assert home_page() is not None
