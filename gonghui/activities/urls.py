from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    # members, on a phone
    path("join/", views.join_list, name="join"),
    path("join/<int:pk>/", views.join_event, name="join_event"),
    path("join/<int:pk>/signup/", views.join_signup, name="join_signup"),
    path("join/<int:pk>/cancel/", views.join_cancel, name="join_cancel"),
    path("stars/", views.honour_roll, name="honour_roll"),
    # cadres
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("events/<int:pk>/attendance/", views.event_attendance, name="event_attendance"),
    path("events/<int:pk>/results/", views.event_result, name="event_result"),
    path("events/<int:pk>/signups/<int:signup_pk>/cancel/", views.event_signup_cancel, name="event_signup_cancel"),
    path("honours/", views.honour_list, name="honours"),
    path("honours/new/", views.honour_create, name="honour_create"),
    path("honours/batch/", views.honour_batch, name="honour_batch"),
    path("honours/<int:pk>/withdraw/", views.honour_withdraw, name="honour_withdraw"),
    path("innovations/", views.innovation_list, name="innovations"),
    path("innovations/new/", views.innovation_create, name="innovation_create"),
    path("innovations/<int:pk>/", views.innovation_detail, name="innovation"),
    path("innovations/<int:pk>/advance/", views.innovation_advance, name="innovation_advance"),
    path("innovations/<int:pk>/awards/", views.innovation_award, name="innovation_award"),
    path("patents/new/", views.patent_create, name="patent_create"),
    path("patents/<int:pk>/grant/", views.patent_grant, name="patent_grant"),
    path("competitions/", views.competition_list, name="competitions"),
    path("competitions/new/", views.competition_create, name="competition_create"),
    path("competitions/<int:pk>/", views.competition_detail, name="competition"),
    path("competitions/<int:pk>/scores/", views.competition_score, name="competition_score"),
    path("competitions/<int:pk>/finish/", views.competition_finish, name="competition_finish"),
    path("competitions/<int:pk>/winners/", views.competition_winner, name="competition_winner"),
    path("mentorships/", views.mentorship_list, name="mentorships"),
    path("mentorships/new/", views.mentorship_create, name="mentorship_create"),
    path("mentorships/rules/", views.rules_edit, name="rules"),
    path("mentorships/<int:pk>/", views.mentorship_detail, name="mentorship"),
    path("mentorships/<int:pk>/check/", views.mentorship_check, name="mentorship_check"),
    path("mentorships/<int:pk>/close/", views.mentorship_close, name="mentorship_close"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course"),
    path("courses/<int:pk>/enrol/", views.course_enrol, name="course_enrol"),
    path("courses/<int:pk>/hold/", views.course_hold, name="course_hold"),
    path("courses/<int:pk>/results/", views.course_results, name="course_results"),
]
