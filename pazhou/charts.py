"""Small server-rendered SVG pictures for the district plans: an indicator's history, and the
layout map of places (from stored GeoJSON, or a schematic of the "1+X+N" tiers).

Nothing is drawn in the browser and nothing is loaded from another host. The templates in
``templates/pazhou/includes/`` turn these dictionaries into inline SVG.
"""

import math
from decimal import Decimal

from pazhou.geojson import draw
from pazhou.models import FigureKind, PlaceTier
from pazhou.numbers import format_number
from pazhou.services import figure_end

CHART_WIDTH, CHART_HEIGHT = 360, 180
CHART_LEFT, CHART_RIGHT, CHART_TOP, CHART_BOTTOM = 64, 12, 12, 28


def history_chart(*, figures, progress=None):
    """The measurements of an indicator over time, with the straight line from its target's
    baseline to the target when there is one. ``None`` when there is no measurement to draw.

    The value axis starts at zero (or below, for negative values) so that no change looks
    larger than it is.
    """
    measurements = sorted(
        (f for f in figures if f.kind == FigureKind.MEASUREMENT),
        key=lambda f: (figure_end(f), f.pk or 0),
    )
    if not measurements:
        return None
    target = progress.target if progress is not None else None
    moments = [figure_end(m) for m in measurements]
    values = [m.value for m in measurements]
    if target is not None:
        moments += [target.baseline_end, figure_end(target)]
        values += [target.baseline_value, target.value]
    low = min(min(values), Decimal(0))
    high = max(max(values), Decimal(0))
    if high == low:
        high = low + 1
    first, last = min(moments).toordinal(), max(moments).toordinal()
    span_days = max(last - first, 1)
    plot_width = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM

    def x(moment):
        if last == first:
            return CHART_LEFT + plot_width / 2
        return CHART_LEFT + (moment.toordinal() - first) / span_days * plot_width

    def y(value):
        return CHART_TOP + float((high - value) / (high - low)) * plot_height

    points = [
        {
            "x": round(x(figure_end(m)), 1),
            "y": round(y(m.value), 1),
            "figure": m,
            "label": format_number(m.value),
        }
        for m in measurements
    ]
    chart = {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "right": CHART_WIDTH - CHART_RIGHT,
        "top": CHART_TOP,
        "bottom": CHART_HEIGHT - CHART_BOTTOM,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "high_label": format_number(high),
        "low_label": format_number(low),
        "first_year": min(moments).year,
        "last_year": max(moments).year,
        "zero_y": round(y(Decimal(0)), 1),
        "target_line": None,
    }
    if target is not None:
        chart["target_line"] = {
            "x1": round(x(target.baseline_end), 1),
            "y1": round(y(target.baseline_value), 1),
            "x2": round(x(figure_end(target)), 1),
            "y2": round(y(target.value), 1),
            "label": format_number(target.value),
        }
    return chart


MAP_WIDTH, MAP_HEIGHT = 640, 420
TIER_RINGS = [
    # tier, outer radius, radius where names are written
    (PlaceTier.NODE, 200, 165),
    (PlaceTier.CLUSTER, 130, 95),
    (PlaceTier.CORE, 60, 0),
]


def layout_map(*, places):
    """The layout map of ``places`` (visible places only, in tree order).

    With at least one stored boundary, ``{"kind": "geometry", "shapes": […], "unmapped":
    […]}``: each shape a path projected from GeoJSON, coloured by tier. Without any,
    ``{"kind": "schematic", "rings": […], "untiered": […]}``: the "1+X+N" tiers as rings with
    the places assigned to each, and the places no source has assigned yet.
    """
    places = list(places)
    with_boundary = [p for p in places if p.boundary]
    if with_boundary:
        drawn = draw(
            [(p.pk, p.boundary) for p in with_boundary], width=MAP_WIDTH, height=MAP_HEIGHT
        )
        by_id = {p.pk: p for p in with_boundary}
        return {
            "kind": "geometry",
            "width": MAP_WIDTH,
            "height": MAP_HEIGHT,
            "shapes": [
                {
                    "place": by_id[key],
                    "path": path,
                    "label_x": round(label[0], 1),
                    "label_y": round(label[1], 1),
                    "tier_class": f"tier-{(by_id[key].tier or 'none').lower()}",
                }
                for key, path, label in drawn
            ],
            "unmapped": [p for p in places if not p.boundary],
        }
    centre_x, centre_y = MAP_WIDTH / 2, MAP_HEIGHT / 2
    rings = []
    for tier, radius, label_radius in TIER_RINGS:
        members = [p for p in places if p.tier == tier]
        labels = []
        for index, place in enumerate(members):
            if label_radius == 0:
                lx, ly = centre_x, centre_y + (index - (len(members) - 1) / 2) * 18
            else:
                angle = math.pi / 2 + 2 * math.pi * index / max(len(members), 1)
                lx = centre_x + label_radius * math.cos(angle)
                ly = centre_y + label_radius * math.sin(angle)
            labels.append({"place": place, "x": round(lx, 1), "y": round(ly, 1)})
        rings.append(
            {
                "tier": tier,
                "label": tier.label,
                "radius": radius,
                "tier_class": f"tier-{tier.value.lower()}",
                "places": labels,
                "caption_y": round(centre_y - radius + 16, 1),
            }
        )
    return {
        "kind": "schematic",
        "width": MAP_WIDTH,
        "height": MAP_HEIGHT,
        "centre_x": centre_x,
        "centre_y": centre_y,
        "rings": rings,
        "untiered": [p for p in places if not p.tier],
    }
