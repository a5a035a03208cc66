"""The district-plan API: plans, places (with GeoJSON), indicators (with computed progress),
figures, presences and milestones; their filters, drafts, writes and query counts."""

import datetime
import json
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pazhou.models import (
    CountedPresences,
    Figure,
    FigureKind,
    Place,
    PlaceTier,
    PlanRelation,
    PresenceKind,
    PublishingStatus,
    Unit,
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

DRAFT = PublishingStatus.DRAFT
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[113.36, 23.09], [113.40, 23.09], [113.40, 23.12], [113.36, 23.12], [113.36, 23.09]]
    ],
}


@pytest.fixture
def api():
    return APIClient()


def token_client(user):
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def error_text(response):
    return json.dumps(response.json(), ensure_ascii=False)


def test_api_root_lists_the_plan_endpoints(api):
    body = api.get("/api/v1/").json()
    for name in ("plans", "places", "indicators", "figures", "presences", "milestones"):
        assert urlparse(body[name]).path == f"/api/v1/{name}/"


# --- Reading --------------------------------------------------------------------------------------


def test_plans_list_visible_plans_with_issuer_and_partial_date(api):
    issuer = OrganisationFactory(name_en="City Government")
    plan = PlanFactory(title_en="Growth Plan", title_zh_hans="增长规划", issuer=issuer)
    PlanFactory(title_en="Draft Plan", status=DRAFT)
    [body] = results(api.get("/api/v1/plans/"))
    assert body["title"] == "Growth Plan"
    assert body["title_zh_hans"] == "增长规划"
    assert body["issuer"]["slug"] == issuer.slug
    assert body["adopted_on"] == "2010-01-01"
    assert body["adopted_on_precision"] == "year"
    assert body["url"] == f"http://testserver/en/plans/{plan.slug}/"
    assert body["legal_status"] == ""


def test_plan_hides_a_draft_issuer(api):
    PlanFactory(issuer=OrganisationFactory(status=DRAFT, name_en="Secret Issuer"))
    response = api.get("/api/v1/plans/")
    assert results(response)[0]["issuer"] is None
    assert "Secret Issuer" not in response.content.decode()


def test_plans_in_chinese(api):
    PlanFactory(title_en="Growth Plan", title_zh_hans="增长规划")
    assert results(api.get("/api/v1/plans/?lang=zh-hans"))[0]["title"] == "增长规划"


def test_places_carry_geojson_tier_and_visible_parent(api):
    parent = PlaceFactory(name_en="District")
    PlaceFactory(name_en="Zone", parent=parent, boundary=SQUARE, tier=PlaceTier.CLUSTER)
    PlaceFactory(name_en="Hidden", status=DRAFT)
    body = {item["name"]: item for item in results(api.get("/api/v1/places/"))}
    assert set(body) == {"District", "Zone"}
    assert body["Zone"]["boundary"] == SQUARE
    assert body["Zone"]["tier"] == "X"
    assert body["Zone"]["parent"]["slug"] == parent.slug
    assert body["District"]["boundary"] is None


def test_place_with_draft_parent_shows_no_parent(api):
    place = PlaceFactory(parent=PlaceFactory(status=DRAFT, name_en="Secret District"))
    body = api.get(f"/api/v1/places/{place.pk}/").json()
    assert body["parent"] is None
    assert "Secret District" not in json.dumps(body)


def test_indicator_with_target_carries_computed_status_and_progress(api):
    indicator = PlanIndicatorFactory(name_en="Output")
    target = TargetFactory(indicator=indicator)
    latest = FigureFactory(
        indicator=indicator, value=Decimal("160"), date=datetime.date(2025, 1, 1)
    )
    FigureFactory(
        indicator=indicator, value=Decimal("999"), date=datetime.date(2026, 1, 1), status=DRAFT
    )
    body = api.get(f"/api/v1/indicators/{indicator.pk}/").json()
    assert body["progress_status"] == "on_track"
    assert body["progress"]["status"] == "on_track"
    assert body["progress"]["percent"] == 60.0
    assert body["progress"]["target_id"] == target.pk
    assert body["progress"]["latest_measurement_id"] == latest.pk
    assert body["progress"]["beyond_target"] is False
    assert body["latest_figure"]["id"] == latest.pk
    assert body["latest_figure"]["statement"].startswith("measured: 160 yuan in 2025")


