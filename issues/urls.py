from django.urls import path

from . import feeds, views

app_name = "issues"
urlpatterns = [
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("feeds/", feeds.LatestArticlesFeed(), name="feed"),
    path("feeds/sections/<slug:slug>/", feeds.SectionFeed(), name="section_feed"),
]
