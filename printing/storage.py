"""Private storage for print PDFs and thumbnails: never under a public media URL."""

from django.core.files.storage import storages


def private_storage():
    # Named in settings (STORAGES["private"]): local folder by default, S3 when configured.
    return storages["private"]
