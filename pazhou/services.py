"""District-plan logic that spans models: honest progress, live counts, the place tree, and the
objects that milestones link to.

Progress is computed, never typed in:

- it exists only when an indicator has a **target** (which carries its baseline) and a
  **measurement** dated after the baseline;
- it is (latest measurement − baseline) / (target − baseline), bounded to 0–100 %;
- its status is measured against the straight line from the baseline to the target's date.

Claims and expectations never count towards progress: they are shown for what they are.

Everything here reads only what ``visible()`` allows, so readers' pages, the API and the home
page all agree. Functions take keyword-only arguments and are named ``<entity>_<action>``.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone

from pazhou.models import (  # noqa: F401  (ProgressStatus is re-exported for callers)
    Direction,
    Figure,
    FigureKind,
    Indicator,
    Organisation,
    Place,
    Presence,
    ProgressStatus,
    Publishable,
)
from pazhou.plan_models import partial_date_end

# The status filter's value for indicators without a target, which have no status at all.
NO_TARGET = "no_target"


HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Progress:
    """Where an indicator stands against one target.

    ``percent`` is ``None`` while there is no measurement after the baseline (status "no
    data"); otherwise it is bounded to 0–100, and ``beyond_target`` says whether the latest
    measurement went past the target. ``expected`` is the straight-line value at the date of
    the latest measurement.
    """

    target: Figure
    status: str
    latest: Figure | None = None
    percent: Decimal | None = None
    beyond_target: bool = False
    expected: Decimal | None = None

    @property
    def status_label(self):
        return ProgressStatus(self.status).label


@dataclass
class LiveCount:
    """The site's own count for a counted indicator: the organisations behind the number."""

    count: int
    organisations: list = field(default_factory=list)


def _meets(value, target, direction):
    if direction == Direction.LOWER_IS_BETTER:
        return value <= target
    return value >= target


def figure_end(figure):
    """The last day a figure's (possibly partial) date covers."""
    return partial_date_end(figure.date, figure.date_precision)


def target_progress(*, target, measurements, direction):
    """:class:`Progress` of ``target`` from ``measurements`` (figures of kind measurement).

    - Only measurements dated after the baseline count; with none, the status is "no data".
    - Achieved: a measurement dated no later than the target's date meets the target.
    - Missed: a measurement dated at or after the target's date falls short, and none met it in
      time.
    - Otherwise the latest measurement is compared with the straight line from the baseline to
      the target: at or beyond it is "on track", short of it "behind".
    """
    baseline_end = target.baseline_end
    target_end = figure_end(target)
    counted = sorted(
        (m for m in measurements if figure_end(m) > baseline_end),
        key=lambda m: (figure_end(m), m.pk or 0),
    )
    if not counted:
        return Progress(target=target, status=ProgressStatus.NO_DATA)

    latest = counted[-1]
    span = target.value - target.baseline_value
    raw = (latest.value - target.baseline_value) / span * HUNDRED
    percent = min(max(raw, Decimal(0)), HUNDRED).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)

    days_total = (target_end - baseline_end).days
    days_done = (figure_end(latest) - baseline_end).days
    if days_total > 0:
        expected = target.baseline_value + span * Decimal(days_done) / Decimal(days_total)
    else:  # a baseline dated after its target, which Figure.clean() refuses
        expected = target.value

    on_time = [m for m in counted if figure_end(m) <= target_end]
    if any(_meets(m.value, target.value, direction) for m in on_time):
        status = ProgressStatus.ACHIEVED
    elif figure_end(latest) >= target_end:
        status = ProgressStatus.MISSED
    elif _meets(latest.value, expected, direction):
        status = ProgressStatus.ON_TRACK
    else:
        status = ProgressStatus.BEHIND
    return Progress(
        target=target,
        status=status,
        latest=latest,
        percent=percent,
        beyond_target=raw > HUNDRED,
        expected=expected if figure_end(latest) < target_end else target.value,
    )


def indicator_current_target(*, targets, today=None):
    """The target an indicator is measured against now: the earliest one whose date has not
    passed, or else the latest one."""
    today = today or timezone.localdate()
    ordered = sorted(targets, key=lambda t: (figure_end(t), t.pk or 0))
    if not ordered:
        return None
    for target in ordered:
        if figure_end(target) >= today:
            return target
    return ordered[-1]


def indicator_progress(*, indicator, figures, today=None):
    """:class:`Progress` of ``indicator`` from its visible ``figures``, or ``None`` when it has
    no target: without a target there is no progress to show, only figures."""
    targets = [f for f in figures if f.kind == FigureKind.TARGET]
    target = indicator_current_target(targets=targets, today=today)
    if target is None:
        return None
    measurements = [f for f in figures if f.kind == FigureKind.MEASUREMENT]
    return target_progress(target=target, measurements=measurements, direction=indicator.direction)


def figure_latest(*, figures):
    """The figure a reader sees first, with its kind, date and source: the most recent
    measurement, expectation or claim; a target only when there is nothing else, since a
    target's date is a deadline, not the date of a value."""
    candidates = [f for f in figures if f.kind != FigureKind.TARGET] or list(figures)
    if not candidates:
        return None
    return max(candidates, key=lambda f: (figure_end(f), f.pk or 0))


