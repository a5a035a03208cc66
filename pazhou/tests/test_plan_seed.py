"""The district-plan seed facts (loader order 40): exactly what the report says, published,
citing the report, and never overwriting an editor's change on a rerun."""

import datetime
from decimal import Decimal

import pytest

from pazhou.models import (
    Comparator,
    CountedPresences,
    DatePrecision,
    Figure,
    FigureKind,
    Indicator,
    Milestone,
    Place,
    Plan,
    PlanRelation,
    Presence,
    PresenceKind,
    PublishingStatus,
)
from pazhou.registry import registry
from pazhou.seed import (
    PLAN_SLUG,
    SOURCE_SLUG,
    ZONE_SLUG,
    load_core_seed,
    load_plans_seed,
)
from pazhou.services import indicators_attach_facts, indicators_for_readers

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    load_core_seed()
    return load_plans_seed()


def snapshot():
    rows = {}
    for model in (Plan, Place, Indicator, Figure, Presence, Milestone):
        rows[model.__name__] = sorted(model.objects.values_list("pk", "version"))
    return rows


def test_plans_loader_is_registered_with_order_40():
    loader = next(item for item in registry.seed_loaders if item.load is load_plans_seed)
    assert loader.order == 40
    orders = [item.order for item in registry.seed_loaders]
    assert orders == sorted(orders)


def test_seed_creates_the_2016_plan_of_the_guangzhou_government(seeded):
    plan = Plan.objects.get(slug=PLAN_SLUG)
    assert plan.title_en == "Pazhou Internet Innovation Cluster Industrial Development Plan"
    assert not plan.title_zh_hans  # the report gives no Chinese title
    assert plan.issuer.slug == "guangzhou-municipal-government"
    assert plan.adopted_on == datetime.date(2016, 1, 1)
    assert plan.adopted_on_precision == DatePrecision.YEAR
    assert plan.legal_status == ""  # not stated
    assert plan.period_start_year is None and plan.period_end_year is None
    assert "new CBD core area" in plan.aims_en
    assert plan.source.slug == SOURCE_SLUG
    assert plan.is_visible()


def test_seed_places_have_no_tier_and_the_zone_no_chinese_name(seeded):
    places = {place.slug: place for place in Place.objects.all()}
    assert set(places) == {"haizhu-district", "pazhou", ZONE_SLUG}
    assert all(place.tier == "" for place in places.values())
    assert all(place.boundary is None for place in places.values())
    assert places["haizhu-district"].name_zh_hans == "海珠区"
    assert places["pazhou"].name_zh_hans == "琶洲"
    assert places["pazhou"].parent == places["haizhu-district"]
    assert not places[ZONE_SLUG].name_zh_hans
    assert places[ZONE_SLUG].parent is None
    layout = places["haizhu-district"].description_en
    assert "“1+X+N”" in layout and "the Report's proposal" in layout


def test_seed_indicators_are_reported_alongside_the_plan_never_set_by_it(seeded):
    indicators = {i.slug: i for i in Indicator.objects.all()}
    assert set(indicators) == {"revenue", "digital-economy-headquarters"}
    for indicator in indicators.values():
        assert indicator.place.slug == ZONE_SLUG
        assert indicator.plan.slug == PLAN_SLUG
        assert indicator.plan_relation == PlanRelation.REPORTED_ALONGSIDE
    assert indicators["digital-economy-headquarters"].counted_presences == (
        CountedPresences.ANY_HEADQUARTERS
    )


def test_seed_figures_are_two_claims_with_no_target(seeded):
    revenue = Figure.objects.get(indicator__slug="revenue")
    assert revenue.kind == FigureKind.CLAIM
    assert revenue.comparator == Comparator.MORE_THAN
    assert revenue.value == Decimal("400000000000")
    assert (revenue.date, revenue.date_precision) == (datetime.date(2022, 1, 1), "year")
    assert "2022 billion yuan in 4000" in revenue.note_en
    headquarters = Figure.objects.get(indicator__slug="digital-economy-headquarters")
    assert headquarters.kind == FigureKind.CLAIM
    assert headquarters.value == Decimal("50")
    assert headquarters.date == datetime.date(2023, 1, 1)
    assert Figure.objects.count() == 2
    assert not Figure.objects.filter(kind=FigureKind.TARGET).exists()
    assert all(figure.source.slug == SOURCE_SLUG for figure in Figure.objects.all())


