"""frab/c3voc schedule exports of one edition: ``schedule.json`` and ``schedule.xml``.

The format is the one pretalx and frab write and conference apps (Giggity, Fahrplan, ConfClerk)
read. Both documents are built from one structure and validate against the c3voc schema copies in
``summit/standards/``.

Choices the format forces on us:

- Only visible content: the edition (404 otherwise), its visible sessions and, in each session,
  only visible people.
- Every event needs a start, a duration and a room. Sessions without a start time are left out.
  A session with a start but no end lasts ``DEFAULT_DURATION`` (one hour). A session without a
  room is put in a room named after the edition's venue or, without a venue, ``FALLBACK_ROOM``
  ("Main venue" / "主会场").
- GUIDs are uuid5 of fixed strings (``pazhou-summit/session/<pk>``), so they never change
  between exports, hosts or languages. Codes are the primary key in base 36, uppercase, padded
  to six characters like pretalx's codes.
- Titles, names, room and track names are in the language of the URL prefix, falling back to the
  other language.
"""

import datetime
import json
import re
import uuid
import xml.etree.ElementTree as ET

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from summit.models import Appearance, Person, Release, Session, Summit

SCHEDULE_VERSION = "1.0"
GENERATOR = {"name": "pazhou-summit", "version": "1.0"}
GUID_BASE = "pazhou-summit"
DEFAULT_DURATION = datetime.timedelta(hours=1)
TIMESLOT_DURATION = "00:05"
FALLBACK_ROOM = _("Main venue")

_SLUG_JUNK = re.compile(r"[^a-z0-9_-]+")
# Characters XML 1.0 cannot carry at all, even escaped.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def acronym(summit):
    """``pazhou2023``: the schema wants no hyphen before the year."""
    return f"pazhou{summit.year}"


def guid(kind, pk):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{GUID_BASE}/{kind}/{pk}"))


def code(pk):
    """Uppercase letters and digits made from the id, like pretalx's six-character codes."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while pk:
        pk, rest = divmod(pk, 36)
        text = digits[rest] + text
    return text.rjust(6, "0")


def event_slug(summit, session):
    """``pazhou2023-12-academician-sharing-session``, matching both schemas' slug patterns."""
    tail = _SLUG_JUNK.sub("-", (session.slug or "").lower()).strip("-_") or "session"
    return f"{acronym(summit)}-{session.pk}-{tail}"


def _hhmm(delta):
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _language():
    return get_language() or "en"


def _sessions(summit):
    appearances = Appearance.objects.filter(person__in=Person.objects.visible()).select_related(
        "person"
    )
    return (
        Session.objects.visible()
        .filter(summit=summit, start_time__isnull=False)
        .select_related("room", "track")
        .prefetch_related(
            Prefetch("appearances", queryset=appearances),
            Prefetch("releases", queryset=Release.objects.visible().order_by("pk")),
        )
        .order_by("date", "start_time", "order", "pk")
    )


def _room_names(summit, rooms):
    """Each room's name in the reader's language, made unique (the rooms are keyed by name)."""
    names, taken = {}, set()
    for room in rooms:
        name = room.name or str(room.pk)
        if name in taken:
            name = f"{name} ({room.pk})"
        names[room.pk] = name
        taken.add(name)
    fallback = summit.venue or str(FALLBACK_ROOM)
    while fallback in taken:
        fallback = f"{fallback} "
    names[None] = fallback
    return names


def _persons(request, session, language):
    people, seen = [], set()
    for appearance in session.appearances.all():
        person = appearance.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        people.append(
            {
                "name": person.display_name(language),
                "_id": person.pk,
                "guid": guid("person", person.pk),
                "code": code(person.pk),
                "url": request.build_absolute_uri(
                    reverse("summit:person-detail", kwargs={"slug": person.slug})
                ),
                "biography": person.biography or None,
            }
        )
    return people


def _description(session, language):
    """The talks given in the session, one a line: "Chai Tianyou: <talk title>"."""
    lines = []
    for appearance in session.appearances.all():
        if appearance.talk_title:
            lines.append(f"{appearance.person.display_name(language)}: {appearance.talk_title}")
    return "\n".join(lines)


def _event(request, summit, session, room_names, language):
    zone = summit.zone
    start = datetime.datetime.combine(session.date, session.start_time, tzinfo=zone)
    if session.end_time:
        end = datetime.datetime.combine(session.date, session.end_time, tzinfo=zone)
    else:
        end = start + DEFAULT_DURATION
    releases = list(session.releases.all())
    return {
        "id": session.pk,
        "guid": guid("session", session.pk),
        "code": code(session.pk),
        "date": start.isoformat(),
        "start": session.start_time.strftime("%H:%M"),
        "end": end.isoformat(),
        "duration": _hhmm(end - start),
        "room": room_names[session.room_id if session.room_id in room_names else None],
        "slug": event_slug(summit, session),
        "url": request.build_absolute_uri(
            reverse("summit:session-detail", kwargs={"year": summit.year, "slug": session.slug})
        ),
        "title": session.title or "",
        "subtitle": "",
        "track": session.track.name if session.track_id else None,
        "type": str(session.get_kind_display()),
        "language": session.language or None,
        "abstract": session.abstract or "",
        "description": _description(session, language),
        "persons": _persons(request, session, language),
        "links": [
            {
                "type": "related",
                "url": request.build_absolute_uri(
                    reverse(
                        "summit:release-detail", kwargs={"year": summit.year, "slug": release.slug}
                    )
                ),
                "title": release.title or "",
            }
            for release in releases
        ],
        "attachments": [
            {"url": request.build_absolute_uri(release.file.url), "title": release.title or ""}
            for release in releases
            if release.file
        ],
        "_start": start,
        "_end": end,
    }


