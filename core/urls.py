"""Browser URLs of core: the home page."""

from django.urls import path

from core import views

urlpatterns = [
    path("", views.home, name="home"),
]
