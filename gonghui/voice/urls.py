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
    path("talks/", views.talks, name="talks"),
    path("answers/", views.answers, name="answers"),
    path("answers/<int:pk>/delete/", views.answer_delete, name="answer_delete"),
]
