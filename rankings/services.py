"""Logic that spans the rankings models: movement between editions (import and export live in
:mod:`rankings.spreadsheets`).

Movement is computed, never typed. It compares an entry with the previous *visible* edition of
the same series, so a draft edition never changes what readers see, and it is computed in the
database so that pages and the API can filter, sort and paginate on it.
"""

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _

from pazhou.models import Organisation
from rankings.models import Edition, Entry


class Movement(TextChoices):
    UP = "up", _("up")
    DOWN = "down", _("down")
    UNCHANGED = "unchanged", _("unchanged")
    NEW = "new", _("new")
    RETURNING = "returning", _("returning")
    STILL_LISTED = "still_listed", _("still listed, no rank to compare")


def entries_with_movement(queryset, *, edition, now=None):
    """Annotate entries of ``edition`` with ``previous_rank``, ``movement`` (a
    :class:`Movement` value, or ``""`` when the series has no earlier visible edition) and
    ``movement_places`` (positive when the entry went up).

    Two correlated subqueries, whatever the number of rows.
    """
    previous = edition.previous_visible(now)
    if previous is None:
        return queryset.annotate(
            previous_rank=Value(None, output_field=IntegerField()),
            movement=Value("", output_field=CharField()),
            movement_places=Value(None, output_field=IntegerField()),
        )
    previous_entries = Entry.objects.filter(
        edition_id=previous.pk, organisation_id=OuterRef("organisation_id")
    )
    earlier_entries = Entry.objects.filter(
        edition__in=Edition.objects.visible(now).filter(
            series_id=edition.series_id, year__lt=previous.year
        ),
        organisation_id=OuterRef("organisation_id"),
    )
    return queryset.annotate(
        was_listed=Exists(previous_entries),
        listed_earlier=Exists(earlier_entries),
        previous_rank=Subquery(previous_entries.values("rank")[:1]),
    ).annotate(
        movement=Case(
            When(was_listed=False, listed_earlier=True, then=Value(Movement.RETURNING.value)),
            When(was_listed=False, then=Value(Movement.NEW.value)),
            When(rank__isnull=True, then=Value(Movement.STILL_LISTED.value)),
            When(previous_rank__isnull=True, then=Value(Movement.STILL_LISTED.value)),
            When(previous_rank__gt=F("rank"), then=Value(Movement.UP.value)),
            When(previous_rank__lt=F("rank"), then=Value(Movement.DOWN.value)),
            default=Value(Movement.UNCHANGED.value),
            output_field=CharField(),
        ),
        movement_places=Case(
            When(
                rank__isnull=False,
                previous_rank__isnull=False,
                then=F("previous_rank") - F("rank"),
            ),
            default=None,
            output_field=IntegerField(),
        ),
    )


def edition_dropped_entries(*, edition, now=None):
    """Visible entries of the previous visible edition whose organisation is not in this one."""
    previous = edition.previous_visible(now)
    if previous is None:
        return Entry.objects.none()
    return (
        Entry.objects.visible(now)
        .filter(edition_id=previous.pk)
        .exclude(
            organisation_id__in=Entry.objects.filter(edition_id=edition.pk).values(
                "organisation_id"
            )
        )
        .select_related("organisation", "category")
    )


def organisation_rank_history(*, organisation, now=None):
    """The organisation's visible entries in every edition, oldest first, with movement left
    to the caller: series, year, rank and rank as published."""
    if not Organisation.objects.visible(now).filter(pk=organisation.pk).exists():
        return Entry.objects.none()
    return (
        Entry.objects.visible(now)
        .filter(organisation_id=organisation.pk)
        .select_related("edition__series", "category")
        .order_by("edition__series__slug", "edition__year")
    )
