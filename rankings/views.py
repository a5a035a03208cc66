"""Reader pages of the rankings: series and editions, and an edition's table.

Everything goes through ``visible()``: a draft series, edition or organisation is never shown.
The table's sorting, filters and search are :class:`rankings.filters.EntryFilter`, the FilterSet
of the API too; their state lives in the URL, so a filtered view can be shared. Pages are cut
in SQL (``LIMIT``/``OFFSET``), and movement is a SQL annotation, so a page costs the same few
queries with ten rows or ten thousand.
"""

from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pazhou.models import Organisation, coalesced_translation
from pazhou.preview import get_for_reader
from pazhou.publishing import visible_q
from pazhou.views import paginate
from rankings.charts import Bar, bar_chart_svg
from rankings.filters import EntryFilter
from rankings.models import Edition, Entry, Series
from rankings.services import edition_dropped_entries, entries_with_movement

PAGE_SIZE = 100
DROPPED_SHOWN = 100
MAX_PLACE_BARS = 12


def editions_with_entry_counts(queryset, now):
    """Editions annotated with ``entry_count``: their entries whose organisation is visible
    (the edition's own visibility is the caller's filter)."""
    return queryset.annotate(
        entry_count=Count("entries", filter=visible_q(Organisation, now, "entries__organisation__"))
    )


def with_publisher_visible(queryset, now, prefix=""):
    """Series (or editions, with ``prefix="series__"``) annotated with ``publisher_visible``,
    so that a draft publisher is named but never linked."""
    return queryset.annotate(
        publisher_visible=Exists(
            Organisation.objects.visible(now).filter(pk=OuterRef(f"{prefix}publisher_id"))
        )
    )


def series_list(request):
    now = timezone.now()
    series = list(
        with_publisher_visible(Series.objects.visible(now), now)
        .select_related("publisher")
        .annotate(name_in_language=coalesced_translation("name"))
        .order_by("name_in_language", "pk")
    )
    editions = (
        editions_with_entry_counts(Edition.objects.visible(now), now)
        .filter(series__in=[s.pk for s in series])
        .select_related("series", "source")
        .order_by("-year")
    )
    by_series = {}
    for edition in editions:
        by_series.setdefault(edition.series_id, []).append(edition)
    for item in series:
        item.visible_editions = by_series.get(item.pk, [])
    sources = unique([e.source for e in editions if e.source])
    return render(
        request,
        "rankings/series_list.html",
        {"series_list": series, "page_sources": sources},
    )


def series_detail(request, series):
    now = timezone.now()
    series = get_for_reader(
        request,
        with_publisher_visible(Series.objects.all(), now).select_related("publisher"),
        slug=series,
    )
    editions = list(
        editions_with_entry_counts(Edition.objects.visible(now), now)
        .filter(series=series)
        .select_related("series", "source")
        .order_by("-year")
    )
    return render(
        request,
        "rankings/series_detail.html",
        {
            "series": series,
            "editions": editions,
            "page_sources": unique([e.source for e in editions if e.source]),
        },
    )


def edition_detail(request, series, year):
    now = timezone.now()
    edition = get_for_reader(
        request,
        with_publisher_visible(Edition.objects.all(), now, prefix="series__").select_related(
            "series", "series__publisher", "source"
        ),
        series__slug=series,
        year=year,
    )
    release = visible_release(edition, now)
    previous = edition.previous_visible(now)
    following = (
        Edition.objects.visible(now)
        .filter(series_id=edition.series_id, year__gt=edition.year)
        .order_by("year")
        .first()
    )
    ranked = edition.is_ranked is True
    categories = list(edition.categories.all())
    # The edition is visible (or previewed): its entries are those of visible organisations.
    base = Entry.objects.filter(edition=edition).filter(
        visible_q(Organisation, now, "organisation__")
    )
    places = place_counts(base)
    total = sum(count for _region, _province, _city, count in places)

    entries = entries_with_movement(
        base.select_related("organisation", "category"), edition=edition, now=now
    )
    entries = default_order(entries, ranked=ranked)
    filterset = EntryFilter(
        request.GET,
        queryset=entries,
        request=request,
        edition=edition,
        places=place_choices(places),
        movement=previous is not None,
    )
    # The first edition of a series has nothing to move against: no movement filter, and a
    # movement in the URL is ignored with a notice rather than answering an empty table.
    ignored_movement = previous is None and bool(request.GET.get("movement"))
    if filterset.is_valid():
        rows, status = filterset.qs, 200
    else:
        rows, status = Entry.objects.none(), 400
    page = paginate(request, rows, PAGE_SIZE)
    for entry in page.object_list:
        entry.value_text = value_text(entry)
        entry.places_moved = abs(entry.movement_places or 0)
        entry.name_differs = differs(entry.name_as_published, entry.organisation, "name")
        entry.hq_differs = bool(entry.headquarters_as_published) and (
            entry.headquarters_as_published.strip() != entry.organisation.headquarters
        )

    dropped, dropped_count = [], 0
    if previous:
        # Shown in full up to a limit, so that a long list that lost many names stays quick.
        dropped_entries = edition_dropped_entries(edition=edition, now=now).order_by(
            F("rank").asc(nulls_last=True), "pk"
        )
        dropped_count = dropped_entries.count()
        dropped = list(dropped_entries[:DROPPED_SHOWN])
    for entry in dropped:
        entry.name_differs = differs(entry.name_as_published, entry.organisation, "name")

    filtered = any(request.GET.get(name) for name in filterset.filters if name not in {"ordering"})
    context = {
        "edition": edition,
        "series": edition.series,
        "release": release,
        "previous": previous,
        "following": following,
        "ranked": ranked,
        "filter": filterset,
        "page": page,
        "entries": page.object_list,
        "total": total,
        "filtered": filtered,
        "ignored_movement": ignored_movement,
        "show_values": base.filter(value__isnull=False).exists(),
        "categories": categories,
        "show_categories": bool(categories),
        "dropped": dropped,
        "dropped_more": dropped_count - len(dropped),
        "preview": getattr(request, "is_preview", False),
        "previous_ranked": bool(previous and previous.is_ranked),
        "category_chart": category_chart(base, categories, total),
        "place_chart": place_chart(places, total),
        "page_sources": [edition.source] if edition.source else [],
    }
    return render(request, "rankings/edition_detail.html", context, status=status)


