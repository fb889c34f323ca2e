"""Build a believable demo site: sections, authors, pictures, three issues, two bulletins.

Idempotent: everything is looked up by a stable key (slug, number, image title). What is missing
is created; what exists only has its blank fields filled in and is otherwise left alone, so a
second run changes nothing and edits made in the admin survive. Needs no network: the pictures
are drawn locally with Pillow. The text itself is data, in demo/content/.
"""

import datetime
import logging
import time
from collections import Counter
from io import BytesIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site
from wagtail.utils.file import hash_filelike

from bulletins.models import BulletinEditionPage, BulletinIndexPage, BulletinSeriesPage
from demo.content import bulletins, common, issue_736, issue_737, issue_738
from demo.content.images import render
from demo.content.markup import plain, rich, stream
from demo.users import DEMO_PASSWORD, DEMO_USERS, SELLER_AREA
from home.models import HomePage, StandardPage
from issues.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    InsertPage,
    IssueIndexPage,
    IssuePage,
    Section,
)
from newsroom import roles
from sellers.models import SELLERS_GROUP, SellerProfile
from solidarity.models import PublisherSettings

ISSUES = [issue_736.ISSUE, issue_737.ISSUE, issue_738.ISSUE]

# When the site's permanent pages are dated as first published.
LAUNCH_DATE = datetime.date(2026, 9, 1)


def at(date, hour=8, minute=0):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute)))


