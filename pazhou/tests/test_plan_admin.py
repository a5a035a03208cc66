"""The district-plan admin: figures inline under indicators (refused without a source), the
place tree, presences inline under places and under organisations, boundaries checked."""

import pytest
from django.urls import reverse

from pazhou.models import Figure, Indicator, Place, PublishingStatus
from pazhou.testing.factories import (
    FigureFactory,
    IndicatorFactory,
    OrganisationFactory,
    PlaceFactory,
    PresenceFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

PUBLISHING = {
    "status": PublishingStatus.DRAFT,
    "publish_at_0": "",
    "publish_at_1": "",
    "unpublish_at_0": "",
    "unpublish_at_1": "",
}


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def indicator_form(place, *, unit="yuan", figures=()):
    data = {
        "name_en": "Synthetic output",
        "name_zh_hans": "合成产值",
        "slug": "",
        "description_en": "",
        "description_zh_hans": "",
        "unit": unit,
        "direction": "higher",
        "place": place.pk,
        "plan": "",
        "plan_relation": "",
        "counted_presences": "",
        "order": "0",
        **PUBLISHING,
        **management("figures", total=len(figures)),
    }
    for index, figure in enumerate(figures):
        row = {
            "kind": "measurement",
            "comparator": "exactly",
            "value": "12",
            "date": "2024-01-01",
            "date_precision": "year",
            "period_start": "",
            "period_start_precision": "year",
            "baseline_value": "",
            "baseline_date": "",
            "baseline_date_precision": "year",
            "source": "",
            "stated_by": "",
            "note_en": "",
            "note_zh_hans": "",
            "status": PublishingStatus.DRAFT,
            **figure,
        }
        data.update({f"figures-{index}-{key}": value for key, value in row.items()})
    return data


@pytest.fixture
def admin_client(client, publisher):
    client.force_login(publisher)
    return client


def test_indicator_page_has_figure_inline(admin_client):
    indicator = IndicatorFactory()
    FigureFactory(indicator=indicator, value=42)
    html = admin_client.get(reverse("admin:pazhou_indicator_change", args=[indicator.pk]))
    body = html.content.decode()
    assert 'name="figures-TOTAL_FORMS"' in body
    assert 'name="figures-0-value"' in body
    assert 'name="figures-0-note_zh_hans"' in body


def test_indicator_with_figure_inline_saves_both(admin_client):
    place = PlaceFactory()
    source = SourceFactory()
    response = admin_client.post(
        reverse("admin:pazhou_indicator_add"),
        indicator_form(place, figures=[{"source": source.pk}]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    figure = Figure.objects.get()
    assert figure.indicator.name_en == "Synthetic output"
    assert figure.source == source


def test_figure_inline_without_source_refused_with_clear_message(admin_client):
    response = admin_client.post(
        reverse("admin:pazhou_indicator_add"), indicator_form(PlaceFactory(), figures=[{}])
    )
    assert response.status_code == 200
    assert "Every figure needs a source" in response.content.decode()
    assert not Indicator.objects.exists()


def test_indicator_without_unit_refused_with_clear_message(admin_client):
    response = admin_client.post(
        reverse("admin:pazhou_indicator_add"), indicator_form(PlaceFactory(), unit="")
    )
    assert response.status_code == 200
    assert "Give the unit" in response.content.decode()


def test_figure_inline_target_equal_to_baseline_refused(admin_client):
    target = {
        "kind": "target",
        "value": "100",
        "date": "2030-01-01",
        "baseline_value": "100",
        "baseline_date": "2020-01-01",
        "source": SourceFactory().pk,
    }
    response = admin_client.post(
        reverse("admin:pazhou_indicator_add"), indicator_form(PlaceFactory(), figures=[target])
    )
    assert response.status_code == 200
    assert "equals its baseline" in response.content.decode()


def test_place_list_is_a_tree_indented_by_depth(admin_client):
    top = PlaceFactory(name_en="Aaa Top")
    middle = PlaceFactory(name_en="Zzz Middle", parent=top)
    PlaceFactory(name_en="Bbb Bottom", parent=middle)
    PlaceFactory(name_en="Ccc Other")
    body = admin_client.get(reverse("admin:pazhou_place_changelist")).content.decode()
    positions = [body.index(name) for name in ("Aaa Top", "Zzz Middle", "Bbb Bottom", "Ccc Other")]
    assert positions == sorted(positions)
    assert "\u2003\u2003└ Bbb Bottom" in body
    assert "\u2003└ Zzz Middle" in body


def test_place_page_has_presence_inline(admin_client):
    place = PlaceFactory()
    PresenceFactory(place=place, organisation__name_en="Inline Co")
    body = admin_client.get(reverse("admin:pazhou_place_change", args=[place.pk])).content.decode()
    assert 'name="presences-TOTAL_FORMS"' in body
    assert "Inline Co" in body


def test_organisation_page_has_presence_inline(admin_client):
    organisation = OrganisationFactory()
    PresenceFactory(organisation=organisation, place__name_en="Inline Zone")
    url = reverse("admin:pazhou_organisation_change", args=[organisation.pk])
    body = admin_client.get(url).content.decode()
    assert 'name="presences-TOTAL_FORMS"' in body
    assert "Inline Zone" in body
    assert "separate from the main headquarters" in body


def place_form(boundary):
    return {
        "name_en": "Mapped",
        "name_zh_hans": "",
        "slug": "",
        "kind": "zone",
        "tier": "",
        "parent": "",
        "order": "0",
        "area_km2": "",
        "description_en": "",
        "description_zh_hans": "",
        "boundary": boundary,
        "source": "",
        **PUBLISHING,
        **management("presences"),
        **management("milestones"),
    }


@pytest.mark.parametrize(
    ("boundary", "message"),
    [
        ('{"type": "Polygon", ', "not valid JSON"),
        ('{"type": "Point", "coordinates": [113.3, 23.1]}', "must be a Polygon or MultiPolygon"),
    ],
)
def test_place_boundary_errors_shown_in_the_form(admin_client, boundary, message):
    response = admin_client.post(reverse("admin:pazhou_place_add"), place_form(boundary))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Place.objects.exists()


def test_place_with_polygon_saves(admin_client):
    polygon = (
        '{"type": "Polygon", "coordinates": [[[113.36, 23.09], [113.40, 23.09], '
        "[113.40, 23.12], [113.36, 23.09]]]}"
    )
    response = admin_client.post(reverse("admin:pazhou_place_add"), place_form(polygon))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Place.objects.get().boundary["type"] == "Polygon"


@pytest.mark.parametrize("name", ["plan", "place", "indicator", "figure", "presence", "milestone"])
def test_plan_admin_lists_open(admin_client, name):
    IndicatorFactory()
    FigureFactory()
    PresenceFactory()
    response = admin_client.get(reverse(f"admin:pazhou_{name}_changelist"))
    assert response.status_code == 200
