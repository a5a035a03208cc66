"""District-plan models: boundaries, sources, units, targets and their baselines, partial dates,
milestone links, and the publishing gates between them."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pazhou.geojson import clean_boundary
from pazhou.models import (
    DatePrecision,
    Direction,
    Figure,
    FigureKind,
    Indicator,
    Milestone,
    Place,
    PlanRelation,
    PublishingStatus,
)
from pazhou.testing.factories import (
    FigureFactory,
    IndicatorFactory,
    MilestoneFactory,
    OrganisationFactory,
    PlaceFactory,
    PlanFactory,
    PlanIndicatorFactory,
    PresenceFactory,
    SourceFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[113.36, 23.09], [113.40, 23.09], [113.40, 23.12], [113.36, 23.12], [113.36, 23.09]]
    ],
}


def messages(error, field):
    return " ".join(error.value.message_dict[field])


# --- Boundaries (GeoJSON) ---------------------------------------------------------------------


def test_place_boundary_polygon_is_kept():
    place = PlaceFactory(boundary=SQUARE)
    place.refresh_from_db()
    assert place.boundary == SQUARE


def test_place_boundary_multipolygon_and_feature_are_accepted():
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    assert clean_boundary(multi) == multi
    feature = {"type": "Feature", "properties": {"name": "x"}, "geometry": SQUARE}
    assert clean_boundary(feature) == SQUARE


def test_place_boundary_json_text_is_parsed():
    place = PlaceFactory(boundary=json.dumps(SQUARE))
    place.refresh_from_db()
    assert place.boundary == SQUARE


def test_place_boundary_invalid_json_refused_on_save_with_position():
    with pytest.raises(ValidationError) as error:
        PlaceFactory(boundary='{"type": "Polygon", "coordinates": [[[113.3, 23.1],')
    text = messages(error, "boundary")
    assert "not valid JSON" in text
    assert "line 1" in text
    assert not Place.objects.exists()


@pytest.mark.parametrize(
    ("boundary", "expected"),
    [
        ({"type": "Point", "coordinates": [113.36, 23.09]}, 'not "Point"'),
        ({"type": "LineString", "coordinates": [[113.3, 23.1], [113.4, 23.1]]}, "LineString"),
        ({"type": "FeatureCollection", "features": []}, "FeatureCollection"),
        ({"coordinates": []}, "not nothing"),
        ([1, 2, 3], "GeoJSON object"),
    ],
)
def test_place_boundary_non_polygon_refused_with_clear_message(boundary, expected):
    place = PlaceFactory.build(boundary=boundary)
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    text = messages(error, "boundary")
    assert expected in text
    assert "Polygon or MultiPolygon" in text or "GeoJSON object" in text


@pytest.mark.parametrize(
    ("coordinates", "expected"),
    [
        ([[[113.3, 23.1], [113.4, 23.1], [113.4, 23.2]]], "at least four positions"),
        ([[[113.3, 23.1], [113.4, 23.1], [113.4, 23.2], [113.3, 23.2]]], "not closed"),
        ([[[23.1, 113.3], [23.1, 113.4], [23.2, 113.4], [23.1, 113.3]]], "outside the globe"),
        ([[[113.3, "23.1"], [113.4, 23.1], [113.4, 23.2], [113.3, "23.1"]]], "must be numbers"),
        ([], "a polygon is a list of rings"),
    ],
)
def test_place_boundary_bad_rings_refused_with_the_place_of_the_error(coordinates, expected):
    place = PlaceFactory.build(boundary={"type": "Polygon", "coordinates": coordinates})
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert expected in messages(error, "boundary")


def test_place_boundary_empty_is_none():
    place = PlaceFactory(boundary="")
    place.refresh_from_db()
    assert place.boundary is None


def test_place_cannot_lie_within_its_own_part():
    top = PlaceFactory()
    part = PlaceFactory(parent=top)
    top.parent = part
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "within itself" in messages(error, "parent")


def test_place_slug_from_chinese_name():
    place = PlaceFactory(name_en="", name_zh_hans="琶洲", slug="")
    assert place.slug == "pazhou"


# --- Sources and units ------------------------------------------------------------------------


def test_figure_without_source_refused_with_clear_message():
    figure = FigureFactory.build(indicator=IndicatorFactory(), source=None)
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "Every figure needs a source" in messages(error, "source")


def test_figure_without_source_refused_by_the_database_too():
    indicator = IndicatorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(
            indicator=indicator,
            kind=FigureKind.MEASUREMENT,
            value=1,
            date=datetime.date(2020, 1, 1),
        )


def test_presence_without_source_refused_with_clear_message():
    presence = PresenceFactory.build(
        organisation=OrganisationFactory(), place=PlaceFactory(), source=None
    )
    with pytest.raises(ValidationError) as error:
        presence.full_clean()
    assert "Every presence needs a source" in messages(error, "source")


def test_indicator_without_unit_refused_with_clear_message():
    indicator = IndicatorFactory.build(place=PlaceFactory(), unit="")
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "Give the unit" in messages(error, "unit")


def test_indicator_without_unit_refused_by_the_database_too():
    place = PlaceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(place=place, name_en="No unit", unit="")


def test_indicator_with_plan_needs_to_say_how_the_plan_relates():
    indicator = IndicatorFactory.build(place=PlaceFactory(), plan=PlanFactory(), plan_relation="")
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "set by it, or only reported alongside it" in messages(error, "plan_relation")


def test_counted_indicator_must_count_organisations():
    indicator = IndicatorFactory.build(
        place=PlaceFactory(), unit="yuan", counted_presences="headquarters_any"
    )
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "counts organisations" in messages(error, "counted_presences")


# --- Targets and baselines --------------------------------------------------------------------


def test_target_equal_to_its_baseline_refused():
    target = TargetFactory.build(
        indicator=PlanIndicatorFactory(), source=SourceFactory(), value=100, baseline_value=100
    )
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "equals its baseline" in messages(error, "value")


def test_target_equal_to_its_baseline_refused_by_the_database_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetFactory(value=Decimal("100"), baseline_value=Decimal("100"))


def test_target_without_baseline_refused():
    target = TargetFactory.build(
        indicator=PlanIndicatorFactory(),
        source=SourceFactory(),
        baseline_value=None,
        baseline_date=None,
    )
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "baseline it starts from" in messages(error, "baseline_value")
    assert "date of its baseline" in messages(error, "baseline_date")


def test_target_baseline_must_come_before_the_target():
    target = TargetFactory.build(
        indicator=PlanIndicatorFactory(),
        source=SourceFactory(),
        date=datetime.date(2020, 1, 1),
        baseline_date=datetime.date(2020, 1, 1),
        baseline_date_precision=DatePrecision.YEAR,
    )
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "before the target" in messages(error, "baseline_date")


def test_target_needs_an_indicator_set_by_a_plan():
    target = TargetFactory.build(indicator=IndicatorFactory(), source=SourceFactory())
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "set by a plan" in messages(error, "kind")

    alongside = IndicatorFactory(plan=PlanFactory(), plan_relation=PlanRelation.REPORTED_ALONGSIDE)
    target = TargetFactory.build(indicator=alongside, source=SourceFactory())
    with pytest.raises(ValidationError):
        target.full_clean()


def test_target_against_the_direction_refused():
    higher = TargetFactory.build(
        indicator=PlanIndicatorFactory(), source=SourceFactory(), value=50, baseline_value=100
    )
    with pytest.raises(ValidationError) as error:
        higher.full_clean()
    assert "must be above the baseline" in messages(error, "value")

    lower = TargetFactory.build(
        indicator=PlanIndicatorFactory(direction=Direction.LOWER_IS_BETTER),
        source=SourceFactory(),
        value=150,
        baseline_value=100,
    )
    with pytest.raises(ValidationError) as error:
        lower.full_clean()
    assert "must be below the baseline" in messages(error, "value")


def test_only_a_target_carries_a_baseline():
    claim = FigureFactory.build(
        indicator=IndicatorFactory(),
        source=SourceFactory(),
        kind=FigureKind.CLAIM,
        baseline_value=Decimal("1"),
    )
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "Only a target carries a baseline" in messages(error, "baseline_value")


def test_valid_target_passes_full_clean():
    target = TargetFactory()
    target.full_clean()


# --- Partial dates ------------------------------------------------------------------------------


def test_year_only_dates_are_stored_as_the_year():
    plan = PlanFactory(adopted_on=datetime.date(2016, 7, 9), adopted_on_precision="year")
    figure = FigureFactory(date=datetime.date(2022, 8, 15), date_precision="month")
    plan.refresh_from_db()
    figure.refresh_from_db()
    assert plan.adopted_on == datetime.date(2016, 1, 1)
    assert figure.date == datetime.date(2022, 8, 1)
    assert figure.end == datetime.date(2022, 8, 31)


def test_plan_period_cannot_end_before_it_starts():
    plan = PlanFactory.build(period_start_year=2020, period_end_year=2015)
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "cannot end before it starts" in messages(error, "period_end_year")


def test_plan_period_text():
    assert PlanFactory.build(period_start_year=2016, period_end_year=2020).period == "2016–2020"
    assert PlanFactory.build().period == ""


# --- Milestones -------------------------------------------------------------------------------


def test_milestone_links_to_any_object_through_a_generic_relation():
    organisation = OrganisationFactory()
    milestone = MilestoneFactory(linked_object=organisation)
    milestone.refresh_from_db()
    assert milestone.linked_object == organisation
    milestone.full_clean()


def test_milestone_link_to_a_missing_object_refused():
    milestone = MilestoneFactory(linked_object=OrganisationFactory())
    milestone.object_id = 999999
    with pytest.raises(ValidationError) as error:
        milestone.full_clean()
    assert "999999" in messages(error, "object_id")


def test_milestone_belongs_to_a_plan_or_a_place():
    milestone = MilestoneFactory.build(plan=None, place=None)
    with pytest.raises(ValidationError) as error:
        milestone.full_clean()
    assert "a plan, a place, or both" in messages(error, "plan")


# --- Publishing gates ---------------------------------------------------------------------------


def test_figure_is_hidden_with_its_indicator_place_or_plan():
    figure = FigureFactory(indicator=PlanIndicatorFactory())
    assert list(Figure.objects.visible()) == [figure]
    plan = figure.indicator.plan
    plan.status = PublishingStatus.DRAFT
    plan.save()
    assert not Figure.objects.visible().exists()
    assert not Indicator.objects.visible().exists()


def test_presence_is_hidden_with_its_organisation():
    presence = PresenceFactory(organisation__status=PublishingStatus.DRAFT)
    assert not type(presence).objects.visible().exists()


def test_milestone_of_a_draft_place_is_hidden():
    MilestoneFactory(plan=None, place=PlaceFactory(status=PublishingStatus.DRAFT))
    assert not Milestone.objects.visible().exists()


def test_every_plan_model_declares_its_publish_permission():
    for model in (Figure, Indicator, Milestone, Place):
        codename = f"publish_{model._meta.model_name}"
        assert codename in {name for name, _label in model._meta.permissions}


def test_chinese_edit_of_a_plan_model_appears_in_its_history():
    plan = PlanFactory(title_zh_hans="旧标题")
    plan.title_zh_hans = "新标题"
    plan.save()
    figure = FigureFactory(note_zh_hans="旧说明")
    figure.note_zh_hans = "新说明"
    figure.save()
    assert [h.title_zh_hans for h in plan.history.order_by("history_id")] == ["旧标题", "新标题"]
    assert [h.note_zh_hans for h in figure.history.order_by("history_id")] == ["旧说明", "新说明"]
