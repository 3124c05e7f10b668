from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("", views.overview, name="index"),
    path("targets/", views.target_list, name="targets"),
    path("targets/new/", views.target_create, name="target_create"),
    path("targets/<int:pk>/", views.target_detail, name="target"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("targets/<int:pk>/check/", views.target_check, name="target_check"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/missing/", views.meeting_missing, name="missing"),
    path("meetings/rules/new/", views.meeting_rule_create, name="rule_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/status/", views.plan_status, name="plan_status"),
    path("disclosures/", views.disclosure_list, name="disclosures"),
    path("disclosures/new/", views.disclosure_create, name="disclosure_create"),
    path("disclosures/<int:pk>/", views.disclosure_detail, name="disclosure"),
    path("disclosures/<int:pk>/edit/", views.disclosure_edit, name="disclosure_edit"),
    path("disclosures/<int:pk>/publish/", views.disclosure_publish, name="disclosure_publish"),
    path("disclosures/<int:pk>/objections/<int:objection_pk>/answer/", views.objection_answer, name="objection_answer"),
    path("disclosures/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("notices/", views.notice_board, name="notices"),
    path("notices/<int:pk>/files/<int:attachment_pk>/", views.attachment_file, name="attachment"),
    path("notices/<int:pk>/", views.notice_read, name="notice"),
]
