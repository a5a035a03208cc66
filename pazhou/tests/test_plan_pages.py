"""Reader pages of the district plans: /plans/, /places/, what they tell in both languages,
what they never show (drafts, progress without a target), and the registry sections."""

import datetime
import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pazhou.models import (
    CountedPresences,
    DatePrecision,
    FigureKind,
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
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[113.36, 23.09], [113.40, 23.09], [113.40, 23.12], [113.36, 23.12], [113.36, 23.09]]
    ],
}


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def text_of(html):
    """The visible text, tags removed and whitespace collapsed."""
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def news_source():
    publisher = OrganisationFactory(name_en="Daily Test News", name_zh_hans="测试日报")
    return SourceFactory(publisher=publisher, date=datetime.date(2023, 6, 6))


@pytest.fixture
def tracked_plan(news_source):
    """A plan that sets a target, with measurements after its baseline."""
    plan = PlanFactory(
        title_en="Growth Plan",
        title_zh_hans="增长规划",
        aims_en="Grow **fast**.",
        source=news_source,
    )
    indicator = PlanIndicatorFactory(
        plan=plan, name_en="Output", name_zh_hans="产值", place__name_en="Core Zone"
    )
    TargetFactory(indicator=indicator, source=news_source)  # 200 by 2030 from 100 in 2020
    FigureFactory(indicator=indicator, value=Decimal("130"), date=datetime.date(2022, 1, 1))
    FigureFactory(indicator=indicator, value=Decimal("160"), date=datetime.date(2025, 1, 1))
    return plan


# --- Plans --------------------------------------------------------------------------------------


def test_plan_list_shows_visible_plans_in_both_languages(client):
    PlanFactory(title_en="Growth Plan", title_zh_hans="增长规划")
    PlanFactory(title_en="Hidden Plan", status=DRAFT)
    english = text_of(page(client, "/en/plans/"))
    chinese = text_of(page(client, "/zh-hans/plans/"))
    assert "Growth Plan" in english and "Hidden Plan" not in english
    assert "增长规划" in chinese and "Hidden Plan" not in chinese
    assert "1 plan" in english


def test_plan_list_invalid_filter_answers_400_with_message(client):
    response = client.get("/en/plans/?legal_status=bogus")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_plan_page_has_title_description_and_open_graph(client, tracked_plan):
    html = page(client, f"/en/plans/{tracked_plan.slug}/")
    assert "<title>Growth Plan · Pazhou Industrial Internet</title>" in html
    assert '<meta name="description" content="Growth Plan: its aims' in html
    assert '<meta property="og:title" content="Growth Plan">' in html
    assert '<meta property="og:type" content="article">' in html


def test_plan_page_shows_aims_target_progress_chart_and_sources(client, tracked_plan):
    html = page(client, f"/en/plans/{tracked_plan.slug}/")
    text = text_of(html)
    assert "<strong>fast</strong>" in html
    assert "Indicators set by the plan" in text
    assert "Progress: on track · 60%" in text
    assert 'class="progress-bar"' in html and 'width="60.0"' in html
    assert "target of 200 yuan by 2030, from a baseline of 100 yuan in 2020" in text
    assert "Latest measurement: 160 yuan in 2025 (" in text
    assert 'class="history-chart"' in html and "<polyline" in html
    assert 'class="target-line"' in html
    assert "Daily Test News, 2023" in text


def test_plan_page_in_chinese_uses_chinese_titles_and_numbers(client, tracked_plan):
    html = page(client, f"/zh-hans/plans/{tracked_plan.slug}/")
    assert "<h1>增长规划</h1>" in html
    assert "产值" in html
    assert "160元" in html
    assert '<html lang="zh-Hans">' in html


def test_claim_without_target_shows_what_it_is_and_no_progress_bar(client, news_source):
    plan = PlanFactory(title_en="Cluster Plan")
    indicator = IndicatorFactory(
        plan=plan,
        plan_relation=PlanRelation.REPORTED_ALONGSIDE,
        name_en="Zone revenue",
        unit=Unit.YUAN,
    )
    FigureFactory(
        indicator=indicator,
        kind=FigureKind.CLAIM,
        comparator="more_than",
        value=Decimal("400000000000"),
        date=datetime.date(2022, 1, 1),
        source=news_source,
    )
    html = page(client, f"/en/plans/{plan.slug}/")
    text = text_of(html)
    assert (
        "reported: more than 400 billion yuan in 2022 "
        "(a claim in Daily Test News, 2023; not a measurement)"
    ) in text
    assert "Figures reported alongside the plan" in text
    assert "does not say that the plan set them" in text
    assert "No source on this site says that this plan sets a target" in text
    assert "progress-bar" not in html
    assert "history-chart" not in html
    assert "no progress is shown" in text


