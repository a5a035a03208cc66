from django.urls import path

from pazhou import views
from pazhou.feeds import LatestFeed

app_name = "pazhou"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/<slug:slug>/", views.plan_detail, name="plan-detail"),
    path("places/", views.place_list, name="place-list"),
    path("places/<slug:slug>/", views.place_detail, name="place-detail"),
    path("search/", views.search, name="search"),
    path("feeds/latest.atom", LatestFeed(), name="feed-latest"),
]
