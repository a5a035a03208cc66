"""The rankings API at /api/v1/: series, editions, categories and entries; filters shared with the
pages, movement relative to each entry's own edition, drafts, errors and query counts."""

import json
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pazhou.models import Organisation, PublishingStatus
from pazhou.testing.factories import OrganisationFactory, UserFactory
from rankings.models import Edition, Entry
from rankings.services import Movement, entries_with_movement
from rankings.tests.factories import CategoryFactory, EditionFactory, EntryFactory, SeriesFactory
from rankings.tests.test_pages import build_table
from summit.tests.factories import ReleaseFactory

pytestmark = pytest.mark.django_db

SERIES_URL = "/api/v1/series/"
EDITIONS_URL = "/api/v1/editions/"
CATEGORIES_URL = "/api/v1/categories/"
ENTRIES_URL = "/api/v1/entries/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def table():
    return build_table()


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def names(response):
    return [item["organisation"]["name"] for item in results(response)]


def error_text(response):
    return json.dumps(response.json(), ensure_ascii=False)


# --- Root and schema -----------------------------------------------------------------------------


def test_api_root_lists_the_rankings_endpoints(api):
    body = api.get("/api/v1/").json()

    for name, path in [
        ("series", SERIES_URL),
        ("editions", EDITIONS_URL),
        ("categories", CATEGORIES_URL),
        ("entries", ENTRIES_URL),
    ]:
        assert urlparse(body[name]).path == path


def test_schema_documents_the_entry_filters_and_movement(api):
    schema = api.get("/api/v1/schema/?format=json").json()

    parameters = {p["name"] for p in schema["paths"][ENTRIES_URL]["get"]["parameters"]}
    assert {
        "edition",
        "series",
        "year",
        "category",
        "organisation",
        "region",
        "province",
        "city",
        "ownership",
        "movement",
        "rank_min",
        "rank_max",
        "q",
        "ordering",
        "page_size",
        "lang",
    } <= parameters
    description = schema["paths"][ENTRIES_URL]["get"]["description"]
    assert "relative to the entry's own edition" in description
    entry = schema["components"]["schemas"]["Entry"]["properties"]
    assert {"organisation", "movement", "display_rank", "edition_url"} <= set(entry)
    assert "downloads" in schema["components"]["schemas"]["Edition"]["properties"]
    assert "post" not in schema["paths"][ENTRIES_URL]
    assert "post" in schema["paths"][EDITIONS_URL]


# --- Series, editions, categories ----------------------------------------------------------------


def test_series_list_embeds_visible_editions_newest_first(api, table):
    EditionFactory(series=table.series, year=2103, status=PublishingStatus.DRAFT)
    SeriesFactory(status=PublishingStatus.DRAFT)

    [series] = results(api.get(SERIES_URL))

    assert series["slug"] == table.series.slug
    assert series["name"] == "Synthetic Industry List"
    assert series["name_zh_hans"] == "合成产业榜"
    assert urlparse(series["url"]).path == f"/en/rankings/{table.series.slug}/"
    assert [edition["year"] for edition in series["editions"]] == [2102, 2101]
    assert urlparse(series["editions"][0]["url"]).path == f"/en/rankings/{table.series.slug}/2102/"


def test_series_detail_in_chinese_carries_an_etag(api, table):
    response = api.get(f"{SERIES_URL}{table.series.pk}/?lang=zh-hans")

    assert response.status_code == 200
    assert response.json()["name"] == "合成产业榜"
    assert response["ETag"] == f'"{table.series.version}-zh-hans"'
    assert urlparse(response.json()["url"]).path.startswith("/zh-hans/rankings/")


def test_edition_detail_links_to_its_downloads_release_and_source(api, table):
    release = ReleaseFactory(title_en="Launch")
    table.second.release = release
    table.second.save()

    response = api.get(f"{EDITIONS_URL}{table.second.pk}/")

    body = response.json()
    slug = table.series.slug
    assert urlparse(body["downloads"]["csv"]).path == f"/en/rankings/{slug}/2102.csv"
    assert urlparse(body["downloads"]["xlsx"]).path == f"/en/rankings/{slug}/2102.xlsx"
    assert urlparse(body["release_url"]).path == release.get_absolute_url()
    assert body["source"]["citation"] == "Synthetic Ranking Report 2102"
    assert body["series_slug"] == slug
    assert body["entry_count"] == 4
    assert [c["name"] for c in body["categories"]] == ["Platforms", "Making"]
    assert body["is_ranked"] is True
    assert response["ETag"] == f'"{table.second.version}-en"'


