"""FilterSets of the summit, shared by the reader pages and the API.

As in :mod:`pazhou.filters`, each FilterSet holds its filters, its search (``q``) and its ordering
(``ordering``), so that an unknown value is a form error on a page and a 400 in the API.

Objects whose slug is unique across the site (people, organisations) are named by slug; an
edition by its year; rooms, tracks and sessions by id. Choices of related objects are limited
to what the requesting user may see, so a draft's slug answers like an unknown one.
"""

from datetime import timedelta

import django_filters
from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from pazhou.filters import FreshFieldsFilterSet, SearchFilter, TranslatedOrderingFilter
from pazhou.models import Organisation
from pazhou.search import text_query
from pazhou.text import search_terms
from summit.models import (
    Person,
    Photo,
    Release,
    ReleaseKind,
    Room,
    Session,
    SessionKind,
    SessionLanguage,
    Summit,
    Track,
)
from summit.search import full_name_query

MAX_YEAR = 32767  # PositiveSmallIntegerField


def _user(request):
    return getattr(request, "user", None)


def visible_people(request):
    return Person.objects.for_user(_user(request))


def visible_organisations(request):
    return Organisation.objects.for_user(_user(request))


def visible_sessions(request):
    return Session.objects.for_user(_user(request))


def summit_days(summit):
    """Every day of an edition, first to last."""
    return [
        summit.start_date + timedelta(days=offset)
        for offset in range((summit.end_date - summit.start_date).days + 1)
    ]


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(django_filters.NumberFilter):
    """An edition, by its year: a whole number, so "2023.5" or "abc" is a form error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Edition (year)"))
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


class PersonSearchFilter(SearchFilter):
    """Search over name parts and titles that also finds a whole name: "chai tianyou" and
    "柴天佑" span two name fields."""

    def filter(self, qs, value):
        terms = search_terms(value)
        if not terms:
            return qs
        condition = text_query(terms, self.columns)
        for term in terms:
            condition |= full_name_query(term)
        return qs.filter(condition).distinct()


class PersonOrderingFilter(TranslatedOrderingFilter):
    """Ordering in which ``name`` means family name, then given name, in the reader's script
    with fallback to the other one."""

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            descending = param.startswith("-")
            name = param.lstrip("-")
            if name == "name":
                qs = qs.with_name_in_language()
                fields = ["family_name_in_language", "given_name_in_language"]
            else:
                fields = [self.param_map[name]]
            ordering += [f"-{field}" if descending else field for field in fields]
        return qs.order_by(*ordering, "pk")


class SummitFilter(FreshFieldsFilterSet):
    q = SearchFilter(
        columns=[
            "title_en",
            "title_zh_hans",
            "venue_en",
            "venue_zh_hans",
            "city_en",
            "city_zh_hans",
        ],
    )
    year = YearFilter(field_name="year", label=_("Year"))
    ordering = TranslatedOrderingFilter(
        fields=(("year", "year"), ("start_date", "start_date"), ("title", "title")),
        translated=("title",),
        label=_("Order by"),
    )

    class Meta:
        model = Summit
        fields = ["q", "year"]


class SessionFilter(FreshFieldsFilterSet):
    """Sessions by edition, day, kind, room, track, person, organisation and language."""

    q = SearchFilter(columns=["title_en", "title_zh_hans", "abstract_en", "abstract_zh_hans"])
    edition = YearFilter(field_name="summit__year")
    day = django_filters.DateFilter(field_name="date", label=_("Day"))
    kind = django_filters.ChoiceFilter(choices=SessionKind.choices, label=_("Kind"))
    room = django_filters.ModelChoiceFilter(
        queryset=Room.objects.all(), label=_("Room"), empty_label=_("All rooms")
    )
    track = django_filters.ModelChoiceFilter(
        queryset=Track.objects.all(), label=_("Track"), empty_label=_("All tracks")
    )
    person = django_filters.ModelChoiceFilter(
        queryset=visible_people,
        to_field_name="slug",
        method="filter_person",
        label=_("Person (slug)"),
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=visible_organisations,
        to_field_name="slug",
        method="filter_organisation",
        label=_("Organisation of a person in the session (slug)"),
    )
    language = django_filters.ChoiceFilter(choices=SessionLanguage.choices, label=_("Language"))
    ordering = TranslatedOrderingFilter(
        fields=(
            ("date", "date"),
            ("start_time", "start_time"),
            ("order", "order"),
            ("title", "title"),
            ("kind", "kind"),
            ("updated_at", "updated"),
        ),
        translated=("title",),
        label=_("Order by"),
    )

    class Meta:
        model = Session
        fields = ["q", "edition", "day", "kind", "room", "track", "person", "language"]

    @extend_schema_field(OpenApiTypes.STR)
    def filter_person(self, queryset, name, person):
        return queryset.filter(appearances__person=person).distinct()

    @extend_schema_field(OpenApiTypes.STR)
    def filter_organisation(self, queryset, name, organisation):
        people = visible_people(self.request).filter(affiliation=organisation)
        return queryset.filter(appearances__person__in=people).distinct()


class ScheduleFilter(SessionFilter):
    """The programme page's form: one edition's days, rooms and tracks."""

    page_filters = ("day", "room", "track")

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.filters):
            if name not in self.page_filters:
                del self.filters[name]
        # A filter with nothing to choose from is left out: an edition without rooms, or one
        # that lasts a single day.
        for name, groups in (("room", summit.rooms.all()), ("track", summit.tracks.all())):
            if groups.exists():
                self.filters[name].queryset = groups
            else:
                del self.filters[name]
        days = summit_days(summit)
        if len(days) > 1:
            choices = [("", _("All days"))] + [
                (day.isoformat(), date_format(day, "DATE_FORMAT")) for day in days
            ]
            self.filters["day"].extra["widget"] = forms.Select(choices=choices)
        else:
            del self.filters["day"]


class PersonFilter(FreshFieldsFilterSet):
    """People by the edition they appear in and by the organisation they belong to."""

    q = PersonSearchFilter(
        columns=[
            "family_name_en",
            "given_name_en",
            "family_name_zh",
            "given_name_zh",
            "honorifics_en",
            "honorifics_zh_hans",
            "position_en",
            "position_zh_hans",
        ]
    )
    edition = YearFilter(method="filter_edition")
    organisation = django_filters.ModelChoiceFilter(
        queryset=visible_organisations,
        field_name="affiliation",
        to_field_name="slug",
        label=_("Affiliation (organisation slug)"),
    )
    ordering = PersonOrderingFilter(
        fields=(("name", "name"), ("updated_at", "updated")),
        label=_("Order by"),
    )

    class Meta:
        model = Person
        fields = ["q", "edition", "organisation"]

    def filter_edition(self, queryset, name, year):
        sessions = visible_sessions(self.request).filter(summit__year=year)
        return queryset.filter(appearances__session__in=sessions).distinct()


class PeopleIndexFilter(PersonFilter):
    """The people index's form: search, and the edition people appeared in."""

    page_filters = ("q", "edition")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.filters):
            if name not in self.page_filters:
                del self.filters[name]
        self.filters["edition"].label = _("Edition")
        years = Summit.objects.visible().order_by("-year").values_list("year", flat=True)
        choices = [("", _("All editions"))] + [(year, year) for year in years]
        self.filters["edition"].extra["widget"] = forms.Select(choices=choices)


