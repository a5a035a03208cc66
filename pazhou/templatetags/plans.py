"""Template filters of the district plans: figures stated for what they are, numbers in the
reader's language.

``{{ figure|figure_statement:indicator }}`` gives, for example, "reported: more than 400
billion yuan in 2022 (a claim in China News Network, 2023; not a measurement)".
"""

from django import template
from django.utils.translation import gettext as _

from pazhou.models import DatePrecision, FigureKind
from pazhou.numbers import format_number, format_quantity, format_unit, round_significant
from pazhou.templatetags.pazhou import partial_date

register = template.Library()


def _live(organisation):
    """The organisation, if readers may see it (Organisation has no publishing parents, so
    this needs no query)."""
    if organisation is not None and organisation.publishing_state == "live":
        return organisation
    return None


def source_label(source):
    """ "China News Network, 2023": the source's publisher (or its citation) and year."""
    if source is None:
        return ""
    publisher = _live(source.publisher) if source.publisher_id else None
    name = str(publisher) if publisher else source.citation
    if source.date:
        return _("%(name)s, %(year)s") % {"name": name, "year": partial_date(source.date, "year")}
    return name


def figure_lead(figure):
    return {
        FigureKind.CLAIM: _("reported"),
        FigureKind.EXPECTATION: _("expected"),
        FigureKind.MEASUREMENT: _("measured"),
        FigureKind.TARGET: _("target"),
    }[figure.kind]


def figure_when(figure):
    """ "in 2022", "on 30 May 2023", "by 2025" (a target), "from 2021 to 2022"."""
    date = partial_date(figure.date, figure.date_precision)
    if figure.period_start:
        start = partial_date(figure.period_start, figure.period_start_precision)
        return _("from %(start)s to %(end)s") % {"start": start, "end": date}
    if figure.kind == FigureKind.TARGET:
        return _("by %(date)s") % {"date": date}
    if figure.date_precision == DatePrecision.DAY:
        return _("on %(date)s") % {"date": date}
    return _("in %(date)s") % {"date": date}


def figure_quantity_text(figure, unit):
    return format_quantity(figure.value, unit, comparator=figure.comparator)


def figure_context(figure, unit, *, plan=None):
    """What kind of number it is, who states it and where: the part in brackets."""
    source = source_label(figure.source)
    who = _live(figure.stated_by) if figure.stated_by_id else None
    values = {"source": source, "who": who}
    if figure.kind == FigureKind.CLAIM:
        if who:
            return _("a claim by %(who)s, in %(source)s; not a measurement") % values
        return _("a claim in %(source)s; not a measurement") % values
    if figure.kind == FigureKind.EXPECTATION:
        if who:
            return (
                _("an expectation announced by %(who)s, in %(source)s; not a measurement") % values
            )
        return _("an expectation announced in %(source)s; not a measurement") % values
    if figure.kind == FigureKind.MEASUREMENT:
        return _("a measurement, in %(source)s") % values
    baseline = {
        "baseline": format_quantity(figure.baseline_value, unit),
        "baseline_date": partial_date(figure.baseline_date, figure.baseline_date_precision),
        "source": source,
    }
    if plan is not None:
        return _("a target set by %(plan)s, from %(baseline)s in %(baseline_date)s; %(source)s") % {
            **baseline,
            "plan": plan,
        }
    return _("a target, from %(baseline)s in %(baseline_date)s; %(source)s") % baseline


def figure_statement_text(figure, unit, *, plan=None):
    return _("%(lead)s: %(quantity)s %(when)s (%(context)s)") % {
        "lead": figure_lead(figure),
        "quantity": figure_quantity_text(figure, unit),
        "when": figure_when(figure),
        "context": figure_context(figure, unit, plan=plan),
    }


@register.filter
def figure_statement(figure, indicator):
    """The whole figure in one sentence: kind, value, date, and source."""
    if figure is None:
        return ""
    return figure_statement_text(figure, indicator.unit, plan=indicator.plan)


@register.filter
def figure_quantity(figure, unit):
    """ "more than 400 billion yuan" / "超过4000亿元"."""
    return figure_quantity_text(figure, unit)


@register.filter(name="figure_when")
def figure_when_filter(figure):
    return figure_when(figure)


@register.filter
def figure_lead_label(figure):
    return figure_lead(figure)


@register.filter(name="source_label")
def source_label_filter(source):
    return source_label(source)


@register.filter
def quantity(value, unit):
    """A stored value in a unit: ``{{ 400000000000|quantity:"yuan" }}``."""
    if value is None or value == "":
        return ""
    return format_quantity(value, unit)


@register.filter
def approx_quantity(value, unit):
    """A value computed on the site, to three significant digits, with "about" when rounded:
    ``{{ progress.expected|approx_quantity:"yuan" }}``."""
    if value is None or value == "":
        return ""
    rounded = round_significant(value)
    comparator = "exactly" if rounded == value else "about"
    return format_quantity(rounded, unit, comparator=comparator)


@register.filter
def plain_number(value):
    if value is None or value == "":
        return ""
    return format_number(value)


@register.filter
def unit_label(unit):
    return format_unit(unit)


@register.filter
def percent(value):
    """62.5 → "62.5%", 100.0 → "100%"."""
    if value is None:
        return ""
    return f"{format_number(value, scaled=False)}%"
