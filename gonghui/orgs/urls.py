from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.org_tree, name="tree"),
    path("pick/", views.org_pick, name="pick"),
    path("<int:pk>/", views.org_detail, name="detail"),
    path("<int:pk>/children/new/", views.org_add_child, name="add_child"),
    path("<int:pk>/federation-consent/", views.org_federation_consent, name="federation_consent"),
    path("<int:pk>/rename/", views.org_rename, name="rename"),
    path("<int:pk>/committees/new/", views.committee_create, name="committee_create"),
    path("committees/<int:pk>/", views.committee_detail, name="committee"),
    path("committees/<int:pk>/seats/new/", views.seat_assign, name="seat_assign"),
    path("seats/<int:pk>/end/", views.seat_end, name="seat_end"),
]
