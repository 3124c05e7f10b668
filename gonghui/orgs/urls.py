from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.org_tree, name="tree"),
    path("<int:pk>/", views.org_detail, name="detail"),
    path("committees/<int:pk>/", views.committee_detail, name="committee"),
]
