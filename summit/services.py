"""Summit logic that spans models: scheduling conflicts between sessions."""

from django.utils.translation import gettext as _

from summit.models import Person, Session


def _interval(session):
    """(start, end) of a timed session; a session without an end time is an instant."""
    return session.start_time, session.end_time or session.start_time


def _overlaps(first, second):
    """Whether two timed sessions overlap. Touching ends (one ends as the next starts) do not;
    an instant overlaps a session that is running at that time."""
    start_a, end_a = _interval(first)
    start_b, end_b = _interval(second)
    return start_a == start_b or (start_a < end_b and start_b < end_a)


def _time_range(session):
    start, end = _interval(session)
    if end == start:
        return start.strftime("%H:%M")
    return f"{start:%H:%M}–{end:%H:%M}"


def session_conflicts(*, session) -> list[str]:
    """Human-readable warnings about sessions that overlap ``session`` in time on its date.

    Two kinds of clash are reported, whatever the publishing state of the other session:

    - another session of the same summit in the same room;
    - one of this session's people appearing in another session.

    Sessions without a start time never conflict: the source gave only their day.
    """
    if session.pk is None or session.start_time is None or session.date is None:
        return []
    others = (
        Session.objects.filter(date=session.date, start_time__isnull=False)
        .exclude(pk=session.pk)
        .select_related("room", "summit")
        .order_by("start_time", "pk")
    )
    messages = []

    if session.room_id is not None:
        for other in others.filter(summit_id=session.summit_id, room_id=session.room_id):
            if _overlaps(session, other):
                messages.append(
                    _("Room “%(room)s” is also used by “%(other)s” (%(time)s) on %(date)s.")
                    % {
                        "room": session.room,
                        "other": other,
                        "time": _time_range(other),
                        "date": session.date.isoformat(),
                    }
                )

    people = Person.objects.filter(appearances__session=session).distinct()
    for person in people.order_by("pk"):
        for other in others.filter(appearances__person=person).distinct():
            if _overlaps(session, other):
                messages.append(
                    _("%(person)s also appears in “%(other)s” (%(time)s) on %(date)s.")
                    % {
                        "person": person,
                        "other": other,
                        "time": _time_range(other),
                        "date": session.date.isoformat(),
                    }
                )
    return messages
