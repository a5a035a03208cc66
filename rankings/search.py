"""The rankings' search provider: series and editions, in both languages. Entries are found
through their organisations, which the core's provider searches."""

from django.utils.translation import gettext as _

from pazhou.registry import SearchResult
from pazhou.search import text_query
from rankings.models import Edition, Series


def search_rankings(terms, limit):
    series = (
        Series.objects.visible()
        .filter(
            text_query(terms, ["name_en", "name_zh_hans", "description_en", "description_zh_hans"])
        )
        .order_by("slug")[:limit]
    )
    results = [
        SearchResult(title=s.name, url=s.get_absolute_url(), kind=_("Ranking series"))
        for s in series
    ]
    editions = (
        Edition.objects.visible()
        .filter(text_query(terms, ["title_en", "title_zh_hans", "scope_en", "scope_zh_hans"]))
        .select_related("series")
        .order_by("series__slug", "-year")[:limit]
    )
    results += [
        SearchResult(
            title=e.title,
            url=e.get_absolute_url(),
            kind=_("Ranking edition"),
            summary=e.series.name,
        )
        for e in editions
    ]
    return results
