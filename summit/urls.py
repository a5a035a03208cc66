from django.urls import path

from summit import frab, ical, views

app_name = "summit"

urlpatterns = [
    path("summits/", views.summit_list, name="summit-list"),
    path("summits/<int:year>/", views.summit_detail, name="summit-detail"),
    path("summits/<int:year>/schedule/", views.schedule, name="schedule"),
    path("summits/<int:year>/schedule.ics", ical.schedule_ics, name="schedule-ics"),
    path("summits/<int:year>/schedule.json", frab.schedule_json, name="schedule-json"),
    path("summits/<int:year>/schedule.xml", frab.schedule_xml, name="schedule-xml"),
    path("summits/<int:year>/photos/", views.gallery, name="gallery"),
    path("summits/<int:year>/sessions/<slug:slug>.ics", ical.session_ics, name="session-ics"),
    path("summits/<int:year>/sessions/<slug:slug>/", views.session_detail, name="session-detail"),
    path("summits/<int:year>/releases/<slug:slug>/", views.release_detail, name="release-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
]
