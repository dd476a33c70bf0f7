"""Browser URLs of core: sign-in and password reset (the home page is workspace's)."""

from django.urls import include, path

from core import views

urlpatterns = [
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    # Sign-in (django-axes locks it after repeated failures), sign-out and the rest of the reset.
    path("accounts/", include("django.contrib.auth.urls")),
]
