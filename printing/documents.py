"""What goes into a print PDF, read from the pages through small explicit functions.

Each function returns the template and the context that templates/print/ needs: the rendering
code never reaches into page models, and page models know nothing about print.
"""

from bulletins.models import BulletinEditionPage
from issues.models import ArticlePage, InsertPage, IssuePage

from .models import PrinterProfile

# The page types that have print PDFs.
PRINTABLE_MODELS = (IssuePage, InsertPage, BulletinEditionPage)


def is_printable(page_or_model):
    model = page_or_model if isinstance(page_or_model, type) else page_or_model.specific_class
    return issubclass(model, PRINTABLE_MODELS)


def print_articles(parent):
    """Articles of an issue or insert that go into print (not web-only), in print order."""
    return list(
        ArticlePage.objects.child_of(parent)
        .live()
        .filter(web_only=False)
        .select_related("section", "image")
        .with_authors()
        .order_by("path")
    )


def split_front(blocks, paragraphs=2):
    """The lead's opening (its first paragraphs) for page 1, and the rest for inside.

    `blocks` are a body's stream blocks, or its raw stream data as the flatplan reads it.
    """
    seen = 0
    for index, block in enumerate(blocks):
        kind = block.get("type") if isinstance(block, dict) else block.block_type
        if kind == "paragraph":
            seen += 1
            if seen == paragraphs:
                return blocks[: index + 1], blocks[index + 1 :]
    return blocks, []


def issue_document(issue):
    articles = print_articles(issue)
    lead_front, lead_rest = split_front(list(articles[0].body)) if articles else ([], [])
    inserts = [
        {"insert": insert, "articles": print_articles(insert)}
        for insert in InsertPage.objects.child_of(issue).live().order_by("path")
    ]
    return "print/issue.html", {
        "empty": None if articles else f"Issue {issue.number} has no articles for print yet.",
        "publication": "Solidarity",
        "issue": issue,
        "lead": articles[0] if articles else None,
        "lead_front": lead_front,
        "lead_rest": lead_rest,
        "articles": articles[1:],
        "inserts": inserts,
    }


def insert_document(insert):
    articles = print_articles(insert)
    return "print/insert.html", {
        "empty": None if articles else f"The insert “{insert.title}” has no articles yet.",
        "publication": insert.series_label,
        "issue": insert.get_issue(),
        "insert": insert,
        "articles": articles,
    }


def bulletin_document(edition):
    series = edition.series
    return "print/bulletin.html", {
        "empty": None if edition.body else f"{series.title} {edition.number} has no items yet.",
        "page_sizes": [2, 4],
        "max_pages": 4,
        "publication": series.title,
        "series": series,
        "edition": edition,
        "get_involved": edition.get_involved or series.get_involved,
        "contact_email": edition.contact_email or series.contact_email,
    }


def document_for(page):
    """(template, context) for any printable page; ValueError for anything else."""
    page = page.specific
    if isinstance(page, IssuePage):
        return issue_document(page)
    if isinstance(page, InsertPage):
        return insert_document(page)
    if isinstance(page, BulletinEditionPage):
        return bulletin_document(page)
    raise ValueError(f"{page.title} is not an issue, insert or bulletin edition.")


def default_profile_slug(page):
    return "office-a4" if isinstance(page.specific, BulletinEditionPage) else "newspaper-printer"


def profile_for(page):
    """The printer profile chosen in the admin for the issue or series, or the default."""
    page = page.specific
    chosen = None
    if isinstance(page, IssuePage):
        chosen = page.printer_profile
    elif isinstance(page, InsertPage):
        chosen = page.get_issue().printer_profile
    elif isinstance(page, BulletinEditionPage):
        chosen = page.series.printer_profile
    return chosen or PrinterProfile.objects.get(slug=default_profile_slug(page))