def test_indicator_without_target_has_null_progress_and_a_claim_for_what_it_is(api):
    source = SourceFactory(
        publisher=OrganisationFactory(name_en="Daily Test News"), date=datetime.date(2023, 6, 6)
    )
    indicator = IndicatorFactory(plan=PlanFactory(), plan_relation=PlanRelation.REPORTED_ALONGSIDE)
    FigureFactory(
        indicator=indicator,
        kind=FigureKind.CLAIM,
        comparator="more_than",
        value=Decimal("400000000000"),
        date=datetime.date(2022, 1, 1),
        source=source,
    )
    body = results(api.get("/api/v1/indicators/?lang=zh-hans"))[0]
    assert body["progress_status"] is None
    assert body["progress"] is None
    assert body["latest_figure"]["kind"] == "claim"
    assert body["latest_figure"]["display_value"] == "超过4000亿元"
    assert body["plan_relation"] == "alongside"


def test_indicator_with_target_but_no_measurement_is_no_data(api):
    indicator = TargetFactory().indicator
    body = api.get(f"/api/v1/indicators/{indicator.pk}/").json()
    assert body["progress_status"] == "no_data"
    assert body["progress"]["percent"] is None


def test_counted_indicator_carries_the_live_count_and_its_organisations(api):
    zone = PlaceFactory()
    indicator = IndicatorFactory(
        place=zone, unit=Unit.HEADQUARTERS, counted_presences=CountedPresences.ANY_HEADQUARTERS
    )
    alpha = PresenceFactory(place=zone, organisation__name_en="Alpha Co").organisation
    PresenceFactory(place=zone, kind=PresenceKind.OFFICE)
    PresenceFactory(place=zone, status=DRAFT)
    body = api.get(f"/api/v1/indicators/{indicator.pk}/").json()
    assert body["live_count"]["count"] == 1
    assert [o["slug"] for o in body["live_count"]["organisations"]] == [alpha.slug]
    assert set(body["live_count"]["presence_kinds"]) == {
        "headquarters",
        "regional_headquarters",
        "headquarters_unstated",
    }


def test_figures_carry_kind_comparator_source_and_statement(api):
    figure = FigureFactory(kind=FigureKind.EXPECTATION, comparator="about", value=Decimal("50"))
    [body] = results(api.get("/api/v1/figures/"))
    assert body["kind"] == "expectation"
    assert body["comparator"] == "about"
    assert body["display_value"] == "about 50 yuan"
    assert body["source"]["slug"] == figure.source.slug
    assert body["indicator"]["id"] == figure.indicator_id
    assert "an expectation announced in" in body["statement"]


def test_presences_and_milestones_list_visible_rows(api):
    PresenceFactory(organisation__name_en="Shown Co")
    PresenceFactory(organisation__name_en="Hidden Co", organisation__status=DRAFT)
    MilestoneFactory(title_en="Shown step")
    MilestoneFactory(title_en="Hidden step", plan__status=DRAFT)
    presences = results(api.get("/api/v1/presences/"))
    milestones = results(api.get("/api/v1/milestones/"))
    assert [p["organisation"]["name"] for p in presences] == ["Shown Co"]
    assert [m["title"] for m in milestones] == ["Shown step"]


def test_milestone_linked_object_only_while_visible(api):
    public = OrganisationFactory(name_en="Public Partner")
    MilestoneFactory(title_en="A", linked_object=public)
    MilestoneFactory(title_en="B", linked_object=OrganisationFactory(status=DRAFT))
    body = {m["title"]: m for m in results(api.get("/api/v1/milestones/"))}
    assert body["A"]["linked_object"] == {
        "type": "pazhou.organisation",
        "id": public.pk,
        "name": "Public Partner",
        "url": f"http://testserver/en/organisations/{public.slug}/",
    }
    assert body["B"]["linked_object"] is None


@pytest.mark.parametrize(
    "endpoint", ["plans", "places", "indicators", "figures", "presences", "milestones"]
)
def test_hidden_details_answer_404_to_anonymous(api, endpoint):
    hidden = {
        "plans": lambda: PlanFactory(status=DRAFT),
        "places": lambda: PlaceFactory(status=DRAFT),
        "indicators": lambda: IndicatorFactory(place__status=DRAFT),
        "figures": lambda: FigureFactory(indicator__status=DRAFT),
        "presences": lambda: PresenceFactory(status=DRAFT),
        "milestones": lambda: MilestoneFactory(status=DRAFT),
    }[endpoint]()
    assert api.get(f"/api/v1/{endpoint}/{hidden.pk}/").status_code == 404
    assert api.get(f"/api/v1/{endpoint}/").json()["count"] == 0


