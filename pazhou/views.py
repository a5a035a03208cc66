"""Reader pages of the shared core: home, organisations, search, robots.txt, health."""

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from pazhou.filters import OrganisationFilter
from pazhou.models import Organisation, Source
from pazhou.registry import registry
from pazhou.search import MAX_QUERY_LENGTH, search_everything

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
    organisation = get_object_or_404(
        Organisation.objects.visible().select_related("source").prefetch_related("aliases"),
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
