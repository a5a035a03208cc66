"""The summit API at /api/v1/: summits, sessions, people, releases and photos (DESIGN.md, "API").

Languages, nesting, filters, search, ordering, drafts, writes and query counts. Every edition
here is synthetic (factories, from the year 2100 on).
"""

import datetime
import io
import json
from urllib.parse import urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pazhou.models import PublishingStatus
from pazhou.testing.factories import OrganisationFactory, SourceFactory, UserFactory
from summit.models import Photo, Session, SummitOrganisation, SummitRole
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

API = "/api/v1"
ENDPOINTS = ["summits", "sessions", "people", "releases", "photos"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded test images go to a throwaway folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api():
    return APIClient()


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def titles(response):
    return [item["title"] for item in results(response)]


def ids(response):
    return [item["id"] for item in results(response)]


def error_text(response):
    return json.dumps(response.json(), ensure_ascii=False)


def jpeg_upload(name="upload.jpg", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


# --- The API root and the schema -----------------------------------------------------------


def test_api_root_lists_the_summit_endpoints(api):
    body = api.get(f"{API}/").json()

    for endpoint in ENDPOINTS:
        assert urlparse(body[endpoint]).path == f"{API}/{endpoint}/"


def test_schema_documents_session_filters_and_nested_appearances(api):
    schema = json.loads(api.get(f"{API}/schema/?format=json").content)

    parameters = {p["name"] for p in schema["paths"][f"{API}/sessions/"]["get"]["parameters"]}
    assert {
        "edition",
        "day",
        "kind",
        "room",
        "track",
        "person",
        "organisation",
        "language",
        "q",
        "ordering",
        "lang",
        "page_size",
    } <= parameters
    components = schema["components"]["schemas"]
    assert {"title", "title_en", "title_zh_hans", "url", "slug", "appearances"} <= set(
        components["Session"]["properties"]
    )
    assert "SessionKindEnum" in components and "AppearanceRoleEnum" in components
    for endpoint in ENDPOINTS:
        assert f"{API}/{endpoint}/{{id}}/" in schema["paths"]


# --- Editions ----------------------------------------------------------------------------------


def test_summit_detail_carries_translations_urls_organisations_rooms_and_tracks(api):
    summit = SummitFactory(title_en="Test Summit", title_zh_hans="测试峰会", source=SourceFactory())
    host = OrganisationFactory(name_en="Host Co", name_zh_hans="主办公司")
    SummitOrganisation.objects.create(summit=summit, organisation=host, role=SummitRole.HOST)
    RoomFactory(summit=summit, name_en="Hall A", name_zh_hans="A厅")
    TrackFactory(summit=summit, name_en="Manufacturing", name_zh_hans="制造")

    response = api.get(f"{API}/summits/{summit.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["title_en"], body["title_zh_hans"]) == (
        "测试峰会",
        "Test Summit",
        "测试峰会",
    )
    assert body["slug"] == str(summit.year)
    assert urlparse(body["url"]).path == f"/zh-hans/summits/{summit.year}/"
    assert urlparse(body["schedule_url"]).path == f"/zh-hans/summits/{summit.year}/schedule/"
    assert body["organisations"] == [
        {
            "organisation": {
                "id": host.pk,
                "slug": host.slug,
                "url": f"http://testserver/zh-hans/organisations/{host.slug}/",
                "name": "主办公司",
                "name_en": "Host Co",
                "name_zh_hans": "主办公司",
            },
            "role": "host",
            "order": 0,
        }
    ]
    assert [room["name"] for room in body["rooms"]] == ["A厅"]
    assert [track["name_en"] for track in body["tracks"]] == ["Manufacturing"]
    assert body["source"]["citation"] == summit.source.citation
    assert response["ETag"] == f'"{summit.version}-zh-hans"'
    assert response["Content-Language"] == "zh-hans"


def test_summit_list_hides_draft_organisations_taking_part(api):
    summit = SummitFactory()
    draft = OrganisationFactory(status=PublishingStatus.DRAFT)
    SummitOrganisation.objects.create(summit=summit, organisation=draft, role=SummitRole.HOST)

    [item] = results(api.get(f"{API}/summits/"))

    assert item["organisations"] == []


def test_summit_list_filters_by_year_and_orders_by_year(api):
    first, second = SummitFactory(), SummitFactory()

    assert ids(api.get(f"{API}/summits/", {"year": second.year})) == [second.pk]
    assert ids(api.get(f"{API}/summits/", {"ordering": "year"})) == [first.pk, second.pk]
    assert ids(api.get(f"{API}/summits/")) == [second.pk, first.pk]


# --- Sessions ----------------------------------------------------------------------------------


def test_session_detail_nests_appearances_with_person_and_organisation(api):
    organisation = OrganisationFactory(name_en="Northeastern University", name_zh_hans="东北大学")
    person = PersonFactory(
        family_name_en="Chai",
        given_name_en="Tianyou",
        family_name_zh="柴",
        given_name_zh="天佑",
        honorifics_en="Academician",
        honorifics_zh_hans="院士",
        affiliation=organisation,
    )
    session = SessionFactory(
        start_time=datetime.time(9, 30), end_time=datetime.time(10, 15), language="zh"
    )
    AppearanceFactory(
        session=session, person=person, role="speaker", talk_title_en="Industrial AI", order=1
    )

    response = api.get(f"{API}/sessions/{session.pk}/?lang=zh-hans")

    body = response.json()
    assert body["slug"] == session.slug
    assert body["year"] == session.summit.year
    assert (
        urlparse(body["url"]).path
        == f"/zh-hans/summits/{session.summit.year}/sessions/{session.slug}/"
    )
    assert urlparse(body["ics_url"]).path.endswith(f"/sessions/{session.slug}.ics")
    assert (body["start_time"], body["end_time"], body["language"]) == (
        "09:30:00",
        "10:15:00",
        "zh",
    )
    [appearance] = body["appearances"]
    assert appearance["role"] == "speaker"
    assert appearance["talk_title"] == "Industrial AI"  # no Chinese title: falls back
    assert appearance["order"] == 1
    nested = appearance["person"]
    assert nested["name"] == "柴天佑"
    assert (nested["name_en"], nested["name_zh"]) == ("Chai Tianyou", "柴天佑")
    assert nested["slug"] == "chai-tianyou"
    assert urlparse(nested["url"]).path == "/zh-hans/people/chai-tianyou/"
    assert nested["honorifics"] == "院士"
    assert nested["affiliation"]["slug"] == organisation.slug
    assert nested["affiliation"]["name"] == "东北大学"


def test_session_appearances_leave_out_draft_people_and_draft_organisations(api):
    session = SessionFactory()
    AppearanceFactory(session=session, person=PersonFactory(status=PublishingStatus.DRAFT))
    shown = AppearanceFactory(
        session=session,
        person=PersonFactory(affiliation=OrganisationFactory(status=PublishingStatus.DRAFT)),
    )

    [item] = results(api.get(f"{API}/sessions/"))

    assert [a["person"]["id"] for a in item["appearances"]] == [shown.person.pk]
    assert item["appearances"][0]["person"]["affiliation"] is None


@pytest.fixture
def programme():
    """Two editions; the first over two days with rooms, tracks, people and languages."""
    summit = SummitFactory()
    other = SummitFactory()
    hall, annex = RoomFactory(summit=summit), RoomFactory(summit=summit)
    ai, policy = TrackFactory(summit=summit), TrackFactory(summit=summit)
    university = OrganisationFactory(name_en="Test University")
    speaker = PersonFactory(affiliation=university)
    sessions = {
        "opening": SessionFactory(
            summit=summit,
            title_en="Opening",
            title_zh_hans="开幕式",
            kind="opening",
            room=hall,
            track=policy,
            language="zh",
        ),
        "keynote": SessionFactory(
            summit=summit,
            title_en="Keynote on industrial AI",
            title_zh_hans="工业互联网主旨演讲",
            kind="keynote",
            room=annex,
            track=ai,
            language="en",
            date=summit.end_date,
        ),
        "elsewhere": SessionFactory(summit=other, title_en="Elsewhere", title_zh_hans="别处"),
    }
    AppearanceFactory(session=sessions["keynote"], person=speaker)
    return {
        "summit": summit,
        "other": other,
        "hall": hall,
        "ai": ai,
        "speaker": speaker,
        "university": university,
        **sessions,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda p: {"edition": p["other"].year}, ["Elsewhere"]),
        (lambda p: {"day": p["summit"].end_date.isoformat()}, ["Keynote on industrial AI"]),
        (lambda p: {"kind": "opening"}, ["Opening"]),
        (lambda p: {"room": p["hall"].pk}, ["Opening"]),
        (lambda p: {"track": p["ai"].pk}, ["Keynote on industrial AI"]),
        (lambda p: {"person": p["speaker"].slug}, ["Keynote on industrial AI"]),
        (lambda p: {"organisation": p["university"].slug}, ["Keynote on industrial AI"]),
        (lambda p: {"language": "zh"}, ["Opening"]),
        (lambda p: {"q": "工業互聯網"}, ["Keynote on industrial AI"]),  # Traditional script
        (lambda p: {"q": "OPENING"}, ["Opening"]),
        (lambda p: {"edition": p["summit"].year, "kind": "keynote"}, ["Keynote on industrial AI"]),
    ],
)
def test_session_list_filters(api, programme, query, expected):
    assert titles(api.get(f"{API}/sessions/", query(programme))) == expected


