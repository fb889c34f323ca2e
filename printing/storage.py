"""Private storage for print PDFs and thumbnails: never under a public media URL. Every file
is served through a view that checks who asks (printing/views.py, sellers/views.py)."""

from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponseRedirect

try:
    from storages.backends.s3 import S3Storage
except ImportError:  # django-storages is a dependency, but local storage works without it
    S3Storage = None

# How long a signed S3 link stays valid: long enough to start the download, no longer.
SIGNED_URL_SECONDS = 300


def private_storage():
    # Named in settings (STORAGES["private"]): local folder by default, S3 when configured.
    return storages["private"]


def serve_private_file(fieldfile, filename, attachment):
    """Stream a file from private storage, or redirect to a short-lived signed S3 URL."""
    storage = fieldfile.storage
    disposition = "attachment" if attachment else "inline"
    if S3Storage is not None and isinstance(storage, S3Storage):
        url = storage.url(
            fieldfile.name,
            parameters={"ResponseContentDisposition": f'{disposition}; filename="{filename}"'},
            expire=SIGNED_URL_SECONDS,
        )
        return HttpResponseRedirect(url)
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    response = FileResponse(handle, as_attachment=attachment, filename=filename)
    response["Cache-Control"] = "private, max-age=0"
    return response