def test_seed_progress_is_never_claimed_and_the_live_count_is_three(seeded):
    indicators = indicators_attach_facts(indicators=indicators_for_readers())
    assert all(indicator.progress is None for indicator in indicators)
    counted = next(i for i in indicators if i.counted_presences)
    assert counted.live_count.count == 3
    assert [o.slug for o in counted.live_count.organisations] == ["alibaba", "tencent", "vipshop"]


def test_seed_presences_are_headquarters_of_unstated_level_in_the_zone(seeded):
    presences = Presence.objects.select_related("organisation", "place")
    assert {p.organisation.slug for p in presences} == {"tencent", "alibaba", "vipshop"}
    for presence in presences:
        assert presence.place.slug == ZONE_SLUG
        assert presence.kind == PresenceKind.HEADQUARTERS_LEVEL_NOT_STATED
        assert presence.since is None
        assert presence.source.slug == SOURCE_SLUG
        assert "main headquarters" in presence.note_en


def test_seed_milestones_on_the_plan_and_on_haizhu_district(seeded):
    on_plan = Milestone.objects.get(plan__slug=PLAN_SLUG)
    assert (on_plan.date, on_plan.date_precision) == (datetime.date(2016, 1, 1), "year")
    assert on_plan.place is None
    on_district = Milestone.objects.filter(place__slug="haizhu-district").order_by("pk")
    assert [m.title_en for m in on_district] == [
        "2023 Pazhou Industrial Internet Summit held",
        "“Pazhou Industrial Internet Report” released at the summit",
    ]
    assert all(m.plan is None for m in on_district)
    assert all(m.date == datetime.date(2023, 5, 30) for m in on_district)
    assert Milestone.objects.count() == 3


def test_seed_publishes_everything(seeded):
    for model in (Plan, Place, Indicator, Figure, Presence, Milestone):
        assert model.objects.exclude(status=PublishingStatus.PUBLISHED).count() == 0
        assert model.objects.visible().count() == model.objects.count()


def test_seed_counts_what_it_created_and_a_rerun_creates_nothing(seeded):
    assert seeded == 14
    before = snapshot()
    assert load_plans_seed() == 0
    assert snapshot() == before


def test_seed_rerun_never_overwrites_or_restores_an_editors_change(seeded):
    plan = Plan.objects.get(slug=PLAN_SLUG)
    plan.title_zh_hans = "琶洲互联网创新集聚区产业发展规划（编辑填写）"
    plan.legal_status = "in_force"
    plan.save()
    figure = Figure.objects.get(indicator__slug="revenue")
    figure.note_en = "Edited note."
    figure.save()
    Presence.objects.get(organisation__slug="vipshop").delete()
    Milestone.objects.get(plan__slug=PLAN_SLUG).delete()

    assert load_plans_seed() == 0

    plan.refresh_from_db()
    assert plan.title_zh_hans.endswith("（编辑填写）")
    assert plan.legal_status == "in_force"
    assert Figure.objects.get(indicator__slug="revenue").note_en == "Edited note."
    assert not Presence.objects.filter(organisation__slug="vipshop").exists()
    assert not Milestone.objects.filter(plan__slug=PLAN_SLUG).exists()


def test_seed_pages_tell_what_was_claimed_in_both_languages(seeded, client):
    english = client.get(f"/en/plans/{PLAN_SLUG}/").content.decode()
    assert "reported: more than 400 billion yuan in 2022" in english
    assert "this site lists 3 of them" in english
    assert "progress-bar" not in english
    chinese = client.get(f"/zh-hans/places/{ZONE_SLUG}/").content.decode()
    assert "超过4000亿元" in chinese
    assert "50家" in chinese
    assert "腾讯" in chinese