def test_session_list_search_in_chinese_finds_english_titled_session(api, programme):
    response = api.get(f"{API}/sessions/", {"q": "开幕", "lang": "en"})

    assert titles(response) == ["Opening"]


def test_session_ordering_by_title_in_each_language(api, programme):
    english = titles(api.get(f"{API}/sessions/", {"ordering": "title"}))
    chinese = titles(api.get(f"{API}/sessions/", {"ordering": "-title", "lang": "zh-hans"}))

    assert english == ["Elsewhere", "Keynote on industrial AI", "Opening"]
    assert chinese == sorted(["开幕式", "工业互联网主旨演讲", "别处"], reverse=True)


def test_session_person_filter_counts_each_session_once(api):
    person = PersonFactory()
    session = SessionFactory()
    AppearanceFactory(session=session, person=person, role="speaker")
    AppearanceFactory(session=session, person=person, role="moderator")

    response = api.get(f"{API}/sessions/", {"person": person.slug})

    assert ids(response) == [session.pk]
    assert response.json()["count"] == 1


def test_session_filter_by_draft_person_answers_400_like_an_unknown_one(api):
    draft = PersonFactory(status=PublishingStatus.DRAFT)
    AppearanceFactory(person=draft)

    draft_response = api.get(f"{API}/sessions/", {"person": draft.slug})
    unknown_response = api.get(f"{API}/sessions/", {"person": "nobody-at-all"})

    assert draft_response.status_code == unknown_response.status_code == 400
    assert draft_response.json() == unknown_response.json()


