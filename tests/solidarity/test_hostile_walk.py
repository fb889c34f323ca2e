"""No 500 from any request a client can make.

Every URL pattern the project owns is in `TABLE` below, with how to request it: its path
arguments, its query parameters and its form fields. Each is sent every hostile value, as each
role and anonymously; every 5xx is collected (URL, method, exception) and reported at the end,
and every 4xx must say something (a non-empty body).

Project-owned patterns (`project_patterns()`): a view in one of the project's apps, a
wagtail-modeladmin view (`wagtail_modeladmin.options`), a pattern of a namespace the project
mounts (the sellers' portal uses Django's auth views with its own forms and templates; the
ESP's webhook is anymail's view wrapped in mailings/webhooks.py), and every pattern written in
solidarity/urls.py itself. Skipped, as not ours (`SKIPPED`): Django's admin
(/django-admin/), Wagtail's own admin and documents views, Wagtail's page-serving catch-all
(the page tree is walked through `PAGES` instead) and static/media serving.

Page-edit POSTs of rich text (Wagtail's page editor) are not walked here: they are Wagtail's
views, and tests/issues/test_hostile_admin_posts.py covers them.
"""

import time
from urllib.parse import quote, urlencode

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse
from taggit.models import Tag

from tests.mailings.test_hostile_input import postmark_webhook  # noqa: F401
from tests.sellers.conftest import private_storage  # noqa: F401 (autouse: print files)
from tests.solidarity.hostile_seed import seed_site, user_for
from tests.solidarity.hostile_table import (
    PAGES,
    SKIPPED,
    TABLE,
    project_patterns,
)

pytestmark = pytest.mark.django_db

# The values -------------------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    "\t\n",
    "'\"<>",
    "\x00",
    "a" * 10000,
    "²",
    "١٢",
    "ünïcødé",
    "0001-01-01",
    "9999-12-31",
    "0000-00-00",
    "-1",
    "0",
    "9" * 30,
    "9" * 5000,
    "1e309",
    "NaN",
    "true",
    "[]",
    "{",
    '{"a":',
    "null",
]
# Who is sent the full list: the superuser everywhere (every view lets them through, so
# every parsing path is reached), and anonymous on the public site. The other roles are sent
# the short list: a role changes who gets through and which branch a view takes, not how it
# reads a parameter. The short list is also what a refused request and a page that reads no
# parameter are sent (enough to show the refusal comes before the parsing).
SHORT = ["", "\x00", "²", "9" * 30, "9" * 5000]
FULL_LIST = {"superuser": "everywhere", "anonymous": "public"}
BAD_JSON = ["", "{", '{"a":', "[]", "null", '"text"', "17", "[{}]", '{"RecordType": []}', "\x00"]
SEEDS = ["1", "²"]  # a repeated parameter: ?x=1&x=²

ROLES = ["anonymous", "writer", "sub-editor", "editor", "series editors", "seller", "superuser"]


# The walk ---------------------------------------------------------------------------------


class Walk:
    def __init__(self, client, role, user):
        self.client = client
        self.user = user
        self.full_list = FULL_LIST.get(role)
        self.failures = []
        self.requests = 0

    def log_in(self):
        """(Again: the portal's login and logout forms, walked too, end the session.)"""
        if self.user is not None:
            self.client.force_login(self.user)

    def send(self, method, url, data=None, content_type=None, **headers):
        if method == "post":
            # Rate limits count POSTs in the cache: cleared, so every one reaches its form.
            cache.clear()
        self.requests += 1
        if method == "get":
            response = self.client.get(url, **headers)
        elif content_type:
            response = self.client.post(url, data, content_type=content_type, **headers)
        else:
            response = self.client.post(url, data or {}, **headers)
        shown = url if len(url) < 200 else url[:200] + f"…({len(url)} chars)"
        if response.status_code >= 500:
            error = response.exc_info[1] if response.exc_info else None
            detail = f"{type(error).__name__}: {str(error)[:200]}" if error else "no exception"
            data_shown = repr(data)[:200] if data is not None else ""
            self.failures.append(
                f"{response.status_code} {method.upper()} {shown} {data_shown} -> {detail}"
            )
        elif response.status_code >= 400 and not self.readable(response):
            self.failures.append(f"{response.status_code} with an empty body: {method} {shown}")
        return response

    @staticmethod
    def readable(response):
        return response.streaming or bool(response.content.strip())


