from django.urls import path

from . import views

app_name = "alarms"
urlpatterns = [
    path("", views.board, name="board"),
    path("tiles/", views.board_tiles, name="tiles"),
    path("events/", views.events, name="events"),
    path("zones/<int:pk>/", views.zone_detail, name="zone"),
    path("zones/<int:pk>/<str:action>/", views.zone_action, name="zone_action"),
    path("detectors/<int:pk>/<str:action>/", views.detector_action, name="detector_action"),
    path("setup/", views.setup, name="setup"),
    path("sites/<int:pk>/zones/new/", views.zone_create, name="zone_create"),
    path("zones/<int:pk>/detectors/new/", views.detector_create, name="detector_create"),
    path("zones/<int:pk>/duty/new/", views.duty_create, name="duty_create"),
]
