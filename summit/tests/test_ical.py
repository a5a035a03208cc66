"""iCalendar exports of the programme: parsed back with ``icalendar`` and checked for content,
visibility, language, stable UIDs and a flat query count."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from pazhou.models import PublishingStatus
from summit.models import Session, Summit
from summit.tests.factories import (
    AppearanceFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
    SummitFactory,
)

pytestmark = pytest.mark.django_db

SHANGHAI = "Asia/Shanghai"


def get_calendar(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, Calendar.from_ical(response.content)


def events_by_summary(cal):
    return {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}


@pytest.fixture
def seeded():
    call_command("load_seed_facts")


@pytest.fixture
def timed_edition():
    """Two days, three rooms, timed sessions; one without an end time; one untimed."""
    summit = SummitFactory(venue_en="Test Hall", city_en="Guangzhou")
    rooms = [RoomFactory(summit=summit) for _ in range(3)]
    day1, day2 = summit.start_date, summit.end_date
    sessions = {
        "opening": SessionFactory(
            summit=summit,
            title_en="Opening",
            title_zh_hans="开幕式",
            date=day1,
            start_time=datetime.time(9, 0),
            end_time=datetime.time(9, 30),
            room=rooms[0],
        ),
        "forum": SessionFactory(
            summit=summit,
            title_en="Forum",
            title_zh_hans="",
            date=day1,
            start_time=datetime.time(14, 0),
            end_time=datetime.time(15, 45),
            room=rooms[1],
            abstract_en="A **forum** on _platforms_.\n\nSecond paragraph & more.",
        ),
        "open-end": SessionFactory(
            summit=summit,
            title_en="Open end",
            date=day2,
            start_time=datetime.time(19, 30),
            room=rooms[2],
        ),
        "untimed": SessionFactory(summit=summit, title_en="Untimed", date=day2),
    }
    return summit, rooms, sessions


# The seed edition --------------------------------------------------------------------------


def test_seed_schedule_has_two_all_day_events_with_speakers(client, seeded):
    response, cal = get_calendar(client, "/en/summits/2023/schedule.ics")
    assert response["Content-Disposition"] == 'attachment; filename="pazhou-summit-2023.ics"'
    assert str(cal["PRODID"]) == "-//Pazhou Industrial Internet//Summit schedule//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["X-WR-CALNAME"]) == "2023 Pazhou Industrial Internet Summit"
    assert str(cal["X-WR-TIMEZONE"]) == SHANGHAI
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == [SHANGHAI]

    events = cal.walk("VEVENT")
    assert len(events) == 2
    for event in events:
        assert event.decoded("DTSTART") == datetime.date(2023, 5, 30)
        assert event.decoded("DTEND") == datetime.date(2023, 5, 31)
        assert event["DTSTART"].params.get("VALUE") == "DATE"
    by_summary = events_by_summary(cal)
    sharing = by_summary["Academician sharing session"]
    description = str(sharing["DESCRIPTION"])
    assert "Speakers: Chai Tianyou, Tan Jianrong" in description
    assert "Chai Tianyou (speaker): Industrial intelligence and industrial-internet" in description
    assert "Two keynote speeches by academicians" in description
    session = Session.objects.get(slug="academician-sharing-session")
    assert str(sharing["UID"]) == f"session-{session.pk}@pazhou-industrial-internet"
    assert str(sharing["URL"]) == (
        "http://testserver/en/summits/2023/sessions/academician-sharing-session/"
    )
    assert sharing["SEQUENCE"] == session.version
    updated = session.updated_at.replace(microsecond=0)  # iCalendar has whole seconds
    stamp = sharing.decoded("DTSTAMP")
    assert stamp == updated and stamp.utcoffset() == datetime.timedelta(0)
    assert sharing.decoded("LAST-MODIFIED") == updated
    release = by_summary["Release of the Hurun China Industrial Internet Top 2023 List"]
    assert "Lv Nengxing (releaser)" in str(release["DESCRIPTION"])


def test_seed_session_ics_in_chinese_uses_chinese_names(client, seeded):
    response, cal = get_calendar(
        client, "/zh-hans/summits/2023/sessions/academician-sharing-session.ics"
    )
    assert (
        response["Content-Disposition"] == 'attachment; filename="academician-sharing-session.ics"'
    )
    (event,) = cal.walk("VEVENT")
    assert "柴天佑, 谭建荣" in str(event["DESCRIPTION"])
    # No Chinese title in the seed: the English one is the fallback.
    assert str(event["SUMMARY"]) == "Academician sharing session"
    assert str(event["URL"]).startswith("http://testserver/zh-hans/summits/2023/sessions/")


# Timed sessions ----------------------------------------------------------------------------


def test_timed_sessions_have_local_times_in_the_summit_zone(client, timed_edition):
    summit, rooms, sessions = timed_edition
    _, cal = get_calendar(client, f"/en/summits/{summit.year}/schedule.ics")
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == [SHANGHAI]
    events = events_by_summary(cal)
    assert set(events) == {"Opening", "Forum", "Open end", "Untimed"}

    opening = events["Opening"]
    assert opening["DTSTART"].params["TZID"] == SHANGHAI
    assert opening["DTEND"].params["TZID"] == SHANGHAI
    start, end = opening.decoded("DTSTART"), opening.decoded("DTEND")
    assert (start.date(), start.time(), end.time()) == (
        summit.start_date,
        datetime.time(9, 0),
        datetime.time(9, 30),
    )
    assert start.utcoffset() == datetime.timedelta(hours=8)
    assert start.astimezone(datetime.UTC).time() == datetime.time(1, 0)
    assert str(opening["LOCATION"]) == f"{rooms[0].name_en}, Test Hall, Guangzhou"

    forum = events["Forum"]
    assert forum.decoded("DTSTART").time() == datetime.time(14, 0)
    assert forum.decoded("DTEND").time() == datetime.time(15, 45)
    assert str(forum["LOCATION"]).startswith(rooms[1].name_en)
    description = str(forum["DESCRIPTION"])
    assert description.endswith("A forum on platforms.\n\nSecond paragraph & more.")
    assert "**" not in description and "<p>" not in description

    open_end = events["Open end"]
    assert open_end.decoded("DTSTART") == datetime.datetime.combine(
        summit.end_date, datetime.time(19, 30), summit.zone
    )
    assert "DTEND" not in open_end and "DURATION" not in open_end

    untimed = events["Untimed"]
    assert untimed.decoded("DTSTART") == summit.end_date
    assert untimed.decoded("DTEND") == summit.end_date + datetime.timedelta(days=1)


def test_session_ics_holds_one_event_with_its_times(client, timed_edition):
    summit, _, sessions = timed_edition
    opening = sessions["opening"]
    url = reverse("summit:session-ics", kwargs={"year": summit.year, "slug": opening.slug})
    response, cal = get_calendar(client, url)
    assert response["Content-Disposition"] == f'attachment; filename="{opening.slug}.ics"'
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Opening"
    assert event.decoded("DTSTART").time() == datetime.time(9, 0)
    assert event["DTSTART"].params["TZID"] == SHANGHAI
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == [SHANGHAI]


def test_chinese_prefix_gives_chinese_titles_with_fallback(client, timed_edition):
    summit, _, _ = timed_edition
    _, cal = get_calendar(client, f"/zh-hans/summits/{summit.year}/schedule.ics")
    assert str(cal["X-WR-CALNAME"]) == f"测试峰会{summit.year}"
    summaries = set(events_by_summary(cal))
    assert "开幕式" in summaries and "Opening" not in summaries
    assert "Forum" in summaries  # no Chinese title: falls back to English


def test_uid_is_stable_across_a_title_change(client, timed_edition):
    summit, _, sessions = timed_edition
    session = sessions["opening"]
    path = f"/en/summits/{summit.year}/schedule.ics"
    _, before = get_calendar(client, path)
    uid = str(events_by_summary(before)["Opening"]["UID"])
    assert uid == f"session-{session.pk}@pazhou-industrial-internet"

    session.title_en = "Grand opening"
    session.save()
    _, after = get_calendar(client, path)
    renamed = events_by_summary(after)["Grand opening"]
    assert str(renamed["UID"]) == uid
    assert renamed["SEQUENCE"] > events_by_summary(before)["Opening"]["SEQUENCE"]


# Visibility ---------------------------------------------------------------------------------


def test_draft_session_and_draft_person_are_left_out(client, timed_edition):
    summit, _, sessions = timed_edition
    SessionFactory(summit=summit, title_en="Secret draft", status=PublishingStatus.DRAFT)
    opening = sessions["opening"]
    AppearanceFactory(session=opening, person=PersonFactory(given_name_en="Visible"))
    AppearanceFactory(
        session=opening,
        person=PersonFactory(given_name_en="Hidden", status=PublishingStatus.DRAFT),
    )
    _, cal = get_calendar(client, f"/en/summits/{summit.year}/schedule.ics")
    events = events_by_summary(cal)
    assert "Secret draft" not in events
    assert len(events) == 4
    description = str(events["Opening"]["DESCRIPTION"])
    assert "Speakers: Testfamily Visible" in description
    assert "Hidden" not in description
    assert (
        b"Hidden"
        not in client.get(f"/en/summits/{summit.year}/sessions/{opening.slug}.ics").content
    )


def test_draft_session_ics_is_404(client, timed_edition):
    summit, _, _ = timed_edition
    draft = SessionFactory(summit=summit, title_en="Secret draft", status=PublishingStatus.DRAFT)
    response = client.get(f"/en/summits/{summit.year}/sessions/{draft.slug}.ics")
    assert response.status_code == 404
    assert b"Secret draft" not in response.content


@pytest.mark.parametrize(
    "changes",
    [
        {"status": PublishingStatus.DRAFT},
        {"publish_at": datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)},  # scheduled
    ],
)
def test_hidden_summit_answers_404_for_both_exports(client, timed_edition, changes):
    summit, _, sessions = timed_edition
    Summit.objects.filter(pk=summit.pk).update(**changes)
    slug = sessions["opening"].slug
    for path in [
        f"/en/summits/{summit.year}/schedule.ics",
        f"/en/summits/{summit.year}/sessions/{slug}.ics",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"BEGIN:VCALENDAR" not in response.content


def test_seed_draft_summit_is_404(client, seeded):
    Summit.objects.filter(year=2023).update(status=PublishingStatus.DRAFT)
    assert client.get("/en/summits/2023/schedule.ics").status_code == 404


# Query count -------------------------------------------------------------------------------


def make_sessions(summit, rooms, count):
    for index in range(count):
        session = SessionFactory(
            summit=summit,
            room=rooms[index % len(rooms)],
            start_time=datetime.time(8 + index % 10, 0),
            end_time=datetime.time(8 + index % 10, 45),
        )
        AppearanceFactory(session=session)
        AppearanceFactory(session=session, person=PersonFactory(status=PublishingStatus.DRAFT))


def test_schedule_query_count_does_not_grow_with_sessions(client):
    small, large = SummitFactory(), SummitFactory()
    make_sessions(small, [RoomFactory(summit=small) for _ in range(3)], 2)
    make_sessions(large, [RoomFactory(summit=large) for _ in range(3)], 20)
    counts = []
    for summit, expected in [(small, 2), (large, 20)]:
        with CaptureQueriesContext(connection) as queries:
            _, cal = get_calendar(client, f"/en/summits/{summit.year}/schedule.ics")
        assert len(cal.walk("VEVENT")) == expected
        assert all(
            "Speakers: Testfamily Given" in str(e["DESCRIPTION"]) for e in cal.walk("VEVENT")
        )
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
