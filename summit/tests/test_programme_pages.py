"""Reader pages built on factory editions: the programme, the photo gallery, the edition and people
indexes; their titles, descriptions and Open Graph tags; drafts; query counts; sitemaps."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pazhou.models import PublishingStatus
from pazhou.testing.factories import OrganisationFactory
from summit.models import SummitOrganisation, SummitRole
from summit.tests.factories import (
    AppearanceFactory,
    PersonFactory,
    PhotoFactory,
    ReleaseFactory,
    RoomFactory,
    SessionFactory,
    SummitFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded test images go to a throwaway folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def page(client, path, status=200, **params):
    response = client.get(path, params)
    assert response.status_code == status, response.content[:2000]
    return response.content.decode()


def meta(html, attribute, name):
    """The content of ``<meta {attribute}="{name}" content="…">``."""
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    assert match, f"no {attribute}={name}"
    return unescape(match.group(1))


def title(html):
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip())


def schedule_url(summit, language="en"):
    return f"/{language}/summits/{summit.year}/schedule/"


def gallery_url(summit, language="en"):
    return f"/{language}/summits/{summit.year}/photos/"


@pytest.fixture
def edition():
    """A two-day edition: timed and untimed sessions, rooms, tracks and people."""
    summit = SummitFactory(
        title_en="Test Summit",
        title_zh_hans="测试峰会",
        venue_en="Test Hall",
        city_en="Guangzhou",
    )
    hall = RoomFactory(summit=summit, name_en="Main Hall", name_zh_hans="主会场")
    annex = RoomFactory(summit=summit, name_en="Annex", name_zh_hans="分会场")
    ai = TrackFactory(summit=summit, name_en="Industrial AI", colour="#aa3300")
    day_one, day_two = summit.start_date, summit.end_date
    sessions = {
        "afternoon": SessionFactory(
            summit=summit,
            title_en="Afternoon forum",
            kind="forum",
            start_time=datetime.time(14, 0),
            end_time=datetime.time(15, 30),
            room=annex,
        ),
        "morning": SessionFactory(
            summit=summit,
            title_en="Morning keynote",
            title_zh_hans="",
            start_time=datetime.time(9, 0),
            end_time=datetime.time(9, 45),
            room=hall,
            track=ai,
        ),
        "untimed_second": SessionFactory(summit=summit, title_en="Untimed B", order=2),
        "untimed_first": SessionFactory(summit=summit, title_en="Untimed A", order=1),
        "day_two": SessionFactory(
            summit=summit,
            title_en="Second day opening",
            kind="opening",
            date=day_two,
            start_time=datetime.time(9, 0),
            room=hall,
        ),
    }
    speaker = PersonFactory(family_name_en="Speaker", given_name_en="Sam")
    AppearanceFactory(session=sessions["morning"], person=speaker, talk_title_en="On robots")
    return {
        "summit": summit,
        "hall": hall,
        "annex": annex,
        "ai": ai,
        "day_one": day_one,
        **sessions,
    }


# --- The programme ----------------------------------------------------------------------------


def test_schedule_groups_by_day_with_timed_sessions_first_then_untimed_in_reported_order(
    client, edition
):
    html = page(client, schedule_url(edition["summit"]))

    order = [
        "Morning keynote",
        "Afternoon forum",
        "Untimed A",
        "Untimed B",
        "Second day opening",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert html.count('class="programme-day"') == 2
    assert html.count('<span class="tba">time to be announced</span>') == 2
    day_one_heading = html.index(f'id="day-{edition["day_one"].isoformat()}"')
    assert day_one_heading < positions[0]


def test_schedule_says_times_are_asia_shanghai_and_marks_them_up(client, edition):
    html = page(client, schedule_url(edition["summit"]))

    assert "All times are local time in Asia/Shanghai (UTC+08:00)." in html
    day = edition["day_one"].isoformat()
    assert f'<time datetime="{day}T09:00:00+08:00">09:00</time>' in html
    assert f'<time datetime="{day}T09:45:00+08:00">09:45</time>' in html


def test_schedule_shows_room_track_colour_people_and_talk_title(client, edition):
    html = page(client, schedule_url(edition["summit"]))

    assert "Main Hall" in html and "Annex" in html
    assert "Industrial AI" in html
    assert 'fill="#aa3300"' in html
    assert 'href="/en/people/speaker-sam/"' in html
    assert "On robots" in html
    assert 'style="' not in html  # strict CSP: no inline styles


def test_schedule_in_chinese_shows_chinese_names_with_fallback(client, edition):
    html = page(client, schedule_url(edition["summit"], "zh-hans"))

    assert "主会场" in html
    assert "Morning keynote" in html  # no Chinese title given: falls back to English


def test_schedule_filter_by_room(client, edition):
    html = page(client, schedule_url(edition["summit"]), room=edition["hall"].pk)

    assert "Morning keynote" in html and "Second day opening" in html
    assert "Afternoon forum" not in html and "Untimed A" not in html


def test_schedule_filter_by_track(client, edition):
    html = page(client, schedule_url(edition["summit"]), track=edition["ai"].pk)

    assert "Morning keynote" in html
    assert "Afternoon forum" not in html and "Second day opening" not in html


def test_schedule_filter_by_day(client, edition):
    html = page(client, schedule_url(edition["summit"]), day=edition["summit"].end_date)

    assert "Second day opening" in html
    assert "Morning keynote" not in html


def test_schedule_filter_form_offers_only_this_editions_rooms(client, edition):
    other_room = RoomFactory(name_en="Room Of Another Summit")

    html = page(client, schedule_url(edition["summit"]))

    assert "Main Hall</option>" in html and "Annex</option>" in html
    assert "Room Of Another Summit" not in html
    assert page(client, schedule_url(edition["summit"]), 400, room=other_room.pk)


@pytest.mark.parametrize(
    ("name", "value"),
    [("room", "abc"), ("room", "99999999999999999999"), ("track", "-3"), ("day", "2100-02-31")],
)
def test_schedule_invalid_filter_shows_a_message_not_a_500(client, edition, name, value):
    html = page(client, schedule_url(edition["summit"]), 400, **{name: value})

    assert 'role="alert"' in html
    assert "Some filter values are not valid" in html
    assert "No session is shown until the filters are corrected." in html
    assert "Morning keynote" not in html


def test_schedule_filter_with_no_match_says_so(client, edition):
    empty_track = TrackFactory(summit=edition["summit"])

    html = page(client, schedule_url(edition["summit"]), track=empty_track.pk)

    assert "No session matches these filters." in html


def test_schedule_of_edition_without_rooms_or_tracks_shows_no_room_or_track_filter(client):
    summit = SummitFactory()
    SessionFactory(summit=summit, title_en="Lonely session")

    html = page(client, schedule_url(summit))

    assert "Lonely session" in html
    assert 'name="room"' not in html and 'name="track"' not in html
    assert 'name="day"' in html  # two days to choose from


def test_schedule_links_to_downloads_and_loads_the_summit_stylesheet(client, edition):
    year = edition["summit"].year
    html = page(client, schedule_url(edition["summit"]))

    assert f"/en/summits/{year}/schedule.ics" in html
    assert f"/en/summits/{year}/schedule.json" in html
    assert '<link rel="stylesheet" href="/static/css/summit.css">' in html


def test_schedule_hides_draft_sessions_and_draft_people(client, edition):
    SessionFactory(summit=edition["summit"], title_en="Secret draft", status="draft")
    AppearanceFactory(
        session=edition["morning"],
        person=PersonFactory(family_name_en="Hidden", status=PublishingStatus.IN_REVIEW),
    )

    html = page(client, schedule_url(edition["summit"]))

    assert "Secret draft" not in html
    assert "Hidden" not in html


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_schedule_and_gallery_of_hidden_edition_answer_404(client, state):
    if state == "draft":
        summit = SummitFactory(status=PublishingStatus.DRAFT)
    else:
        summit = SummitFactory(publish_at=timezone.now() + datetime.timedelta(days=1))
    SessionFactory(summit=summit)
    PhotoFactory(summit=summit)

    assert client.get(schedule_url(summit)).status_code == 404
    assert client.get(gallery_url(summit)).status_code == 404


def test_schedule_of_unknown_or_huge_year_answers_404(client):
    assert client.get("/en/summits/1999/schedule/").status_code == 404
    assert client.get("/en/summits/99999999999999999999/schedule/").status_code == 404


# --- The edition page ---------------------------------------------------------------------------


def test_edition_page_links_to_schedule_and_gallery_and_names_organisers(client, edition):
    summit = edition["summit"]
    PhotoFactory.create_batch(2, summit=summit)
    host = OrganisationFactory(name_en="Host Organisation")
    SummitOrganisation.objects.create(summit=summit, organisation=host, role=SummitRole.HOST)
    SummitOrganisation.objects.create(
        summit=summit,
        organisation=OrganisationFactory(name_en="Draft Co", status="draft"),
        role=SummitRole.ORGANISER,
    )

    html = page(client, f"/en/summits/{summit.year}/")

    assert f'href="{schedule_url(summit)}"' in html
    assert f'href="{gallery_url(summit)}">2 photos</a>' in html
    assert "Host Organisation" in html and "Draft Co" not in html
    assert "Morning keynote" in html and "time to be announced" in html


def test_edition_page_without_photos_does_not_link_the_gallery(client, edition):
    html = page(client, f"/en/summits/{edition['summit'].year}/")

    assert gallery_url(edition["summit"]) not in html


# --- The photo gallery ------------------------------------------------------------------------


def test_gallery_shows_caption_credit_licence_lazily_with_size(client, edition):
    session = edition["morning"]
    photo = PhotoFactory(
        summit=edition["summit"],
        session=session,
        caption_en="Robots on stage",
        credit_en="Summit Organizing Committee",
        licence="CC BY 4.0",
    )
    PhotoFactory(summit=edition["summit"], caption_en="", credit_en="Test Desk", licence="")

    html = page(client, gallery_url(edition["summit"]))

    assert f'id="photo-{photo.pk}"' in html
    assert "Robots on stage" in html
    assert "Photo: Summit Organizing Committee" in html
    assert "Licence: CC BY 4.0" in html
    assert "Licence: not stated" in html
    assert f'href="{session.get_absolute_url()}"' in html
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 2
    assert all('loading="lazy"' in image for image in images)
    assert all('width="32" height="24"' in image for image in images)
    assert 'alt="Robots on stage"' in html
    assert 'alt="A photo of Test Summit"' in html  # no caption: a description still


def test_gallery_leaves_out_size_when_unknown(client, edition):
    photo = PhotoFactory(summit=edition["summit"])
    type(photo).objects.filter(pk=photo.pk).update(width=None, height=None)

    html = page(client, gallery_url(edition["summit"]))

    [image] = re.findall(r"<img [^>]*>", html)
    assert "width=" not in image and 'loading="lazy"' in image


def test_gallery_hides_draft_photos_and_photos_of_draft_sessions(client, edition):
    PhotoFactory(summit=edition["summit"], caption_en="Draft photo", status="draft")
    draft_session = SessionFactory(summit=edition["summit"], status="draft")
    PhotoFactory(summit=edition["summit"], session=draft_session, caption_en="Of a draft session")

    html = page(client, gallery_url(edition["summit"]))

    assert "Draft photo" not in html and "Of a draft session" not in html
    assert "No photos of this edition have been published yet." in html


def test_gallery_page_out_of_range_answers_404(client, edition):
    PhotoFactory(summit=edition["summit"])

    assert client.get(gallery_url(edition["summit"]), {"page": "9"}).status_code == 404
    assert client.get(gallery_url(edition["summit"]), {"page": "x"}).status_code == 404


def test_session_page_shows_its_photos_with_credit(client, edition):
    PhotoFactory(summit=edition["summit"], session=edition["morning"], credit_en="Stage Desk")

    html = page(client, edition["morning"].get_absolute_url())

    assert "Photo: Stage Desk" in html
    assert 'loading="lazy"' in html
    assert f'href="{schedule_url(edition["summit"])}"' in html


# --- The indexes --------------------------------------------------------------------------------


def test_summit_index_lists_visible_editions_with_programme_links(client):
    live = SummitFactory(title_en="Live Summit")
    SummitFactory(title_en="Draft Summit", status="draft")

    html = page(client, "/en/summits/")

    assert "Live Summit" in html and "Draft Summit" not in html
    assert f'href="{schedule_url(live)}"' in html
    assert 'href="/en/people/"' in html


@pytest.fixture
def people():
    university = OrganisationFactory(name_en="Northeastern University", name_zh_hans="东北大学")
    return {
        "tan": PersonFactory(
            family_name_en="Tan",
            given_name_en="Jianrong",
            family_name_zh="谭",
            given_name_zh="建荣",
            affiliation_text_en="Zhejiang University",
        ),
        "chai": PersonFactory(
            family_name_en="Chai",
            given_name_en="Tianyou",
            family_name_zh="柴",
            given_name_zh="天佑",
            honorifics_en="Academician",
            affiliation=university,
        ),
        "lv": PersonFactory(family_name_en="Lv", given_name_en="Nengxing"),
        "draft": PersonFactory(family_name_en="Draftperson", status=PublishingStatus.DRAFT),
        "hidden_org": PersonFactory(
            family_name_en="Hiddenorg",
            affiliation=OrganisationFactory(name_en="Secret Org", status="draft"),
        ),
    }


def test_people_index_is_alphabetical_by_family_name_with_affiliation(client, people):
    html = page(client, "/en/people/")

    order = ["Chai Tianyou", "Hiddenorg", "Lv Nengxing", "Tan Jianrong"]
    positions = [html.index(name) for name in order]
    assert positions == sorted(positions)
    assert 'href="/en/organisations/' in html and "Northeastern University" in html
    assert "Zhejiang University" in html
    assert "Academician" in html
    assert "Draftperson" not in html
    assert "Secret Org" not in html
    assert "4 people" in html


def test_people_index_in_chinese_uses_chinese_family_names_with_fallback(client, people):
    html = page(client, "/zh-hans/people/")

    # "Hiddenorg" and "Lv" have no Chinese name: they sort by their Latin family names,
    # which come before the Chinese ones.
    order = ["Hiddenorg", "Lv Nengxing", "柴天佑", "谭建荣"]
    positions = [html.index(name) for name in order]
    assert positions == sorted(positions)
    assert "东北大学" in html


def test_people_index_search_and_edition_filter(client, people):
    summit = SummitFactory()
    AppearanceFactory(session=SessionFactory(summit=summit), person=people["lv"])

    searched = page(client, "/en/people/", q="柴天佑")
    by_edition = page(client, "/en/people/", edition=summit.year)

    assert "Chai Tianyou" in searched and "Tan Jianrong" not in searched
    assert "Lv Nengxing" in by_edition and "Chai Tianyou" not in by_edition
    assert f'<option value="{summit.year}" selected>{summit.year}</option>' in by_edition


def test_people_index_leaves_out_draft_editions_and_their_sessions(client, people):
    draft = SummitFactory(status=PublishingStatus.DRAFT)
    AppearanceFactory(session=SessionFactory(summit=draft), person=people["lv"])

    html = page(client, "/en/people/")
    filtered = page(client, "/en/people/", edition=draft.year)

    assert f'<option value="{draft.year}"' not in html
    assert "Lv Nengxing" in html  # still public in their own right
    assert "Lv Nengxing" not in filtered and "0 people" in filtered


@pytest.mark.parametrize(("name", "value"), [("edition", "abc"), ("q", "x" * 101)])
def test_people_index_invalid_filter_shows_a_message(client, people, name, value):
    html = page(client, "/en/people/", 400, **{name: value})

    assert 'role="alert"' in html
    assert "No one is shown until the filters are corrected." in html


# --- Titles, descriptions and Open Graph on every summit page ----------------------------------


def summit_pages(edition):
    summit = edition["summit"]
    session = edition["morning"]
    release = ReleaseFactory(summit=summit, title_en="Test White Paper")
    person = session.appearances.get().person
    PhotoFactory(summit=summit)
    return {
        "edition index": ("/en/summits/", "Summits", "Every edition of the Pazhou"),
        "edition": (f"/en/summits/{summit.year}/", "Test Summit", "Test Summit, "),
        "schedule": (schedule_url(summit), "Programme · Test Summit", "Asia/Shanghai"),
        "gallery": (gallery_url(summit), "Photos · Test Summit", "credits"),
        "session": (session.get_absolute_url(), "Morning keynote · Test Summit", "Speaker Sam"),
        "people index": ("/en/people/", "People", "Speakers, hosts"),
        "person": (person.get_absolute_url(), "Speaker Sam", "Speaker Sam"),
        "release": (release.get_absolute_url(), "Test White Paper", "released at Test Summit"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "edition index",
        "edition",
        "schedule",
        "gallery",
        "session",
        "people index",
        "person",
        "release",
    ],
)
def test_every_summit_page_has_title_description_and_open_graph(client, edition, name):
    path, title_text, description_text = summit_pages(edition)[name]

    html = page(client, path)

    assert title_text in title(html)
    description = meta(html, "name", "description")
    assert description_text in description
    assert 40 <= len(description) <= 300
    assert meta(html, "property", "og:description") == description
    assert meta(html, "property", "og:title")
    assert meta(html, "property", "og:url") == f"http://testserver{path}"
    assert meta(html, "property", "og:type") in {"website", "article", "profile"}
    assert "Pazhou Industrial Internet Summit, the rankings released there" not in description


def test_edition_description_names_date_and_place(client, edition):
    html = page(client, f"/en/summits/{edition['summit'].year}/")

    description = meta(html, "name", "description")
    assert "Test Hall" in description and "Guangzhou" in description
    assert str(edition["summit"].year) in description


def test_gallery_open_graph_image_is_the_first_photo(client, edition):
    photo = PhotoFactory(summit=edition["summit"])

    html = page(client, gallery_url(edition["summit"]))

    assert meta(html, "property", "og:image") == f"http://testserver{photo.image.url}"


def test_chinese_pages_have_chinese_titles_and_descriptions(client, edition):
    html = page(client, schedule_url(edition["summit"], "zh-hans"))

    assert "测试峰会" in title(html)
    assert "测试峰会" in meta(html, "name", "description")


# --- Query counts: flat as rows grow ------------------------------------------------------------


def grow_edition(summit, count):
    room, track = RoomFactory(summit=summit), TrackFactory(summit=summit)
    for number in range(count):
        session = SessionFactory(
            summit=summit,
            room=room,
            track=track,
            start_time=datetime.time(9, number % 60) if number % 2 else None,
        )
        AppearanceFactory(session=session, person=PersonFactory(affiliation=OrganisationFactory()))
        ReleaseFactory(summit=summit, session=session)
        PhotoFactory(summit=summit, session=session)
        SummitOrganisation.objects.create(
            summit=summit, organisation=OrganisationFactory(), role=SummitRole.CO_ORGANISER
        )


def count_page_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    [
        "/en/summits/",
        "/en/summits/{year}/",
        "/en/summits/{year}/schedule/",
        "/en/summits/{year}/photos/",
        "/en/people/",
        "/en/summits/{year}/sessions/{slug}/",
    ],
)
def test_page_query_count_does_not_grow_with_rows(client, path):
    summit = SummitFactory()
    grow_edition(summit, 2)
    session = summit.sessions.first()
    url = path.format(year=summit.year, slug=session.slug)
    few = count_page_queries(client, url)

    grow_edition(summit, 18)
    SummitFactory.create_batch(3)
    for _number in range(5):
        AppearanceFactory(session=session, person=PersonFactory(affiliation=OrganisationFactory()))
        PhotoFactory(summit=summit, session=session)
    many = count_page_queries(client, url)

    assert many == few


# --- Sitemap ------------------------------------------------------------------------------------


def test_sitemap_lists_indexes_schedules_and_galleries_of_visible_editions_only(client):
    live = SummitFactory()
    PhotoFactory(summit=live)
    without_photos = SummitFactory()
    draft = SummitFactory(status=PublishingStatus.DRAFT)
    PhotoFactory(summit=draft)

    xml = client.get("/sitemap.xml").content.decode()

    assert "/en/summits/</loc>" in xml and "/zh-hans/people/</loc>" in xml
    assert f"/en/summits/{live.year}/schedule/</loc>" in xml
    assert f"/en/summits/{live.year}/photos/</loc>" in xml
    assert f"/en/summits/{without_photos.year}/schedule/</loc>" in xml
    assert f"/summits/{without_photos.year}/photos/" not in xml
    assert f"/summits/{draft.year}/" not in xml