def test_counted_indicator_lists_the_organisations_behind_the_live_count(client, news_source):
    zone = PlaceFactory(name_en="Test Zone")
    inner = PlaceFactory(name_en="Inner Block", parent=zone)
    indicator = IndicatorFactory(
        place=zone,
        name_en="Headquarters",
        unit=Unit.HEADQUARTERS,
        counted_presences=CountedPresences.ANY_HEADQUARTERS,
    )
    FigureFactory(
        indicator=indicator,
        kind=FigureKind.CLAIM,
        value=Decimal("50"),
        date=datetime.date(2023, 1, 1),
        source=news_source,
    )
    PresenceFactory(place=zone, organisation__name_en="Alpha Co")
    PresenceFactory(
        place=inner, organisation__name_en="Beta Co", kind=PresenceKind.REGIONAL_HEADQUARTERS
    )
    PresenceFactory(place=zone, organisation__name_en="Office Co", kind=PresenceKind.OFFICE)
    PresenceFactory(place=zone, organisation__name_en="Draft Co", status=DRAFT)
    text = text_of(page(client, f"/en/places/{zone.slug}/"))
    assert (
        "reported: 50 headquarters in 2023 (a claim in Daily Test News, 2023; not a "
        "measurement); this site lists 2 of them."
    ) in text
    assert "Alpha Co" in text and "Beta Co" in text
    counted = text.split("Counted on this site")[1].split("This count is live")[0]
    assert "Office Co" not in counted
    assert "Draft Co" not in text


def test_plan_page_timeline_shows_visible_milestones_at_their_precision(client):
    plan = PlanFactory()
    MilestoneFactory(plan=plan, title_en="Plan adopted", date=datetime.date(2016, 1, 1))
    MilestoneFactory(
        plan=plan,
        title_en="Review held",
        date=datetime.date(2019, 5, 1),
        date_precision=DatePrecision.MONTH,
    )
    MilestoneFactory(plan=plan, title_en="Secret step", status=DRAFT)
    text = text_of(page(client, f"/en/plans/{plan.slug}/"))
    assert "2016 Plan adopted" in text
    assert "May 2019 Review held" in text
    assert "Secret step" not in text
    chinese = text_of(page(client, f"/zh-hans/plans/{plan.slug}/"))
    assert "2019年5月" in chinese


def test_milestone_links_to_its_object_only_while_visible(client):
    plan = PlanFactory()
    public = OrganisationFactory(name_en="Public Partner")
    hidden = OrganisationFactory(name_en="Hidden Partner", status=DRAFT)
    MilestoneFactory(plan=plan, title_en="With public", linked_object=public)
    MilestoneFactory(plan=plan, title_en="With hidden", linked_object=hidden)
    html = page(client, f"/en/plans/{plan.slug}/")
    assert f'href="{public.get_absolute_url()}">Public Partner</a>' in html
    assert "Hidden Partner" not in html
    assert "With hidden" in html


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "expired"])
def test_hidden_plan_and_place_answer_404(client, state):
    now = datetime.datetime.now(datetime.UTC)
    kwargs = {
        "draft": {"status": PublishingStatus.DRAFT},
        "review": {"status": PublishingStatus.IN_REVIEW},
        "scheduled": {"publish_at": now + datetime.timedelta(days=1)},
        "expired": {"unpublish_at": now - datetime.timedelta(minutes=1)},
    }[state]
    plan = PlanFactory(**kwargs)
    place = PlaceFactory(**kwargs)
    assert client.get(f"/en/plans/{plan.slug}/").status_code == 404
    assert client.get(f"/en/places/{place.slug}/").status_code == 404


def test_draft_figures_indicators_and_presences_never_show(client, news_source):
    place = PlaceFactory(name_en="Open Place")
    shown = IndicatorFactory(place=place, name_en="Shown indicator")
    FigureFactory(indicator=shown, value=Decimal("7"), status=DRAFT)
    IndicatorFactory(place=place, name_en="Draft indicator", status=DRAFT)
    PresenceFactory(place=place, organisation__name_en="Draft Presence Co", status=DRAFT)
    PresenceFactory(place=place, organisation__name_en="Draft Org Co", organisation__status=DRAFT)
    text = text_of(page(client, f"/en/places/{place.slug}/"))
    assert "Shown indicator" in text
    assert "No figure has been published for this indicator yet." in text
    assert "7 yuan" not in text
    assert "Draft indicator" not in text
    assert "Draft Presence Co" not in text and "Draft Org Co" not in text


