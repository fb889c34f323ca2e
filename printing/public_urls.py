"""Public downloads: the screen edition of published issues, inserts and bulletin editions."""

from django.urls import path

from . import views

app_name = "editions"
urlpatterns = [
    path("<int:page_id>/screen.pdf", views.screen_edition, name="screen"),
]
