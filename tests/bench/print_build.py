"""Print build benchmark: a 16-page tabloid issue (30+ articles, 20+ pictures) and a bulletin.

Each build runs in a child process so its peak memory (ru_maxrss) is its own.
"""

import datetime
import multiprocessing
import resource
import time

BENCH_ISSUE = 9000


def bench_issue():
    """An issue made of the demo articles' texts and pictures, to fill about 16 pages."""
    # Imported here, once Django is set up: the benchmark starts before it is.
    from issues.models import ArticleAuthor, ArticlePage, IssueIndexPage, IssuePage

    issue = IssuePage.objects.filter(number=BENCH_ISSUE).first()
    if issue:
        return issue
    sources = list(ArticlePage.objects.filter(image__isnull=False).order_by("pk")[:30])
    index = IssueIndexPage.objects.get()
    issue = index.add_child(
        instance=IssuePage(
            title=f"Solidarity {BENCH_ISSUE}",
            slug=str(BENCH_ISSUE),
            number=BENCH_ISSUE,
            publication_date=datetime.date(2026, 11, 25),
            cover_headline="Benchmark issue",
            cover_image=sources[0].image,
            live=False,
        )
    )
    for n, source in enumerate((sources * 2)[:32]):
        article = issue.add_child(
            instance=ArticlePage(
                title=f"{source.title} ({n})",
                slug=f"bench-{n}",
                standfirst=source.standfirst,
                section=source.section,
                image=source.image if n < 22 else None,
                body=source.body.raw_data,
                live=True,
            )
        )
        for link in source.article_authors.all():
            ArticleAuthor.objects.create(article=article, author=link.author)
    return issue


def _build(page_id, queue):
    # Imported here, once Django is set up: the benchmark starts before it is.
    import django
    from django.db import connections

    django.setup()
    connections.close_all()
    # Imported here, once Django is set up: the benchmark starts before it is.
    from wagtail.models import Page

    from printing.documents import profile_for
    from printing.render import build_pdf

    page = Page.objects.get(pk=page_id).specific
    start = time.perf_counter()
    result = build_pdf(page, profile_for(page))
    seconds = time.perf_counter() - start
    queue.put(
        {
            "seconds": round(seconds, 2),
            "pages": result.page_count,
            "pages_per_second": round(result.page_count / seconds, 2),
            "pdf_mb": round(len(result.pdf) / 1e6, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "warnings": len(result.warnings),
        }
    )


def measure(page):
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_build, args=(page.pk, queue))
    process.start()
    result = queue.get(timeout=600)
    process.join()
    return result


def run():
    # Imported here, once Django is set up: the benchmark starts before it is.
    from bulletins.models import BulletinEditionPage
    from issues.models import ArticlePage

    issue = bench_issue()
    edition = BulletinEditionPage.objects.order_by("-date").first()
    return {
        "tabloid_issue": {
            "articles": ArticlePage.objects.child_of(issue).count(),
            **measure(issue),
        },
        "bulletin": measure(edition),
    }
