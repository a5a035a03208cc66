"""iCalendar exports (RFC 5545) of an edition's schedule and of one session.

Only what anonymous readers may see goes out: the edition, its sessions and the people in them
all pass through ``visible()``. The texts are in the language of the URL prefix.

- Every session is one VEVENT with a stable UID, ``session-<pk>@pazhou-industrial-internet``,
  which does not change when the title or the slug does.
- A timed session has DTSTART (and DTEND when the end is known) as local times in the edition's
  time zone, with a TZID parameter and a matching VTIMEZONE. When the source gives no end time,
  neither DTEND nor DURATION is written: RFC 5545 (3.6.1) then reads the event as taking the
  start moment only. No end time is invented.
- A session with a date but no time is an all-day event: ``DTSTART;VALUE=DATE`` and DTEND the
  next day (DTEND is exclusive).
- DTSTAMP and LAST-MODIFIED are the session's ``updated_at`` in UTC, SEQUENCE its ``version``,
  so that calendar clients see an edit as an update of the same event.
"""

import datetime
import html
import re

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from pazhou.text import render_markdown
from summit.models import Appearance, Person, Session, Summit

PRODID = "-//Pazhou Industrial Internet//Summit schedule//EN"
UID_DOMAIN = "pazhou-industrial-internet"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def session_uid(session):
    return f"session-{session.pk}@{UID_DOMAIN}"


def _visible_appearances():
    return Appearance.objects.filter(person__in=Person.objects.visible()).select_related("person")


def _sessions(summit):
    return (
        Session.objects.visible()
        .filter(summit=summit)
        .select_related("room")
        .prefetch_related(Prefetch("appearances", queryset=_visible_appearances()))
        .order_by("date", "start_time", "order", "pk")
    )


def _plain_text(markdown_text):
    """Markdown as plain text: rendered and sanitised, then stripped of its tags.

    Block ends become line breaks, so paragraphs stay apart by one empty line."""
    rendered = render_markdown(markdown_text)
    rendered = re.sub(r"</(p|h[2-4]|blockquote|pre|ul|ol|table)>", "\n\n", rendered)
    rendered = re.sub(r"</(li|tr)>|<br\s*/?>", "\n", rendered)
    text = html.unescape(strip_tags(rendered))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _description(session, language):
    appearances = list(session.appearances.all())
    parts = []
    if appearances:
        names = [a.person.display_name(language) for a in appearances]
        label = _("Speakers")
        lines = [f"{label}: {', '.join(names)}"]
        for appearance, name in zip(appearances, names, strict=True):
            line = f"- {name} ({appearance.get_role_display()})"
            if appearance.talk_title:
                line += f": {appearance.talk_title}"
            lines.append(line)
        parts.append("\n".join(lines))
    abstract = _plain_text(session.abstract)
    if abstract:
        parts.append(abstract)
    return "\n\n".join(parts)


def _location(session, summit):
    room = session.room.name if session.room else ""
    return ", ".join(part for part in (room, summit.venue, summit.city) if part)


def _event(request, session, summit, language):
    event = Event()
    event.add("uid", session_uid(session))
    updated = session.updated_at.astimezone(datetime.UTC)
    event.add("dtstamp", updated)
    event.add("last-modified", updated)
    event.add("sequence", session.version)
    event.add("summary", session.title)
    if session.start_time is not None:
        zone = summit.zone
        event.add("dtstart", datetime.datetime.combine(session.date, session.start_time, zone))
        if session.end_time is not None:
            event.add("dtend", datetime.datetime.combine(session.date, session.end_time, zone))
    else:
        event.add("dtstart", session.date)
        event.add("dtend", session.date + datetime.timedelta(days=1))
    description = _description(session, language)
    if description:
        event.add("description", description)
    location = _location(session, summit)
    if location:
        event.add("location", location)
    session.summit = summit  # get_absolute_url reads the year without another query
    event.add("url", request.build_absolute_uri(session.get_absolute_url()))
    return event


def _calendar(request, summit, sessions):
    language = get_language() or "en"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", summit.title or str(summit.year))
    cal.add("x-wr-timezone", summit.time_zone)
    dates = [summit.start_date, summit.end_date, *(s.date for s in sessions)]
    cal.add_component(
        Timezone.from_tzid(
            summit.time_zone,
            first_date=min(dates) - datetime.timedelta(days=1),
            last_date=max(dates) + datetime.timedelta(days=2),
        )
    )
    for session in sessions:
        cal.add_component(_event(request, session, summit, language))
    return cal


def _response(cal, filename):
    response = HttpResponse(cal.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def schedule_ics(request, year):
    """The whole visible programme of an edition."""
    summit = get_object_or_404(Summit.objects.visible(), year=year)
    sessions = list(_sessions(summit))
    return _response(_calendar(request, summit, sessions), f"pazhou-summit-{summit.year}.ics")


def session_ics(request, year, slug):
    """One visible session of a visible edition."""
    session = get_object_or_404(
        Session.objects.visible()
        .select_related("summit", "room")
        .prefetch_related(Prefetch("appearances", queryset=_visible_appearances())),
        summit__year=year,
        slug=slug,
    )
    return _response(_calendar(request, session.summit, [session]), f"{session.slug}.ics")