# --- Places -------------------------------------------------------------------------------------


def test_place_page_lists_organisations_present_by_kind_with_sources(client, news_source):
    district = PlaceFactory(name_en="Test District", name_zh_hans="测试区")
    zone = PlaceFactory(name_en="Test Zone", parent=district)
    PresenceFactory(
        place=district,
        organisation__name_en="Main Co",
        kind=PresenceKind.HEADQUARTERS,
        source=news_source,
    )
    PresenceFactory(
        place=zone, organisation__name_en="Zone Co", kind=PresenceKind.OFFICE, source=news_source
    )
    html = page(client, f"/en/places/{district.slug}/")
    text = text_of(html)
    assert "Organisations present" in text
    assert "Headquarters Main Co · Daily Test News, 2023" in text
    assert "Office Zone Co (in Test Zone)" in text
    assert "separate from the organisation's main headquarters" in text
    assert f'href="{zone.get_absolute_url()}"' in html
    chinese = page(client, f"/zh-hans/places/{district.slug}/")
    assert "<h1>测试区</h1>" in chinese


def test_place_page_shows_tier_only_when_assigned(client):
    untiered = PlaceFactory()
    core = PlaceFactory(tier=PlaceTier.CORE)
    assert "none assigned by a source yet" in text_of(page(client, untiered.get_absolute_url()))
    assert "1: the core" in text_of(page(client, core.get_absolute_url()))


def test_place_list_draws_a_schematic_without_geometry(client):
    PlaceFactory(name_en="Core Place", tier=PlaceTier.CORE)
    PlaceFactory(name_en="Plain District")
    html = page(client, "/en/places/")
    assert "Schematic of the “1+X+N” layout" in html
    assert re.search(r"<text class=\"place-label\"[^>]*>Core Place</text>", html)
    assert "No source assigns these places to a tier yet:" in html
    assert "Plain District" in html
    assert "<path" not in html


def test_place_list_draws_the_map_from_stored_geometry_without_tiles(client):
    place = PlaceFactory(name_en="Mapped Place", boundary=SQUARE)
    PlaceFactory(name_en="Unmapped Place")
    html = page(client, "/en/places/")
    assert re.search(r'<path class="place-shape tier-none" d="M[\d. L]+Z"', html)
    assert f'<a href="{place.get_absolute_url()}"><path' in html
    assert "Not drawn, for want of a boundary:" in html
    assert "tile" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "https://" not in html.split('<figure class="layout-map">', 1)[1].split("</figure>")[0]


def test_place_list_is_a_tree_indented_by_depth(client):
    top = PlaceFactory(name_en="Top")
    middle = PlaceFactory(name_en="Middle", parent=top)
    PlaceFactory(name_en="Bottom", parent=middle)
    PlaceFactory(name_en="Hidden Part", parent=top, status=DRAFT)
    html = page(client, "/en/places/")
    order = [m.group(1) for m in re.finditer(r'<li class="depth-(\d)', html)]
    assert order == ["0", "1", "2"]
    assert html.index(">Top<") < html.index(">Middle<") < html.index(">Bottom<")
    assert "Hidden Part" not in html


# --- Query counts -------------------------------------------------------------------------------


def count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def make_plans(count):
    for _ in range(count):
        plan = PlanFactory(issuer=OrganisationFactory())
        indicator = PlanIndicatorFactory(plan=plan)
        TargetFactory(indicator=indicator)
        FigureFactory(indicator=indicator, value=Decimal("150"), date=datetime.date(2024, 1, 1))


def test_plan_list_query_count_does_not_grow_with_rows(client):
    make_plans(3)
    few = count_queries(client, "/en/plans/")
    make_plans(20)
    many = count_queries(client, "/en/plans/")
    assert many == few


def test_plan_page_query_count_does_not_grow_with_indicators(client):
    plan = PlanFactory()
    zone = PlaceFactory()

    def add(count):
        for _ in range(count):
            indicator = PlanIndicatorFactory(
                plan=plan,
                place=zone,
                unit=Unit.ENTERPRISES,
                counted_presences=CountedPresences.ANY_HEADQUARTERS,
            )
            TargetFactory(indicator=indicator, value=Decimal("20"), baseline_value=Decimal("10"))
            FigureFactory(indicator=indicator, value=Decimal("15"), date=datetime.date(2024, 1, 1))
            PresenceFactory(place=zone)
            MilestoneFactory(plan=plan, linked_object=OrganisationFactory())

    add(2)
    few = count_queries(client, f"/en/plans/{plan.slug}/")
    add(15)
    many = count_queries(client, f"/en/plans/{plan.slug}/")
    assert many == few


