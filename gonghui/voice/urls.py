from django.urls import path

from . import views

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
    path("reports/", views.report_queue, name="reports"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/photo/", views.report_photo, name="report_photo"),
    path("reports/<int:pk>/<slug:action>/", views.report_act, name="report_act"),
    path("network/", views.network, name="network"),
    path("network/reps/<int:pk>/end/", views.rep_end, name="rep_end"),
    path("hazards/", views.hazards, name="hazards"),
    path("hazards/<int:pk>/", views.hazard_detail, name="hazard"),
    path("hazards/<int:pk>/<slug:action>/", views.hazard_act, name="hazard_act"),
    path("talks/", views.talks, name="talks"),
    path("answers/", views.answers, name="answers"),
    path("answers/<int:pk>/delete/", views.answer_delete, name="answer_delete"),
]