class ReleaseFilter(FreshFieldsFilterSet):
    q = SearchFilter(columns=["title_en", "title_zh_hans", "summary_en", "summary_zh_hans"])
    edition = YearFilter(field_name="summit__year")
    kind = django_filters.ChoiceFilter(choices=ReleaseKind.choices, label=_("Kind"))
    session = django_filters.ModelChoiceFilter(
        queryset=visible_sessions, label=_("Session (id)"), empty_label=_("Any session")
    )
    publisher = django_filters.ModelChoiceFilter(
        queryset=visible_organisations, to_field_name="slug", label=_("Publisher (slug)")
    )
    ordering = TranslatedOrderingFilter(
        fields=(("title", "title"), ("release_date", "release_date"), ("updated_at", "updated")),
        translated=("title",),
        label=_("Order by"),
    )

    class Meta:
        model = Release
        fields = ["q", "edition", "kind", "session", "publisher"]


class PhotoFilter(FreshFieldsFilterSet):
    q = SearchFilter(columns=["caption_en", "caption_zh_hans", "credit_en", "credit_zh_hans"])
    edition = YearFilter(field_name="summit__year")
    session = django_filters.ModelChoiceFilter(
        queryset=visible_sessions, label=_("Session (id)"), empty_label=_("Any session")
    )
    ordering = TranslatedOrderingFilter(
        fields=(("order", "order"), ("updated_at", "updated")),
        label=_("Order by"),
    )

    class Meta:
        model = Photo
        fields = ["q", "edition", "session"]
