"""frab/c3voc schedule exports: both documents validate against the c3voc schemas (copies in
summit/standards/), carry only visible content, and read in the language of the URL."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pazhou.models import PublishingStatus
from summit.tests.factories import (
    AppearanceFactory,
    PersonFactory,
    ReleaseFactory,
    RoomFactory,
    SessionFactory,
    SummitFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db

STANDARDS = Path(__file__).resolve().parent.parent / "standards"
JSON_SCHEMA = json.loads((STANDARDS / "schedule.schema.json").read_text(encoding="utf-8"))
XML_SCHEMA = xmlschema.XMLSchema(str(STANDARDS / "schedule.xml.xsd"))
XML_SLUG = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")
UUID = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")


def validate_json(content):
    document = json.loads(content)
    validator_class = jsonschema.validators.validator_for(JSON_SCHEMA)
    assert validator_class is jsonschema.Draft6Validator
    validator = validator_class(JSON_SCHEMA, format_checker=validator_class.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []
    return document["schedule"]["conference"]


def validate_xml(content):
    text = content.decode("utf-8")
    XML_SCHEMA.validate(text)
    return ET.fromstring(content)


def events_of(conference):
    return [
        event for day in conference["days"] for events in day["rooms"].values() for event in events
    ]


def get_json(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/json")
    return validate_json(response.content)


def get_xml(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return validate_xml(response.content)


def at(hour, minute=0):
    return datetime.time(hour, minute)


@pytest.fixture
def edition():
    """A three-day edition in 2023 with timed sessions in three rooms, and things to hide."""
    summit = SummitFactory(
        year=2023,
        title_en="Timed Test Summit",
        title_zh_hans="定时测试峰会",
        start_date=datetime.date(2023, 5, 29),
        end_date=datetime.date(2023, 5, 31),
        venue_en="Test Hall",
        venue_zh_hans="测试会场",
    )
    rooms = [RoomFactory(summit=summit, order=i) for i in range(3)]
    track = TrackFactory(summit=summit, name_en="Test Track", name_zh_hans="测试专题")
    day1, day2 = summit.start_date, summit.start_date + datetime.timedelta(days=1)
    keynote = SessionFactory(
        summit=summit,
        title_en="Opening keynote",
        title_zh_hans="开幕主旨演讲",
        date=day1,
        start_time=at(9),
        end_time=at(9, 45),
        room=rooms[0],
        track=track,
        language="zh",
        abstract_en="Why industry needs the internet.",
    )
    speaker = PersonFactory(
        family_name_en="Chai", given_name_en="Tianyou", family_name_zh="柴", given_name_zh="天佑"
    )
    AppearanceFactory(session=keynote, person=speaker, talk_title_en="Industrial AI", order=1)
    AppearanceFactory(session=keynote, person=PersonFactory(status=PublishingStatus.DRAFT), order=2)
    ReleaseFactory(summit=summit, session=keynote, title_en="Test Pazhou Report")
    SessionFactory(
        summit=summit,
        title_en="Panel on platforms",
        date=day1,
        start_time=at(10),
        end_time=at(11, 30),
        room=rooms[1],
    )
    SessionFactory(
        summit=summit,
        title_en="Forum without an end",
        date=day2,
        start_time=at(14),
        room=rooms[2],
    )
    SessionFactory(
        summit=summit, title_en="Roomless forum", title_zh_hans="", date=day2, start_time=at(16)
    )
    SessionFactory(summit=summit, title_en="Untimed session", date=day2)
    SessionFactory(
        summit=summit,
        title_en="Draft session",
        date=day1,
        start_time=at(15),
        room=rooms[0],
        status=PublishingStatus.DRAFT,
    )
    return {"summit": summit, "rooms": rooms, "keynote": keynote, "speaker": speaker}


def test_seed_edition_json_validates_with_one_empty_day(client):
    call_command("load_seed_facts")
    conference = get_json(client, "/en/summits/2023/schedule.json")
    assert conference["acronym"] == "pazhou2023"
    assert conference["title"] == "2023 Pazhou Industrial Internet Summit"
    assert conference["start"] == conference["end"] == "2023-05-30"
    assert conference["daysCount"] == 1
    assert conference["time_zone_name"] == "Asia/Shanghai"
    assert [day["date"] for day in conference["days"]] == ["2023-05-30"]
    assert conference["days"][0]["rooms"] == {}
    assert conference["days"][0]["day_start"] == "2023-05-30T00:00:00+08:00"


def test_seed_edition_xml_validates_with_one_empty_day(client):
    call_command("load_seed_facts")
    root = get_xml(client, "/en/summits/2023/schedule.xml")
    assert root.findtext("conference/acronym") == "pazhou2023"
    days = root.findall("day")
    assert [(d.get("index"), d.get("date")) for d in days] == [("1", "2023-05-30")]
    assert root.findall("day/room/event") == []


def test_timed_edition_json_has_events_in_rooms_over_days(client, edition):
    conference = get_json(client, "/en/summits/2023/schedule.json")
    assert conference["acronym"] == "pazhou2023"
    assert conference["title"] == "Timed Test Summit"
    assert conference["daysCount"] == 3
    assert [day["date"] for day in conference["days"]] == [
        "2023-05-29",
        "2023-05-30",
        "2023-05-31",
    ]
    room_names = [room.name_en for room in edition["rooms"]]
    assert [room["name"] for room in conference["rooms"]] == [*room_names, "Test Hall"]
    assert all(UUID.fullmatch(room["guid"]) for room in conference["rooms"])
    day1, day2, day3 = conference["days"]
    assert list(day1["rooms"]) == room_names[:2]
    assert list(day2["rooms"]) == [room_names[2], "Test Hall"]
    assert day3["rooms"] == {}
    assert day1["day_start"] == "2023-05-29T09:00:00+08:00"
    assert day1["day_end"] == "2023-05-29T11:30:00+08:00"

    events = {event["title"]: event for event in events_of(conference)}
    assert sorted(events) == [
        "Forum without an end",
        "Opening keynote",
        "Panel on platforms",
        "Roomless forum",
    ]
    keynote = events["Opening keynote"]
    session = edition["keynote"]
    assert keynote["id"] == session.pk
    assert keynote["date"] == "2023-05-29T09:00:00+08:00"
    assert (keynote["start"], keynote["duration"]) == ("09:00", "00:45")
    assert keynote["room"] == room_names[0]
    assert keynote["track"] == "Test Track"
    assert keynote["type"] == "keynote"
    assert keynote["language"] == "zh"
    assert keynote["abstract"] == "Why industry needs the internet."
    assert keynote["description"] == "Chai Tianyou: Industrial AI"
    assert keynote["slug"] == f"pazhou2023-{session.pk}-{session.slug}"
    assert keynote["url"] == f"http://testserver/en/summits/2023/sessions/{session.slug}/"
    assert [link["title"] for link in keynote["links"]] == ["Test Pazhou Report"]
    assert events["Forum without an end"]["duration"] == "01:00"
    assert events["Roomless forum"]["room"] == "Test Hall"
    for event in events.values():
        assert re.fullmatch(r"pazhou2023-\d+-[a-z0-9-]+", event["slug"])
        assert XML_SLUG.fullmatch(event["slug"])


def test_timed_edition_json_persons_use_the_pretalx_form(client, edition):
    conference = get_json(client, "/en/summits/2023/schedule.json")
    (keynote,) = [e for e in events_of(conference) if e["id"] == edition["keynote"].pk]
    (person,) = keynote["persons"]  # the draft person is left out
    assert person["name"] == "Chai Tianyou"
    assert UUID.fullmatch(person["guid"])
    assert re.fullmatch(r"[A-Z0-9]+", person["code"])
    assert "public_name" not in person


def test_timed_edition_xml_has_days_rooms_events_and_persons(client, edition):
    root = get_xml(client, "/en/summits/2023/schedule.xml")
    assert root.findtext("conference/acronym") == "pazhou2023"
    assert root.findtext("conference/days") == "3"
    assert [d.get("date") for d in root.findall("day")] == [
        "2023-05-29",
        "2023-05-30",
        "2023-05-31",
    ]
    rooms = {room.get("name") for room in root.iter("room") if room.get("guid")}
    assert rooms == {*(room.name_en for room in edition["rooms"]), "Test Hall"}
    events = root.findall("day/room/event")
    assert sorted(e.findtext("title") for e in events) == [
        "Forum without an end",
        "Opening keynote",
        "Panel on platforms",
        "Roomless forum",
    ]
    keynote = next(e for e in events if e.get("id") == str(edition["keynote"].pk))
    assert keynote.findtext("start") == "09:00"
    assert keynote.findtext("duration") == "00:45"
    assert XML_SLUG.fullmatch(keynote.findtext("slug"))
    (person,) = keynote.findall("persons/person")
    assert person.text == "Chai Tianyou"
    assert person.get("id") == str(edition["speaker"].pk)
    assert UUID.fullmatch(person.get("guid"))


def test_json_and_xml_share_stable_guids_in_both_languages(client, edition):
    english = get_json(client, "/en/summits/2023/schedule.json")
    chinese = get_json(client, "/zh-hans/summits/2023/schedule.json")
    root = get_xml(client, "/en/summits/2023/schedule.xml")
    guids = sorted(event["guid"] for event in events_of(english))
    assert guids == sorted(event["guid"] for event in events_of(chinese))
    assert guids == sorted(e.get("guid") for e in root.findall("day/room/event"))
    assert len(set(guids)) == 4


def test_draft_sessions_and_people_are_left_out(client, edition):
    content = client.get("/en/summits/2023/schedule.json").content.decode()
    xml = client.get("/en/summits/2023/schedule.xml").content.decode()
    for document in (content, xml):
        assert "Draft session" not in document
        assert "Untimed session" not in document
        assert "Testfamily" not in document  # the only factory-named person is a draft


def test_invisible_summit_answers_404(client, edition):
    summit = edition["summit"]
    summit.status = PublishingStatus.DRAFT
    summit.save()
    assert client.get("/en/summits/2023/schedule.json").status_code == 404
    assert client.get("/en/summits/2023/schedule.xml").status_code == 404
    assert client.get("/en/summits/1999/schedule.json").status_code == 404


def test_chinese_prefix_gives_chinese_titles_and_names(client, edition):
    conference = get_json(client, "/zh-hans/summits/2023/schedule.json")
    assert conference["title"] == "定时测试峰会"
    assert conference["url"] == "http://testserver/zh-hans/summits/2023/"
    events = {event["id"]: event for event in events_of(conference)}
    keynote = events[edition["keynote"].pk]
    assert keynote["title"] == "开幕主旨演讲"
    assert keynote["track"] == "测试专题"
    assert keynote["room"] == edition["rooms"][0].name_zh_hans
    assert keynote["persons"][0]["name"] == "柴天佑"
    assert "Roomless forum" in {e["title"] for e in events.values()}  # falls back to English
    assert {e["room"] for e in events.values()} >= {"测试会场"}

    root = get_xml(client, "/zh-hans/summits/2023/schedule.xml")
    assert root.findtext("conference/title") == "定时测试峰会"
    assert "开幕主旨演讲" in {e.findtext("title") for e in root.iter("event")}
    assert "柴天佑" in {p.text for p in root.iter("person")}


def test_roomless_session_without_venue_goes_to_main_venue(client):
    summit = SummitFactory()
    SessionFactory(summit=summit, start_time=at(9), title_en="Somewhere")
    conference = get_json(client, f"/en/summits/{summit.year}/schedule.json")
    assert [room["name"] for room in conference["rooms"]] == ["Main venue"]
    assert events_of(conference)[0]["room"] == "Main venue"
    assert conference["acronym"] == f"pazhou{summit.year}"
    validate_xml(client.get(f"/en/summits/{summit.year}/schedule.xml").content)


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_query_count_is_flat_between_small_and_large_editions(client):
    small = SummitFactory()
    SessionFactory(summit=small, start_time=at(9), room=RoomFactory(summit=small))
    large = SummitFactory()
    rooms = [RoomFactory(summit=large) for _ in range(4)]
    tracks = [TrackFactory(summit=large) for _ in range(3)]
    for i in range(12):
        session = SessionFactory(
            summit=large,
            date=large.start_date + datetime.timedelta(days=i % 2),
            start_time=at(8 + i),
            room=rooms[i % 4],
            track=tracks[i % 3],
        )
        AppearanceFactory.create_batch(2, session=session)
        ReleaseFactory(summit=large, session=session)
    for suffix in ("json", "xml"):
        assert _queries(client, f"/en/summits/{small.year}/schedule.{suffix}") == _queries(
            client, f"/en/summits/{large.year}/schedule.{suffix}"
        )
    assert len(events_of(get_json(client, f"/en/summits/{large.year}/schedule.json"))) == 12
