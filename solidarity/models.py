"""The ground every app stands on: base classes for pages and site settings, and the
publisher's own settings."""

from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.http import Http404
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from .blocks import BODY_FEATURES

# Rendition specs used in listings; prefetched together so a listing costs a fixed number of
# queries however many pages it shows.
LISTING_RENDITIONS = ("fill-480x300|format-webp", "fill-960x600|format-webp")


def images_with_renditions():
    return get_image_model().objects.prefetch_renditions(*LISTING_RENDITIONS)


RESTRICTED_PATHS_CACHE_KEY = "solidarity:restricted-page-paths"
# Signals clear the key when a restriction changes; the timeout bounds staleness where the
# cache is per process (local memory, in development).
RESTRICTED_PATHS_TIMEOUT = 60


def restricted_paths():
    """Tree paths of the pages that carry a view restriction (login, password, groups)."""
    return cache.get_or_set(
        RESTRICTED_PATHS_CACHE_KEY,
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
        RESTRICTED_PATHS_TIMEOUT,
    )


class SitePageQuerySet(PageQuerySet):
    def published(self):
        """Live pages any reader may see: Wagtail's live().public(), without a query each time."""
        queryset = self.live()
        paths = restricted_paths()
        if paths:
            queryset = queryset.exclude(reduce(or_, (Q(path__startswith=p) for p in paths)))
        return queryset


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


class SitePage(Page):
    """Base of every page type of the site.

    Routing looks a child up directly in its specific model, one query instead of Wagtail's
    two, and lets that model's `routing_queryset()` join what its own page will show.
    """

    objects = SitePageManager()

    class Meta:
        abstract = True

    @classmethod
    def routing_queryset(cls):
        return cls.objects.all()

    # Preview modes that apps above add to a page type (printing's "Print layout"): each
    # `register_preview_modes` hook takes the page's class and returns (name, label, serve)
    # triples, `serve(page, request)` giving the preview response.
    def extra_preview_modes(self):
        return [
            mode for hook in hooks.get_hooks("register_preview_modes") for mode in hook(type(self))
        ]

    @property
    def preview_modes(self):
        return [
            *super().preview_modes,
            *((name, label) for name, label, _ in self.extra_preview_modes()),
        ]

    def serve_preview(self, request, mode_name):
        for name, _, serve in self.extra_preview_modes():
            if name == mode_name:
                return serve(self, request)
        return super().serve_preview(request, mode_name)

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        for model in self.specific_class.allowed_subpage_models():
            if not issubclass(model, SitePage):
                return super().route(request, path_components)
            child = model.routing_queryset().child_of(self).filter(slug=slug).first()
            if child is not None:
                child._cached_parent_obj = self  # get_parent() then costs no query
                return child.route(request, remaining)
        raise Http404


class SiteSetting(BaseSiteSetting):
    """Base of each app's site settings (the publisher here; printing and email in theirs)."""

    class Meta:
        abstract = True

    @classmethod
    def for_default_site(cls):
        """The default site's settings, for work done outside a request (tasks, signals)."""
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else cls()


@register_setting(icon="cog")
class PublisherSettings(SiteSetting):
    """What the public site says about the organisation, editable in the admin."""

    organisation = models.CharField(max_length=120, default="Workers' Liberty")
    tagline = models.CharField(max_length=160, default="For workers' liberty, east and west")
    about = RichTextField(
        blank=True, features=BODY_FEATURES, help_text="A few lines in the site footer"
    )
    contact_email = models.EmailField(blank=True)
    postal_address = models.TextField(blank=True, max_length=300)
    social_handle = models.CharField(
        max_length=60, blank=True, help_text="The paper's handle, e.g. @workersliberty"
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("tagline"), FieldPanel("about")],
            heading="Publisher",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("postal_address"),
                FieldPanel("social_handle"),
            ],
            heading="Contact",
        ),
    ]

    class Meta:
        verbose_name = "publisher"