def test_session_organisation_filter_ignores_draft_people_of_that_organisation(api):
    organisation = OrganisationFactory()
    AppearanceFactory(person=PersonFactory(affiliation=organisation, status="draft"))

    response = api.get(f"{API}/sessions/", {"organisation": organisation.slug})

    assert results(response) == []


# Bad input answers 400 with a message, on every list endpoint.

BAD_PARAMETERS = {
    "summits": [("ordering", "bogus"), ("year", "abc"), ("year", "99999999999")],
    "sessions": [
        ("ordering", "bogus"),
        ("edition", "abc"),
        ("edition", "2023.5"),
        ("edition", "99999999999999999999"),
        ("day", "2023-13-45"),
        ("kind", "spaceship"),
        ("room", "abc"),
        ("room", "99999999999999999999"),
        ("track", "-1"),
        ("person", "nobody-at-all"),
        ("organisation", "no-such-organisation"),
        ("language", "fr"),
        ("q", "x" * 101),
        ("lang", "fr"),
        ("page_size", "0"),
    ],
    "people": [
        ("ordering", "family"),
        ("edition", "abc"),
        ("organisation", "no-such-organisation"),
        ("q", "x" * 101),
    ],
    "releases": [
        ("ordering", "bogus"),
        ("edition", "abc"),
        ("kind", "poster"),
        ("session", "abc"),
        ("publisher", "no-such-organisation"),
    ],
    "photos": [("ordering", "bogus"), ("edition", "abc"), ("session", "999999")],
}


