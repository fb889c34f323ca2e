"""Finding an issue from a management command's arguments."""

from django.core.management.base import CommandError

from .models import IssuePage


def find_issue(number):
    issue = IssuePage.objects.filter(number=number).first()
    if issue is None:
        raise CommandError(f"There is no issue {number}.")
    return issue