def test_edition_hides_a_draft_release_but_an_editor_sees_its_id(api, editor, table):
    release = ReleaseFactory(status=PublishingStatus.DRAFT)
    table.second.release = release
    table.second.save()

    body = api.get(f"{EDITIONS_URL}{table.second.pk}/").json()
    assert body["release_url"] is None
    assert body["release"] is None
    assert token_client(editor).get(f"{EDITIONS_URL}{table.second.pk}/").json()["release"] == (
        release.pk
    )


def test_series_hides_a_draft_publisher_from_anonymous(api, editor, table):
    table.series.publisher = OrganisationFactory(
        name_en="Draft Publisher", status=PublishingStatus.DRAFT
    )
    table.series.save()

    response = api.get(f"{SERIES_URL}{table.series.pk}/")
    assert response.json()["publisher"] is None
    assert "Draft Publisher" not in error_text(response)
    response = token_client(editor).get(f"{SERIES_URL}{table.series.pk}/")
    assert response.json()["publisher"]["name"] == "Draft Publisher"


def test_editions_filter_by_series_year_and_ranked(api, table):
    EditionFactory(year=2102, is_ranked=False)

    assert len(results(api.get(EDITIONS_URL, {"year": 2102}))) == 2
    assert [e["id"] for e in results(api.get(EDITIONS_URL, {"series": table.series.slug}))] == [
        table.second.pk,
        table.first.pk,
    ]
    assert len(results(api.get(EDITIONS_URL, {"is_ranked": "false"}))) == 1
    assert len(results(api.get(EDITIONS_URL, {"is_ranked": "true"}))) == 2
    assert results(api.get(EDITIONS_URL, {"is_ranked": "unknown"})) == []
    response = api.get(EDITIONS_URL, {"is_ranked": "maybe"})
    assert response.status_code == 400
    assert "is_ranked" in response.json()


def test_draft_edition_is_hidden_from_anonymous_and_shown_to_an_editor(api, editor, table):
    draft = EditionFactory(series=table.series, year=2103, status=PublishingStatus.DRAFT)

    assert api.get(f"{EDITIONS_URL}{draft.pk}/").status_code == 404
    assert draft.pk not in [e["id"] for e in results(api.get(EDITIONS_URL))]
    response = token_client(editor).get(f"{EDITIONS_URL}{draft.pk}/")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"


def test_categories_filter_by_edition_and_hide_those_of_drafts(api, table):
    draft = EditionFactory(status=PublishingStatus.DRAFT)
    CategoryFactory(edition=draft, name_en="Draft Category")

    response = api.get(CATEGORIES_URL, {"edition": table.second.pk, "lang": "zh-hans"})
    assert [c["name"] for c in results(response)] == ["平台", "制造"]
    assert results(response)[0]["series"] == table.series.slug
    assert "Draft Category" not in error_text(api.get(CATEGORIES_URL))
    response = api.get(CATEGORIES_URL, {"edition": draft.pk})
    assert response.status_code == 400


def test_editor_creates_a_draft_edition_but_may_not_publish_it(editor, table):
    client = token_client(editor)

    created = client.post(
        EDITIONS_URL,
        {"series": table.series.pk, "year": 2095, "title_en": "Synthetic 2095"},
        format="json",
    )
    refused = client.post(
        EDITIONS_URL,
        {"series": table.series.pk, "year": 2096, "title_en": "X", "status": "published"},
        format="json",
    )

    assert created.status_code == 201, created.content
    assert created.json()["status"] == "draft"
    assert Edition.objects.get(year=2095).title_en == "Synthetic 2095"
    assert refused.status_code == 403
    assert not Edition.objects.filter(year=2096).exists()


def test_edition_year_must_be_unique_in_its_series(editor, table):
    response = token_client(editor).post(
        EDITIONS_URL, {"series": table.series.pk, "year": 2102, "title_en": "Again"}, format="json"
    )

    assert response.status_code == 400
    assert Edition.objects.filter(series=table.series, year=2102).count() == 1


def test_entries_and_categories_are_read_only(api, editor, table):
    client = token_client(editor)

    assert client.post(ENTRIES_URL, {"rank": 1}, format="json").status_code == 405
    assert client.delete(f"{ENTRIES_URL}{table.entries.riser.pk}/").status_code in (403, 405)
    assert api.post(CATEGORIES_URL, {"name_en": "x"}, format="json").status_code in (401, 403)
    assert Entry.objects.count() == 7


