"""Reader pages of the shared core (home, organisations, search, robots.txt, health) and of the
district plans (plans and places)."""

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from pazhou.charts import history_chart, layout_map
from pazhou.filters import OrganisationFilter, PlaceFilter, PlanFilter
from pazhou.models import (
    Indicator,
    Milestone,
    Organisation,
    Place,
    Plan,
    PlanRelation,
    Presence,
    PresenceKind,
    Source,
)
from pazhou.preview import get_for_reader
from pazhou.registry import registry
from pazhou.search import MAX_QUERY_LENGTH, search_everything
from pazhou.services import (
    indicators_attach_facts,
    indicators_for_readers,
    milestones_linked_objects,
    organisations_visible_prefetch,
    place_descendants,
    place_tree,
)

PAGE_SIZE = 50


def render_sections(sections, request, **kwargs):
    """([(section, context)], sources) for the registered sections that have something to show.

    A section's context may name the ``sources`` behind what it shows; the footer credits them.
    """
    rendered, sources = [], []
    for section in sections:
        context = section.context(request, **kwargs)
        if context:
            rendered.append((section, context))
            sources.extend(s for s in context.get("sources", []) if s not in sources)
    return rendered, sources


def home(request):
    sections, sources = render_sections(registry.home_sections, request)
    return render(request, "pazhou/home.html", {"sections": sections, "page_sources": sources})