def visible_figures_prefetch():
    """A Prefetch of each indicator's visible figures, with their sources, as ``shown_figures``."""
    return Prefetch(
        "figures",
        queryset=Figure.objects.visible()
        .select_related("source", "source__publisher", "stated_by")
        .order_by("date", "pk"),
        to_attr="shown_figures",
    )


def place_descendants(*, place_ids):
    """{place id: [that place and every place within it]} from one query of the place tree."""
    children = defaultdict(list)
    for pk, parent_id in Place.objects.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    result = {}
    for place_id in place_ids:
        found, stack, seen = [], [place_id], set()
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            found.append(current)
            stack.extend(children.get(current, []))
        result[place_id] = found
    return result


def indicator_live_counts(*, indicators):
    """{indicator id: :class:`LiveCount`} for the counted ones among ``indicators``.

    A counted indicator counts the distinct organisations with a visible presence of the
    counted kind in its place or any place within it. Three queries, whatever the number of
    indicators.
    """
    counted = [i for i in indicators if i.counted_presences]
    if not counted:
        return {}
    within = place_descendants(place_ids={i.place_id for i in counted})
    place_ids = {pk for ids in within.values() for pk in ids}
    kinds = {kind for i in counted for kind in i.counted_presence_kinds}
    presences = list(
        Presence.objects.visible()
        .filter(place_id__in=place_ids, kind__in=kinds)
        .select_related("organisation")
    )
    counts = {}
    for indicator in counted:
        places = set(within[indicator.place_id])
        wanted = set(indicator.counted_presence_kinds)
        organisations = {
            p.organisation_id: p.organisation
            for p in presences
            if p.place_id in places and p.kind in wanted
        }
        ordered = sorted(organisations.values(), key=lambda o: (o.slug, o.pk))
        counts[indicator.pk] = LiveCount(count=len(ordered), organisations=ordered)
    return counts


def indicators_attach_facts(*, indicators, today=None):
    """Give each indicator (with ``shown_figures`` prefetched, see
    :func:`visible_figures_prefetch`) its computed ``progress``, ``latest_figure`` and
    ``live_count``. Returns the indicators as a list."""
    indicators = list(indicators)
    live = indicator_live_counts(indicators=indicators)
    for indicator in indicators:
        figures = getattr(indicator, "shown_figures", None)
        if figures is None:
            figures = list(
                Figure.objects.visible()
                .filter(indicator=indicator)
                .select_related("source", "source__publisher", "stated_by")
            )
            indicator.shown_figures = figures
        indicator.progress = indicator_progress(indicator=indicator, figures=figures, today=today)
        indicator.latest_figure = figure_latest(figures=figures)
        indicator.live_count = live.get(indicator.pk)
    return indicators


def indicators_for_readers(*, queryset=None):
    """Visible indicators with their place, plan and visible figures, ready for
    :func:`indicators_attach_facts`."""
    queryset = Indicator.objects.visible() if queryset is None else queryset
    queryset = queryset.select_related("place", "plan")
    already = any(
        getattr(lookup, "to_attr", None) == "shown_figures"
        for lookup in queryset._prefetch_related_lookups
    )
    return queryset if already else queryset.prefetch_related(visible_figures_prefetch())


def place_tree(*, places):
    """``[(place, depth), …]`` in tree order (parents before their parts, siblings by order and
    name). A place whose parent is not among ``places`` starts a tree of its own."""
    places = list(places)
    by_id = {place.pk: place for place in places}
    children = defaultdict(list)
    roots = []
    for place in places:
        if place.parent_id in by_id and place.parent_id != place.pk:
            children[place.parent_id].append(place)
        else:
            roots.append(place)

    def key(place):
        return (place.order, str(place).casefold(), place.pk)

    ordered, seen = [], set()

    def walk(place, depth):
        if place.pk in seen:
            return
        seen.add(place.pk)
        ordered.append((place, depth))
        for child in sorted(children[place.pk], key=key):
            walk(child, depth + 1)

    for root in sorted(roots, key=key):
        walk(root, 0)
    for place in places:  # parts of a cycle, which clean() refuses, still get listed
        if place.pk not in seen:
            walk(place, 0)
    return ordered


def milestones_linked_objects(*, milestones, user=None):
    """{milestone id: linked object} for the milestones whose linked object readers (or
    ``user``) may see. One query per linked model, whatever the number of milestones.

    Publishable objects are shown only while ``visible()`` (or, for a user who may change
    them, always); other objects are always shown.
    """
    wanted = defaultdict(set)
    for milestone in milestones:
        if milestone.content_type_id and milestone.object_id:
            wanted[milestone.content_type_id].add(milestone.object_id)
    objects = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        if issubclass(model, Publishable):
            queryset = model.objects.for_user(user) if user is not None else model.objects.visible()
        else:
            queryset = model._default_manager.all()
        for obj in queryset.filter(pk__in=ids):
            objects[(content_type_id, obj.pk)] = obj
    return {
        milestone.pk: objects[(milestone.content_type_id, milestone.object_id)]
        for milestone in milestones
        if (milestone.content_type_id, milestone.object_id) in objects
    }


def organisations_visible_prefetch(field, *, to_attr, user=None):
    """A Prefetch of a foreign key to an organisation that yields ``None`` unless readers (or
    ``user``) may see the organisation."""
    queryset = (
        Organisation.objects.for_user(user) if user is not None else Organisation.objects.visible()
    )
    return Prefetch(field, queryset=queryset, to_attr=to_attr)
