"""How to request each URL pattern the project owns, for the hostile-input walk
(test_hostile_walk.py): the table, the page tree, which patterns count as ours, and the
seeded site and users the walk requests them with."""

from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import URLResolver, get_resolver

from tests.mailings.test_hostile_input import postmark_webhook  # noqa: F401
from tests.sellers.conftest import private_storage  # noqa: F401 (autouse: print files)

BAD_IDS = ["0", str(2**63), "9" * 30]  # what an <int:...> path argument can be sent
BAD_TOKENS = ["a" * 10000, "'\"<>", "ünïcødé", "١٢", "9" * 30, "null"]


# The table --------------------------------------------------------------------------------


@dataclass
class Entry:
    """How to request one URL pattern.

    args(seed): the path arguments to try, the real (valid) ones first; the first set gets
    every hostile value, the others one plain request each. get / post: the query parameters
    and form fields (None: the method is not walked, e.g. a POST that would delete the seeded
    object; the view is still sent the plain request). files: file fields of the form.
    json: the body is JSON (a webhook). headers: extra request headers."""

    args: object = None
    public: bool = False
    get: list | None = field(default_factory=list)
    post: list | None = None
    files: list = field(default_factory=list)
    json: bool = False
    headers: dict = field(default_factory=dict)


def public(**kwargs):
    """A URL of the public site: anyone gets the same answer."""
    return Entry(public=True, **kwargs)


def ids(*names):
    """Path arguments: the seeded objects' ids, then ids that are not there."""

    def args(seed):
        real = [{k: seed[n].pk for k, n in names}]
        return real + [{k: bad for k, _ in names} for bad in BAD_IDS]

    return args


def tokens(key, make):
    def args(seed):
        return [{key: make(seed)}] + [{key: bad} for bad in BAD_TOKENS]

    return args


def slugs(key, real):
    return tokens(key, lambda seed: real)


def with_extra(args_of, **extra):
    """Path arguments plus fixed ones, e.g. the kind of a print job's file."""

    def args(seed):
        return [{**a, **extra} for a in args_of(seed)]

    return args


def modeladmin(label, model, form, filters=(), delete=None, inspect=False, create=True):
    """The modeladmin views of one model: index (search q, order o, page p, its filters,
    export), create, edit, delete, history and (if enabled) inspect."""
    prefix = f"{label}_{model}_modeladmin_"
    index_params = ["q", "o", "p", "export", *filters]
    one = ids(("instance_pk", model))
    entries = {
        prefix + "index": Entry(get=index_params),
        prefix + "create": Entry(post=list(form) if create else None),
        prefix + "edit": Entry(args=one, post=list(form)),
        # The delete confirmation takes no fields: a POST deletes a spare object.
        prefix + "delete": Entry(args=ids(("instance_pk", f"spare {model}")), post=[]),
        prefix + "history": Entry(args=one, get=["p", "o"]),
    }
    if inspect:
        entries[prefix + "inspect"] = Entry(args=one)
    return entries


REPORT_FILTERS = ["period_after", "period_before", "area", "p", "export", "ordering"]
SELLER_FORM = ["first_name", "last_name", "email", "area", "is_active", "send_password_link"]

