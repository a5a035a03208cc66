"""What needs an editor's attention, for the admin index and the recent-changes page.

Everything here works over every publishable model of the content apps, so a model added later
appears without changes here. Each section runs one query per model, whatever the number of
items.
"""

import datetime
from dataclasses import dataclass
from heapq import nlargest

from django.apps import apps
from django.db.models import Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from pazhou.publishing import Publishable, PublishingStatus
from pazhou.revisions import PendingRevision
from pazhou.roles import CONTENT_APPS

SCHEDULE_WINDOW = datetime.timedelta(days=7)
STALE_FIGURE_AGE = datetime.timedelta(days=365)


@dataclass(frozen=True)
class DashboardItem:
    label: str
    kind: str
    url: str
    when: datetime.datetime | datetime.date | None = None
    who: str = ""
    note: str = ""


def content_models(user=None):
    """Concrete publishable models of the content apps that ``user`` may view."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and model._meta.app_label in CONTENT_APPS
    ]
    if user is not None:
        models = [
            m
            for m in models
            if user.has_perm(f"{m._meta.app_label}.view_{m._meta.model_name}")
            or user.has_perm(f"{m._meta.app_label}.change_{m._meta.model_name}")
        ]
    return sorted(models, key=lambda m: m._meta.label)


def admin_change_url(obj):
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def _item(obj, when=None, who="", note=""):
    return DashboardItem(
        label=str(obj),
        kind=str(obj._meta.verbose_name),
        url=admin_change_url(obj),
        when=when,
        who=who,
        note=note,
    )


def items_in_review(user, limit=20):
    items = []
    for model in content_models(user):
        for obj in model._base_manager.filter(status=PublishingStatus.IN_REVIEW).order_by(
            "-updated_at"
        )[:limit]:
            items.append(_item(obj, when=obj.updated_at))
    revisions = (
        PendingRevision.objects.select_related("author", "content_type")
        .prefetch_related("content_object")
        .order_by("-updated_at")[:limit]
    )
    for revision in revisions:
        obj = revision.content_object
        if obj is None:
            continue
        items.append(
            _item(obj, when=revision.updated_at, who=str(revision.author or ""), note="pending")
        )
    return sorted(items, key=lambda item: item.when, reverse=True)[:limit]


def items_scheduled(user, now=None, limit=20):
    """Items that appear (publish_at) or disappear (unpublish_at) in the next 7 days."""
    now = now or timezone.now()
    end = now + SCHEDULE_WINDOW
    items = []
    for model in content_models(user):
        published = model._base_manager.filter(status=PublishingStatus.PUBLISHED)
        for obj in published.filter(publish_at__gt=now, publish_at__lte=end)[:limit]:
            items.append(_item(obj, when=obj.publish_at, note="appears"))
        for obj in published.filter(unpublish_at__gt=now, unpublish_at__lte=end)[:limit]:
            items.append(_item(obj, when=obj.unpublish_at, note="disappears"))
    return sorted(items, key=lambda item: item.when)[:limit]


def items_recently_changed(user, limit=15):
    candidates = []
    for model in content_models(user):
        candidates.extend(model._base_manager.order_by("-updated_at")[:limit])
    latest = nlargest(limit, candidates, key=lambda obj: obj.updated_at)
    return [_item(obj, when=obj.updated_at) for obj in latest]


def indicators_with_stale_figures(user, today=None, limit=20):
    """Indicators whose latest figure is dated more than a year ago. Targets do not count as
    news: a target for 2030 says nothing about whether the figures are up to date."""
    from pazhou.models import FigureKind, Indicator

    if not user.has_perm("pazhou.view_indicator") and not user.has_perm("pazhou.change_indicator"):
        return []
    today = today or timezone.localdate()
    indicators = (
        Indicator._base_manager.annotate(
            latest_figure=Max("figures__date", filter=~Q(figures__kind=FigureKind.TARGET))
        )
        .filter(latest_figure__lt=today - STALE_FIGURE_AGE)
        .order_by("latest_figure")[:limit]
    )
    return [_item(obj, when=obj.latest_figure) for obj in indicators]


def recent_changes(user, limit=100):
    """The latest history records of every content model, newest first: who did what."""
    records = []
    for model in content_models(user):
        history = getattr(model, "history", None)
        if history is None:
            continue
        records.extend(
            model.history.select_related("history_user").order_by("-history_date")[:limit]
        )
    return nlargest(limit, records, key=lambda record: record.history_date)


def may_see_recent_changes(user):
    """Publishers (anyone who may publish some content) see the site-wide change log."""
    return user.is_active and (
        user.is_superuser
        or any(
            user.has_perm(f"{m._meta.app_label}.publish_{m._meta.model_name}")
            for m in content_models()
        )
    )


def dashboard(user):
    return {
        "may_see_recent_changes": may_see_recent_changes(user),
        "in_review": items_in_review(user),
        "scheduled": items_scheduled(user),
        "recently_changed": items_recently_changed(user),
        "stale_indicators": indicators_with_stale_figures(user),
    }
