"""Site-wide search. Each app registers a provider; this module runs them all."""

from django.db.models import Q

from pazhou.registry import SearchResult, registry
from pazhou.text import normalise_for_search

MAX_QUERY_LENGTH = 100


def search_everything(query, *, limit_per_kind=20):
    """[(provider, [SearchResult, …]), …] for a reader's query, normalised as DESIGN.md says."""
    normalised = normalise_for_search(query)[:MAX_QUERY_LENGTH]
    if not normalised:
        return normalised, []
    groups = []
    for provider in registry.search_providers:
        results = provider.search(normalised, limit_per_kind)
        if results:
            groups.append((provider, results))
    return normalised, groups


def text_query(normalised, columns):
    """Q matching ``normalised`` in any of ``columns`` (case-insensitive contains)."""
    condition = Q()
    for column in columns:
        condition |= Q(**{f"{column}__icontains": normalised})
    return condition


def search_organisations(normalised, limit):
    from pazhou.models import Organisation

    organisations = (
        Organisation.objects.visible()
        .filter(text_query(normalised, ["name_en", "name_zh_hans", "aliases__name"]))
        .distinct()
        .order_by_name()[:limit]
    )
    return [
        SearchResult(
            title=str(organisation),
            url=organisation.get_absolute_url(),
            kind=organisation.get_kind_display(),
            summary=organisation.headquarters,
        )
        for organisation in organisations
    ]