def test_place_pages_query_count_does_not_grow_with_rows(client):
    zone = PlaceFactory()

    def add(count):
        for _ in range(count):
            child = PlaceFactory(parent=zone)
            PresenceFactory(place=child)
            IndicatorFactory(place=zone)

    add(2)
    few_list = count_queries(client, "/en/places/")
    few_detail = count_queries(client, f"/en/places/{zone.slug}/")
    add(20)
    assert count_queries(client, "/en/places/") == few_list
    assert count_queries(client, f"/en/places/{zone.slug}/") == few_detail


# --- Through the registry: home, organisation pages, search, sitemap, feed ------------------------


def test_home_page_shows_the_key_figures_of_the_district(client, news_source):
    indicator = IndicatorFactory(name_en="Zone revenue", featured=True)
    FigureFactory(
        indicator=indicator,
        kind=FigureKind.CLAIM,
        comparator="more_than",
        value=Decimal("400000000000"),
        date=datetime.date(2022, 1, 1),
        source=news_source,
    )
    IndicatorFactory(name_en="Not key", featured=False)
    IndicatorFactory(name_en="Draft key", featured=True, status=DRAFT)
    english = text_of(page(client, "/en/"))
    assert "Key figures of the district" in english
    assert "Zone revenue reported: more than 400 billion yuan in 2022" in english
    assert "Not key" not in english and "Draft key" not in english
    assert "超过4000亿元" in text_of(page(client, "/zh-hans/"))


def test_home_page_has_no_key_figures_section_without_visible_ones(client):
    IndicatorFactory(name_en="Draft key", featured=True, place__status=DRAFT)
    assert "Key figures of the district" not in page(client, "/en/")


def test_organisation_page_lists_its_visible_presences(client, news_source):
    organisation = OrganisationFactory(name_en="Present Co")
    PresenceFactory(organisation=organisation, place__name_en="Shown Zone", source=news_source)
    PresenceFactory(organisation=organisation, place__name_en="Draft Zone", place__status=DRAFT)
    PresenceFactory(organisation=organisation, place__name_en="Draft Row Zone", status=DRAFT)
    text = text_of(page(client, organisation.get_absolute_url()))
    assert "Present in" in text
    assert "Shown Zone : headquarters, level not stated · Daily Test News, 2023" in text
    assert "Draft Zone" not in text and "Draft Row Zone" not in text


def test_search_finds_plans_places_and_indicators_but_no_drafts(client):
    PlanFactory(title_en="Harbour Plan")
    PlaceFactory(name_en="Harbour Zone", name_zh_hans="港区")
    IndicatorFactory(name_en="Harbour throughput")
    PlanFactory(title_en="Harbour Draft Plan", status=DRAFT)
    IndicatorFactory(name_en="Harbour hidden", place__status=DRAFT)
    text = text_of(page(client, "/en/search/?q=harbour"))
    assert "Harbour Plan Plan" in text
    assert "Harbour Zone Place" in text
    assert "Harbour throughput Indicator" in text
    assert "Draft" not in text and "hidden" not in text
    assert "Harbour Zone" in text_of(page(client, "/en/search/?q=港區"))


def test_sitemap_lists_plans_and_places_in_both_languages_but_no_drafts(client):
    plan = PlanFactory()
    place = PlaceFactory()
    draft = PlanFactory(status=DRAFT)
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert f"http://testserver/en/plans/{plan.slug}/" in locations
    assert f"http://testserver/zh-hans/plans/{plan.slug}/" in locations
    assert f"http://testserver/en/places/{place.slug}/" in locations
    assert "http://testserver/en/plans/" in locations
    assert not any(draft.slug in location for location in locations)


def test_atom_feed_carries_visible_plans_only(client):
    PlanFactory(title_en="Feed Plan")
    PlanFactory(title_en="Feed Draft Plan", status=DRAFT)
    feed = ElementTree.fromstring(client.get("/en/feeds/latest.atom").content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert "Feed Plan" in titles
    assert "Feed Draft Plan" not in titles


def test_editor_previews_a_draft_plan_and_readers_get_404(client, editor):
    plan = PlanFactory(title_en="Draft Preview Plan", status=DRAFT)
    assert client.get(f"/en/plans/{plan.slug}/?preview=1").status_code == 404
    client.force_login(editor)
    response = client.get(f"/en/plans/{plan.slug}/?preview=1")
    assert response.status_code == 200
    assert "<h1>Draft Preview Plan</h1>" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