def schedule(request, summit):
    """The schedule as a dict in the c3voc JSON shape (``schedule.schema.json``)."""
    language = _language()
    rooms = list(summit.rooms.all())
    tracks = list(summit.tracks.all())
    room_names = _room_names(summit, rooms)
    events = [
        _event(request, summit, session, room_names, language) for session in _sessions(summit)
    ]

    first = min([summit.start_date, *(e["_start"].date() for e in events)])
    last = max([summit.end_date, *(e["_start"].date() for e in events)])
    used_rooms = {e["room"] for e in events}
    room_order = [room_names[room.pk] for room in rooms]
    if room_names[None] in used_rooms:
        room_order.append(room_names[None])

    days = []
    for index in range((last - first).days + 1):
        date = first + datetime.timedelta(days=index)
        todays = [e for e in events if e["_start"].date() == date]
        midnight = datetime.datetime.combine(date, datetime.time(), tzinfo=summit.zone)
        day_start = min([e["_start"] for e in todays], default=midnight)
        day_end = max(
            [e["_end"] for e in todays],
            default=midnight + datetime.timedelta(hours=23, minutes=59),
        )
        by_room = {}
        for name in room_order:
            in_room = [e for e in todays if e["room"] == name]
            if in_room:
                by_room[name] = in_room
        days.append(
            {
                "index": index + 1,
                "date": date.isoformat(),
                "day_start": day_start.isoformat(),
                "day_end": day_end.isoformat(),
                "rooms": by_room,
            }
        )

    conference_rooms = [{"name": room_names[r.pk], "guid": guid("room", r.pk)} for r in rooms]
    if room_names[None] in used_rooms:
        conference_rooms.append(
            {"name": room_names[None], "guid": guid("room", f"summit-{summit.pk}-main")}
        )
    conference = {
        "acronym": acronym(summit),
        "title": summit.title or str(summit.year),
        "start": summit.start_date.isoformat(),
        "end": summit.end_date.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": TIMESLOT_DURATION,
        "time_zone_name": summit.time_zone,
        "url": request.build_absolute_uri(
            reverse("summit:summit-detail", kwargs={"year": summit.year})
        ),
        "tracks": [{"name": t.name or "", "color": t.colour} for t in tracks],
        "rooms": conference_rooms,
        "days": days,
    }
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": GENERATOR,
        "schedule": {
            "version": SCHEDULE_VERSION,
            "base_url": request.build_absolute_uri("/"),
            "conference": conference,
        },
    }


def _public(data):
    """The document without the private ``_start``/``_end`` helpers of each event."""
    if isinstance(data, dict):
        return {k: _public(v) for k, v in data.items() if not k.startswith("_")}
    if isinstance(data, list):
        return [_public(v) for v in data]
    return data


def _visible_summit(year):
    return get_object_or_404(Summit.objects.visible(), year=year)


def schedule_json(request, year):
    summit = _visible_summit(year)
    document = _public(schedule(request, summit))
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )


def _text(value):
    return _XML_ILLEGAL.sub("", "" if value is None else str(value))


def _sub(parent, tag, text=None, **attributes):
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _xml_event(parent, event):
    attributes = {"id": event["id"], "guid": event["guid"]}
    if len(event["code"]) == 6:  # the XSD wants exactly six characters
        attributes["code"] = event["code"]
    element = _sub(parent, "event", **attributes)
    for tag in ("date", "start", "duration", "room", "slug", "url", "title", "subtitle"):
        _sub(element, tag, event[tag])
    _sub(element, "track", event["track"] or "")
    _sub(element, "type", event["type"])
    if event["language"]:
        _sub(element, "language", event["language"])
    _sub(element, "abstract", event["abstract"])
    _sub(element, "description", event["description"])
    persons = _sub(element, "persons")
    for person in event["persons"]:
        _sub(persons, "person", person["name"], id=person["_id"], guid=person["guid"])
    links = _sub(element, "links")
    for link in event["links"]:
        _sub(links, "link", link["title"], href=link["url"], type=link["type"])
    attachments = _sub(element, "attachments")
    for attachment in event["attachments"]:
        _sub(attachments, "attachment", attachment["title"], href=attachment["url"])


def schedule_xml_document(data):
    """The frab XML (``schedule.xml.xsd``) of a :func:`schedule` structure, as a string."""
    conference = data["schedule"]["conference"]
    root = ET.Element("schedule")
    _sub(root, "generator", name=GENERATOR["name"], version=GENERATOR["version"])
    _sub(root, "version", data["schedule"]["version"])
    element = _sub(root, "conference")
    _sub(element, "acronym", conference["acronym"])
    _sub(element, "title", conference["title"])
    _sub(element, "start", conference["start"])
    _sub(element, "end", conference["end"])
    _sub(element, "days", conference["daysCount"])
    _sub(element, "timeslot_duration", conference["timeslot_duration"])
    _sub(element, "base_url", data["schedule"]["base_url"])
    _sub(element, "url", conference["url"])
    _sub(element, "time_zone_name", conference["time_zone_name"])
    for track in conference["tracks"]:
        _sub(element, "track", track["name"], name=track["name"], color=track["color"])
    room_guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        day_element = _sub(
            root,
            "day",
            index=day["index"],
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for name, events in day["rooms"].items():
            room = _sub(day_element, "room", name=name, guid=room_guids[name])
            for event in events:
                _xml_event(room, event)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")


def schedule_xml(request, year):
    summit = _visible_summit(year)
    return HttpResponse(
        schedule_xml_document(schedule(request, summit)),
        content_type="application/xml; charset=utf-8",
    )
