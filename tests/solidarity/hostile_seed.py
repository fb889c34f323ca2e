"""The site and users the hostile-input walk requests the project's URLs with."""

from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from mailings import links
from mailings.models import WEEKLY_SLUG, ConsentRecord, MailingList
from newsroom import roles
from printing.models import PrinterProfile, PrintJob
from sellers.models import Download, SaleRecord
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    BulletinEditionPageFactory,
    BulletinSeriesPageFactory,
    InsertPageFactory,
    IssueIndexPageFactory,
    IssuePageFactory,
    SectionFactory,
    StandardPageFactory,
    SubscriberFactory,
    SubscriptionFactory,
)
from tests.mailings.helpers import make_mailing
from tests.mailings.test_hostile_input import postmark_webhook  # noqa: F401
from tests.newsroom.test_roles import member_of
from tests.sellers.conftest import private_storage  # noqa: F401 (autouse: print files)
from tests.sellers.helpers import make_job, make_seller

# The seeded site and its users ------------------------------------------------------------


def seed_site():
    index = IssueIndexPageFactory()
    section = SectionFactory(name="Industrial", slug="industrial")
    author = AuthorFactory(name="Kim Ng")
    issue = IssuePageFactory(parent=index, number=740)
    article = ArticlePageFactory(parent=issue, section=section, authors=[author])
    article.tags.add("strikes")
    article.save()
    insert = InsertPageFactory(parent=issue)
    insert_article = ArticlePageFactory(parent=insert, section=section, authors=[author])
    series = BulletinSeriesPageFactory(title="Tubeworker")
    BulletinSeriesPageFactory(title="Off The Rails")
    edition = BulletinEditionPageFactory(parent=series, number=101)
    StandardPageFactory()
    weekly = MailingList.objects.get(slug=WEEKLY_SLUG)
    subscription = SubscriptionFactory(mailing_list=weekly)
    subscriber = subscription.subscriber
    ConsentRecord.objects.create(
        subscriber=subscriber, mailing_list=weekly, action="subscribe", wording="Yes", source="t"
    )
    seller = make_seller()
    job = make_job(issue)
    make_job(issue, variant=PrintJob.SCREEN)
    SaleRecord.objects.create(
        seller=seller, area="South London", page=issue, copies=10, money_taken=15, date="2026-11-19"
    )
    Download.objects.create(page_id=issue.pk, job=job, user=seller)
    spare_list = MailingList.objects.create(name="Spare", slug="spare")
    seed = {
        "index": index,
        "author": author,
        "issue": issue,
        "article": article,
        "insert": insert,
        "insert article": insert_article,
        "series": series,
        "edition": edition,
        "weekly": weekly,
        "subscriber": subscriber,
        "job": job,
        "failed job": make_job(issue, status=PrintJob.FAILED, error="It broke."),
        "queued job": make_job(edition, status=PrintJob.QUEUED),
        "mailing": make_mailing(weekly, page=issue),
        "seller": seller,
        "confirm token": links.confirm_token(subscriber, [weekly.pk], "Yes please", "/"),
        "preferences token": links.preferences_token(subscriber),
        "unsubscribe token": links.unsubscribe_token(subscriber, weekly),
        "reset uid": urlsafe_base64_encode(force_bytes(seller.pk)),
        "reset token": default_token_generator.make_token(seller),
    }
    for model in ("printjob", "printerprofile", "mailinglist", "subscriber", "subscription"):
        seed[model] = {
            "printjob": job,
            "printerprofile": PrinterProfile.objects.get(slug="newspaper-printer"),
            "mailinglist": weekly,
            "subscriber": subscriber,
            "subscription": subscription,
        }[model]
    seed["consentrecord"] = ConsentRecord.objects.get()
    seed["sellerprofile"] = seller.seller_profile
    seed["salerecord"] = SaleRecord.objects.get()
    # Spares for the delete views' POSTs.
    seed["spare printjob"] = make_job(edition, status=PrintJob.FAILED)
    seed["spare printerprofile"] = PrinterProfile.objects.create(name="Spare", slug="spare")
    seed["spare mailinglist"] = spare_list
    seed["spare subscriber"] = SubscriberFactory()
    seed["spare subscription"] = SubscriptionFactory(mailing_list=spare_list)
    seed["spare consentrecord"] = seed["consentrecord"]  # read-only: never deleted
    seed["spare mailing"] = make_mailing(spare_list, period="spare")
    seed["spare sellerprofile"] = make_seller("spare@example.org").seller_profile
    seed["spare salerecord"] = seed["salerecord"]  # read-only: never deleted
    return seed


def user_for(role):
    if role == "anonymous":
        return None
    if role == "superuser":
        return User.objects.create_superuser("root", "root@example.org", "a long password")
    if role == "seller":
        return make_seller("walker@example.org")
    group = {
        "writer": roles.WRITERS,
        "sub-editor": roles.SUB_EDITORS,
        "editor": roles.EDITORS,
        "series editors": "Tubeworker editors",
    }[role]
    return member_of(group, f"{role.replace(' ', '-')}@example.org")
