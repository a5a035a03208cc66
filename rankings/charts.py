"""Charts drawn on the server as inline SVG: no JavaScript, nothing loaded from elsewhere.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that name it for
screen readers; the page puts a real ``<table>`` of the same data next to it. Colours are SVG
presentation attributes, so a chart looks right on any page, with or without the rankings
stylesheet. Every text is escaped.
"""

import unicodedata
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

INK = "#1a1f24"
MUTED = "#4f5b66"
BRAND = "#0b4f6c"
LINE = "#d3dbe1"
FONT = 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif'


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True)
class RankPoint:
    """One edition on an organisation's rank history: ``rank`` is None when the organisation
    is listed without a rank; ``listed`` is False when it is not in that edition at all."""

    year: int
    label: str
    rank: int | None = None
    listed: bool = True


def text_width(text):
    """Rough width in units of a Latin character: CJK and other wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def shorten(text, max_width):
    """``text`` cut to about ``max_width`` Latin characters, with an ellipsis when cut."""
    if text_width(text) <= max_width:
        return text
    kept, width = [], 0
    for char in text:
        width += text_width(char)
        if width > max_width - 1:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


def _open_svg(chart_id, width, height, title, description):
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" style="max-width:100%;height:auto" '
        "font-family='{font}' font-size=\"13\">"
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
        id=chart_id,
        w=width,
        h=height,
        font=FONT,
        title=title,
        desc=description,
    )


def bar_chart_svg(bars, *, chart_id, title, description, width=420):
    """A horizontal bar chart of ``bars`` (a list of :class:`Bar`), longest value = full
    width. Narrow, so that its text stays legible when a phone scales it down."""
    row, gap, label_width, value_width, top = 24, 8, 150, 44, 4
    bars = list(bars)
    height = top * 2 + len(bars) * (row + gap)
    plot_width = width - label_width - value_width
    largest = max((bar.value for bar in bars), default=0) or 1
    rows = []
    for index, bar in enumerate(bars):
        y = top + index * (row + gap)
        length = max(round(plot_width * bar.value / largest), 1 if bar.value else 0)
        rows.append(
            format_html(
                "<g><title>{full}: {value}</title>"
                '<text x="{lx}" y="{ty}" text-anchor="end" fill="{ink}">{label}</text>'
                '<rect x="{bx}" y="{y}" width="{length}" height="{row}" rx="2" fill="{brand}"/>'
                '<text x="{vx}" y="{ty}" fill="{ink}">{value}</text></g>',
                full=bar.label,
                value=bar.value,
                lx=label_width - 8,
                ty=y + row - 7,
                ink=INK,
                label=shorten(bar.label, 22),
                bx=label_width,
                y=y,
                length=length,
                row=row,
                brand=BRAND,
                vx=label_width + length + 6,
            )
        )
    return mark_safe(  # noqa: S308 - every part went through format_html
        _open_svg(chart_id, width, height, title, description)
        + format_html(
            '<line x1="{x}" y1="0" x2="{x}" y2="{h}" stroke="{line}"/>',
            x=label_width,
            h=height,
            line=LINE,
        )
        + "".join(rows)
        + "</svg>"
    )


def rank_history_svg(points, *, chart_id, title, description, width=480, height=180):
    """An organisation's rank across editions: rank 1 at the top, one column an edition.

    Ranked editions are filled dots joined by a line (broken where a year has no rank); an
    edition that lists the organisation without a rank is a hollow dot on the "listed" band at
    the bottom; an edition that does not list it is left empty. Each dot carries its rank as
    published.
    """
    points = list(points)
    left, right, top, bottom, band = 60, 24, 36, 28, 24
    plot_bottom = height - bottom - band
    ranks = [point.rank for point in points if point.rank is not None]
    best, worst = (min(ranks), max(ranks)) if ranks else (1, 1)
    step = (width - left - right) / max(len(points) - 1, 1)

    def x_of(index):
        if len(points) == 1:
            return round(width / 2, 1)
        return round(left + index * step, 1)

    def y_of(rank):
        if worst == best:
            return round((top + plot_bottom) / 2, 1)
        return round(top + (rank - best) / (worst - best) * (plot_bottom - top), 1)

    listed_y = height - bottom - band / 2
    parts = [
        _open_svg(chart_id, width, height, title, description),
        format_html(
            '<line x1="0" y1="{y}" x2="{w}" y2="{y}" stroke="{line}"/>'
            '<text x="0" y="{ty}" fill="{muted}" font-size="11">{top_label}</text>',
            y=plot_bottom + 6,
            w=width,
            line=LINE,
            ty=12,
            muted=MUTED,
            top_label=_("higher is better"),
        ),
    ]
    segment = []
    segments = []
    for index, point in enumerate(points):
        if point.rank is not None:
            segment.append(f"{x_of(index)},{y_of(point.rank)}")
        else:
            segments.append(segment)
            segment = []
    segments.append(segment)
    for run in segments:
        if len(run) > 1:
            parts.append(
                format_html(
                    '<polyline points="{points}" fill="none" stroke="{brand}" stroke-width="2"/>',
                    points=" ".join(run),
                    brand=BRAND,
                )
            )
    for index, point in enumerate(points):
        x = x_of(index)
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" text-anchor="middle" fill="{ink}">{year}</text>',
                x=x,
                y=height - 8,
                ink=INK,
                year=point.year,
            )
        )
        if point.rank is not None:
            y = y_of(point.rank)
            parts.append(
                format_html(
                    "<g><title>{year}: {label}</title>"
                    '<circle cx="{x}" cy="{y}" r="5" fill="{brand}"/>'
                    '<text x="{x}" y="{ty}" text-anchor="middle" fill="{ink}">{label}</text></g>',
                    year=point.year,
                    label=point.label,
                    x=x,
                    y=y,
                    ty=y - 9,
                    brand=BRAND,
                    ink=INK,
                )
            )
        elif point.listed:
            parts.append(
                format_html(
                    "<g><title>{year}: {listed}</title>"
                    '<circle cx="{x}" cy="{y}" r="5" fill="#fff" stroke="{brand}" '
                    'stroke-width="2"/></g>',
                    year=point.year,
                    listed=_("listed, no rank"),
                    x=x,
                    y=listed_y,
                    brand=BRAND,
                )
            )
    if any(point.listed and point.rank is None for point in points):
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" fill="{muted}" font-size="11">{text}</text>',
                x=0,
                y=listed_y + 4,
                muted=MUTED,
                text=_("no rank"),
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - format_html parts