def test_editor_sees_draft_figures_with_their_status(editor):
    FigureFactory(status=DRAFT)
    body = results(token_client(editor).get("/api/v1/figures/"))
    assert [f["status"] for f in body] == ["draft"]


# --- Filters --------------------------------------------------------------------------------------


def test_indicators_filter_by_plan_place_tier_and_progress_status(api):
    plan = PlanFactory()
    core = PlaceFactory(tier=PlaceTier.CORE)
    tracked = PlanIndicatorFactory(plan=plan, place=core, name_en="Tracked")
    TargetFactory(indicator=tracked)
    FigureFactory(indicator=tracked, value=Decimal("120"), date=datetime.date(2025, 1, 1))
    IndicatorFactory(name_en="Plain")

    def names(query):
        return [i["name"] for i in results(api.get(f"/api/v1/indicators/?{query}"))]

    assert names(f"plan={plan.slug}") == ["Tracked"]
    assert names(f"place={core.slug}") == ["Tracked"]
    assert names("tier=1") == ["Tracked"]
    assert names("progress_status=behind") == ["Tracked"]
    assert names("progress_status=no_target") == ["Plain"]
    assert names("progress_status=on_track") == []


def test_figures_filter_by_kind_and_date_range(api):
    FigureFactory(kind=FigureKind.CLAIM, date=datetime.date(2022, 1, 1))
    FigureFactory(kind=FigureKind.MEASUREMENT, date=datetime.date(2019, 1, 1))
    assert len(results(api.get("/api/v1/figures/?kind=claim"))) == 1
    assert len(results(api.get("/api/v1/figures/?date_after=2020-01-01"))) == 1
    assert len(results(api.get("/api/v1/figures/?date_before=2020-01-01"))) == 1


def test_places_and_presences_filter_by_kind_and_tier(api):
    zone = PlaceFactory(kind="zone", tier=PlaceTier.NODE)
    PlaceFactory(kind="district")
    PresenceFactory(place=zone, kind=PresenceKind.PROJECT)
    PresenceFactory(kind=PresenceKind.OFFICE)
    assert [p["slug"] for p in results(api.get("/api/v1/places/?kind=zone"))] == [zone.slug]
    assert [p["slug"] for p in results(api.get("/api/v1/places/?tier=N"))] == [zone.slug]
    assert len(results(api.get("/api/v1/presences/?kind=project"))) == 1
    assert len(results(api.get("/api/v1/presences/?tier=N"))) == 1
    assert len(results(api.get(f"/api/v1/presences/?place={zone.slug}"))) == 1


def test_milestones_filter_by_plan_place_and_date(api):
    plan = PlanFactory()
    MilestoneFactory(plan=plan, date=datetime.date(2016, 1, 1))
    MilestoneFactory(plan=None, place=PlaceFactory(), date=datetime.date(2023, 5, 30))
    assert len(results(api.get(f"/api/v1/milestones/?plan={plan.slug}"))) == 1
    assert len(results(api.get("/api/v1/milestones/?date_after=2020-01-01"))) == 1


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/plans/?legal_status=repealed", "legal_status"),
        ("/api/v1/plans/?adopted_after=yesterday", "adopted"),
        ("/api/v1/places/?tier=Z", "tier"),
        ("/api/v1/places/?parent=no-such-place", "parent"),
        ("/api/v1/indicators/?progress_status=great", "progress_status"),
        ("/api/v1/indicators/?plan=no-such-plan", "plan"),
        ("/api/v1/figures/?date_after=2022-13-40", "date"),
        ("/api/v1/figures/?indicator=abc", "indicator"),
        ("/api/v1/presences/?kind=factory", "kind"),
        ("/api/v1/milestones/?ordering=title", "ordering"),
    ],
)
def test_invalid_parameters_answer_400_with_a_message(api, path, field):
    response = api.get(path)
    assert response.status_code == 400
    body = response.json()
    assert field in body and body[field][0]


def test_filter_by_draft_plan_slug_is_refused_to_anonymous(api):
    plan = PlanFactory(status=DRAFT)
    assert api.get(f"/api/v1/indicators/?plan={plan.slug}").status_code == 400


# --- Writes ---------------------------------------------------------------------------------------