def paginate(request, queryset, per_page=PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    page_number = request.GET.get("page") or 1
    try:
        return paginator.page(page_number)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page.") from None


def organisation_list(request):
    filterset = OrganisationFilter(
        request.GET, queryset=Organisation.objects.visible().order_by_name(), request=request
    )
    if filterset.is_valid():
        organisations = filterset.qs
        status = 200
    else:
        organisations = Organisation.objects.none()
        status = 400
    page = paginate(request, organisations)
    return render(
        request,
        "pazhou/organisation_list.html",
        {"filter": filterset, "page": page, "organisations": page.object_list},
        status=status,
    )


def organisation_detail(request, slug):
    organisation = get_for_reader(
        request,
        Organisation.objects.select_related("source").prefetch_related("aliases"),
        slug=slug,
    )
    sections, sources = render_sections(
        registry.organisation_sections, request, organisation=organisation
    )
    if organisation.source and organisation.source not in sources:
        sources.insert(0, organisation.source)
    return render(
        request,
        "pazhou/organisation_detail.html",
        {"organisation": organisation, "sections": sections, "page_sources": sources},
    )


def search(request):
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    _terms, groups = search_everything(query)
    return render(request, "pazhou/search.html", {"query": query, "groups": groups})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    """Whether the database and the cache answer: 200 when both do, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - a health check reports any failure
        checks["database"] = f"error: {type(error).__name__}"
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error: no round trip"
    except Exception as error:  # noqa: BLE001
        checks["cache"] = f"error: {type(error).__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


def home_organisations_section(request):
    """Home-page block: a few organisations and the size of the directory."""
    organisations = Organisation.objects.visible().order_by_name()
    return {
        "organisations": organisations[:12],
        "count": organisations.count(),
        "sources": list(Source.objects.filter(organisations__in=organisations).distinct()),
    }


# --- District plans ------------------------------------------------------------------------------


def collect_sources(*groups):
    """The distinct sources of the given records (or sources), in order, for the footer."""
    sources = []
    for group in groups:
        for item in group:
            source = item if isinstance(item, Source) else getattr(item, "source", None)
            if source is not None and source not in sources:
                sources.append(source)
    return sources


def live_or_none(obj):
    """``obj`` if readers may see it now. Only for models without publishing parents (plans,
    places, organisations), whose state needs no query."""
    if obj is not None and obj.publishing_state == "live":
        return obj
    return None


def indicators_with_facts(queryset):
    indicators = indicators_attach_facts(indicators=indicators_for_readers(queryset=queryset))
    for indicator in indicators:
        indicator.chart = history_chart(
            figures=indicator.shown_figures, progress=indicator.progress
        )
    return indicators


def timeline(queryset):
    """Visible milestones with the object each links to, where readers may see it."""
    milestones = list(queryset.select_related("plan", "place", "source").order_by("date", "pk"))
    linked = milestones_linked_objects(milestones=milestones)
    for milestone in milestones:
        milestone.linked = linked.get(milestone.pk)
        milestone.shown_plan = live_or_none(milestone.plan)
        milestone.shown_place = live_or_none(milestone.place)
    return milestones


def plan_list(request):
    plans = Plan.objects.visible().prefetch_related(
        organisations_visible_prefetch("issuer", to_attr="shown_issuer")
    )
    filterset = PlanFilter(request.GET, queryset=plans, request=request)
    if filterset.is_valid():
        plans, status = filterset.qs, 200
    else:
        plans, status = Plan.objects.none(), 400
    page = paginate(request, plans)
    return render(
        request,
        "pazhou/plan_list.html",
        {"filter": filterset, "page": page, "plans": page.object_list},
        status=status,
    )


def plan_detail(request, slug):
    plan = get_for_reader(
        request,
        Plan.objects.select_related("source", "source__publisher").prefetch_related(
            organisations_visible_prefetch("issuer", to_attr="shown_issuer")
        ),
        slug=slug,
    )
    indicators = indicators_with_facts(
        Indicator.objects.visible().filter(plan=plan).order_by("order", "pk")
    )
    milestones = timeline(Milestone.objects.visible().filter(plan=plan))
    figures = [figure for indicator in indicators for figure in indicator.shown_figures]
    return render(
        request,
        "pazhou/plan_detail.html",
        {
            "plan": plan,
            "set_by_plan": [i for i in indicators if i.plan_relation == PlanRelation.SET_BY_PLAN],
            "alongside": [
                i for i in indicators if i.plan_relation == PlanRelation.REPORTED_ALONGSIDE
            ],
            "milestones": milestones,
            "page_sources": collect_sources([plan], figures, milestones),
        },
    )


def place_list(request):
    filterset = PlaceFilter(
        request.GET, queryset=Place.objects.visible().select_related("parent"), request=request
    )
    if filterset.is_valid():
        places, status = list(filterset.qs), 200
    else:
        places, status = [], 400
    tree = place_tree(places=places)
    return render(
        request,
        "pazhou/place_list.html",
        {
            "filter": filterset,
            "tree": tree,
            "count": len(places),
            "layout": layout_map(places=[place for place, _depth in tree]),
            "page_sources": collect_sources(places),
        },
        status=status,
    )


def place_detail(request, slug):
    place = get_for_reader(
        request, Place.objects.select_related("source", "source__publisher", "parent"), slug=slug
    )
    children = list(Place.objects.visible().filter(parent=place).order_by("order", "slug"))
    within = place_descendants(place_ids=[place.pk])[place.pk]
    presences = list(
        Presence.objects.visible()
        .filter(place_id__in=within)
        .select_related("organisation", "place", "source", "source__publisher")
    )
    presences.sort(key=lambda p: (p.organisation.slug, p.pk))
    by_kind = [
        (label, [p for p in presences if p.kind == kind])
        for kind, label in PresenceKind.choices
        if any(p.kind == kind for p in presences)
    ]
    indicators = indicators_with_facts(
        Indicator.objects.visible().filter(place=place).order_by("order", "pk")
    )
    milestones = timeline(Milestone.objects.visible().filter(place=place))
    figures = [figure for indicator in indicators for figure in indicator.shown_figures]
    mapped = [place, *children]
    return render(
        request,
        "pazhou/place_detail.html",
        {
            "place": place,
            "parent": live_or_none(place.parent),
            "children": children,
            "indicators": indicators,
            "presences_by_kind": by_kind,
            "milestones": milestones,
            "layout": layout_map(places=mapped) if any(p.boundary for p in mapped) else None,
            "page_sources": collect_sources([place], figures, presences, milestones),
        },
    )
