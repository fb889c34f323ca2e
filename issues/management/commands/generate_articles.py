"""Create N believable published articles, in weekly issues over 30 years, for benchmarks.

Pages are bulk-inserted with their tree paths, depth, numchild and url_path worked out here, not
added one by one with add_child (which would take hours for 100,000); then they are indexed for
search in batches. The text is drawn from word lists with a seeded random generator, so two runs
with the same seed give the same corpus.
"""

import datetime
import itertools
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


def words(text):
    return text.split()


SECTIONS = [
    ("editorial", "Editorial"),
    ("industrial", "Industrial"),
    ("international", "International"),
    ("womens-fightback", "Women's Fightback"),
    ("reviews", "Reviews"),
    ("history", "History"),
    ("letters", "Letters"),
    ("politics", "Politics"),
]
FIRST_NAMES = words(
    "Rosa Sam Jo Priya Tom Aisha Dan Martha Kev Sofia Ben Hannah Omar Lucy Pat Niamh Raj Ellen "
    "Tariq Beth Chris Mira Owen Grace Ade Ruth Luke Zainab Gerry Ana Mick Farah Ivan Cath Yusuf"
)
SURNAMES = words(
    "Hart Oduya Kaur Bellamy Rahman Walsh Novak Okafor Lyons Brennan Shah Morgan Costa Price "
    "Doyle Hussain Fischer Reid Mensah Quinn Ahmed Hale Kowalski Byrne Nair Ellis Varga Obi Lowe"
)
# Who, what and where: the vocabulary of a labour-movement paper.
GROUPS = words(
    "nurses drivers cleaners teachers lecturers dockers postal-workers firefighters "
    "care-workers tube-workers rail-workers junior-doctors bus-drivers civil-servants "
    "warehouse-workers students tenants miners steelworkers refuse-collectors"
)
ISSUES = words(
    "pay pensions outsourcing privatisation cuts closures fatigue safety redundancies "
    "casualisation rents housing climate deportations racism sexism abortion benefits "
    "zero-hours contracts tuition fees austerity automation surveillance"
)
PLACES = words(
    "London Glasgow Manchester Liverpool Leeds Sheffield Cardiff Bristol Newcastle Belfast "
    "Birmingham Nottingham Dundee Swansea Leicester Ukraine Palestine Iran Sudan France Germany "
    "Brazil Argentina Turkey India China Hong-Kong Chile Poland Greece"
)
ORGS = words(
    "RMT Aslef Unite Unison GMB UCU NEU PCS CWU FBU TSSA Labour TUC NHS Amazon Deliveroo "
    "Network-Rail TfL Royal-Mail Tories Reform"
)
VERBS = words(
    "strike walk-out vote ballot picket occupy march organise protest win defy reject "
    "demand resist rally campaign"
)
NOUNS = words(
    "dispute ballot picket-line strike-fund rank-and-file workplace union branch committee "
    "bosses management government council employer members reps leaflet demonstration "
    "solidarity democracy socialism capitalism wages profits inflation conference motion "
    "leadership bureaucracy agreement offer settlement negotiation walkout lockout injunction "
    "legislation movement struggle history revolution reform class movement internationalism"
)
ADJECTIVES = words(
    "militant national local indefinite unofficial solid angry determined historic "
    "democratic rotten insulting derisory united bitter long-running successful"
)
FILLER = words(
    "the a of to and in for on that with as by at from this it is was were will not but "
    "have has had their they we our all more than after before over under against new first "
    "last week year day month every many most some also still"
)
# The long tail: words any article might use, from common to rare.
GENERAL = words(
    """
    people work job jobs money time government country world life family children school
    hospital service services public private company companies industry economy market crisis
    price prices energy bills food wage cost living poverty inequality rich poor power state
    police court law rights freedom vote election parliament minister party politics policy
    report figures survey study evidence data research shift shifts staff staffing workload
    overtime holiday sickness contract agency temporary permanent grade grades regrading
    review tribunal dismissal victimisation sacked reinstated reinstatement disciplinary
    grievance procedure consultation recognition derecognition membership recruitment
    organiser organisers steward stewards delegate delegates executive general secretary
    president elected accountable officials full-time lay activists activist meeting meetings
    mass assembly vote turnout threshold mandate action industrial escalation programme
    coordinated national regional sector sectors private public health education transport
    railway railways station stations depot depots line lines signal signals platform trains
    buses ambulance hospital wards clinic surgery patients pupils schools colleges university
    universities campus academy academies council councils landlord landlords eviction
    evictions homeless housing estate tower block rent arrears mortgage interest inflation
    recession growth investment profit dividend shareholders billionaire billionaires tax
    taxes budget chancellor treasury spending borrowing debt interest bank banks finance
    war peace army troops invasion occupation refugees asylum border borders migrants
    citizenship passport detention camp camps ceasefire bombing missiles sanctions aid
    environment emissions carbon fossil fuels oil gas coal renewables wind solar flood floods
    heat drought transition jobs green planet science technology artificial intelligence
    computer internet platform app algorithm data privacy media newspaper press television
    broadcast journalist journalists editor editorial article pamphlet book books novel film
    play theatre music song songs poem poetry author writer historian archive memory past
    century decade generation tradition heritage pioneer pioneers chartists suffragettes
    luddites commune soviets councils syndicalism anarchism stalinism trotskyism marxism
    feminism liberation equality oppression exploitation alienation imperialism colonialism
    nationalism fascism populism racism antisemitism islamophobia homophobia transphobia
    discrimination harassment bullying violence abuse justice injustice prison prisoners
    protest protests demonstrators march marches rally rallies banner banners placard
    leaflets newspaper sales stall petition lobby delegation conference resolution amendment
    rulebook constitution branch meeting minutes chair treasurer secretary motion carried
    defeated unanimous majority minority caucus faction tendency left right centre reformist
    revolutionary socialist socialists communist communists liberal conservative tory tories
    labour unionists workers worker class working classes middle ruling bourgeois capitalist
    owners managers supervisors contractors subcontractors outsourced insourced insourcing
    privatised nationalised nationalisation public ownership control democratic planning
    cooperative cooperatives mutual welfare benefits pension pensions retirement age care
    childcare nursery nurseries maternity paternity parental leave flexible hours part-time
    full-time zero seasonal gig couriers riders drivers app-based self-employed status
    """
)
HEADLINES = [
    "{Group} {verb} over {issue}",
    "{Place} {groups} {verb} against {issue}",
    "{Org} must back the {groups}",
    "Why we {verb}: {groups} speak out",
    "{Adjective} {noun} as {groups} {verb}",
    "{Org} and the fight over {issue}",
    "{Place}: {noun} and {noun2}",
    "Stop the {issue}!",
    "The {adjective} history of the {noun}",
    "{Groups} win on {issue} in {place}",
    "Review: {adjective} {noun} in {place}",
    "Letter: {org} and {issue}",
]
TAGS = [
    "strikes",
    "nhs",
    "rail",
    "climate",
    "housing",
    "ukraine",
    "palestine",
    "labour-party",
    "anti-racism",
    "education",
    "pay",
    "pensions",
    "privatisation",
    "women",
    "trade-union-democracy",
    "europe",
    "iran",
    "history",
    "migrants",
    "tube",
]


