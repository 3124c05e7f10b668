from django.urls import path

from . import views

app_name = "safety"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("dashboard/", views.dashboard, name="dashboard"),
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
]