TABLE = {
    # solidarity/urls.py
    "wagtailadmin_password_reset": public(post=["email"]),
    "sitemap": public(),
    "robots": public(),
    "bulletin_feed": public(args=slugs("slug", "tubeworker")),
    # search/
    "search": public(
        get=["q", "type", "section", "author", "series", "year", "from", "to", "sort", "page"]
    ),
    "search_suggest": public(get=["q"]),
    # issues/
    "issues:author": public(args=tokens("slug", lambda s: s["author"].slug), get=["page"]),
    "issues:section": public(args=slugs("slug", "industrial"), get=["page"]),
    "issues:tag": public(args=slugs("slug", "strikes"), get=["page"]),
    "issues:feed": public(),
    "issues:section_feed": public(args=slugs("slug", "industrial")),
    # mailings/ (public)
    "mailings:subscribe": public(get=["list"], post=["email", "lists", "website", "source"]),
    "mailings:check_email": public(),
    "mailings:confirm": public(args=tokens("token", lambda s: s["confirm token"]), post=[]),
    "mailings:preferences": public(
        args=tokens("token", lambda s: s["preferences token"]), post=["lists", "unsubscribe_all"]
    ),
    "mailings:unsubscribe": public(
        args=tokens("token", lambda s: s["unsubscribe token"]), post=["List-Unsubscribe"]
    ),
    # The ESP's webhook (mounted by the postmark_webhook fixture).
    "anymail:postmark_tracking_webhook": public(
        get=None,
        post=[],
        json=True,
        headers={"HTTP_AUTHORIZATION": "Basic aG9vazpzM2NyZXQ="},  # hook:s3cret
    ),
    # sellers/
    "sellers:portal": Entry(get=["kind", "page"]),
    "sellers:download": Entry(args=ids(("job_id", "job"))),
    "sellers:thumbnail": Entry(args=ids(("job_id", "job"))),
    "sellers:sales": Entry(
        get=["for"], post=["page", "date", "copies", "money_taken", "note"], files=[]
    ),
    "sellers:login": public(get=["next"], post=["username", "password", "next"]),
    "sellers:logout": public(get=None, post=["next"]),
    "sellers:password_reset": public(post=["email"]),
    "sellers:password_reset_done": public(),
    "sellers:password_reset_confirm": public(
        args=lambda seed: [
            {"uidb64": seed["reset uid"], "token": seed["reset token"]},
            {"uidb64": seed["reset uid"], "token": "set-password"},
            *({"uidb64": bad, "token": bad} for bad in BAD_TOKENS),
        ],
        post=["new_password1", "new_password2"],
    ),
    "sellers:password_reset_complete": public(),
    # printing/
    "editions:screen": public(args=ids(("page_id", "issue"))),
    "printing_build": Entry(args=ids(("page_id", "issue")), post=["variant"]),
    "printing_status": Entry(get=["ids"]),
    "printing_retry": Entry(args=ids(("job_id", "failed job")), get=None, post=["next"]),
    "printing_file": Entry(
        args=lambda seed: [
            {"job_id": seed["job"].pk, "kind": "pdf"},
            {"job_id": seed["job"].pk, "kind": "thumbnail"},
            {"job_id": seed["job"].pk, "kind": "ünïcødé"},
            {"job_id": seed["queued job"].pk, "kind": "pdf"},
            *({"job_id": bad, "kind": "pdf"} for bad in BAD_IDS),
        ]
    ),
    **modeladmin(
        "printing",
        "printjob",
        ["page", "variant", "profile", "status", "progress", "stage", "page_count", "error"],
        filters=["status__exact", "variant__exact"],
        inspect=True,
    ),
    **modeladmin(
        "printing",
        "printerprofile",
        ["name", "slug", "description", "page_size", "bleed_mm", "crop_marks", "columns"]
        + ["colour", "min_dpi"],
    ),
    # mailings/ (admin)
    "mailings_export": Entry(args=ids(("list_id", "weekly")), get=["status"]),
    "mailings_import": Entry(
        get=["list"], post=["mailing_list", "file", "consent"], files=["file"]
    ),
    "mailings_mailing_status": Entry(get=["ids"]),
    "mailings_mailing_detail": Entry(args=ids(("mailing_id", "mailing"))),
    "mailings_mailing_action": Entry(
        args=lambda seed: [
            *(
                {"mailing_id": seed["mailing"].pk, "action": name}
                for name in ("schedule", "send-test", "pause", "resume", "send-now", "cancel")
            ),
            {"mailing_id": seed["mailing"].pk, "action": "a" * 10000},
            *({"mailing_id": bad, "action": "schedule"} for bad in BAD_IDS),
        ],
        get=None,
        post=["scheduled_at"],
    ),
    **modeladmin(
        "mailings",
        "mailinglist",
        ["name", "slug", "description", "is_public", "bulletin_series"],
        filters=["is_public__exact"],
    ),
    **modeladmin(
        "mailings",
        "subscriber",
        ["email"],
        filters=["subscriptions__mailing_list__id__exact", "subscriptions__status__exact"],
        inspect=True,
    ),
    **modeladmin(
        "mailings",
        "subscription",
        ["subscriber", "mailing_list", "status", "source", "subscribed_at", "unsubscribed_at"],
        filters=["mailing_list__id__exact", "status__exact"],
    ),
    **modeladmin(
        "mailings",
        "consentrecord",
        ["subscriber", "mailing_list", "action", "wording", "source", "ip_address"],
        filters=["mailing_list__id__exact", "action__exact"],
        inspect=True,
    ),
    **modeladmin(
        "mailings",
        "mailing",
        ["mailing_list", "kind", "page", "subject", "period"],
        filters=["status__exact", "kind__exact", "mailing_list__id__exact"],
    ),
    # newsroom/
    "newsroom_flatplan_move": Entry(
        args=lambda seed: [
            *({"page_id": seed["article"].pk, "direction": d} for d in ("up", "down", "lead")),
            {"page_id": seed["insert"].pk, "direction": "lead"},
            {"page_id": seed["issue"].pk, "direction": "up"},
            {"page_id": seed["article"].pk, "direction": "a" * 10000},
            *({"page_id": bad, "direction": "up"} for bad in BAD_IDS),
        ],
        post=[],
    ),
    # sellers/ (admin)
    **modeladmin(
        "sellers",
        "sellerprofile",
        SELLER_FORM,
        filters=["user__is_active__exact", "area"],
    ),
    **modeladmin(
        "sellers",
        "salerecord",
        ["seller", "area", "page", "copies", "money_taken", "note", "date"],
        filters=["area", "date__gte", "date__lt", "date__isnull"],
        inspect=True,
    ),
    **{
        f"{name}{suffix}": Entry(get=REPORT_FILTERS)
        for name in ("sellers_downloads_report", "sellers_sales_by_issue", "sellers_sales_by_area")
        for suffix in ("", "_results")
    },
}

