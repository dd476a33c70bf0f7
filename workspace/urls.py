"""Browser URLs of the workspace: the home page and the public index of strategies."""

from django.urls import path

from workspace import views

urlpatterns = [
    path("", views.home, name="home"),
    path("public/", views.public_index, name="public_index"),
]