def word(rng, pool):
    return rng.choice(pool).replace("-", " ")


class Text:
    """Headlines and prose about one topic at a time, with a long tail of general words.

    Each article is about a topic (who, where, what, which organisation): its words are frequent
    in that article and rare elsewhere, while the general vocabulary follows a Zipf curve, so
    that search terms match anything from a handful to tens of thousands of articles, as they
    would in a real archive.
    """

    def __init__(self, rng):
        self.rng = rng
        general = GENERAL + NOUNS + VERBS + ADJECTIVES
        rng.shuffle(general)
        self.general = general
        self.general_weights = list(
            itertools.accumulate(1 / (rank + 1) for rank in range(len(general)))
        )
        self.new_topic()

    def new_topic(self):
        r = self.rng
        self.topic = {
            "group": word(r, GROUPS),
            "groups": word(r, GROUPS),
            "issue": word(r, ISSUES),
            "place": word(r, PLACES),
            "org": word(r, ORGS),
        }
        self.topic_words = list(self.topic.values())

    def fill(self, template):
        r = self.rng
        values = {
            **self.topic,
            "verb": word(r, VERBS),
            "noun": word(r, NOUNS),
            "noun2": word(r, NOUNS),
            "adjective": word(r, ADJECTIVES),
        }
        values.update({k.capitalize(): v[:1].upper() + v[1:] for k, v in list(values.items())})
        return template.format(**values)

    def headline(self):
        return self.fill(self.rng.choice(HEADLINES))

    def sentence(self, length):
        r = self.rng
        words = []
        for _ in range(length):
            roll = r.random()
            if roll < 0.45:
                words.append(r.choice(FILLER))
            elif roll < 0.55:
                words.append(r.choice(self.topic_words))
            else:
                words.append(r.choices(self.general, cum_weights=self.general_weights)[0])
        text = " ".join(w.replace("-", " ") for w in words)
        return text[:1].upper() + text[1:] + "."

    def paragraph(self):
        return " ".join(
            self.sentence(self.rng.randint(8, 20)) for _ in range(self.rng.randint(2, 5))
        )


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
