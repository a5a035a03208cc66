"""The summit admin, for Editors and Publishers: lists, forms, inlines and clash warnings."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pazhou.models import PublishingStatus
from pazhou.testing.factories import OrganisationFactory
from summit.models import Appearance, Person, Session, SessionKind
from summit.services import session_conflicts
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

SESSIONS = reverse("admin:summit_session_changelist")
SESSION_ADD = reverse("admin:summit_session_add")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded test images go to a throwaway folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def at(hour, minute=0):
    return datetime.time(hour, minute)


def change_url(obj):
    return reverse(f"admin:summit_{obj._meta.model_name}_change", args=[obj.pk])


def session_form_data(*, summit, people=(), **overrides):
    """The POST body of the session form, with one appearance row per person."""
    data = {
        "summit": summit.pk,
        "title_en": "Synthetic Keynote",
        "title_zh_hans": "合成主旨演讲",
        "slug": "",
        "kind": SessionKind.KEYNOTE,
        "language": "",
        "abstract_en": "",
        "abstract_zh_hans": "",
        "date": summit.start_date.isoformat(),
        "start_time": "",
        "end_time": "",
        "order": "0",
        "room": "",
        "track": "",
        "source": "",
        "status": PublishingStatus.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "appearances-TOTAL_FORMS": str(len(people)),
        "appearances-INITIAL_FORMS": "0",
        "appearances-MIN_NUM_FORMS": "0",
        "appearances-MAX_NUM_FORMS": "1000",
    }
    for index, person in enumerate(people):
        data.update(
            {
                f"appearances-{index}-person": person.pk,
                f"appearances-{index}-role": "speaker",
                f"appearances-{index}-talk_title_en": "",
                f"appearances-{index}-talk_title_zh_hans": "",
                f"appearances-{index}-order": "0",
            }
        )
    data.update(overrides)
    return data


def warnings_on(response):
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


# Lists.


def test_session_changelist_filters_by_summit_and_kind(client, editor):
    summit, other_summit = SummitFactory(), SummitFactory()
    panel = SessionFactory(summit=summit, title_en="Panel On Robots", kind=SessionKind.PANEL)
    keynote = SessionFactory(summit=summit, title_en="Keynote On Twins", kind=SessionKind.KEYNOTE)
    elsewhere = SessionFactory(summit=other_summit, title_en="Panel Elsewhere", kind="panel")
    client.force_login(editor)

    page = client.get(SESSIONS, {"summit__id__exact": summit.pk}).content.decode()
    assert "Panel On Robots" in page
    assert "Keynote On Twins" in page
    assert "Panel Elsewhere" not in page

    page = client.get(SESSIONS, {"summit__id__exact": summit.pk, "kind__exact": "panel"})
    html = page.content.decode()
    assert change_url(panel) in html
    assert change_url(keynote) not in html
    assert change_url(elsewhere) not in html


def test_session_changelist_filters_by_room_and_status(client, editor):
    summit = SummitFactory()
    hall = RoomFactory(summit=summit, name_en="Hall Filtered")
    in_hall = SessionFactory(summit=summit, room=hall, title_en="In The Hall")
    draft = SessionFactory(summit=summit, title_en="Still A Draft", status="draft")
    client.force_login(editor)

    html = client.get(SESSIONS, {"room__id__exact": hall.pk}).content.decode()
    assert change_url(in_hall) in html
    assert change_url(draft) not in html

    html = client.get(SESSIONS, {"status__exact": "draft"}).content.decode()
    assert change_url(draft) in html
    assert change_url(in_hall) not in html


def test_session_changelist_search_finds_either_language(client, editor):
    summit = SummitFactory()
    opening = SessionFactory(summit=summit, title_en="Grand Opening", title_zh_hans="开幕式")
    forum = SessionFactory(summit=summit, title_en="Data Forum", title_zh_hans="数据论坛")
    client.force_login(editor)
    for term, expected, other in [
        ("opening", opening, forum),
        ("开幕", opening, forum),
        ("開幕", opening, forum),  # Traditional script is normalised to Simplified.
        ("数据", forum, opening),
    ]:
        html = client.get(SESSIONS, {"q": term}).content.decode()
        assert change_url(expected) in html, term
        assert change_url(other) not in html, term


def test_session_changelist_shows_columns_and_publishing_state(client, editor):
    summit = SummitFactory(title_en="Column Summit")
    room = RoomFactory(summit=summit, name_en="Column Hall")
    SessionFactory(
        summit=summit,
        title_en="Column Session",
        room=room,
        start_time=at(9, 30),
        status=PublishingStatus.IN_REVIEW,
    )
    client.force_login(editor)
    html = client.get(SESSIONS).content.decode()
    assert "Column Session" in html
    assert "Column Summit" in html
    assert "Column Hall" in html
    assert "in review" in html
    assert "9:30" in html


def test_session_changelist_date_hierarchy_narrows_to_a_day(client, editor):
    summit = SummitFactory()
    first = SessionFactory(summit=summit, date=summit.start_date, title_en="Day One Talk")
    second = SessionFactory(summit=summit, date=summit.end_date, title_en="Day Two Talk")
    client.force_login(editor)
    day = summit.end_date
    html = client.get(
        SESSIONS, {"date__year": day.year, "date__month": day.month, "date__day": day.day}
    ).content.decode()
    assert change_url(second) in html
    assert change_url(first) not in html


def test_person_changelist_search_finds_names_in_both_scripts(client, editor):
    chai = PersonFactory(
        family_name_en="Chai",
        given_name_en="Tianyou",
        family_name_zh="柴",
        given_name_zh="天佑",
        honorifics_en="Academician of the Chinese Academy of Engineering",
    )
    other = PersonFactory()
    client.force_login(editor)
    url = reverse("admin:summit_person_changelist")
    for term in ["chai", "天佑", "柴天佑", "academician"]:
        html = client.get(url, {"q": term}).content.decode()
        assert change_url(chai) in html, term
        assert change_url(other) not in html, term


def test_person_changelist_shows_name_affiliation_and_state(client, editor):
    company = OrganisationFactory(name_en="Affiliated Test Co")
    PersonFactory(
        family_name_en="Chai",
        given_name_en="Tianyou",
        family_name_zh="柴",
        given_name_zh="天佑",
        affiliation=company,
    )
    client.force_login(editor)
    html = client.get(reverse("admin:summit_person_changelist")).content.decode()
    assert "柴天佑 (Chai Tianyou)" in html
    assert "Affiliated Test Co" in html
    assert "live" in html


def test_person_autocomplete_answers_session_inline(client, editor):
    person = PersonFactory(family_name_en="Autocompleted", given_name_en="Speaker")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "autocompleted",
            "app_label": "summit",
            "model_name": "appearance",
            "field_name": "person",
        },
    )
    assert [r["id"] for r in response.json()["results"]] == [str(person.pk)]


def test_photo_changelist_shows_credit(client, editor):
    PhotoFactory(caption_en="Stage At Dusk", credit_en="Synthetic Photo Desk")
    client.force_login(editor)
    html = client.get(reverse("admin:summit_photo_changelist")).content.decode()
    assert "Stage At Dusk" in html
    assert "Synthetic Photo Desk" in html


def test_summit_changelist_shows_publishing_state(client, editor):
    SummitFactory(title_en="Drafted Edition", status=PublishingStatus.DRAFT)
    client.force_login(editor)
    html = client.get(reverse("admin:summit_summit_changelist")).content.decode()
    assert "Drafted Edition" in html
    assert "draft" in html


def test_release_changelist_lists_releases(client, editor):
    ReleaseFactory(title_en="Synthetic Top 100 List")
    client.force_login(editor)
    html = client.get(reverse("admin:summit_release_changelist")).content.decode()
    assert "Synthetic Top 100 List" in html


# Forms and inlines.


def test_summit_change_form_renders_every_inline(client, publisher):
    summit = SummitFactory()
    RoomFactory(summit=summit, name_en="Inline Hall")
    TrackFactory(summit=summit, name_en="Inline Track")
    ReleaseFactory(summit=summit, title_en="Inline Report")
    PhotoFactory(summit=summit, caption_en="Inline Photo")
    client.force_login(publisher)
    html = client.get(change_url(summit)).content.decode()
    for prefix in ["summitorganisation_set", "rooms", "tracks", "releases", "photos"]:
        assert f'name="{prefix}-TOTAL_FORMS"' in html, prefix
    assert 'value="Inline Hall"' in html
    assert 'value="Inline Track"' in html
    assert 'value="Inline Report"' in html
    assert 'name="title_zh_hans"' in html
    assert 'name="rooms-0-name_zh_hans"' in html
    assert "View on site" in html


def test_summit_add_form_renders_empty_inlines(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:summit_summit_add")).content.decode()
    assert 'name="rooms-TOTAL_FORMS" value="0"' in html
    assert 'name="releases-TOTAL_FORMS" value="0"' in html
    assert 'name="time_zone"' in html


def test_session_add_form_renders_appearance_inline(client, editor):
    client.force_login(editor)
    html = client.get(SESSION_ADD).content.decode()
    assert 'name="appearances-TOTAL_FORMS"' in html
    assert 'name="title_en"' in html
    assert 'name="title_zh_hans"' in html
    assert 'name="start_time"' in html


def test_session_change_form_lists_its_people_and_own_rooms_only(client, editor):
    summit = SummitFactory()
    own = RoomFactory(summit=summit, name_en="Own Hall")
    foreign = RoomFactory(name_en="Foreign Hall")
    session = SessionFactory(summit=summit, room=own, status=PublishingStatus.DRAFT)
    AppearanceFactory(session=session, person=PersonFactory(given_name_en="Listed"))
    client.force_login(editor)
    html = client.get(change_url(session)).content.decode()
    assert 'name="appearances-0-person"' in html
    assert "Testfamily Listed" in html
    assert "Own Hall" in html
    assert "Foreign Hall" not in html
    assert foreign.summit != summit


def test_editor_sees_no_published_status_option_for_sessions(client, editor):
    client.force_login(editor)
    html = client.get(SESSION_ADD).content.decode()
    assert '<option value="review">' in html
    assert '<option value="published">' not in html
    assert 'name="publish_at_0"' not in html


def test_publisher_sees_published_status_option_for_sessions(client, publisher):
    client.force_login(publisher)
    html = client.get(SESSION_ADD).content.decode()
    assert '<option value="published">' in html
    assert 'name="publish_at_0"' in html


def test_editor_cannot_change_status_of_releases_and_photos_inline(client, editor):
    summit = SummitFactory()
    ReleaseFactory(summit=summit)
    PhotoFactory(summit=summit)
    client.force_login(editor)
    html = client.get(change_url(summit)).content.decode()
    assert 'name="releases-0-status"' not in html
    assert 'name="photos-0-status"' not in html
    assert '<option value="published">' not in html


def test_publisher_can_change_status_of_releases_inline(client, publisher):
    summit = SummitFactory()
    ReleaseFactory(summit=summit)
    client.force_login(publisher)
    html = client.get(change_url(summit)).content.decode()
    assert 'name="releases-0-status"' in html


def test_editor_adds_session_with_a_speaker(client, editor):
    summit = SummitFactory()
    person = PersonFactory()
    client.force_login(editor)
    response = client.post(
        SESSION_ADD, session_form_data(summit=summit, people=[person], status="review")
    )
    assert response.status_code == 302
    session = Session.objects.get(summit=summit)
    assert session.title_zh_hans == "合成主旨演讲"
    assert session.slug == "synthetic-keynote"
    assert session.status == PublishingStatus.IN_REVIEW
    assert list(Appearance.objects.filter(session=session).values_list("person", flat=True)) == [
        person.pk
    ]


def test_session_form_refuses_date_outside_the_summit(client, editor):
    summit = SummitFactory()
    client.force_login(editor)
    too_late = summit.end_date + datetime.timedelta(days=3)
    response = client.post(SESSION_ADD, session_form_data(summit=summit, date=too_late.isoformat()))
    assert "The date must fall within the summit" in response.content.decode()
    assert not Session.objects.filter(summit=summit).exists()


def test_photo_form_refuses_a_text_file(client, editor):
    summit = SummitFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:summit_photo_add"),
        {
            "summit": summit.pk,
            "session": "",
            "image": SimpleUploadedFile("notes.jpg", b"not an image", "image/jpeg"),
            "caption_en": "",
            "caption_zh_hans": "",
            "credit_en": "Test Photo Desk",
            "credit_zh_hans": "",
            "licence": "",
            "order": "0",
            "status": "draft",
        },
    )
    assert "Upload a valid image" in response.content.decode()
    assert not summit.photos.exists()


# Clash warnings.


def test_session_save_warns_when_room_and_time_overlap(client, publisher):
    summit = SummitFactory()
    hall = RoomFactory(summit=summit, name_en="Clash Hall")
    SessionFactory(
        summit=summit, room=hall, title_en="Earlier Talk", start_time=at(9), end_time=at(10)
    )
    client.force_login(publisher)
    response = client.post(
        SESSION_ADD,
        session_form_data(
            summit=summit, room=hall.pk, start_time="09:30", end_time="10:30", status="published"
        ),
        follow=True,
    )
    saved = Session.objects.get(summit=summit, title_en="Synthetic Keynote")
    assert saved.room == hall
    assert saved.status == PublishingStatus.PUBLISHED
    assert warnings_on(response) == [
        f"Room “Clash Hall” is also used by “Earlier Talk” (09:00–10:00) on "
        f"{summit.start_date.isoformat()}."
    ]
    assert "Earlier Talk" in response.content.decode()


def test_session_change_warns_when_moved_into_an_occupied_room(client, editor):
    summit = SummitFactory()
    hall = RoomFactory(summit=summit, name_en="Busy Hall")
    SessionFactory(summit=summit, room=hall, title_en="Resident", start_time=at(14))
    moving = SessionFactory(summit=summit, title_en="Mover", status="draft")
    client.force_login(editor)
    response = client.post(
        change_url(moving),
        session_form_data(
            summit=summit,
            title_en="Mover",
            slug=moving.slug,
            room=hall.pk,
            start_time="13:30",
            end_time="15:00",
        ),
        follow=True,
    )
    moving.refresh_from_db()
    assert moving.start_time == at(13, 30)
    assert moving.version == 2
    assert len(warnings_on(response)) == 1
    assert "Busy Hall" in warnings_on(response)[0]
    assert "Resident" in warnings_on(response)[0]


def test_session_save_warns_when_a_person_is_in_two_places(client, editor):
    summit = SummitFactory()
    person = PersonFactory(family_name_en="Busy", given_name_en="Speaker")
    other = SessionFactory(
        summit=summit,
        room=RoomFactory(summit=summit),
        title_en="Parallel Panel",
        start_time=at(9),
        end_time=at(11),
    )
    AppearanceFactory(session=other, person=person)
    client.force_login(editor)
    response = client.post(
        SESSION_ADD,
        session_form_data(
            summit=summit,
            people=[person],
            room=RoomFactory(summit=summit).pk,
            start_time="10:00",
            end_time="10:30",
        ),
        follow=True,
    )
    assert Session.objects.filter(summit=summit, title_en="Synthetic Keynote").exists()
    assert warnings_on(response) == [
        f"Busy Speaker also appears in “Parallel Panel” (09:00–11:00) on "
        f"{summit.start_date.isoformat()}."
    ]


def test_session_save_without_times_does_not_warn(client, editor):
    summit = SummitFactory()
    hall = RoomFactory(summit=summit)
    person = PersonFactory()
    timed = SessionFactory(summit=summit, room=hall, start_time=at(9), end_time=at(17))
    AppearanceFactory(session=timed, person=person)
    client.force_login(editor)
    response = client.post(
        SESSION_ADD, session_form_data(summit=summit, people=[person], room=hall.pk), follow=True
    )
    assert Session.objects.filter(summit=summit, title_en="Synthetic Keynote").exists()
    assert warnings_on(response) == []


def test_session_save_next_to_another_does_not_warn(client, editor):
    summit = SummitFactory()
    hall = RoomFactory(summit=summit)
    SessionFactory(summit=summit, room=hall, start_time=at(9), end_time=at(10))
    client.force_login(editor)
    response = client.post(
        SESSION_ADD,
        session_form_data(summit=summit, room=hall.pk, start_time="10:00", end_time="11:00"),
        follow=True,
    )
    assert Session.objects.filter(summit=summit, title_en="Synthetic Keynote").exists()
    assert warnings_on(response) == []


# The clash service itself.


def test_session_conflicts_ignore_other_rooms_days_and_summits():
    summit = SummitFactory()
    hall, annex = RoomFactory(summit=summit), RoomFactory(summit=summit)
    session = SessionFactory(summit=summit, room=hall, start_time=at(9), end_time=at(10))
    SessionFactory(summit=summit, room=annex, start_time=at(9), end_time=at(10))
    SessionFactory(
        summit=summit, room=hall, date=summit.end_date, start_time=at(9), end_time=at(10)
    )
    assert session_conflicts(session=session) == []


def test_session_conflicts_ignore_untimed_sessions_on_either_side():
    summit = SummitFactory()
    hall = RoomFactory(summit=summit)
    person = PersonFactory()
    untimed = SessionFactory(summit=summit, room=hall)
    timed = SessionFactory(summit=summit, room=hall, start_time=at(9), end_time=at(10))
    AppearanceFactory(session=untimed, person=person)
    AppearanceFactory(session=timed, person=person)
    assert session_conflicts(session=untimed) == []
    assert session_conflicts(session=timed) == []


def test_session_conflicts_treat_a_session_without_end_as_an_instant():
    summit = SummitFactory()
    hall = RoomFactory(summit=summit)
    open_ended = SessionFactory(summit=summit, room=hall, start_time=at(9, 30))
    SessionFactory(summit=summit, room=hall, title_en="Covering", start_time=at(9), end_time=at(10))
    SessionFactory(summit=summit, room=hall, title_en="Later", start_time=at(10), end_time=at(11))
    messages = session_conflicts(session=open_ended)
    assert len(messages) == 1
    assert "“Covering” (09:00–10:00)" in messages[0]


def test_session_conflicts_report_room_and_person_together():
    summit = SummitFactory()
    hall = RoomFactory(summit=summit, name_en="Double Hall")
    person = PersonFactory(family_name_en="Double", given_name_en="Booked")
    first = SessionFactory(summit=summit, room=hall, start_time=at(9), end_time=at(10))
    second = SessionFactory(summit=summit, room=hall, start_time=at(9), end_time=at(10))
    AppearanceFactory(session=first, person=person)
    AppearanceFactory(session=second, person=person, role="host")
    messages = session_conflicts(session=first)
    assert len(messages) == 2
    assert messages[0].startswith("Room “Double Hall”")
    assert messages[1].startswith("Double Booked also appears in")


def test_session_conflicts_count_draft_sessions_too():
    summit = SummitFactory()
    hall = RoomFactory(summit=summit)
    session = SessionFactory(summit=summit, room=hall, start_time=at(9), end_time=at(10))
    SessionFactory(summit=summit, room=hall, status="draft", start_time=at(9), end_time=at(10))
    assert len(session_conflicts(session=session)) == 1


def test_person_without_latin_name_is_listed_by_chinese_name(client, editor):
    person = Person.objects.create(family_name_zh="吕", given_name_zh="能兴", status="published")
    client.force_login(editor)
    html = client.get(reverse("admin:summit_person_changelist")).content.decode()
    assert "吕能兴" in html
    assert person.slug == "lv-nengxing"


def test_session_view_on_site_leads_to_its_public_page(client, editor):
    session = SessionFactory(title_en="Viewed On Site")
    client.force_login(editor)
    html = client.get(change_url(session)).content.decode()
    assert "View on site" in html
    content_type = ContentType.objects.get_for_model(Session)
    response = client.get(reverse("admin:view_on_site", args=[content_type.pk, session.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/summits/{session.summit.year}/sessions/viewed-on-site/")
