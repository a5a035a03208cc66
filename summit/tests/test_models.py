"""Behaviour of the summit models: gating, slugs and validation."""

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from PIL import Image

from pazhou.models import PublishingStatus
from summit.models import (
    MAX_PHOTO_BYTES,
    Person,
    Photo,
    Release,
    Session,
    Summit,
    validate_photo_size,
)
from summit.tests.factories import (
    PersonFactory,
    PhotoFactory,
    ReleaseFactory,
    RoomFactory,
    SessionFactory,
    SummitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded test images go to a throwaway folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="JPEG")
    return buffer.getvalue()


# Gating: children are seen only when their edition is.

PAST = datetime.timedelta(days=1)


def hidden_summit_states():
    now = timezone.now()
    return {
        "draft": {"status": PublishingStatus.DRAFT},
        "in review": {"status": PublishingStatus.IN_REVIEW},
        "scheduled": {"status": PublishingStatus.PUBLISHED, "publish_at": now + PAST},
        "expired": {"status": PublishingStatus.PUBLISHED, "unpublish_at": now - PAST},
    }


@pytest.mark.parametrize("state", ["draft", "in review", "scheduled", "expired"])
def test_children_invisible_when_summit_is_not_live(state):
    summit = SummitFactory(**hidden_summit_states()[state])
    session = SessionFactory(summit=summit)
    release = ReleaseFactory(summit=summit)
    photo = PhotoFactory(summit=summit)
    assert not Summit.objects.visible().filter(pk=summit.pk).exists()
    assert not Session.objects.visible().filter(pk=session.pk).exists()
    assert not Release.objects.visible().filter(pk=release.pk).exists()
    assert not Photo.objects.visible().filter(pk=photo.pk).exists()
    assert not session.is_visible()


def test_children_visible_when_summit_and_children_are_live():
    summit = SummitFactory(publish_at=timezone.now() - PAST)
    session = SessionFactory(summit=summit)
    release = ReleaseFactory(summit=summit, session=session)
    photo = PhotoFactory(summit=summit, session=session)
    assert list(Session.objects.visible()) == [session]
    assert list(Release.objects.visible()) == [release]
    assert list(Photo.objects.visible()) == [photo]


def test_session_invisible_when_itself_draft_under_live_summit():
    session = SessionFactory(status=PublishingStatus.DRAFT)
    assert session.summit.is_visible()
    assert not Session.objects.visible().filter(pk=session.pk).exists()


def test_release_invisible_when_its_session_is_draft():
    summit = SummitFactory()
    session = SessionFactory(summit=summit, status=PublishingStatus.DRAFT)
    release = ReleaseFactory(summit=summit, session=session)
    assert not Release.objects.visible().filter(pk=release.pk).exists()


def test_photo_invisible_when_its_session_is_draft():
    summit = SummitFactory()
    session = SessionFactory(summit=summit, status=PublishingStatus.DRAFT)
    photo = PhotoFactory(summit=summit, session=session)
    assert not Photo.objects.visible().filter(pk=photo.pk).exists()


def test_release_without_session_gated_by_summit_alone():
    live = ReleaseFactory(session=None)
    hidden = ReleaseFactory(session=None, summit=SummitFactory(status=PublishingStatus.DRAFT))
    assert list(Release.objects.visible()) == [live]
    assert not hidden.is_visible()


def test_release_embargo_hides_it_until_publish_at():
    release = ReleaseFactory(publish_at=timezone.now() + PAST)
    assert not release.is_visible()
    assert release.is_visible(now=timezone.now() + 2 * PAST)


# Slugs.


def test_person_slug_from_chinese_name_is_pinyin_family_name_first():
    person = Person.objects.create(family_name_zh="柴", given_name_zh="天佑")
    assert person.slug == "chai-tianyou"


def test_person_slug_collision_gets_a_number():
    Person.objects.create(family_name_zh="柴", given_name_zh="天佑")
    second = Person.objects.create(family_name_zh="柴", given_name_zh="天佑")
    third = Person.objects.create(family_name_en="Chai", given_name_en="Tianyou")
    assert second.slug == "chai-tianyou-2"
    assert third.slug == "chai-tianyou-3"


def test_person_slug_from_latin_only_names():
    person = Person.objects.create(family_name_en="Lv", given_name_en="Nengxing")
    assert person.slug == "lv-nengxing"


def test_person_slug_prefers_chinese_name_over_latin():
    person = Person.objects.create(
        family_name_zh="曾", given_name_zh="国藩", family_name_en="Tseng", given_name_en="Kuo-fan"
    )
    assert person.slug == "zeng-guofan"


def test_person_slug_kept_when_names_change():
    person = Person.objects.create(family_name_zh="柴", given_name_zh="天佑")
    person.given_name_en = "Tianyou"
    person.save()
    person.refresh_from_db()
    assert person.slug == "chai-tianyou"


def test_session_slug_unique_within_summit():
    summit = SummitFactory()
    first = SessionFactory(summit=summit, title_en="Opening Ceremony")
    second = SessionFactory(summit=summit, title_en="Opening Ceremony")
    assert first.slug == "opening-ceremony"
    assert second.slug == "opening-ceremony-2"


def test_session_slug_same_in_another_summit():
    first = SessionFactory(title_en="Opening Ceremony")
    other = SessionFactory(title_en="Opening Ceremony")
    assert first.summit != other.summit
    assert first.slug == other.slug == "opening-ceremony"


