"""factory_boy factories for the summit app. Everything they make is synthetic test data.

Editions start at the year 2100, well clear of the seed's real editions. Photo factories write a
small generated image to ``MEDIA_ROOT``: point it at a temporary folder in tests that create them.
"""

import datetime

import factory

from pazhou.models import PublishingStatus
from pazhou.testing.factories import OrganisationFactory
from summit.models import (
    Appearance,
    AppearanceRole,
    Person,
    Photo,
    Release,
    ReleaseKind,
    Room,
    Session,
    SessionKind,
    Summit,
    Track,
)


class SummitFactory(factory.django.DjangoModelFactory):
    """A published two-day edition in a synthetic year from 2100 on."""

    class Meta:
        model = Summit

    year = factory.Sequence(lambda n: 2100 + n)
    title_en = factory.LazyAttribute(lambda o: f"Test Summit {o.year}")
    title_zh_hans = factory.LazyAttribute(lambda o: f"测试峰会{o.year}")
    start_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 6, 1))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=1))
    status = PublishingStatus.PUBLISHED


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    summit = factory.SubFactory(SummitFactory)
    name_en = factory.Sequence(lambda n: f"Test Room {n}")
    name_zh_hans = factory.Sequence(lambda n: f"测试会议室{n}")


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    summit = factory.SubFactory(SummitFactory)
    name_en = factory.Sequence(lambda n: f"Test Track {n}")
    name_zh_hans = factory.Sequence(lambda n: f"测试专题{n}")


class SessionFactory(factory.django.DjangoModelFactory):
    """A published session on the edition's first day, untimed unless times are given."""

    class Meta:
        model = Session

    summit = factory.SubFactory(SummitFactory)
    title_en = factory.Sequence(lambda n: f"Test Session {n}")
    title_zh_hans = factory.Sequence(lambda n: f"测试会议{n}")
    kind = SessionKind.KEYNOTE
    date = factory.LazyAttribute(lambda o: o.summit.start_date)
    start_time = None
    end_time = None
    status = PublishingStatus.PUBLISHED


class PersonFactory(factory.django.DjangoModelFactory):
    """A published person with a synthetic Latin-script name: "Testfamily Given 3"."""

    class Meta:
        model = Person

    family_name_en = "Testfamily"
    given_name_en = factory.Sequence(lambda n: f"Given {n}")
    status = PublishingStatus.PUBLISHED


class AppearanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appearance

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    role = AppearanceRole.SPEAKER


class ReleaseFactory(factory.django.DjangoModelFactory):
    """A published report released at an edition, in no particular session."""

    class Meta:
        model = Release

    summit = factory.SubFactory(SummitFactory)
    session = None
    title_en = factory.Sequence(lambda n: f"Test Report {n}")
    title_zh_hans = factory.Sequence(lambda n: f"测试报告{n}")
    kind = ReleaseKind.REPORT
    publisher = factory.SubFactory(OrganisationFactory)
    status = PublishingStatus.PUBLISHED


class PhotoFactory(factory.django.DjangoModelFactory):
    """A published photo: a small generated image with a synthetic credit."""

    class Meta:
        model = Photo

    summit = factory.SubFactory(SummitFactory)
    session = None
    image = factory.django.ImageField(filename="test-photo.jpg", width=32, height=24)
    caption_en = factory.Sequence(lambda n: f"Test photo {n}")
    credit_en = "Test Photo Desk"
    status = PublishingStatus.PUBLISHED
