"""factory_boy factories for the rankings app. Everything they make is synthetic test data.

Editions start at the year 2100, well clear of the seed's real editions.
"""

import factory

from pazhou.models import PublishingStatus
from pazhou.testing.factories import OrganisationFactory
from rankings.models import Category, Edition, Entry, Series


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    name_en = factory.Sequence(lambda n: f"Test List {n}")
    name_zh_hans = factory.Sequence(lambda n: f"测试榜单{n}")
    status = PublishingStatus.PUBLISHED


class EditionFactory(factory.django.DjangoModelFactory):
    """A published, ranked edition in a synthetic year from 2100 on."""

    class Meta:
        model = Edition

    series = factory.SubFactory(SeriesFactory)
    year = factory.Sequence(lambda n: 2100 + n)
    title_en = factory.LazyAttribute(lambda o: f"{o.series.name_en} {o.year}")
    title_zh_hans = factory.LazyAttribute(lambda o: f"{o.series.name_zh_hans}{o.year}")
    is_ranked = True
    status = PublishingStatus.PUBLISHED


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    edition = factory.SubFactory(EditionFactory)
    name_en = factory.Sequence(lambda n: f"Test category {n}")
    name_zh_hans = factory.Sequence(lambda n: f"测试类别{n}")
    order = factory.Sequence(lambda n: n)


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    edition = factory.SubFactory(EditionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    rank = factory.Sequence(lambda n: n + 1)
