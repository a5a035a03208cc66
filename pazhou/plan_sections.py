"""What the district plans add to the site's shared pages through the registry: the home page's
key figures, the presences on organisation pages, search results and feed entries.

Like every registered callable, these return only what ``visible()`` allows.
"""

from django.utils.translation import gettext as _

from pazhou.models import Indicator, Place, Plan, Presence
from pazhou.registry import FeedEntry, SearchResult
from pazhou.search import text_query
from pazhou.services import indicators_attach_facts, indicators_for_readers

HOME_FIGURES = 6


def home_key_figures_section(request):
    """Home page: the district's key figures (indicators marked as key figures), each with its
    latest figure stated for what it is, and progress where it can be known."""
    queryset = Indicator.objects.visible().filter(featured=True).order_by("order", "pk")
    indicators = indicators_attach_facts(
        indicators=indicators_for_readers(queryset=queryset)[:HOME_FIGURES]
    )
    if not indicators:
        return None
    sources = []
    for indicator in indicators:
        for figure in indicator.shown_figures:
            if figure.source not in sources:
                sources.append(figure.source)
    return {"indicators": indicators, "sources": sources}


def organisation_presences_section(request, organisation):
    """Organisation page: where the organisation is present, by place and kind."""
    presences = list(
        Presence.objects.visible()
        .filter(organisation=organisation)
        .select_related("place", "source", "source__publisher")
        .order_by("place__slug", "kind", "pk")
    )
    if not presences:
        return None
    sources = []
    for presence in presences:
        if presence.source not in sources:
            sources.append(presence.source)
    return {"presences": presences, "sources": sources}


def search_plans(terms, limit):
    """Plans, places and indicators whose name matches, in either language."""
    results = [
        SearchResult(
            title=str(plan),
            url=plan.get_absolute_url(),
            kind=_("Plan"),
            summary=str(plan.issuer)
            if plan.issuer and plan.issuer.publishing_state == "live"
            else "",
        )
        for plan in Plan.objects.visible()
        .filter(text_query(terms, ["title_en", "title_zh_hans", "slug"]))
        .select_related("issuer")
        .order_by_translated("title")[:limit]
    ]
    results += [
        SearchResult(
            title=str(place),
            url=place.get_absolute_url(),
            kind=_("Place"),
            summary=place.get_kind_display(),
        )
        for place in Place.objects.visible()
        .filter(text_query(terms, ["name_en", "name_zh_hans", "slug"]))
        .order_by_translated("name")[:limit]
    ]
    results += [
        SearchResult(
            title=str(indicator),
            url=indicator.get_absolute_url(),
            kind=_("Indicator"),
            summary=str(indicator.place),
        )
        for indicator in Indicator.objects.visible()
        .filter(text_query(terms, ["name_en", "name_zh_hans"]))
        .select_related("place")
        .order_by_translated("name")[:limit]
    ]
    return results


def plan_feed_entries(limit):
    """Atom feed: the latest visible plans and places."""
    entries = [
        FeedEntry(
            title=str(plan),
            url=plan.get_absolute_url(),
            updated=plan.updated_at,
            summary=str(_("District plan")),
            kind="plan",
        )
        for plan in Plan.objects.visible().order_by("-updated_at")[:limit]
    ]
    entries += [
        FeedEntry(
            title=str(place),
            url=place.get_absolute_url(),
            updated=place.updated_at,
            summary=place.get_kind_display(),
            kind="place",
        )
        for place in Place.objects.visible().order_by("-updated_at")[:limit]
    ]
    return entries
