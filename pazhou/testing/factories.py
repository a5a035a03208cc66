"""factory_boy factories for the shared core. Everything they make is synthetic test data."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from pazhou.models import (
    AliasKind,
    Comparator,
    DatePrecision,
    Direction,
    Figure,
    FigureKind,
    Indicator,
    Milestone,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    Place,
    PlaceKind,
    Plan,
    PlanRelation,
    Presence,
    PresenceKind,
    PublishingStatus,
    Source,
    Unit,
)
from pazhou.roles import EDITOR_GROUP, PUBLISHER_GROUP


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"test-source-{n}")
    citation = factory.Sequence(lambda n: f"Test source {n} (synthetic)")


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A published organisation with a synthetic name in both languages."""

    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Test Company {n}")
    name_zh_hans = factory.Sequence(lambda n: f"测试公司{n}")
    kind = OrganisationKind.COMPANY
    status = PublishingStatus.PUBLISHED


class OrganisationAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationAlias

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Test Alias {n}")
    kind = AliasKind.SHORT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("a-test-password-1")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))


def editor_user(**kwargs):
    return UserFactory(groups=[EDITOR_GROUP], **kwargs)


def publisher_user(**kwargs):
    return UserFactory(groups=[PUBLISHER_GROUP], **kwargs)


# --- District plans: synthetic plans, places, indicators, figures, presences, milestones ----------


class PlanFactory(factory.django.DjangoModelFactory):
    """A published plan with a synthetic title in both languages, adopted in a year."""

    class Meta:
        model = Plan

    title_en = factory.Sequence(lambda n: f"Test Plan {n}")
    title_zh_hans = factory.Sequence(lambda n: f"测试规划{n}")
    adopted_on = datetime.date(2010, 1, 1)
    adopted_on_precision = DatePrecision.YEAR
    source = factory.SubFactory(SourceFactory)
    status = PublishingStatus.PUBLISHED


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name_en = factory.Sequence(lambda n: f"Test Place {n}")
    name_zh_hans = factory.Sequence(lambda n: f"测试地点{n}")
    kind = PlaceKind.AREA
    status = PublishingStatus.PUBLISHED


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A published indicator of a place, counted in yuan, higher is better, with no plan."""

    class Meta:
        model = Indicator

    name_en = factory.Sequence(lambda n: f"Test Indicator {n}")
    name_zh_hans = factory.Sequence(lambda n: f"测试指标{n}")
    unit = Unit.YUAN
    place = factory.SubFactory(PlaceFactory)
    direction = Direction.HIGHER_IS_BETTER
    status = PublishingStatus.PUBLISHED


class PlanIndicatorFactory(IndicatorFactory):
    """An indicator that a plan sets, so that it can carry targets."""

    plan = factory.SubFactory(PlanFactory)
    plan_relation = PlanRelation.SET_BY_PLAN


class FigureFactory(factory.django.DjangoModelFactory):
    """A published measurement, by year, with a source."""

    class Meta:
        model = Figure

    indicator = factory.SubFactory(IndicatorFactory)
    kind = FigureKind.MEASUREMENT
    comparator = Comparator.EXACTLY
    value = Decimal("100")
    date = datetime.date(2020, 1, 1)
    date_precision = DatePrecision.YEAR
    source = factory.SubFactory(SourceFactory)
    status = PublishingStatus.PUBLISHED


class TargetFactory(FigureFactory):
    """A target of a plan-set indicator: 200 by 2030, from a baseline of 100 in 2020."""

    indicator = factory.SubFactory(PlanIndicatorFactory)
    kind = FigureKind.TARGET
    value = Decimal("200")
    date = datetime.date(2030, 1, 1)
    baseline_value = Decimal("100")
    baseline_date = datetime.date(2020, 1, 1)
    baseline_date_precision = DatePrecision.YEAR


class PresenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presence

    organisation = factory.SubFactory(OrganisationFactory)
    place = factory.SubFactory(PlaceFactory)
    kind = PresenceKind.HEADQUARTERS_LEVEL_NOT_STATED
    source = factory.SubFactory(SourceFactory)
    status = PublishingStatus.PUBLISHED


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    title_en = factory.Sequence(lambda n: f"Test Milestone {n}")
    title_zh_hans = factory.Sequence(lambda n: f"测试里程碑{n}")
    date = datetime.date(2021, 1, 1)
    date_precision = DatePrecision.YEAR
    plan = factory.SubFactory(PlanFactory)
    status = PublishingStatus.PUBLISHED