class Command(BaseCommand):
    help = "Create (or complete) the demo site: issues, articles, bulletins, authors, pictures."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the site already has an issue (used by `make run`).",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        if options["if_empty"] and IssuePage.objects.exists():
            self.stdout.write("The site already has content; demo content not seeded.")
            return
        self.created, self.kept = Counter(), Counter()  # by kind of object
        started = time.monotonic()

        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None or not isinstance(site.root_page.specific, HomePage):
            raise CommandError("The default site's root page must be the HomePage; run migrate.")
        home = site.root_page.specific

        # Wagtail logs every page created and every background task at INFO; that is noise here.
        previous = logging.root.manager.disable
        if self.verbosity < 3:
            logging.disable(max(previous, logging.INFO))
        try:
            self.seed(site, home)
        finally:
            logging.disable(previous)
        self.summary(time.monotonic() - started)

    def seed(self, site, home):
        # One transaction: a failure leaves the database as it was (picture files may remain).
        with transaction.atomic():
            self.say("Pictures...")
            images = self.seed_images()
            self.say("Sections and authors...")
            sections = self.seed_sections()
            authors = self.seed_authors(images)
            self.say("Home, index and standard pages...")
            self.seed_home(site, home)
            issue_index, bulletin_index = self.seed_indexes(home)
            self.seed_standard_pages(home)
            for issue in ISSUES:
                self.say(f"Solidarity {issue['number']}...")
                self.seed_issue(issue_index, issue, sections, authors, images)
            for series in bulletins.SERIES:
                self.say(f"{series['title']}...")
                self.seed_series(bulletin_index, series, images)
            self.seed_admin_user()
            self.seed_role_users()

        self.say("Search index...")
        call_command("update_index", verbosity=max(0, self.verbosity - 1))

    # Output ------------------------------------------------------------------------------------

    def say(self, message, level=1):
        if self.verbosity >= level:
            self.stdout.write(message)

    def summary(self, seconds):
        def listing(counter):
            return ", ".join(f"{n} {kind}" for kind, n in sorted(counter.items())) or "nothing"

        self.say(self.style.SUCCESS(f"Demo site ready in {seconds:.1f}s."))
        self.say(f"  created: {listing(self.created)}")
        self.say(f"  already there: {listing(self.kept)}")

    def count(self, kind, created):
        (self.created if created else self.kept)[kind] += 1

    def fill_blanks(self, obj, values):
        """Set the fields that are still empty, keep the rest; save if anything changed."""
        changed = False
        for field, value in values.items():
            if getattr(obj, field) in (None, "", 0) and value not in (None, "", 0):
                setattr(obj, field, value)
                changed = True
        if changed:
            obj.full_clean()
            obj.save()

    # Snippets and images -----------------------------------------------------------------------

    def seed_images(self):
        Image = get_image_model()
        images = {}
        for key, (title, alt_text, spec) in common.IMAGES.items():
            image = Image.objects.filter(title=title).first()
            created = image is None
            if created:
                data = render(key, spec)
                image = Image(
                    title=title,
                    description=alt_text,
                    file=ImageFile(BytesIO(data), name=f"demo-{key}.jpg"),
                    file_size=len(data),
                    file_hash=hash_filelike(BytesIO(data)),
                )
                image.save()
            self.count("images", created)
            images[key] = image
        return images

    def seed_sections(self):
        sections = {}
        for order, (slug, name, description) in enumerate(common.SECTIONS, start=1):
            section = (
                Section.objects.filter(slug=slug).first()
                or Section.objects.filter(name=name).first()
            )
            created = section is None
            section = section or Section()
            values = {"slug": slug, "name": name, "description": description, "sort_order": order}
            self.fill_blanks(section, values)
            self.count("sections", created)
            sections[slug] = section
        return sections

    def seed_authors(self, images):
        authors = {}
        for slug, (name, bio, photo) in common.AUTHORS.items():
            author = Author.objects.filter(slug=slug).first()
            created = author is None
            author = author or Author(slug=slug)
            self.fill_blanks(author, {"name": name, "bio": plain(bio), "photo": images.get(photo)})
            self.count("authors", created)
            authors[slug] = author
        return authors

    # Pages -------------------------------------------------------------------------------------

    def existing(self, parent, model, slug=None, **lookup):
        """The child of parent with this slug (or lookup), or None; refuses a page of another
        type, whose slug the new page could not take."""
        if slug is None:
            page = model.objects.child_of(parent).filter(**lookup).first()
        else:
            page = Page.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            return None
        page = page.specific
        if not isinstance(page, model):
            raise CommandError(
                f"{page.url_path} is a {type(page).__name__}, expected a {model.__name__}."
            )
        self.count("pages", created=False)
        return page

    def publish(self, parent, page, when):
        """Add page under parent, publish it, and date it as if published at `when`."""
        parent.add_child(instance=page)
        revision = page.save_revision()  # validates the page with full_clean()
        revision.publish()
        # Publishing stamps "now"; backdate so listings and feeds order the demo believably.
        Page.objects.filter(pk=page.pk).update(
            first_published_at=when, last_published_at=when, latest_revision_created_at=when
        )
        Revision.objects.filter(pk=revision.pk).update(created_at=when)
        PageLogEntry.objects.filter(page=page).update(timestamp=when)
        self.count("pages", created=True)
        self.say(f"  + {page.url_path}", level=2)
        return page

    def seed_home(self, site, home):
        if not home.strapline:
            home.strapline = common.HOME_STRAPLINE
            home.save_revision().publish()
            Page.objects.filter(pk=home.pk).update(
                first_published_at=at(LAUNCH_DATE), last_published_at=at(LAUNCH_DATE)
            )
        values = dict(common.SITE_SETTINGS, about=rich(common.SITE_SETTINGS["about"]))
        self.fill_blanks(PublisherSettings.for_site(site), values)

    def seed_indexes(self, home):
        # Each index is allowed only once on the site, so reuse one wherever it is.
        when = at(LAUNCH_DATE)
        issue_index = IssueIndexPage.objects.first()
        if issue_index is None:
            data = common.ISSUE_INDEX
            issue_index = self.publish(
                home,
                IssueIndexPage(title=data["title"], slug=data["slug"], intro=rich(data["intro"])),
                when,
            )
        else:
            self.count("pages", created=False)
        bulletin_index = BulletinIndexPage.objects.first()
        if bulletin_index is None:
            data = common.BULLETIN_INDEX
            bulletin_index = self.publish(
                home,
                BulletinIndexPage(
                    title=data["title"], slug=data["slug"], intro=rich(data["intro"])
                ),
                when,
            )
        else:
            self.count("pages", created=False)
        return issue_index, bulletin_index

    def seed_standard_pages(self, home):
        for data in (common.WHERE_WE_STAND, common.ABOUT):
            if self.existing(home, StandardPage, data["slug"]) is None:
                page = StandardPage(
                    title=data["title"],
                    slug=data["slug"],
                    standfirst=plain(data["standfirst"]),
                    body=stream(data["body"], {}),
                )
                self.publish(home, page, at(LAUNCH_DATE))

    def seed_issue(self, index, data, sections, authors, images):
        number, date = data["number"], data["date"]
        issue = self.existing(index, IssuePage, number=number)
        if issue is None:
            issue = IssuePage(
                title=f"Solidarity {number}",
                slug=str(number),
                number=number,
                publication_date=date,
                cover_headline=data["cover_headline"],
                cover_image=images[data["cover_image"]],
                price_text="£1 (£2 solidarity price)",
                editorial_note=rich(data["editorial_note"]),
            )
            self.publish(index, issue, at(date, 7, 30))

        # Print order: the articles, with the insert (if any) at its position among them.
        # The lead article is stamped newest, so "latest" listings start with the front page.
        articles = data["articles"]
        insert = data.get("insert")
        total = len(articles) + (len(insert["articles"]) if insert else 0)
        step = iter(range(total, 0, -1))
        for position, article in enumerate(articles):
            if insert and position == insert["position"]:
                self.seed_insert(issue, insert, date, step, sections, authors, images)
            self.seed_article(issue, article, at(date), next(step), sections, authors, images)

    def seed_insert(self, issue, data, date, step, sections, authors, images):
        insert = self.existing(issue, InsertPage, data["slug"])
        if insert is None:
            insert = InsertPage(
                title=data["title"],
                slug=data["slug"],
                theme=data["theme"],
                series_name="Workers' Liberty",
                series_number=data["series_number"],
                introduction=rich(data["introduction"]),
                cover_image=images[data["cover_image"]],
            )
            self.publish(issue, insert, at(date))
        for article in data["articles"]:
            self.seed_article(insert, article, at(date), next(step), sections, authors, images)

    def seed_article(self, parent, data, base, minutes, sections, authors, images):
        if self.existing(parent, ArticlePage, data["slug"]) is not None:
            return
        page = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            standfirst=plain(data["standfirst"]),
            section=sections[data["section"]],
            image=images[data["image"]] if data["image"] else None,
            body=stream(data["body"], images),
            web_only=data.get("web_only", False),
            print_only=data.get("print_only", False),
        )
        page.article_authors = [
            ArticleAuthor(author=authors[slug], sort_order=i)
            for i, slug in enumerate(data["authors"])
        ]
        page.tags.add(*data["tags"])
        when = base + datetime.timedelta(days=data.get("days_after", 0), minutes=minutes)
        self.publish(parent, page, when)

    def seed_series(self, index, data, images):
        series = self.existing(index, BulletinSeriesPage, data["slug"])
        if series is None:
            series = BulletinSeriesPage(
                title=data["title"],
                slug=data["slug"],
                strapline=data["strapline"],
                industry=data["industry"],
                masthead_colour=data["masthead_colour"],
                logo=images[data["logo"]],
                intro=rich(data["intro"]),
                contact_email=data["contact_email"],
                get_involved=rich(data["get_involved"]),
            )
            self.publish(index, series, at(LAUNCH_DATE))
        for edition in data["editions"]:
            number = edition["number"]
            if self.existing(series, BulletinEditionPage, number=number) is None:
                page = BulletinEditionPage(
                    title=edition["title"],
                    slug=str(number),
                    number=number,
                    date=edition["date"],
                    body=stream(edition["body"], images),
                )
                self.publish(series, page, at(edition["date"], 7))

    def seed_admin_user(self):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        User.objects.create_superuser("admin", "admin@example.org", "solidarity")
        self.created["admin user"] += 1
        self.say("Created superuser admin (password: solidarity).")

    def seed_role_users(self):
        """A demo user in each newsroom group; an existing user keeps their password."""
        User = get_user_model()
        for username, first_name, last_name, group_name in DEMO_USERS:
            if isinstance(group_name, tuple):
                series = BulletinSeriesPage.objects.filter(slug=group_name[1]).first()
                group = series and roles.series_editors_group(series)
            else:
                group = Group.objects.filter(name=group_name).first()
            if group is None:
                raise CommandError(f"No group for the demo user {username}: run migrate.")
            user = User.objects.filter(username=username).first()
            created = user is None
            if created:
                user = User.objects.create_user(
                    username,
                    f"{username}@example.org",
                    DEMO_PASSWORD,
                    first_name=first_name,
                    last_name=last_name,
                )
                self.say(f"Created user {username} in {group.name} (password: {DEMO_PASSWORD}).")
            user.groups.add(group)
            if group.name == SELLERS_GROUP:
                SellerProfile.objects.get_or_create(user=user, defaults={"area": SELLER_AREA})
            self.count("users", created)