def path_of(route_key, kwargs):
    """The URL of a pattern with these arguments, quoted as a client would send them; where
    reverse() refuses a value (e.g. non-ASCII in a slug) the URL is built by hand, and the
    resolver answers 404 or another pattern takes it."""
    if kwargs is None:
        return reverse(route_key)
    try:
        return reverse(route_key, kwargs=kwargs)
    except NoReverseMatch:
        # Placeholders every converter takes (int, slug, str), each unique.
        marks = {k: str(1111111 * (i + 1)) for i, k in enumerate(kwargs)}
        url = reverse(route_key, kwargs=marks)
        for k, v in kwargs.items():
            url = url.replace(marks[k], quote(str(v), safe=""), 1)
        return url


def query(params, value):
    return "?" + urlencode(dict.fromkeys(params, value)) if params else ""


def repeated(params):
    return "?" + urlencode([(p, v) for p in params for v in SEEDS]) if params else ""


def upload(name="x.csv", content=b"email\nreader@example.org\n"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def walk_entry(walk, key, entry, seed):
    arg_sets = entry.args(seed) if entry.args else [None]
    real, others = arg_sets[0], arg_sets[1:]
    url = path_of(key, real)
    headers = entry.headers
    first = walk.send("get", url, **headers)
    refused = first.status_code in (401, 403) or (
        first.status_code == 302 and "login" in first.get("Location", "")
    )
    full = walk.full_list == "everywhere" or (entry.public and walk.full_list == "public")
    values = HOSTILE if full and not refused else SHORT
    if entry.get:
        for value in values:
            walk.send("get", url + query(entry.get, value), **headers)
        walk.send("get", url + repeated(entry.get), **headers)
    if entry.post is not None:
        if entry.json:
            for body in BAD_JSON:
                walk.send("post", url, body, content_type="application/json", **headers)
        else:
            for value in values:
                data = dict.fromkeys(entry.post, value)
                for name in entry.files:
                    data[name] = value  # text where a file is expected
                walk.send("post", url, data, **headers)
            text_fields = [n for n in entry.post if n not in entry.files]
            # A file where text is expected, and repeated fields.
            data = {name: upload() for name in text_fields}
            data.update({name: upload() for name in entry.files})
            walk.send("post", url, data, **headers)
            walk.send("post", url, dict.fromkeys(entry.post, SEEDS), **headers)
            if entry.files:
                for content in (b"", b"\x00\xff\xfe", "ünïcødé,²\n".encode("utf-16")):
                    data = dict.fromkeys(text_fields, "1")
                    data.update({name: upload(content=content) for name in entry.files})
                    walk.send("post", url, data, **headers)
    for kwargs in others:
        other = path_of(key, kwargs)
        walk.send("get", other, **headers)
        if entry.post is not None:
            walk.send("post", other, dict.fromkeys(entry.post, "1"), **headers)


def walk_pages(walk, seed):
    for _name, (url_of, params) in PAGES.items():
        url = url_of(seed)
        walk.send("get", url)
        # A page that reads no parameter is sent a few, to show it ignores them.
        full = params and walk.full_list
        for value in HOSTILE if full else SHORT:
            walk.send("get", url + query(params or ["page"], value))
        walk.send("get", url + repeated(params or ["page"]))
        walk.send("post", url, {"page": "1"})


@pytest.fixture
def seed(postmark_webhook):  # noqa: F811
    Tag.objects.get_or_create(name="strikes", slug="strikes")
    return seed_site()


def test_every_project_url_pattern_is_in_the_table(postmark_webhook):  # noqa: F811
    patterns = project_patterns()
    missing = sorted(f"{key} ({route})" for key, route in patterns.items() if key not in TABLE)
    stale = sorted(key for key in TABLE if key not in patterns)
    assert not missing, (
        "These project URL patterns have no entry in TABLE (tests/solidarity/"
        "test_hostile_walk.py): add how to request each.\n  " + "\n  ".join(missing)
    )
    assert not stale, f"TABLE names patterns that no longer exist: {stale}"
    assert SKIPPED


@pytest.mark.parametrize("role", ROLES)
def test_no_request_gets_a_server_error(role, seed):
    client = Client(raise_request_exception=False)
    walk = Walk(client, role, user_for(role))
    started = time.monotonic()
    for key, entry in TABLE.items():
        walk.log_in()
        walk_entry(walk, key, entry, seed)
    walk.log_in()
    walk_pages(walk, seed)
    elapsed = time.monotonic() - started
    report = "\n".join(walk.failures)
    assert not walk.failures, (
        f"{len(walk.failures)} of {walk.requests} requests as {role} failed "
        f"({elapsed:.1f}s):\n{report}"
    )