def test_figure_create_without_source_answers_400_with_clear_message(editor):
    indicator = IndicatorFactory()
    response = token_client(editor).post(
        "/api/v1/figures/",
        {"indicator_id": indicator.pk, "kind": "measurement", "value": "5", "date": "2024-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "Every figure needs a source" in error_text(response)
    assert not Figure.objects.exists()


def test_figure_create_target_equal_to_baseline_answers_400(editor):
    indicator = PlanIndicatorFactory()
    response = token_client(editor).post(
        "/api/v1/figures/",
        {
            "indicator_id": indicator.pk,
            "kind": "target",
            "value": "100",
            "date": "2030-01-01",
            "baseline_value": "100",
            "baseline_date": "2020-01-01",
            "source_id": SourceFactory().pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "equals its baseline" in error_text(response)


def test_figure_create_by_editor_is_a_draft_with_normalised_date(editor):
    indicator = IndicatorFactory()
    response = token_client(editor).post(
        "/api/v1/figures/",
        {
            "indicator_id": indicator.pk,
            "kind": "measurement",
            "value": "5",
            "date": "2024-07-15",
            "date_precision": "year",
            "source_id": SourceFactory().pk,
            "status": "draft",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    figure = Figure.objects.get()
    assert figure.date == datetime.date(2024, 1, 1)
    assert figure.status == "draft"


def test_place_create_with_non_polygon_boundary_answers_400(editor):
    response = token_client(editor).post(
        "/api/v1/places/",
        {"name_en": "Pointy", "kind": "zone", "boundary": {"type": "Point", "coordinates": [1, 2]}},
        format="json",
    )
    assert response.status_code == 400
    assert "Polygon or MultiPolygon" in error_text(response)
    assert not Place.objects.exists()


def test_indicator_create_without_unit_answers_400(editor):
    response = token_client(editor).post(
        "/api/v1/indicators/", {"name_en": "No unit", "place_id": PlaceFactory().pk}, format="json"
    )
    assert response.status_code == 400
    assert "Give the unit" in error_text(response)


def test_milestone_create_with_linked_object_by_type_label(editor):
    organisation = OrganisationFactory()
    response = token_client(editor).post(
        "/api/v1/milestones/",
        {
            "title_en": "Partner joined",
            "date": "2024-01-01",
            "date_precision": "year",
            "plan_id": PlanFactory().pk,
            "linked_type": "pazhou.organisation",
            "linked_id": organisation.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["linked_object"]["id"] == organisation.pk

    bad = token_client(editor).post(
        "/api/v1/milestones/",
        {"title_en": "X", "date": "2024-01-01", "plan_id": PlanFactory().pk, "linked_type": "nope"},
        format="json",
    )
    assert bad.status_code == 400
    assert "app_label.model" in error_text(bad)


# --- Query counts ---------------------------------------------------------------------------------


def count_list_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{path}?page_size=100")
    assert response.status_code == 200
    return len(queries), response.json()["count"]


def make_rows(count):
    for _ in range(count):
        plan = PlanFactory(issuer=OrganisationFactory())
        zone = PlaceFactory(parent=PlaceFactory(), boundary=SQUARE)
        indicator = PlanIndicatorFactory(
            plan=plan,
            place=zone,
            unit=Unit.ENTERPRISES,
            counted_presences=CountedPresences.ANY_HEADQUARTERS,
        )
        TargetFactory(indicator=indicator, value=Decimal("20"), baseline_value=Decimal("10"))
        FigureFactory(indicator=indicator, value=Decimal("12"), date=datetime.date(2024, 1, 1))
        FigureFactory(
            indicator=indicator,
            value=Decimal("14"),
            date=datetime.date(2025, 1, 1),
            stated_by=OrganisationFactory(),
        )
        PresenceFactory(place=zone)
        MilestoneFactory(plan=plan, place=zone, linked_object=OrganisationFactory())


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/plans/",
        "/api/v1/places/",
        "/api/v1/indicators/",
        "/api/v1/figures/",
        "/api/v1/presences/",
        "/api/v1/milestones/",
    ],
)
def test_list_query_count_does_not_grow_with_rows(api, path):
    make_rows(2)
    few, few_count = count_list_queries(api, path)
    make_rows(12)
    many, many_count = count_list_queries(api, path)
    assert many_count > few_count
    assert many == few


def test_indicator_list_query_count_flat_for_editor(editor):
    client = token_client(editor)
    make_rows(2)
    few, _ = count_list_queries(client, "/api/v1/indicators/")
    make_rows(12)
    many, _ = count_list_queries(client, "/api/v1/indicators/")
    assert many == few