# --- Entries: payload ----------------------------------------------------------------------------


def test_entry_embeds_its_organisation_category_and_movement(api, table):
    response = api.get(ENTRIES_URL, {"edition": table.second.pk})

    items = {item["organisation"]["slug"]: item for item in results(response)}
    riser = items[table.riser.slug]
    assert riser["organisation"]["name"] == "Riser Works"
    assert riser["organisation"]["hq_province"] == "Guangdong"
    assert riser["organisation"]["hq_city_zh_hans"] == "广州"
    assert riser["organisation"]["ownership"] == "private"
    assert urlparse(riser["organisation"]["url"]).path == f"/en/organisations/{table.riser.slug}/"
    assert riser["category"]["name"] == "Platforms"
    assert riser["rank"] == 2
    assert riser["value"] == "1200.5000"
    assert riser["value_unit"] == "100 million"
    assert riser["currency"] == "CNY"
    assert riser["name_as_published"] == "Riser Old Name"
    assert riser["headquarters_as_published"] == "Canton"
    assert riser["movement"] == {"kind": "up", "places": 3, "previous_rank": 5}
    assert riser["series"] == table.series.slug
    assert riser["year"] == 2102
    assert items[table.tie_alpha.slug]["display_rank"] == "=3"
    assert items[table.tie_alpha.slug]["movement"] == {
        "kind": "new",
        "places": None,
        "previous_rank": None,
    }
    assert items[table.faller.slug]["movement"]["places"] == -3


def test_entries_of_a_first_edition_have_no_movement(api, table):
    for item in results(api.get(ENTRIES_URL, {"edition": table.first.pk})):
        assert item["movement"] == {"kind": None, "places": None, "previous_rank": None}


def test_entry_names_follow_the_requested_language(api, table):
    response = api.get(ENTRIES_URL, {"edition": table.second.pk, "category": table.making.pk})

    assert [i["category"]["name"] for i in results(response)] == ["Making", "Making"]
    response = api.get(
        ENTRIES_URL, {"edition": table.second.pk, "category": table.making.pk, "lang": "zh-hans"}
    )
    assert [i["category"]["name"] for i in results(response)] == ["制造", "制造"]
    assert response["Content-Language"] == "zh-hans"
    assert "accept-language" in response["Vary"].lower()


# --- Entries: movement across editions -----------------------------------------------------------


def three_editions():
    """Two series; in the first, a draft edition between two visible ones."""
    series = SeriesFactory()
    first = EditionFactory(series=series, year=2101)
    draft = EditionFactory(series=series, year=2102, status=PublishingStatus.DRAFT)
    third = EditionFactory(series=series, year=2103)
    fourth = EditionFactory(series=series, year=2104)
    other = EditionFactory(year=2104)
    climber, comeback, stayer, newcomer = (
        OrganisationFactory(name_en=name) for name in ("Climber", "Comeback", "Stayer", "Newcomer")
    )
    EntryFactory(edition=first, organisation=climber, rank=10)
    EntryFactory(edition=first, organisation=comeback, rank=4)
    EntryFactory(edition=draft, organisation=climber, rank=1)
    EntryFactory(edition=third, organisation=climber, rank=6)
    EntryFactory(edition=third, organisation=stayer, rank=2)
    EntryFactory(edition=fourth, organisation=climber, rank=3)
    EntryFactory(edition=fourth, organisation=comeback, rank=5)
    EntryFactory(edition=fourth, organisation=stayer, rank=2)
    EntryFactory(edition=other, organisation=climber, rank=1)
    EntryFactory(edition=other, organisation=newcomer, rank=2)
    return [first, third, fourth, other]


def movements_from_services(editions):
    expected = {}
    for edition in editions:
        entries = Entry.objects.visible().filter(edition=edition)
        for row in entries_with_movement(entries, edition=edition):
            expected[row.pk] = {
                "kind": row.movement or None,
                "places": row.movement_places,
                "previous_rank": row.previous_rank,
            }
    return expected


def test_movement_across_editions_is_relative_to_each_entrys_own_edition(api):
    editions = three_editions()

    response = api.get(ENTRIES_URL, {"page_size": 100})

    got = {item["id"]: item["movement"] for item in results(response)}
    assert got == movements_from_services(editions)
    by_name_year = {
        (item["organisation"]["name"], item["year"], item["series"]): item["movement"]["kind"]
        for item in results(response)
    }
    series = editions[0].series.slug
    assert by_name_year[("Climber", 2103, series)] == Movement.UP  # from 10, the draft skipped
    assert by_name_year[("Climber", 2104, series)] == Movement.UP
    assert by_name_year[("Comeback", 2104, series)] == Movement.RETURNING
    assert by_name_year[("Stayer", 2104, series)] == Movement.UNCHANGED
    assert by_name_year[("Climber", 2104, editions[3].series.slug)] is None


