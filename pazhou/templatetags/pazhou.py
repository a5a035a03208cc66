"""Template filters shared by every app: Markdown, partial dates."""

from django import template
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pazhou.text import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Markdown rendered and sanitised with nh3."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has cleaned it


@register.filter
def partial_date(value, precision="day"):
    """A date shown only to the precision the source gives: 2016, 2016年, May 2023 …"""
    if not value:
        return ""
    chinese = (get_language() or "").startswith("zh")
    if precision == "year":
        return f"{value.year}年" if chinese else str(value.year)
    if precision == "month":
        return f"{value.year}年{value.month}月" if chinese else date_format(value, "F Y")
    return f"{value.year}年{value.month}月{value.day}日" if chinese else date_format(value, "j F Y")