@pytest.mark.parametrize(
    ("endpoint", "name", "value"),
    [(endpoint, name, value) for endpoint, bad in BAD_PARAMETERS.items() for name, value in bad],
)
def test_list_invalid_parameter_answers_400_with_message(api, endpoint, name, value):
    SessionFactory()

    response = api.get(f"{API}/{endpoint}/", {name: value})

    assert response.status_code == 400, response.content
    body = response.json()
    assert name in body
    message = body[name]
    text = " ".join(message) if isinstance(message, list) else str(message)
    assert len(text) > 10


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("lookup", ["abc", "99999999999999999999", "0"])
def test_detail_unknown_or_malformed_id_answers_404(api, endpoint, lookup):
    response = api.get(f"{API}/{endpoint}/{lookup}/")

    assert response.status_code == 404
    assert "detail" in response.json()


# --- People ------------------------------------------------------------------------------------


@pytest.fixture
def people():
    return {
        "chai": PersonFactory(
            family_name_en="Chai",
            given_name_en="Tianyou",
            family_name_zh="柴",
            given_name_zh="天佑",
        ),
        "tan": PersonFactory(
            family_name_en="Tan",
            given_name_en="Jianrong",
            family_name_zh="谭",
            given_name_zh="建荣",
        ),
        "lv": PersonFactory(family_name_en="Lv", given_name_en="Nengxing"),
        "zhang": PersonFactory(
            family_name_en="", given_name_en="", family_name_zh="张", given_name_zh="三"
        ),
    }


def names(response):
    return [item["name"] for item in results(response)]


def test_people_ordered_by_family_name_in_the_readers_script(api, people):
    english = names(api.get(f"{API}/people/"))
    chinese = names(api.get(f"{API}/people/", {"lang": "zh-hans"}))

    # A Chinese-only name sorts by its Chinese family name in English, after the Latin ones.
    assert english == ["Chai Tianyou", "Lv Nengxing", "Tan Jianrong", "张三"]
    # In Chinese the Latin-only name falls back to its Latin family name, which sorts first.
    assert chinese == ["Lv Nengxing", "张三", "柴天佑", "谭建荣"]
    assert names(api.get(f"{API}/people/", {"ordering": "-name"})) == english[::-1]


@pytest.mark.parametrize("query", ["chai tianyou", "柴天佑", "CHAI", "天佑"])
def test_people_search_finds_whole_names_and_parts(api, people, query):
    assert names(api.get(f"{API}/people/", {"q": query})) == ["Chai Tianyou"]


def test_people_filter_by_edition_counts_only_visible_sessions(api, people):
    summit = SummitFactory()
    AppearanceFactory(session=SessionFactory(summit=summit), person=people["chai"])
    AppearanceFactory(session=SessionFactory(summit=summit, status="draft"), person=people["tan"])

    assert names(api.get(f"{API}/people/", {"edition": summit.year})) == ["Chai Tianyou"]


def test_people_filter_by_organisation_slug(api, people):
    organisation = OrganisationFactory()
    people["lv"].affiliation = organisation
    people["lv"].save()

    response = api.get(f"{API}/people/", {"organisation": organisation.slug})

    assert names(response) == ["Lv Nengxing"]
    assert results(response)[0]["affiliation"]["slug"] == organisation.slug


