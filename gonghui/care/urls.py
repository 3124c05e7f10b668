from django.urls import path

from . import views

app_name = "care"
urlpatterns = [
    path("", views.cases, name="index"),
    path("cases/", views.cases, name="cases"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/recheck/", views.case_recheck, name="case_recheck"),
    path("cases/<int:pk>/close/", views.case_close, name="case_close"),
    path("visits/", views.visits, name="visits"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("services/", views.care_services, name="services"),
    path("services/new/", views.care_service_create, name="service_create"),
    path("aid/", views.aid, name="aid"),
    path("aid/new/", views.aid_create, name="aid_create"),
    path("aid/<int:pk>/", views.aid_detail, name="aid_payment"),
    path("talks/", views.talks, name="talks"),
    path("settings/", views.settings_edit, name="settings"),
]
