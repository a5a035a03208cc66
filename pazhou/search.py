"""Site-wide search. Each app registers a provider; this module runs them all."""

from django.db.models import Q

from pazhou.registry import SearchResult, registry
from pazhou.text import search_terms

MAX_QUERY_LENGTH = 100


def search_everything(query, *, limit_per_kind=20):
    """(terms, [(provider, [SearchResult, …]), …]) for a reader's query, normalised as
    DESIGN.md says."""
    terms = search_terms(query[:MAX_QUERY_LENGTH])
    if not terms:
        return terms, []
    groups = []
    for provider in registry.search_providers:
        results = provider.search(terms, limit_per_kind)
        if results:
            groups.append((provider, results))
    return terms, groups


def text_query(terms, columns):
    """Q matching any of ``terms`` in any of ``columns`` (case-insensitive contains)."""
    condition = Q()
    for term in terms:
        for column in columns:
            condition |= Q(**{f"{column}__icontains": term})
    return condition


def search_organisations(terms, limit):
    from pazhou.models import Organisation

    organisations = (
        Organisation.objects.visible()
        .filter(text_query(terms, ["name_en", "name_zh_hans", "aliases__name"]))
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