def test_movement_filter_and_ordering_work_across_editions(api):
    three_editions()

    response = api.get(ENTRIES_URL, {"movement": "up", "ordering": "-movement"})

    assert [
        (i["organisation"]["name"], i["year"], i["movement"]["places"]) for i in results(response)
    ] == [("Climber", 2103, 4), ("Climber", 2104, 3)]


# --- Entries: filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "hong_kong"}, ["Tie Beta"]),
        ({"province": "广东"}, ["Riser Works", "Tie Alpha"]),
        ({"city": "Hangzhou"}, ["Faller Group"]),
        ({"ownership": "private"}, ["Riser Works", "Tie Alpha"]),
        ({"movement": "new"}, ["Tie Alpha", "Tie Beta"]),
        ({"rank_min": 3, "rank_max": 3}, ["Tie Alpha", "Tie Beta"]),
        ({"rank_max": 2}, ["Riser Works"]),
        ({"q": "riser"}, ["Riser Works"]),
        ({"ordering": "-value"}, ["Riser Works", "Tie Alpha", "Tie Beta", "Faller Group"]),
        ({"ordering": "name"}, ["Faller Group", "Riser Works", "Tie Alpha", "Tie Beta"]),
    ],
)
def test_entry_filters_within_an_edition(api, table, params, expected):
    response = api.get(ENTRIES_URL, {"edition": table.second.pk, **params})

    assert names(response) == expected


def test_entry_filters_by_series_year_and_organisation(api, table):
    EntryFactory(organisation=table.riser, edition=EditionFactory(year=2102))

    by_organisation = results(api.get(ENTRIES_URL, {"organisation": table.riser.slug}))
    assert len(by_organisation) == 3
    response = api.get(ENTRIES_URL, {"organisation": table.riser.slug, "series": table.series.slug})
    assert [i["year"] for i in results(response)] == [2102, 2101]
    response = api.get(ENTRIES_URL, {"organisation": table.riser.slug, "year": 2102})
    assert len(results(response)) == 2


def test_entries_default_order_is_series_newest_edition_then_rank(api, table):
    items = results(api.get(ENTRIES_URL))

    assert [(i["year"], i["rank"]) for i in items] == [
        (2102, 2),
        (2102, 3),
        (2102, 3),
        (2102, 4),
        (2101, 1),
        (2101, 2),
        (2101, 5),
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"edition": "abc"}, "edition"),
        ({"edition": "999999"}, "edition"),
        ({"series": "no-such-series"}, "series"),
        ({"year": "abc"}, "year"),
        ({"year": "0"}, "year"),
        ({"year": "99999"}, "year"),
        ({"category": "abc"}, "category"),
        ({"organisation": "nobody"}, "organisation"),
        ({"region": "moon"}, "region"),
        ({"ownership": "pirate"}, "ownership"),
        ({"movement": "sideways"}, "movement"),
        ({"rank_min": "0"}, "rank_min"),
        ({"rank_max": "two"}, "rank_max"),
        ({"rank_min": "5", "rank_max": "2"}, "rank_max"),
        ({"ordering": "secret_field"}, "ordering"),
        ({"q": "x" * 101}, "q"),
        ({"page_size": "0"}, "page_size"),
        ({"lang": "xx"}, "lang"),
    ],
)
def test_bad_entry_parameters_answer_400_with_a_message(api, table, params, field):
    response = api.get(ENTRIES_URL, params)

    assert response.status_code == 400
    body = response.json()
    assert field in body
    assert body[field] and all(isinstance(message, str) and message for message in body[field])


def test_rank_range_message_names_both_ranks(api, table):
    response = api.get(ENTRIES_URL, {"rank_min": 5, "rank_max": 2})

    assert "(2)" in error_text(response) and "(5)" in error_text(response)


@pytest.mark.parametrize("page", ["abc", "99"])
def test_entries_page_out_of_range_or_malformed_answers_404(api, table, page):
    assert api.get(ENTRIES_URL, {"page": page}).status_code == 404