def test_session_slug_from_chinese_title_when_no_english():
    session = SessionFactory(title_en="", title_zh_hans="开幕式")
    assert session.slug == "kaimushi"


def test_session_duplicate_slug_refused_within_summit():
    summit = SummitFactory()
    SessionFactory(summit=summit, slug="keynote")
    duplicate = SessionFactory.build(summit=summit, slug="keynote")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert NON_FIELD_ERRORS in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_summit_slug_made_from_year():
    assert SummitFactory(year=2150).slug == "2150"


# Session validation.


def session_errors(**fields):
    with pytest.raises(ValidationError) as excinfo:
        SessionFactory.build(**fields).full_clean()
    return excinfo.value.message_dict


def test_session_full_clean_refuses_end_before_start():
    summit = SummitFactory()
    errors = session_errors(
        summit=summit, start_time=datetime.time(10, 0), end_time=datetime.time(9, 30)
    )
    assert errors["end_time"] == ["The session must end after it starts."]


def test_session_full_clean_refuses_end_equal_to_start():
    summit = SummitFactory()
    errors = session_errors(
        summit=summit, start_time=datetime.time(10, 0), end_time=datetime.time(10, 0)
    )
    assert "end_time" in errors


def test_session_full_clean_refuses_end_without_start():
    errors = session_errors(summit=SummitFactory(), end_time=datetime.time(9, 30))
    assert errors["end_time"] == ["Give the start time too, or neither."]


def test_session_full_clean_refuses_date_outside_summit_days():
    summit = SummitFactory()
    errors = session_errors(summit=summit, date=summit.end_date + datetime.timedelta(days=1))
    assert errors["date"] == ["The date must fall within the summit's days."]


def test_session_full_clean_refuses_room_of_another_summit():
    summit = SummitFactory()
    errors = session_errors(summit=summit, room=RoomFactory())
    assert errors["room"] == ["Choose one of this summit's own."]


def test_session_full_clean_accepts_untimed_session_on_last_day():
    summit = SummitFactory()
    SessionFactory.build(
        summit=summit, date=summit.end_date, room=RoomFactory(summit=summit)
    ).full_clean()


def test_session_is_timed_only_with_a_start_time():
    assert not SessionFactory.build(summit=SummitFactory()).is_timed
    assert SessionFactory.build(summit=SummitFactory(), start_time=datetime.time(9)).is_timed


# Summit validation.


def test_summit_full_clean_refuses_unknown_time_zone():
    summit = SummitFactory.build(time_zone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as excinfo:
        summit.full_clean()
    assert excinfo.value.message_dict["time_zone"] == ["Unknown time zone."]


def test_summit_full_clean_refuses_end_before_start():
    summit = SummitFactory.build(
        start_date=datetime.date(2160, 6, 2), end_date=datetime.date(2160, 6, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        summit.full_clean()
    assert excinfo.value.message_dict["end_date"] == ["The last day cannot be before the first."]


def test_summit_zone_is_its_time_zone():
    assert SummitFactory.build().zone.key == "Asia/Shanghai"


# Photo validation.


def photo_with_upload(upload):
    return Photo(summit=SummitFactory(), image=upload, credit_en="Test Photo Desk")


def test_photo_full_clean_accepts_a_jpeg():
    photo = photo_with_upload(SimpleUploadedFile("stage.jpg", jpeg_bytes(), "image/jpeg"))
    photo.full_clean()


@pytest.mark.parametrize("name", ["notes.txt", "stage.jpg"])
def test_photo_full_clean_refuses_text_content(name):
    photo = photo_with_upload(SimpleUploadedFile(name, b"not an image", "text/plain"))
    with pytest.raises(ValidationError) as excinfo:
        photo.full_clean()
    assert "image" in excinfo.value.message_dict


def test_validate_photo_size_refuses_too_large_image():
    with pytest.raises(ValidationError) as excinfo:
        validate_photo_size(SimpleNamespace(size=MAX_PHOTO_BYTES + 1024 * 1024))
    assert excinfo.value.messages == ["The photo is 11.0 MB; the limit is 10 MB."]


def test_validate_photo_size_accepts_image_at_the_limit():
    validate_photo_size(SimpleNamespace(size=MAX_PHOTO_BYTES))


def test_photo_str_falls_back_to_file_name():
    photo = PhotoFactory(caption_en="", caption_zh_hans="")
    assert str(photo).startswith("photos/test-photo")


# People.


def test_person_full_clean_refuses_no_name_in_either_script():
    with pytest.raises(ValidationError) as excinfo:
        Person(honorifics_en="Academician").full_clean()
    assert excinfo.value.message_dict[NON_FIELD_ERRORS] == ["Give the name in at least one script."]


def test_person_full_clean_accepts_chinese_name_only():
    Person(family_name_zh="柴", given_name_zh="天佑").full_clean()


def test_person_display_name_in_each_language():
    person = PersonFactory.build(
        family_name_en="Chai", given_name_en="Tianyou", family_name_zh="柴", given_name_zh="天佑"
    )
    assert person.display_name("en") == "Chai Tianyou"
    assert person.display_name("zh-hans") == "柴天佑"


def test_person_display_name_falls_back_across_scripts():
    chinese_only = Person(family_name_zh="柴", given_name_zh="天佑")
    latin_only = Person(family_name_en="Lv", given_name_en="Nengxing")
    assert chinese_only.display_name("en") == "柴天佑"
    assert latin_only.display_name("zh-hans") == "Lv Nengxing"
    assert str(chinese_only) == "柴天佑"
