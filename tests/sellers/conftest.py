"""Fixtures of the sellers' tests: private print storage, a seller, an issue and its job."""

import pytest
from django.core.files.storage import FileSystemStorage

from printing.models import PrintJob
from tests.factories import IssuePageFactory

from .helpers import make_job, make_seller


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    """Print files in a temporary private folder, well away from MEDIA_ROOT."""
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    storage = FileSystemStorage(location=location)
    # The file fields resolved their storage when the model was loaded: point them here.
    for name in ("file", "thumbnail"):
        monkeypatch.setattr(PrintJob._meta.get_field(name), "storage", storage)
    return storage


@pytest.fixture
def seller():
    return make_seller()


@pytest.fixture
def seller_client(client, seller):
    client.force_login(seller)
    return client


@pytest.fixture
def issue():
    return IssuePageFactory(number=738, cover_headline="Budget: make the rich pay")


@pytest.fixture
def job(issue):
    return make_job(issue)