# The Wagtail page tree: each kind of page, with the query parameters its template reads.
PAGES = {
    "home": (lambda seed: "/", []),
    "issue index": (lambda seed: "/solidarity/", ["year", "page"]),
    "issue": (lambda seed: seed["issue"].url, []),
    "article": (lambda seed: seed["article"].url, []),
    "insert": (lambda seed: seed["insert"].url, []),
    "insert article": (lambda seed: seed["insert article"].url, []),
    "bulletin index": (lambda seed: "/bulletins/", ["page"]),
    "series": (lambda seed: seed["series"].url, ["page"]),
    "edition": (lambda seed: seed["edition"].url, []),
    "standard page": (lambda seed: "/where-we-stand/", []),
    "missing page": (lambda seed: "/no-such-page/", ["page"]),
}

# The apps at the top of this repository (not installed packages).
PROJECT_APPS = {
    config.name
    for config in apps.get_app_configs()
    if Path(config.path).parent == settings.BASE_DIR
}
PROJECT_NAMESPACES = {"sellers", "mailings", "issues", "editions", "anymail"}
SKIPPED = (
    "django-admin/: Django's admin; admin/ views of wagtail.*: Wagtail's own admin; "
    "documents/: Wagtail's documents; Wagtail's page-serving catch-all (walked as PAGES); "
    "static and media files"
)


def view_module(callback):
    view = getattr(callback, "view_class", None) or callback
    return getattr(view, "__module__", "") or type(view).__module__


def project_patterns():
    """{key: route} of every project-owned URL pattern (see the module's docstring)."""
    found = {}

    def walk(patterns, prefix, namespace, top):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                walk(pattern.url_patterns, route, ns, False)
                continue
            module = view_module(pattern.callback)
            ours = (
                module.split(".")[0] in PROJECT_APPS
                or module == "wagtail_modeladmin.options"
                or namespace in PROJECT_NAMESPACES
                or (top and not module.startswith("django.views.static"))
            )
            if ours and not route.startswith("django-admin/"):
                key = f"{namespace}:{pattern.name}" if namespace else pattern.name or route
                found[key] = route

    walk(get_resolver().url_patterns, "", None, True)
    return found
