from django.urls import path

from . import roster_views, views

app_name = "members"
urlpatterns = [
    path("", views.member_list_view, name="list"),
    path("pick/", views.member_pick, name="pick"),
    path("new/", views.member_create, name="create"),
    path("me/", views.member_me, name="me"),
    path("export/", roster_views.roster_export, name="export"),
    path("export/real-name/", roster_views.roster_export_real_name, name="export_real_name"),
    path("import/", roster_views.roster_upload, name="import"),
    path("import/template/", roster_views.roster_template, name="import_template"),
    path("import/<str:token>/", roster_views.roster_confirm, name="import_confirm"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/transfer/", views.member_transfer, name="transfer"),
    path("<int:pk>/leave/", views.member_leave, name="leave"),
    path("<int:pk>/id-number/", views.member_reveal_id, name="reveal_id"),
    path("<int:pk>/id-number/correct/", views.member_correct_id, name="correct_id"),
]
