"""FilterSets shared by the public pages and the API.

Each FilterSet holds its filters, its search (``q``) and its ordering (``ordering``), so that an
unknown value answers a form error on a page and a 400 in the API instead of being ignored.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pazhou.models import Organisation, OrganisationKind, Ownership, Region, coalesced_translation
from pazhou.search import MAX_QUERY_LENGTH, text_query
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

    def __init__(self, *args, translated=(), **kwargs):
        self.translated = set(translated)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            descending = param.startswith("-")
            name = param.lstrip("-")
            field = self.param_map[name]
            if name in self.translated:
                alias = f"{field}_in_language"
                qs = qs.annotate(**{alias: coalesced_translation(field)})
                field = alias
            ordering.append(f"-{field}" if descending else field)
        return qs.order_by(*ordering, "pk")


class OrganisationFilter(django_filters.FilterSet):
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