def test_person_detail_carries_names_titles_and_url(api, people):
    person = people["chai"]
    person.honorifics_en = "Academician of the Chinese Academy of Engineering"
    person.honorifics_zh_hans = "中国工程院院士"
    person.save()

    body = api.get(f"{API}/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()

    assert body["name"] == "柴天佑"
    assert (body["family_name_en"], body["given_name_zh"]) == ("Chai", "天佑")
    assert body["honorifics"] == "中国工程院院士"
    assert body["honorifics_en"] == "Academician of the Chinese Academy of Engineering"
    assert urlparse(body["url"]).path == "/zh-hans/people/chai-tianyou/"


# --- Releases and photos ---------------------------------------------------------------------


def test_release_detail_carries_session_publisher_and_precision(api):
    session = SessionFactory()
    release = ReleaseFactory(
        summit=session.summit,
        session=session,
        title_en="Top 100 list",
        kind="list",
        release_date=datetime.date(2100, 1, 1),
        release_date_precision="year",
    )

    body = api.get(f"{API}/releases/{release.pk}/").json()

    assert body["title"] == "Top 100 list"
    assert body["kind"] == "list"
    assert body["session"]["id"] == session.pk
    assert urlparse(body["session"]["url"]).path == session.get_absolute_url()
    assert body["publisher"]["slug"] == release.publisher.slug
    assert (body["release_date"], body["release_date_precision"]) == ("2100-01-01", "year")
    assert urlparse(body["url"]).path == release.get_absolute_url()


def test_release_list_filters_by_edition_kind_publisher_and_session(api):
    session = SessionFactory()
    report = ReleaseFactory(summit=session.summit, kind="report")
    listing = ReleaseFactory(summit=session.summit, kind="list", session=session)
    elsewhere = ReleaseFactory()

    assert ids(api.get(f"{API}/releases/", {"edition": session.summit.year})) == [
        report.pk,
        listing.pk,
    ]
    assert ids(api.get(f"{API}/releases/", {"kind": "list"})) == [listing.pk]
    assert ids(api.get(f"{API}/releases/", {"publisher": elsewhere.publisher.slug})) == [
        elsewhere.pk
    ]
    assert ids(api.get(f"{API}/releases/", {"session": session.pk})) == [listing.pk]


def test_release_draft_publisher_is_not_named(api):
    release = ReleaseFactory(publisher=OrganisationFactory(status=PublishingStatus.DRAFT))

    assert api.get(f"{API}/releases/{release.pk}/").json()["publisher"] is None


def test_photo_detail_carries_image_size_credit_licence_and_gallery_url(api):
    photo = PhotoFactory(
        caption_en="The opening",
        caption_zh_hans="开幕",
        credit_en="Summit Organizing Committee",
        licence="CC BY 4.0",
    )

    body = api.get(f"{API}/photos/{photo.pk}/?lang=zh-hans").json()

    assert (body["width"], body["height"]) == (32, 24)
    assert body["caption"] == "开幕"
    assert body["credit"] == "Summit Organizing Committee"
    assert body["licence"] == "CC BY 4.0"
    assert body["image"].startswith("http://testserver/media/photos/")
    assert body["url"] == (
        f"http://testserver/zh-hans/summits/{photo.summit.year}/photos/#photo-{photo.pk}"
    )


def test_photo_list_filters_by_edition_and_session(api):
    session = SessionFactory()
    in_session = PhotoFactory(summit=session.summit, session=session)
    loose = PhotoFactory(summit=session.summit)
    PhotoFactory()

    assert ids(api.get(f"{API}/photos/", {"edition": session.summit.year})) == [
        in_session.pk,
        loose.pk,
    ]
    assert ids(api.get(f"{API}/photos/", {"session": session.pk})) == [in_session.pk]


# --- Drafts: what anonymous clients never see -------------------------------------------------


def make_hidden(kind, **kwargs):
    """A draft item of ``kind`` in a live edition."""
    draft = {"status": PublishingStatus.DRAFT, **kwargs}
    return {
        "summits": lambda: SummitFactory(**draft),
        "sessions": lambda: SessionFactory(**draft),
        "people": lambda: PersonFactory(**draft),
        "releases": lambda: ReleaseFactory(**draft),
        "photos": lambda: PhotoFactory(**draft),
    }[kind]()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_draft_is_neither_listed_nor_served_to_anonymous(api, endpoint):
    hidden = make_hidden(endpoint)

    assert hidden.pk not in ids(api.get(f"{API}/{endpoint}/"))
    assert api.get(f"{API}/{endpoint}/{hidden.pk}/").status_code == 404


def test_embargoed_release_is_hidden_until_its_publish_at(api):
    release = ReleaseFactory(publish_at=timezone.now() + datetime.timedelta(hours=2))

    assert ids(api.get(f"{API}/releases/")) == []
    assert api.get(f"{API}/releases/{release.pk}/").status_code == 404


@pytest.mark.parametrize("endpoint", ["sessions", "releases", "photos"])
def test_draft_edition_hides_its_children(api, endpoint):
    summit = SummitFactory(status=PublishingStatus.DRAFT)
    child = {
        "sessions": lambda: SessionFactory(summit=summit),
        "releases": lambda: ReleaseFactory(summit=summit),
        "photos": lambda: PhotoFactory(summit=summit),
    }[endpoint]()

    assert ids(api.get(f"{API}/{endpoint}/")) == []
    assert api.get(f"{API}/{endpoint}/{child.pk}/").status_code == 404
    assert api.get(f"{API}/{endpoint}/", {"edition": summit.year}).json()["count"] == 0


def test_draft_session_hides_its_release_and_photo(api):
    session = SessionFactory(status=PublishingStatus.DRAFT)
    ReleaseFactory(summit=session.summit, session=session)
    PhotoFactory(summit=session.summit, session=session)

    assert ids(api.get(f"{API}/releases/")) == []
    assert ids(api.get(f"{API}/photos/")) == []


def test_draft_edition_leaves_its_people_out_of_the_edition_filter(api):
    summit = SummitFactory(status=PublishingStatus.DRAFT)
    appearance = AppearanceFactory(session=SessionFactory(summit=summit))

    assert ids(api.get(f"{API}/people/", {"edition": summit.year})) == []
    # The person stays public in their own right.
    assert ids(api.get(f"{API}/people/")) == [appearance.person.pk]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_editor_sees_drafts_with_their_status(editor, endpoint):
    hidden = make_hidden(endpoint)

    items = results(token_client(editor).get(f"{API}/{endpoint}/"))

    assert {item["id"]: item["status"] for item in items}[hidden.pk] == "draft"


def test_user_without_group_sees_only_visible_sessions():
    SessionFactory(status=PublishingStatus.DRAFT)
    live = SessionFactory()

    assert ids(token_client(UserFactory()).get(f"{API}/sessions/")) == [live.pk]


# --- Writes --------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_write_is_refused(api, endpoint):
    response = api.post(f"{API}/{endpoint}/", {"title_en": "Intruder"}, format="json")

    assert response.status_code in (401, 403)
    assert "detail" in response.json()


def test_editor_creates_a_draft_session_with_a_slug(editor):
    summit = SummitFactory()
    room = RoomFactory(summit=summit)

    response = token_client(editor).post(
        f"{API}/sessions/",
        {
            "summit": summit.pk,
            "title_en": "Closing Panel",
            "title_zh_hans": "闭幕圆桌",
            "kind": "panel",
            "date": summit.start_date.isoformat(),
            "start_time": "16:00",
            "end_time": "17:00",
            "room_id": room.pk,
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["slug"], body["status"], body["room"]["id"]) == ("closing-panel", "draft", room.pk)
    session = Session.objects.get(pk=body["id"])
    assert session.title_zh_hans == "闭幕圆桌"
    assert not session.is_visible()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"start_time": "10:00", "end_time": "09:00"}, "end_time", "after it starts"),
        ({"end_time": "09:00"}, "end_time", "start time"),
        ({"date": "2000-01-01"}, "date", "summit's days"),
        ({"room_id": "other-room"}, "room", "summit's own"),
        ({"kind": "party"}, "kind", "valid choice"),
        ({"start_time": "25:00"}, "start_time", "format"),
    ],
)
def test_session_write_breaking_a_model_rule_answers_400_with_message(editor, change, field, words):
    session = SessionFactory(status=PublishingStatus.DRAFT)
    if change.get("room_id") == "other-room":
        change = {"room_id": RoomFactory().pk}

    response = token_client(editor).patch(f"{API}/sessions/{session.pk}/", change, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert words in error_text(response)
    session.refresh_from_db()
    assert session.version == 1


def test_session_create_with_duplicate_slug_answers_400(editor):
    existing = SessionFactory(status=PublishingStatus.DRAFT)

    response = token_client(editor).post(
        f"{API}/sessions/",
        {
            "summit": existing.summit.pk,
            "slug": existing.slug,
            "title_en": "Another",
            "kind": "forum",
            "date": existing.date.isoformat(),
        },
        format="json",
    )

    assert response.status_code == 400
    assert "unique" in error_text(response)


def test_editor_cannot_publish_a_session(editor):
    session = SessionFactory(status=PublishingStatus.DRAFT)

    response = token_client(editor).patch(
        f"{API}/sessions/{session.pk}/", {"status": "published"}, format="json"
    )

    assert response.status_code == 403
    assert "publish" in response.json()["detail"].lower()
    session.refresh_from_db()
    assert session.status == PublishingStatus.DRAFT


def test_publisher_publishes_a_session_and_anonymous_then_sees_it(api, publisher):
    session = SessionFactory(status=PublishingStatus.IN_REVIEW)

    response = token_client(publisher).patch(
        f"{API}/sessions/{session.pk}/", {"status": "published"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert ids(api.get(f"{API}/sessions/")) == [session.pk]


def test_session_patch_with_stale_if_match_answers_412(editor):
    session = SessionFactory(status=PublishingStatus.DRAFT)
    client = token_client(editor)
    etag = client.get(f"{API}/sessions/{session.pk}/")["ETag"]
    client.patch(f"{API}/sessions/{session.pk}/", {"order": 3}, format="json")

    response = client.patch(
        f"{API}/sessions/{session.pk}/", {"order": 4}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 412
    session.refresh_from_db()
    assert session.order == 3


def test_person_create_without_any_name_answers_400(editor):
    response = token_client(editor).post(f"{API}/people/", {"position_en": "CEO"}, format="json")

    assert response.status_code == 400
    assert "script" in error_text(response)


def test_person_create_from_chinese_name_gets_pinyin_slug(editor):
    response = token_client(editor).post(
        f"{API}/people/", {"family_name_zh": "谭", "given_name_zh": "建荣"}, format="json"
    )

    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "tan-jianrong"
    assert response.json()["name"] == "谭建荣"


def test_photo_upload_records_its_size(editor):
    summit = SummitFactory()

    response = token_client(editor).post(
        f"{API}/photos/",
        {"summit": summit.pk, "image": jpeg_upload(size=(40, 30)), "credit_en": "Test Desk"},
        format="multipart",
    )

    assert response.status_code == 201, response.content
    assert (response.json()["width"], response.json()["height"]) == (40, 30)
    assert Photo.objects.get().width == 40


def test_photo_upload_of_a_non_image_answers_400(editor):
    summit = SummitFactory()
    fake = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")

    response = token_client(editor).post(
        f"{API}/photos/",
        {"summit": summit.pk, "image": fake, "credit_en": "Test Desk"},
        format="multipart",
    )

    assert response.status_code == 400
    assert "image" in response.json()
    assert not Photo.objects.exists()


def test_photo_upload_without_credit_answers_400(editor):
    summit = SummitFactory()

    response = token_client(editor).post(
        f"{API}/photos/", {"summit": summit.pk, "image": jpeg_upload()}, format="multipart"
    )

    assert response.status_code == 400
    assert "credit" in error_text(response)


def test_summit_create_with_end_before_start_answers_400(publisher):
    response = token_client(publisher).post(
        f"{API}/summits/",
        {
            "year": 2199,
            "title_en": "Backwards",
            "start_date": "2199-06-02",
            "end_date": "2199-06-01",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "end_date" in response.json()


def test_publisher_creates_a_published_summit_with_a_slug_from_its_year(api, publisher):
    response = token_client(publisher).post(
        f"{API}/summits/",
        {
            "year": 2198,
            "title_en": "Created Summit",
            "start_date": "2198-06-01",
            "end_date": "2198-06-02",
            "status": "published",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["slug"], body["organisations"], body["rooms"]) == ("2198", [], [])
    assert [item["title"] for item in results(api.get(f"{API}/summits/"))] == ["Created Summit"]


def test_summit_create_with_a_taken_year_answers_400(publisher):
    summit = SummitFactory()

    response = token_client(publisher).post(
        f"{API}/summits/",
        {
            "year": summit.year,
            "title_en": "Twin",
            "start_date": "2100-01-01",
            "end_date": "2100-01-01",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "year" in response.json()


def test_session_put_round_trip_by_editor_keeps_room_people_and_slug(editor):
    session = SessionFactory(status=PublishingStatus.DRAFT, room=None)
    session.room = RoomFactory(summit=session.summit)
    session.save()
    AppearanceFactory(session=session)
    client = token_client(editor)
    body = client.get(f"{API}/sessions/{session.pk}/").json()
    body["title_en"] = "Renamed session"

    response = client.put(f"{API}/sessions/{session.pk}/", body, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Renamed session"
    assert response.json()["room"]["id"] == session.room.pk
    assert len(response.json()["appearances"]) == 1
    session.refresh_from_db()
    assert (session.title_en, session.slug, session.version) == ("Renamed session", body["slug"], 3)


def test_editor_creates_a_release_in_a_session(editor):
    session = SessionFactory()
    client = token_client(editor)

    release = client.post(
        f"{API}/releases/",
        {
            "summit": session.summit.pk,
            "session_id": session.pk,
            "title_zh_hans": "工业互联网报告",
            "kind": "report",
            "release_date": "2100-06-01",
        },
        format="json",
    )

    assert release.status_code == 201, release.content
    assert release.json()["slug"] == "gongyehulianwangbaogao"
    assert release.json()["session"]["id"] == session.pk


def test_release_in_a_session_of_another_edition_answers_400(editor):
    session = SessionFactory()

    response = token_client(editor).post(
        f"{API}/releases/",
        {"summit": SummitFactory().pk, "session_id": session.pk, "title_en": "X", "kind": "list"},
        format="json",
    )

    assert response.status_code == 400
    assert "session" in response.json()


# --- Query counts: flat as the page grows -----------------------------------------------------


def build_summits(count):
    for _number in range(count):
        summit = SummitFactory(source=SourceFactory())
        SummitOrganisation.objects.create(
            summit=summit, organisation=OrganisationFactory(), role=SummitRole.ORGANISER
        )
        RoomFactory.create_batch(2, summit=summit)
        TrackFactory(summit=summit)


def build_sessions(count):
    summit = SummitFactory()
    room, track = RoomFactory(summit=summit), TrackFactory(summit=summit)
    for _number in range(count):
        session = SessionFactory(summit=summit, room=room, track=track, source=SourceFactory())
        for _person in range(2):
            AppearanceFactory(
                session=session, person=PersonFactory(affiliation=OrganisationFactory())
            )


def build_people(count):
    for _number in range(count):
        PersonFactory(affiliation=OrganisationFactory(), source=SourceFactory())


def build_releases(count):
    summit = SummitFactory()
    for _number in range(count):
        ReleaseFactory(summit=summit, session=SessionFactory(summit=summit), source=SourceFactory())


def build_photos(count):
    summit = SummitFactory()
    for _number in range(count):
        PhotoFactory(summit=summit, session=SessionFactory(summit=summit))


BUILDERS = {
    "summits": build_summits,
    "sessions": build_sessions,
    "people": build_people,
    "releases": build_releases,
    "photos": build_photos,
}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_query_count_does_not_grow_with_rows(api, endpoint):
    url = f"{API}/{endpoint}/?page_size=100"
    BUILDERS[endpoint](2)
    few_queries, few = count_queries(api, url)

    BUILDERS[endpoint](18)
    many_queries, many = count_queries(api, url)

    assert few["count"] == 2
    assert many["count"] == 20
    assert many_queries == few_queries


@pytest.mark.parametrize("endpoint", ["sessions", "people"])
def test_list_query_count_flat_for_editor(editor, endpoint):
    client = token_client(editor)
    url = f"{API}/{endpoint}/?page_size=100"
    BUILDERS[endpoint](2)
    few_queries, _few = count_queries(client, url)

    BUILDERS[endpoint](18)
    many_queries, many = count_queries(client, url)

    assert many["count"] == 20
    assert many_queries == few_queries


def test_session_list_nests_every_appearance_within_the_flat_count(api):
    build_sessions(20)

    with CaptureQueriesContext(connection) as queries:
        items = results(api.get(f"{API}/sessions/?page_size=100"))

    assert len(items) == 20
    assert all(len(item["appearances"]) == 2 for item in items)
    assert all(a["person"]["affiliation"] for item in items for a in item["appearances"])
    assert len(queries) <= 6