# --- Helpers -----------------------------------------------------------------------------------


def unique(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def visible_release(edition, now):
    """The summit release that announced the edition, when readers may see it."""
    if not edition.release_id:
        return None
    from summit.models import Release

    return (
        Release.objects.visible(now).select_related("summit").filter(pk=edition.release_id).first()
    )


def default_order(entries, *, ranked):
    """Rank first (no rank last), then name in the reader's language; by name alone when the
    edition publishes no ranks, so that an unranked list does not look ranked."""
    entries = entries.annotate(default_name=coalesced_translation("organisation__name"))
    if ranked:
        return entries.order_by(F("rank").asc(nulls_last=True), "default_name", "pk")
    return entries.order_by("default_name", "pk")


def differs(as_published, organisation, field):
    """Whether a name as published differs from the organisation's name in every language."""
    text = (as_published or "").strip()
    if not text:
        return False
    names = {
        getattr(organisation, f"{field}_en", ""),
        getattr(organisation, f"{field}_zh_hans", ""),
    }
    return text not in {name.strip() for name in names if name}


def value_text(entry):
    """The value as the reader's locale writes numbers, with its unit and currency: "1,200
    100 million CNY"."""
    if entry.value is None:
        return ""
    number = entry.value.normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    parts = [formats.number_format(number, force_grouping=True), entry.value_unit, entry.currency]
    return " ".join(part for part in parts if part)


def place_counts(entries):
    """[(region, province, city, count)] of the organisations' current main headquarters, in
    the reader's language: one grouped query."""
    rows = (
        entries.values(
            "organisation__hq_region",
            province=coalesced_translation("organisation__hq_province"),
            city=coalesced_translation("organisation__hq_city"),
        )
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [
        (row["organisation__hq_region"], row["province"], row["city"], row["count"]) for row in rows
    ]


def place_choices(places):
    provinces = sorted({province for _region, province, _city, _count in places if province})
    cities = sorted({city for _region, _province, city, _count in places if city})
    return provinces, cities


def category_chart(entries, categories, total):
    """Entries by category, in the edition's order; ``None`` when no entry has a category."""
    if not categories:
        return None
    counts = dict(entries.values_list("category_id").annotate(count=Count("pk")).order_by())
    if not any(count for key, count in counts.items() if key is not None):
        return None
    bars = [Bar(category.name, counts.get(category.pk, 0)) for category in categories]
    if counts.get(None):
        bars.append(Bar(_("Category not given"), counts[None]))
    title = _("Entries by category")
    return {
        "id": "chart-categories",
        "title": title,
        "heading": _("Category"),
        "bars": bars,
        "total": total,
        "svg": bar_chart_svg(
            bars,
            chart_id="chart-categories",
            title=title,
            description=chart_description(bars, total),
        ),
    }


def place_chart(places, total):
    """Entries by province of the current main headquarters, or by city when they are all in
    one province; the largest places first, the rest together."""
    provinces = {province for _region, province, _city, _count in places if province}
    cities = {city for _region, _province, city, _count in places if city}
    by_city = len(provinces) <= 1 and bool(cities)
    counts = {}
    for _region, province, city, count in places:
        key = city if by_city else province
        counts[key] = counts.get(key, 0) + count
    unknown = counts.pop("", 0)
    if not counts:
        return None
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    bars = [Bar(name, count) for name, count in ordered[:MAX_PLACE_BARS]]
    rest = sum(count for _name, count in ordered[MAX_PLACE_BARS:])
    if rest:
        bars.append(Bar(_("Other places"), rest))
    if unknown:
        bars.append(Bar(_("Not known"), unknown))
    title = _("Entries by city") if by_city else _("Entries by province")
    return {
        "id": "chart-places",
        "title": title,
        "heading": _("City") if by_city else _("Province"),
        "bars": bars,
        "total": total,
        "svg": bar_chart_svg(
            bars,
            chart_id="chart-places",
            title=title,
            description=chart_description(bars, total),
        ),
    }


def chart_description(bars, total):
    listing = "; ".join(f"{bar.label}: {bar.value}" for bar in bars)
    return ngettext("%(total)d entry. %(listing)s.", "%(total)d entries. %(listing)s.", total) % {
        "total": total,
        "listing": listing,
    }
