"""Helpers for the browser tests: people in the site's groups, logging in to the admin, and
an issue with articles to print."""

import re

from django.contrib.auth.models import Group, User

from tests.factories import ArticlePageFactory, ImageFactory, stream

PASSWORD = "a long password for tests"


def member_of(group_name, username, **extra):
    email = username if "@" in username else f"{username}@example.org"
    user = User.objects.create_user(username, email, PASSWORD, **extra)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def log_in_to_admin(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def issue_with_articles(paper, count=4):
    picture = ImageFactory(title="Picket line", width=1600, height=1000)
    for n in range(count):
        ArticlePageFactory(
            parent=paper["issue"],
            title=f"Strike report {n + 1}",
            section=paper["section"],
            authors=[paper["author"]],
            image=picture if n == 0 else None,
            body=stream(
                *[
                    ("paragraph", f"<p>Paragraph {i} of a report from the picket.</p>")
                    for i in range(8)
                ]
            ),
        )
    return paper["issue"]
