from django.urls import path
from django.views.generic import RedirectView

from . import views


def moved(name: str):
    """The safety network's lists moved to /safety/: old links and bookmarks still arrive. (A record's own
    page is not redirected: the outsider walk wants 404 for it, and a redirect would answer first.)"""
    return RedirectView.as_view(pattern_name=f"safety:{name}", query_string=True, permanent=True)


app_name = "voice"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("suggest/", views.suggest, name="suggest"),
    path("receipt/", views.receipt, name="receipt"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("suggestions/", views.suggestion_queue, name="queue"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion"),
    path("suggestions/<int:pk>/photo/", views.suggestion_photo, name="suggestion_photo"),
    path("suggestions/<int:pk>/<slug:action>/", views.suggestion_act, name="suggestion_act"),
    # Talks and home visits moved to /care/talks/ (gonghui.care): old links and bookmarks still arrive.
    path("talks/", RedirectView.as_view(pattern_name="care:talks", query_string=True, permanent=True)),
    path("answers/", views.answers, name="answers"),
    path("answers/<int:pk>/delete/", views.answer_delete, name="answer_delete"),
    path("reports/", moved("reports")),
    path("reports/new/", moved("report_new")),
    path("network/", moved("network")),
    path("hazards/", moved("hazards")),
]
