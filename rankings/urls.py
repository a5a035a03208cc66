from django.urls import path

from rankings import exports, views

app_name = "rankings"

urlpatterns = [
    path("rankings/", views.series_list, name="series-list"),
    path("rankings/<slug:series>/", views.series_detail, name="series-detail"),
    path("rankings/<slug:series>/<int:year>/", views.edition_detail, name="edition-detail"),
    path("rankings/<slug:series>/<int:year>.csv", exports.edition_csv, name="edition-csv"),
    path("rankings/<slug:series>/<int:year>.xlsx", exports.edition_xlsx, name="edition-xlsx"),
]