@pytest.mark.parametrize("url", [SERIES_URL, EDITIONS_URL, CATEGORIES_URL, ENTRIES_URL])
def test_every_endpoint_refuses_an_unknown_ordering_and_ignores_empty_items(api, table, url):
    response = api.get(url, {"ordering": "secret_field"})

    assert response.status_code == 400
    assert "ordering" in response.json()
    assert api.get(url, {"ordering": ",,"}).status_code == 200


# --- Entries: drafts -----------------------------------------------------------------------------


def test_anonymous_never_sees_entries_of_draft_editions_series_or_organisations(api, table):
    EntryFactory(edition=EditionFactory(status=PublishingStatus.DRAFT))
    EntryFactory(edition=EditionFactory(series=SeriesFactory(status=PublishingStatus.IN_REVIEW)))
    hidden = OrganisationFactory(name_en="Secret Co", status=PublishingStatus.DRAFT)
    EntryFactory(edition=table.second, organisation=hidden)

    response = api.get(ENTRIES_URL, {"page_size": 100})

    assert response.json()["count"] == 7
    assert "Secret Co" not in error_text(response)
    assert api.get(ENTRIES_URL, {"q": "secret"}).json()["count"] == 0
    assert api.get(ENTRIES_URL, {"organisation": hidden.slug}).status_code == 400


def test_editor_sees_entries_of_drafts(editor, table):
    EntryFactory(edition=EditionFactory(status=PublishingStatus.DRAFT))

    response = token_client(editor).get(ENTRIES_URL, {"page_size": 100})

    assert response.json()["count"] == 8


def test_user_without_permission_sees_only_visible_entries(table):
    EntryFactory(edition=EditionFactory(status=PublishingStatus.DRAFT))

    assert token_client(UserFactory()).get(ENTRIES_URL).json()["count"] == 7


# --- Query counts --------------------------------------------------------------------------------


def bulk_entries(edition, count, *, start=0):
    """``count`` organisations and entries in two queries, for the query-count tests."""
    organisations = Organisation.objects.bulk_create(
        Organisation(
            slug=f"bulk-{edition.pk}-{start + n}",
            name_en=f"Bulk Co {start + n}",
            status=PublishingStatus.PUBLISHED,
            hq_province_en="Guangdong",
        )
        for n in range(count)
    )
    category = CategoryFactory(edition=edition)
    Entry.objects.bulk_create(
        Entry(edition=edition, organisation=organisation, rank=start + n + 1, category=category)
        for n, organisation in enumerate(organisations)
    )


def count_queries(client, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(ENTRIES_URL, params)
    assert response.status_code == 200, response.content
    return len(context.captured_queries), response.json()


def test_entries_query_count_is_the_same_for_10_and_500_rows(api):
    series = SeriesFactory()
    previous = EditionFactory(series=series, year=2101)
    edition = EditionFactory(series=series, year=2102)
    bulk_entries(previous, 10)
    bulk_entries(edition, 10)
    ten, few = count_queries(api, {"page_size": 100})

    bulk_entries(edition, 490, start=10)
    many, page = count_queries(api, {"page_size": 100})
    small_page, _body = count_queries(api, {"page_size": 10})

    assert few["count"] == 20
    assert page["count"] == 510
    assert len(page["results"]) == 100
    assert all(item["organisation"]["name"] for item in page["results"])
    assert {item["movement"]["kind"] for item in page["results"]} >= {"new"}
    assert many == ten == small_page


def test_entries_query_count_is_flat_with_the_movement_filter_and_for_editors(editor):
    edition = EditionFactory()
    bulk_entries(edition, 10)
    client = token_client(editor)
    params = {"movement": "", "edition": edition.pk, "ordering": "-movement", "page_size": 100}
    few, _body = count_queries(client, params)

    bulk_entries(edition, 300, start=10)
    many, body = count_queries(client, params)

    assert len(body["results"]) == 100
    assert many == few


def test_series_and_editions_query_counts_do_not_grow(api):
    def count(url):
        with CaptureQueriesContext(connection) as context:
            assert api.get(url, {"page_size": 100}).status_code == 200
        return len(context.captured_queries)

    series = SeriesFactory()
    CategoryFactory(edition=EditionFactory(series=series, release=ReleaseFactory()))
    few = {url: count(url) for url in (SERIES_URL, EDITIONS_URL, CATEGORIES_URL)}

    for _number in range(5):
        edition = EditionFactory(series=SeriesFactory(), release=ReleaseFactory())
        CategoryFactory.create_batch(2, edition=edition)
        EntryFactory(edition=edition)

    assert {url: count(url) for url in few} == few
