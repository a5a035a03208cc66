"""FilterSets shared by the public pages and the API.

Each FilterSet holds its filters, its search (``q``) and its ordering (``ordering``), so that an
unknown value answers a form error on a page and a 400 in the API instead of being ignored.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from pazhou.models import (
    Comparator,
    Direction,
    Figure,
    FigureKind,
    Indicator,
    LegalStatus,
    Milestone,
    Organisation,
    OrganisationKind,
    Ownership,
    Place,
    PlaceKind,
    PlaceTier,
    Plan,
    Presence,
    PresenceKind,
    Region,
    Unit,
    coalesced_translation,
)
from pazhou.search import MAX_QUERY_LENGTH, text_query
from pazhou.services import (
    NO_TARGET,
    ProgressStatus,
    indicators_attach_facts,
    indicators_for_readers,
)
from pazhou.text import search_terms


class SearchFilter(django_filters.CharFilter):
    """Free-text search over ``columns``, normalised as DESIGN.md says."""

    def __init__(self, *args, columns, **kwargs):
        self.columns = columns
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        terms = search_terms(value)
        if not terms:
            return qs
        return qs.filter(text_query(terms, self.columns)).distinct()


class TranslatedTextFilter(django_filters.CharFilter):
    """Exact (case-insensitive) match on either language column of a translated field."""

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        return qs.filter(
            Q(**{f"{self.field_name}_en__iexact": value})
            | Q(**{f"{self.field_name}_zh_hans__iexact": value})
        )


class TranslatedOrderingFilter(django_filters.OrderingFilter):
    """OrderingFilter that sorts translated fields in the reader's language, with fallback.

    ``translated`` names the fields (as exposed) that are translated.
    """

    descending_fmt = _("%s (descending)")
    # Labels of the sort keys the site uses, so that the choices read in the reader's language.
    common_labels = {
        "name": _("Name"),
        "title": _("Title"),
        "updated": _("Last updated"),
        "adopted": _("Adoption date"),
        "founded_year": _("Year founded"),
        "kind": _("Kind"),
        "tier": _("Tier"),
        "order": _("Order"),
        "date": _("Date"),
        "value": _("Value"),
        "since": _("Since"),
        "year": _("Year"),
        "rank": _("Rank"),
    }

    def __init__(self, *args, translated=(), **kwargs):
        self.translated = set(translated)
        super().__init__(*args, **kwargs)

    def build_choices(self, fields, labels):
        common = {
            field: self.common_labels[param]
            for field, param in fields.items()
            if param in self.common_labels
        }
        return super().build_choices(fields, {**common, **labels})

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            if not param or param == "-":
                continue  # "?ordering=," or a stray comma: nothing to sort by
            descending = param.startswith("-")
            name = param.lstrip("-")
            field = self.param_map[name]
            if name in self.translated:
                alias = f"{field}_in_language"
                qs = qs.annotate(**{alias: coalesced_translation(field)})
                field = alias
            ordering.append(f"-{field}" if descending else field)
        return qs.order_by(*ordering, "pk") if ordering else qs


class FreshFieldsFilterSet(django_filters.FilterSet):
    """A FilterSet whose form fields are built for each instance.

    django-filter caches a filter's form field on first use, and ``FilterSet.__init__`` deep-
    copies the class's filters, cache included. Once anything has read a field from the class
    (drf-spectacular does, when it writes the schema), every instance would share that field:
    its choices, and a queryset built for another user at another time. Dropping the copies'
    cache makes each request's choices its own.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            filter_.__dict__.pop("_field", None)


