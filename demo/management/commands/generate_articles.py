"""Create N believable published articles, in weekly issues over 30 years, for benchmarks.

Pages are bulk-inserted with their tree paths, depth, numchild and url_path worked out here, not
added one by one with add_child (which would take hours for 100,000); then they are indexed for
search in batches. The text is drawn from word lists with a seeded random generator, so two runs
with the same seed give the same corpus.
"""

import datetime
import json
import multiprocessing
import os
import random
import time
import uuid
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from demo.corpus import FIRST_NAMES, SECTIONS, SURNAMES, TAGS, Text
from issues.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    Author,
    IssueIndexPage,
    IssuePage,
    Section,
)
from solidarity.commands import draw_progress_bar

YEARS = 30
BATCH = 1000


class Command(BaseCommand):
    help = "Create N published articles over 30 years of weekly issues (benchmark data)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1917)
        parser.add_argument("--per-issue", type=int, default=64)
        parser.add_argument("--no-index", action="store_true", help="Skip search indexing.")
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes that index, on PostgreSQL (default: one per CPU).",
        )

    def handle(self, count, seed, per_issue, no_index, jobs=1, **options):
        if count < 1:
            raise CommandError("Give a positive number of articles.")
        index_page = IssueIndexPage.objects.first()
        if index_page is None:
            raise CommandError("No IssueIndexPage: run seed_demo (or create the archive) first.")
        self.rng = random.Random(seed)
        self.text = Text(self.rng)
        self.locale = Locale.get_default()
        start = time.perf_counter()

        sections = self.sections()
        authors = self.authors()
        tags = [
            Tag.objects.get_or_create(slug=s, defaults={"name": s.replace("-", " ")})[0]
            for s in TAGS
        ]
        issues = self.issues(index_page, -(-count // per_issue))
        self.stdout.write(f"{len(issues)} issues in {time.perf_counter() - start:.1f}s")

        created = []
        for n, (issue, in_issue) in enumerate(self.spread(issues, count)):
            created.extend(self.articles(issue, in_issue, sections, authors, tags))
            if (n + 1) % 100 == 0:
                self.stdout.write(f"  {len(created)} articles")
        generated = time.perf_counter() - start
        self.stdout.write(f"Created {len(created)} articles in {generated:.1f}s")

        # Kept for callers (the search benchmark times the indexing on its own).
        self.issue_ids, self.article_ids = [issue.pk for issue in issues], created
        if not no_index:
            started = time.perf_counter()
            self.index(IssuePage, self.issue_ids, jobs)
            self.index(ArticlePage, created, jobs)
            self.stdout.write(f"Indexed them in {time.perf_counter() - started:.1f}s")

    # Snippets ----------------------------------------------------------------------------------

    def sections(self):
        existing = list(Section.objects.all())
        for order, (slug, name) in enumerate(SECTIONS, start=len(existing) + 1):
            if not any(s.slug == slug or s.name == name for s in existing):
                existing.append(Section.objects.create(slug=slug, name=name, sort_order=order))
        return existing

    def authors(self, wanted=300):
        authors = list(Author.objects.all())
        slugs = {a.slug for a in authors}
        new = []
        for first in FIRST_NAMES:
            for last in SURNAMES:
                name = f"{first} {last}"
                if slugify(name) not in slugs and len(authors) + len(new) < wanted:
                    new.append(Author(name=name, slug=slugify(name)))
        return authors + Author.objects.bulk_create(new)

    # Pages -------------------------------------------------------------------------------------

    def new_pages(self, parent, model, rows):
        """Insert children of parent, given as (page fields, specific fields) pairs.

        Works out each child's path after the parent's last child, its depth and url_path, and
        bumps the parent's numchild; returns the specific pages with their ids.
        """
        content_type = ContentType.objects.get_for_model(model)
        last = parent.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        pages = []
        for offset, (fields, _specific) in enumerate(rows, start=1):
            pages.append(
                Page(
                    path=Page._get_path(parent.path, parent.depth + 1, step + offset),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{fields['slug']}/",
                    content_type=content_type,
                    locale=self.locale,
                    translation_key=uuid.uuid4(),
                    live=True,
                    has_unpublished_changes=False,
                    draft_title=fields["title"],
                    last_published_at=fields["first_published_at"],
                    latest_revision_created_at=fields["first_published_at"],
                    **fields,
                )
            )
        Page.objects.bulk_create(pages)
        # Multi-table inheritance: Django's bulk_create refuses it, so the specific rows go in
        # with the same low-level insert that save() uses.
        objs = [
            model(page_ptr_id=p.pk, **specific)
            for p, (_, specific) in zip(pages, rows, strict=True)
        ]
        model.objects._insert(objs, fields=model._meta.local_concrete_fields)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(rows))
        parent.numchild += len(rows)
        for obj, page in zip(objs, pages, strict=True):
            obj.__dict__.update({k: v for k, v in page.__dict__.items() if k != "_state"})
        return objs

    def issues(self, index_page, wanted):
        """`wanted` new issues, numbered on from the last one, dated evenly over 30 years."""
        last = IssuePage.objects.order_by("-number").values_list("number", flat=True).first()
        today = timezone.localdate()
        first_date = today - datetime.timedelta(days=YEARS * 365)
        gap = YEARS * 365 / wanted
        rows = []
        for i in range(wanted):
            number = (last or 0) + 1 + i
            date = first_date + datetime.timedelta(days=int(i * gap))
            when = timezone.make_aware(datetime.datetime.combine(date, datetime.time(8)))
            page = {
                "title": f"Solidarity {number}",
                "slug": str(number),
                "first_published_at": when,
            }
            specific = {
                "number": number,
                "publication_date": date,
                "cover_headline": self.text.headline(),
            }
            rows.append((page, specific))
        issues = []
        with transaction.atomic():
            index_page.refresh_from_db()
            for n in range(0, len(rows), BATCH):
                issues.extend(self.new_pages(index_page, IssuePage, rows[n : n + BATCH]))
        return issues

    def spread(self, issues, count):
        base, extra = divmod(count, len(issues))
        for n, issue in enumerate(issues):
            yield issue, base + (1 if n < extra else 0)

    def articles(self, issue, count, sections, authors, tags):
        rng, text = self.rng, self.text
        rows, slugs = [], set()
        for n in range(count):
            text.new_topic()
            title = text.headline()
            slug = slugify(title)[:70] or "article"
            if slug in slugs:
                slug = f"{slug}-{n}"
            slugs.add(slug)
            when = issue.first_published_at + datetime.timedelta(minutes=n)
            body = json.dumps(
                [
                    {
                        "type": "paragraph",
                        "value": f"<p>{text.paragraph()}</p>",
                        "id": str(uuid.uuid4()),
                    }
                    for _ in range(rng.randint(4, 9))
                ]
            )
            rows.append(
                (
                    {"title": title, "slug": slug, "first_published_at": when},
                    {
                        "standfirst": text.sentence(rng.randint(12, 24)),
                        "section_id": rng.choice(sections).pk,
                        "body": body,
                        "print_only": rng.random() < 0.02,
                    },
                )
            )
        with transaction.atomic():
            articles = self.new_pages(issue, ArticlePage, rows)
            links, tagged = [], []
            for article in articles:
                for order, author in enumerate(rng.sample(authors, rng.choice((1, 1, 1, 2)))):
                    links.append(
                        ArticleAuthor(article_id=article.pk, author=author, sort_order=order)
                    )
                for tag in rng.sample(tags, rng.randint(0, 3)):
                    tagged.append(ArticleTag(content_object_id=article.pk, tag=tag))
            ArticleAuthor.objects.bulk_create(links)
            ArticleTag.objects.bulk_create(tagged)
        return [a.pk for a in articles]

    def index(self, model, ids, jobs=1):
        """Add the new pages to the search index, a batch at a time, in `jobs` processes
        (on PostgreSQL; SQLite takes one writer at a time)."""
        batches = [ids[n : n + BATCH] for n in range(0, len(ids), BATCH)]
        if connection.vendor != "postgresql" or len(batches) < 2:
            jobs = 1
        if jobs == 1:
            self.report(model, len(ids), (index_batch(model, batch) for batch in batches))
        else:
            connections.close_all()  # each process opens its own
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                done = pool.imap_unordered(partial(index_batch, model), batches)
                self.report(model, len(ids), done)

    def report(self, model, total, done):
        """Show progress as batches are done, with fresh planner statistics as the tables grow."""
        indexed = analysed_at = 0
        for count in done:
            indexed += count
            if indexed >= 2 * analysed_at:
                analysed_at = indexed
                analyse_search_tables()
            label = f"{indexed} of {total} {model._meta.verbose_name_plural} indexed"
            draw_progress_bar(self.stderr, indexed * 100 // total, label)
        self.stderr.write("")


def index_batch(model, ids):
    """Index these pages of the model; the number indexed."""
    objects = model.get_indexed_objects().filter(pk__in=ids)
    if model is ArticlePage:
        objects = objects.prefetch_related("article_authors__author")  # else one query each
    objs = list(objects)
    get_search_backend().add_bulk(model, objs)
    return len(objs)


def analyse_search_tables():
    """Fresh planner statistics for the tables indexing writes and reads, while they grow.

    Without them (autovacuum off, or not yet run) PostgreSQL plans each batch's copy into the
    search document table as if the index were empty, scanning it once per page: a batch took
    16 s instead of a fraction of one. Analysing whenever the index has doubled keeps the
    statistics within a factor of two of the truth at the cost of a few short ANALYZEs."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailcore_page, wagtailsearch_indexentry, site_search_document")
