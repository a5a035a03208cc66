"""FilterSets of the rankings, shared by the reader pages and the API.

As in :mod:`pazhou.filters`, each FilterSet holds its filters, its search (``q``) and its ordering
(``ordering``), so that an unknown value is a form error on a page and a 400 in the API.

Series and organisations (slugs unique across the site) are named by slug; editions and
categories by id, or an edition by its series and year. Choices of related objects are limited to
what the requesting user may see, so a draft's id or slug answers like an unknown one.

:class:`EntryFilter` is the one FilterSet of the table on ``/rankings/<series>/<year>/`` and of
``/api/v1/entries/``. Given an ``edition``, it keeps only the controls that the page shows and
offers that edition's categories, provinces and cities as choices. Region, province and city
filter on the organisation's *current* main headquarters; the headquarters as published is only
displayed. The ``movement`` filter and ordering read the ``movement`` and ``movement_places``
annotations, which the caller puts on the queryset (:func:`rankings.services.entries_with_movement`
on the page, :func:`rankings.api.entries_with_own_movement` in the API).
"""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pazhou.filters import (
    FreshFieldsFilterSet,
    SearchFilter,
    TranslatedOrderingFilter,
    TranslatedTextFilter,
)
from pazhou.models import Organisation, Ownership, Region, coalesced_translation
from pazhou.search import text_query
from pazhou.text import search_terms
from rankings.models import Category, Edition, Entry, Series
from rankings.services import Movement

MIN_YEAR, MAX_YEAR = 1, 32767  # PositiveSmallIntegerField
MAX_RANK = 2147483647  # PositiveIntegerField

ORGANISATION_NAME_COLUMNS = ["name_en", "name_zh_hans", "aliases__name"]


def _user(request):
    return getattr(request, "user", None)


def visible_series(request):
    return Series.objects.for_user(_user(request))


def visible_editions(request):
    return Edition.objects.for_user(_user(request))


def visible_organisations(request):
    return Organisation.objects.for_user(_user(request))


def visible_categories(request):
    return Category.objects.filter(edition__in=visible_editions(request))


