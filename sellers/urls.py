"""The sellers' portal, under /sellers/: Django's auth views with the portal's own templates."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import SellerLoginForm

app_name = "sellers"


TEMPLATES = "sellers/"

urlpatterns = [
    path("", views.portal, name="portal"),
    path("download/<int:job_id>/", views.download, name="download"),
    path("thumbnail/<int:job_id>/", views.thumbnail, name="thumbnail"),
    path("sales/", views.sales, name="sales"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name=TEMPLATES + "login.html",
            authentication_form=SellerLoginForm,
            next_page=reverse_lazy("sellers:portal"),
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path(
        "logout/",
        auth_views.LogoutView.as_view(next_page=reverse_lazy("sellers:login")),
        name="logout",
    ),
    path(
        "password-reset/",
        views.SellerPasswordResetView.as_view(
            template_name=TEMPLATES + "password_reset_form.html",
            email_template_name=TEMPLATES + "password_reset_email.txt",
            subject_template_name=TEMPLATES + "password_reset_subject.txt",
            success_url=reverse_lazy("sellers:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name=TEMPLATES + "password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=TEMPLATES + "password_reset_confirm.html",
            success_url=reverse_lazy("sellers:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=TEMPLATES + "password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
