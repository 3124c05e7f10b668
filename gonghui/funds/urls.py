from django.urls import path

from . import views

app_name = "funds"
urlpatterns = [
    path("", views.overview, name="index"),
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/export.xlsx", views.ledger_export, name="export"),
    path("entries/new/", views.entry_create, name="entry_create"),
    path("entries/<int:pk>/", views.entry_detail, name="entry"),
    path("entries/<int:pk>/reverse/", views.entry_reverse, name="entry_reverse"),
    path("trial-balance/", views.trial_balance, name="trial_balance"),
    path("budget/", views.budget, name="budget"),
    path("dues/", views.dues, name="dues"),
    path("dues/arrears/", views.arrears, name="arrears"),
    path("review/", views.review, name="review"),
    path("wages/", views.wages, name="wages"),
    path("wages/<int:member_pk>/", views.wage_set, name="wage_set"),
]