class OrganisationFilter(FreshFieldsFilterSet):
    q = SearchFilter(columns=["name_en", "name_zh_hans", "aliases__name"])
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    ownership = django_filters.ChoiceFilter(choices=Ownership.choices)
    region = django_filters.ChoiceFilter(field_name="hq_region", choices=Region.choices)
    province = TranslatedTextFilter(field_name="hq_province", label=_("Province"))
    city = TranslatedTextFilter(field_name="hq_city", label=_("City"))
    ordering = TranslatedOrderingFilter(
        fields=(("name", "name"), ("founded_year", "founded_year"), ("updated_at", "updated")),
        translated=("name",),
        label=_("Order by"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "ownership", "region", "province", "city"]


# --- District plans ------------------------------------------------------------------------------
# Plans and places have slugs unique across the site, so their filters take slugs; the others
# take ids. The choices of a slug filter are what the user may see.


def _for_user(model):
    def queryset(request):
        user = getattr(request, "user", None)
        return model.objects.for_user(user)

    return queryset


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args, model, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("queryset", _for_user(model))
        super().__init__(*args, **kwargs)


class PlanFilter(FreshFieldsFilterSet):
    q = SearchFilter(columns=["title_en", "title_zh_hans", "slug"])
    legal_status = django_filters.ChoiceFilter(choices=LegalStatus.choices, label=_("Legal status"))
    issuer = SlugFilter(model=Organisation, label=_("Issued by"))
    adopted = django_filters.DateFromToRangeFilter(field_name="adopted_on", label=_("Adopted"))
    ordering = TranslatedOrderingFilter(
        fields=(("title", "title"), ("adopted_on", "adopted"), ("updated_at", "updated")),
        translated=("title",),
        label=_("Order by"),
    )

    class Meta:
        model = Plan
        fields = ["q", "legal_status", "issuer", "adopted"]


class PlaceFilter(FreshFieldsFilterSet):
    q = SearchFilter(columns=["name_en", "name_zh_hans", "slug"])
    kind = django_filters.ChoiceFilter(choices=PlaceKind.choices)
    tier = django_filters.ChoiceFilter(choices=PlaceTier.choices, label=_("Tier"))
    parent = SlugFilter(model=Place, label=_("Part of"))
    plan = SlugFilter(
        model=Plan,
        label=_("Plan"),
        method="filter_plan",
        help_text=_("Places with indicators or milestones of the plan."),
    )
    ordering = TranslatedOrderingFilter(
        fields=(("name", "name"), ("kind", "kind"), ("tier", "tier"), ("updated_at", "updated")),
        translated=("name",),
        label=_("Order by"),
    )

    class Meta:
        model = Place
        fields = ["q", "kind", "tier", "parent", "plan"]

    def filter_plan(self, queryset, name, plan):
        if plan is None:
            return queryset
        return queryset.filter(Q(indicators__plan=plan) | Q(milestones__plan=plan)).distinct()


class IndicatorFilter(FreshFieldsFilterSet):
    q = SearchFilter(columns=["name_en", "name_zh_hans", "slug"])
    plan = SlugFilter(model=Plan, label=_("Plan"))
    place = SlugFilter(model=Place, label=_("Place"))
    tier = django_filters.ChoiceFilter(
        field_name="place__tier", choices=PlaceTier.choices, label=_("Tier")
    )
    unit = django_filters.ChoiceFilter(choices=Unit.choices)
    direction = django_filters.ChoiceFilter(choices=Direction.choices)
    progress_status = django_filters.ChoiceFilter(
        choices=[*ProgressStatus.choices, (NO_TARGET, _("no target"))],
        method="filter_status",
        label=_("Progress"),
        help_text=_("The computed status against the indicator's target."),
    )
    ordering = TranslatedOrderingFilter(
        fields=(("name", "name"), ("order", "order"), ("updated_at", "updated")),
        translated=("name",),
        label=_("Order by"),
    )

    class Meta:
        model = Indicator
        fields = ["q", "plan", "place", "tier", "unit", "direction", "progress_status"]

    def filter_status(self, queryset, name, value):
        """Status is computed, not stored: compute it for the matching indicators."""
        if not value:
            return queryset
        indicators = indicators_attach_facts(indicators=indicators_for_readers(queryset=queryset))
        wanted = [
            indicator.pk
            for indicator in indicators
            if (indicator.progress.status if indicator.progress else NO_TARGET) == value
        ]
        return queryset.filter(pk__in=wanted)


class FigureFilter(FreshFieldsFilterSet):
    indicator = django_filters.NumberFilter(field_name="indicator_id", label=_("Indicator (id)"))
    plan = SlugFilter(model=Plan, field_name="indicator__plan", label=_("Plan"))
    place = SlugFilter(model=Place, field_name="indicator__place", label=_("Place"))
    tier = django_filters.ChoiceFilter(
        field_name="indicator__place__tier", choices=PlaceTier.choices, label=_("Tier")
    )
    kind = django_filters.ChoiceFilter(choices=FigureKind.choices)
    comparator = django_filters.ChoiceFilter(choices=Comparator.choices)
    date = django_filters.DateFromToRangeFilter(label=_("Date"))
    ordering = django_filters.OrderingFilter(
        fields=(("date", "date"), ("value", "value"), ("updated_at", "updated")),
        label=_("Order by"),
    )

    class Meta:
        model = Figure
        fields = ["indicator", "plan", "place", "tier", "kind", "comparator", "date"]


class PresenceFilter(FreshFieldsFilterSet):
    organisation = SlugFilter(model=Organisation, label=_("Organisation"))
    place = SlugFilter(model=Place, label=_("Place"))
    tier = django_filters.ChoiceFilter(
        field_name="place__tier", choices=PlaceTier.choices, label=_("Tier")
    )
    kind = django_filters.ChoiceFilter(choices=PresenceKind.choices)
    since = django_filters.DateFromToRangeFilter(label=_("Since"))
    ordering = django_filters.OrderingFilter(
        fields=(("since", "since"), ("kind", "kind"), ("updated_at", "updated")),
        label=_("Order by"),
    )

    class Meta:
        model = Presence
        fields = ["organisation", "place", "tier", "kind", "since"]


class MilestoneFilter(FreshFieldsFilterSet):
    q = SearchFilter(columns=["title_en", "title_zh_hans"])
    plan = SlugFilter(model=Plan, label=_("Plan"))
    place = SlugFilter(model=Place, label=_("Place"))
    tier = django_filters.ChoiceFilter(
        field_name="place__tier", choices=PlaceTier.choices, label=_("Tier")
    )
    date = django_filters.DateFromToRangeFilter(label=_("Date"))
    ordering = django_filters.OrderingFilter(
        fields=(("date", "date"), ("updated_at", "updated")), label=_("Order by")
    )

    class Meta:
        model = Milestone
        fields = ["q", "plan", "place", "tier", "date"]