class YearFilter(django_filters.NumberFilter):
    """An edition's year: a whole number, so "2023.5" or "abc" is a form error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


class RankFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "rank")
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_RANK)
        super().__init__(*args, **kwargs)


class OrderingFilter(TranslatedOrderingFilter):
    """TranslatedOrderingFilter that passes over empty items, so "ordering=," is no order
    rather than an error."""

    def filter(self, qs, value):
        return super().filter(qs, [param for param in value or () if param])


class NullsLastOrderingFilter(TranslatedOrderingFilter):
    """Ordering in which empty values (no rank, no value, no movement) come last both ways,
    and ``name`` is the organisation's name in the reader's language with fallback."""

    translated_names = {"name": "organisation__name"}

    def filter(self, qs, value):
        value = [param for param in value or () if param]
        if not value:
            return qs
        ordering = []
        for param in value:
            descending = param.startswith("-")
            name = param.lstrip("-")
            field = self.param_map[name]
            if name in self.translated_names:
                alias = f"{name}_in_language"
                qs = qs.annotate(**{alias: coalesced_translation(self.translated_names[name])})
                field = alias
            expression = F(field)
            ordering.append(
                expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
            )
        return qs.order_by(*ordering, "pk")


ENTRY_ORDERING_CHOICES = [
    ("rank", _("Rank, top first")),
    ("-rank", _("Rank, bottom first")),
    ("name", _("Name, A to Z")),
    ("-name", _("Name, Z to A")),
    ("-value", _("Value, highest first")),
    ("value", _("Value, lowest first")),
    ("-movement", _("Biggest climbers first")),
    ("movement", _("Biggest fallers first")),
    ("-year", _("Year, newest first")),
    ("year", _("Year, oldest first")),
]


class EntrySearchFilter(SearchFilter):
    """Search over the organisation's names in both languages and aliases, and the name as
    published. The organisation match is a subquery, so no row is repeated."""

    def filter(self, qs, value):
        terms = search_terms(value)
        if not terms:
            return qs
        organisations = Organisation.objects.filter(text_query(terms, ORGANISATION_NAME_COLUMNS))
        return qs.filter(
            Q(organisation__in=organisations.values("pk"))
            | text_query(terms, ["name_as_published"])
        )


class EntryFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("rank_min"), cleaned.get("rank_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "rank_max",
                _("“Rank to” (%(high)d) is smaller than “Rank from” (%(low)d).")
                % {"high": high, "low": low},
            )
        return cleaned


class EntryFilter(FreshFieldsFilterSet):
    """Entries by edition, series, year, category, organisation, the organisation's current
    headquarters and ownership, movement and rank range; search and ordering."""

    q = EntrySearchFilter(columns=ORGANISATION_NAME_COLUMNS, label=_("Search names"))
    edition = django_filters.ModelChoiceFilter(
        queryset=visible_editions, label=_("Edition (id)"), empty_label=_("Any edition")
    )
    series = django_filters.ModelChoiceFilter(
        queryset=visible_series,
        field_name="edition__series",
        to_field_name="slug",
        label=_("Series (slug)"),
        empty_label=_("Any series"),
    )
    year = YearFilter(field_name="edition__year")
    category = django_filters.ModelChoiceFilter(
        queryset=visible_categories, label=_("Category"), empty_label=_("All categories")
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=visible_organisations, to_field_name="slug", label=_("Organisation (slug)")
    )
    region = django_filters.ChoiceFilter(
        field_name="organisation__hq_region",
        choices=Region.choices,
        label=_("Region"),
        empty_label=_("All regions"),
    )
    province = TranslatedTextFilter(field_name="organisation__hq_province", label=_("Province"))
    city = TranslatedTextFilter(field_name="organisation__hq_city", label=_("City"))
    ownership = django_filters.ChoiceFilter(
        field_name="organisation__ownership",
        choices=Ownership.choices,
        label=_("Ownership"),
        empty_label=_("Any ownership"),
    )
    movement = django_filters.ChoiceFilter(
        choices=Movement.choices, label=_("Movement"), empty_label=_("Any movement")
    )
    rank_min = RankFilter(lookup_expr="gte", label=_("Rank from"))
    rank_max = RankFilter(lookup_expr="lte", label=_("Rank to"))
    ordering = NullsLastOrderingFilter(
        fields=(
            ("rank", "rank"),
            ("name", "name"),
            ("value", "value"),
            ("movement_places", "movement"),
            ("edition__year", "year"),
        ),
        choices=ENTRY_ORDERING_CHOICES,
        label=_("Sort by"),
        empty_label=_("Default order"),
    )

    # The controls of the edition page, in the order it shows them.
    page_filters = (
        "q",
        "category",
        "region",
        "province",
        "city",
        "ownership",
        "movement",
        "ordering",
    )

    class Meta:
        model = Entry
        form = EntryFilterForm
        fields = [
            "q",
            "edition",
            "series",
            "year",
            "category",
            "organisation",
            "region",
            "province",
            "city",
            "ownership",
            "movement",
            "rank_min",
            "rank_max",
        ]

    def __init__(
        self, data=None, queryset=None, *, edition=None, places=None, movement=True, **kwargs
    ):
        """``edition``: narrow the FilterSet to that edition's page controls and categories.
        ``places``: (provinces, cities) to offer as choices on the page. ``movement=False``
        drops the movement filter (the first edition of a series)."""
        super().__init__(data, queryset, **kwargs)
        self.edition = edition
        if edition is None:
            return
        for name in list(self.filters):
            if name not in self.page_filters or (name == "movement" and not movement):
                del self.filters[name]
        self.filters["category"].queryset = edition.categories.all()
        # One edition: no year to sort by, and no rank or movement in places where the
        # edition publishes no ranks.
        page_orderings = (
            {"rank", "name", "value", "movement"} if edition.is_ranked else {"name", "value"}
        )
        self.filters["ordering"].extra["choices"] = [
            choice for choice in ENTRY_ORDERING_CHOICES if choice[0].lstrip("-") in page_orderings
        ]
        provinces, cities = places or ((), ())
        for name, values, empty in (
            ("province", provinces, _("All provinces")),
            ("city", cities, _("All cities")),
        ):
            current = (self.data.get(name) or "").strip() if self.data else ""
            choices = [("", empty)] + [(value, value) for value in values]
            if current and current not in values:
                choices.append((current, current))
            self.filters[name].extra["widget"] = forms.Select(choices=choices)


class SeriesFilter(FreshFieldsFilterSet):
    q = SearchFilter(columns=["name_en", "name_zh_hans", "description_en", "description_zh_hans"])
    publisher = django_filters.ModelChoiceFilter(
        queryset=visible_organisations, to_field_name="slug", label=_("Publisher (slug)")
    )
    ordering = OrderingFilter(
        fields=(("name", "name"), ("slug", "slug"), ("updated_at", "updated")),
        translated=("name",),
        label=_("Sort by"),
    )

    class Meta:
        model = Series
        fields = ["q", "publisher"]


class EditionFilter(FreshFieldsFilterSet):
    q = SearchFilter(columns=["title_en", "title_zh_hans", "scope_en", "scope_zh_hans"])
    series = django_filters.ModelChoiceFilter(
        queryset=visible_series, to_field_name="slug", label=_("Series (slug)")
    )
    year = YearFilter(field_name="year")
    is_ranked = django_filters.ChoiceFilter(
        choices=[
            ("true", _("ranked")),
            ("false", _("not ranked")),
            ("unknown", _("not stated by the source")),
        ],
        method="filter_is_ranked",
        label=_("Ranked"),
    )
    ordering = OrderingFilter(
        fields=(
            ("year", "year"),
            ("release_date", "release_date"),
            ("title", "title"),
            ("updated_at", "updated"),
        ),
        translated=("title",),
        label=_("Sort by"),
    )

    class Meta:
        model = Edition
        fields = ["q", "series", "year", "is_ranked"]

    def filter_is_ranked(self, queryset, name, value):
        return queryset.filter(is_ranked={"true": True, "false": False, "unknown": None}[value])


class CategoryFilter(FreshFieldsFilterSet):
    q = SearchFilter(columns=["name_en", "name_zh_hans"])
    edition = django_filters.ModelChoiceFilter(queryset=visible_editions, label=_("Edition (id)"))
    series = django_filters.ModelChoiceFilter(
        queryset=visible_series,
        field_name="edition__series",
        to_field_name="slug",
        label=_("Series (slug)"),
    )
    year = YearFilter(field_name="edition__year")
    ordering = OrderingFilter(
        fields=(("order", "order"), ("name", "name")),
        translated=("name",),
        label=_("Sort by"),
    )

    class Meta:
        model = Category
        fields = ["q", "edition", "series", "year"]
