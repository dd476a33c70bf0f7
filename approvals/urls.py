"""URLs of the approval route (under /<lang>/strategies/<pk>/approval/) and the public pages."""

from django.urls import path

from approvals import views

app_name = "approvals"
urlpatterns = [
    path("strategies/<int:pk>/approval/submit/", views.submit, name="submit"),
    path("strategies/<int:pk>/approval/hearing/", views.hearing, name="hearing"),
    path(
        "strategies/<int:pk>/approval/hearings/<int:hearing>/protocol.pdf",
        views.protocol,
        name="protocol",
    ),
    path("strategies/<int:pk>/approval/review/", views.review, name="review"),
    path("strategies/<int:pk>/approval/remarks/", views.remarks, name="remarks"),
    path("strategies/<int:pk>/approval/diff/", views.diff, name="diff"),
    path("strategies/<int:pk>/approval/timeline/", views.timeline, name="timeline"),
    path("strategies/<int:pk>/approval/amend/", views.amend, name="amend"),
    path("public/<int:pk>/", views.edition, name="edition"),
    path("public/<int:pk>/hearing/", views.public_hearing, name="public_hearing"),
    path("notifications/", views.notifications, name="notifications"),
]
