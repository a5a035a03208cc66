"""What the rankings add to pages of the shared core, through the registry: the latest lists on
the home page, and an organisation's rank history on its page."""

from django.utils import timezone
from django.utils.translation import gettext as _

from rankings.charts import RankPoint, rank_history_svg
from rankings.models import Edition
from rankings.services import organisation_rank_history

LATEST_LISTS = 4


def latest_lists_section(request):
    """Home page: the latest visible edition of each series, newest first."""
    from rankings.views import editions_with_entry_counts

    now = timezone.now()
    editions = (
        editions_with_entry_counts(Edition.objects.visible(now), now)
        .select_related("series", "source")
        .order_by("-year", "-release_date", "pk")
    )
    latest, seen = [], set()
    for edition in editions[: LATEST_LISTS * 5]:
        if edition.series_id not in seen:
            seen.add(edition.series_id)
            latest.append(edition)
        if len(latest) == LATEST_LISTS:
            break
    if not latest:
        return None
    return {
        "editions": latest,
        "sources": [e.source for e in latest if e.source],
    }


def organisation_rankings_section(request, organisation):
    """Organisation page: for each series it appears in, its rank edition by edition (a chart
    and a table of the same data), and the names it was published under."""
    now = timezone.now()
    entries = list(organisation_rank_history(organisation=organisation, now=now))
    if not entries:
        return None
    by_edition = {entry.edition_id: entry for entry in entries}
    editions = (
        Edition.objects.visible(now)
        .filter(series_id__in={entry.edition.series_id for entry in entries})
        .select_related("series", "source")
        .order_by("series__slug", "year")
    )
    histories, sources = [], []
    for edition in editions:
        if not histories or histories[-1]["series"].pk != edition.series_id:
            histories.append({"series": edition.series, "rows": []})
        entry = by_edition.get(edition.pk)
        histories[-1]["rows"].append({"edition": edition, "entry": entry})
        if entry and edition.source and edition.source not in sources:
            sources.append(edition.source)
    for index, history in enumerate(histories):
        rows = history["rows"]
        # Editions before the organisation's first appearance say nothing about it.
        first = next(i for i, row in enumerate(rows) if row["entry"])
        history["rows"] = rows = rows[first:]
        points = [
            RankPoint(
                year=row["edition"].year,
                label=rank_label(row["edition"], row["entry"]),
                rank=ranked(row["edition"], row["entry"]),
                listed=row["entry"] is not None,
            )
            for row in rows
        ]
        for row, point in zip(rows, points, strict=True):
            row["rank"] = point.rank
            row["label"] = point.label
        if any(point.rank is not None for point in points):
            series_name = history["series"].name
            history["svg"] = rank_history_svg(
                points,
                chart_id=f"rank-history-{index}",
                title=_("Rank of %(organisation)s in %(series)s, edition by edition")
                % {"organisation": organisation.name, "series": series_name},
                description="; ".join(f"{point.year}: {point.label}" for point in points),
            )
    names = {}
    for entry in entries:
        name = (entry.name_as_published or "").strip()
        if name:
            names.setdefault(name, []).append(entry.edition)
    return {
        "organisation": organisation,
        "histories": histories,
        "names_as_published": sorted(names.items(), key=lambda item: item[1][0].year),
        "sources": sources,
    }


def ranked(edition, entry):
    """The entry's rank when its edition publishes ranks, else ``None``."""
    if entry is None or edition.is_ranked is not True:
        return None
    return entry.rank


def rank_label(edition, entry):
    if entry is None:
        return _("not listed")
    if edition.is_ranked is not True:
        return (
            _("listed, no rank") if edition.is_ranked is False else _("listed, rank not published")
        )
    return entry.display_rank or _("listed, no rank")
