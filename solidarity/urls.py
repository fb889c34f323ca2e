from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from bulletins.feeds import BulletinSeriesFeed
from mailings.webhooks import tracking_urlpatterns
from solidarity.views import AdminPasswordResetView

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Before Wagtail's own URL of the same name: the same view with a rate limit.
    path(
        "admin/password_reset/",
        AdminPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("search.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("feeds/bulletins/<slug:slug>/", BulletinSeriesFeed(), name="bulletin_feed"),
    path("sellers/", include("sellers.urls")),
    path("editions/", include("printing.public_urls")),
    path("", include("mailings.urls")),
    path("", include("issues.urls")),
]

# The ESP's bounce and complaint webhook, only for the configured ESP and once its shared secret
# is set.
urlpatterns[:0] = tracking_urlpatterns(
    settings.EMAIL_BACKEND, settings.ANYMAIL.get("WEBHOOK_SECRET")
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
