from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.summary_index, name="index"),
    path("summary/<int:org_id>/<str:period>/", views.summary_read, name="read"),
    path("summary/<int:org_id>/<str:period>/edit/", views.summary_edit, name="edit"),
    path("summary/<int:org_id>/<str:period>/recompute/", views.summary_recompute, name="recompute"),
    path("summary/<int:org_id>/<str:period>/texts/", views.summary_texts_edit, name="texts"),
    path("summary/<int:org_id>/<str:period>/versions/", views.summary_versions_view, name="versions"),
    path("summary/<int:org_id>/<str:period>/download.<str:fmt>", views.summary_download, name="download"),
]
