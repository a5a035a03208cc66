"""Reader pages of the rankings: series, editions and the table with its controls, movement,
dropped organisations, charts, methodology and source. Everything here is synthetic."""

import re
from decimal import Decimal
from html import unescape
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pazhou.models import Ownership, PublishingStatus, Region
from pazhou.testing.factories import OrganisationAliasFactory, OrganisationFactory, SourceFactory
from rankings.tests.factories import CategoryFactory, EditionFactory, EntryFactory, SeriesFactory
from summit.tests.factories import ReleaseFactory

pytestmark = pytest.mark.django_db


def build_table():
    """A series with two editions: movement up, down, new and tied ranks, one organisation that
    dropped off, categories, headquarters in two provinces and Hong Kong, and a value."""
    series = SeriesFactory(name_en="Synthetic Industry List", name_zh_hans="合成产业榜")
    first = EditionFactory(series=series, year=2101, title_en="Synthetic Industry List 2101")
    second = EditionFactory(
        series=series,
        year=2102,
        title_en="Synthetic Industry List 2102",
        title_zh_hans="合成产业榜2102",
        methodology_en="Ranked by **valuation**.<script>alert(1)</script>",
        scope_en="Synthetic enterprises with headquarters anywhere.",
        source=SourceFactory(citation="Synthetic Ranking Report 2102"),
    )
    platforms = CategoryFactory(edition=second, name_en="Platforms", name_zh_hans="平台", order=1)
    making = CategoryFactory(edition=second, name_en="Making", name_zh_hans="制造", order=2)

    def organisation(name, province="", city="", **kwargs):
        return OrganisationFactory(
            name_en=name,
            hq_province_en=province,
            hq_city_en=city,
            **kwargs,
        )

    riser = organisation(
        "Riser Works",
        "Guangdong",
        "Guangzhou",
        hq_province_zh_hans="广东",
        hq_city_zh_hans="广州",
        ownership=Ownership.PRIVATE,
        hq_region=Region.MAINLAND,
    )
    faller = organisation(
        "Faller Group",
        "Zhejiang",
        "Hangzhou",
        ownership=Ownership.STATE_OWNED_HOLDING,
        hq_region=Region.MAINLAND,
    )
    tie_alpha = organisation(
        "Tie Alpha",
        "Guangdong",
        "Shenzhen",
        hq_province_zh_hans="广东",
        ownership=Ownership.PRIVATE,
        hq_region=Region.MAINLAND,
    )
    tie_beta = organisation("Tie Beta", hq_region=Region.HONG_KONG)
    dropped = organisation("Dropped Ltd", "Guangdong", "Foshan")

    EntryFactory(edition=first, organisation=riser, rank=5)
    EntryFactory(edition=first, organisation=faller, rank=1)
    EntryFactory(edition=first, organisation=dropped, rank=2)
    entries = SimpleNamespace(
        riser=EntryFactory(
            edition=second,
            organisation=riser,
            rank=2,
            category=platforms,
            value=Decimal("1200.5"),
            value_unit_en="100 million",
            currency="CNY",
            name_as_published="Riser Old Name",
            headquarters_as_published="Canton",
        ),
        tie_alpha=EntryFactory(
            edition=second, organisation=tie_alpha, rank=3, is_tied=True, category=platforms
        ),
        tie_beta=EntryFactory(
            edition=second, organisation=tie_beta, rank=3, is_tied=True, category=making
        ),
        faller=EntryFactory(edition=second, organisation=faller, rank=4, category=making),
    )
    return SimpleNamespace(
        series=series,
        first=first,
        second=second,
        platforms=platforms,
        making=making,
        riser=riser,
        faller=faller,
        tie_alpha=tie_alpha,
        tie_beta=tie_beta,
        dropped=dropped,
        entries=entries,
    )


@pytest.fixture
def table():
    return build_table()


def get(client, path, **params):
    response = client.get(path, params)
    return response, response.content.decode()


def row_names(html):
    """Organisation names in the table's rows, in order."""
    body = html[html.index('<table class="data-table ranking-table">') :]
    body = body[: body.index("</table>")]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', body)


def text_of(html):
    return unescape(re.sub(r"<[^>]+>", "", html))


# --- /rankings/ and /rankings/<series>/ ----------------------------------------------------------


def test_series_list_shows_series_and_their_visible_editions(client, table):
    EditionFactory(series=table.series, year=2103, status=PublishingStatus.DRAFT)
    SeriesFactory(name_en="Hidden Draft List", status=PublishingStatus.DRAFT)

    response, html = get(client, "/en/rankings/")

    assert response.status_code == 200
    assert f'<a href="/en/rankings/{table.series.slug}/">Synthetic Industry List</a>' in html
    assert f'href="/en/rankings/{table.series.slug}/2102/">Synthetic Industry List 2102</a>' in html
    assert f'href="/en/rankings/{table.series.slug}/2101/"' in html
    assert "2103" not in html
    assert "Hidden Draft List" not in html
    assert "4 entries" in html


def test_series_page_lists_editions_newest_first_with_counts(client, table):
    table.series.description_en = "A *synthetic* series."
    table.series.save()

    response, html = get(client, table.series.get_absolute_url())

    assert response.status_code == 200
    assert "<h1>Synthetic Industry List</h1>" in html
    assert "<em>synthetic</em>" in html
    assert html.index("Synthetic Industry List 2102") < html.index("Synthetic Industry List 2101")
    assert "4 entries" in html and "3 entries" in html


def test_draft_series_and_its_editions_answer_404(client, table):
    table.series.status = PublishingStatus.DRAFT
    table.series.save()

    for path in [table.series.get_absolute_url(), table.second.get_absolute_url()]:
        response = client.get(path)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
    assert "Synthetic Industry List" not in client.get("/en/rankings/").content.decode()


def test_draft_edition_answers_404_and_is_skipped_by_its_neighbours(client, table):
    draft = EditionFactory(series=table.series, year=2103, status=PublishingStatus.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    _response, html = get(client, table.second.get_absolute_url())
    assert 'rel="next"' not in html


# --- The table -----------------------------------------------------------------------------------


def test_edition_table_shows_rank_ties_names_categories_headquarters_values(client, table):
    response, html = get(client, table.second.get_absolute_url())

    assert response.status_code == 200
    assert row_names(html) == ["Riser Works", "Tie Alpha", "Tie Beta", "Faller Group"]
    assert html.count('<td class="col-rank">=3') == 2
    assert f'<a href="/en/organisations/{table.riser.slug}/">Riser Works</a>' in html
    assert "as published: Riser Old Name" in html
    assert "Guangzhou, Guangdong" in html
    assert "as published: Canton" in html
    assert "Hong Kong" in html
    assert "1,200.5 100 million CNY" in html
    assert "<td>Platforms</td>" in html and "<td>Making</td>" in html


def test_edition_table_movement_has_arrows_and_words_for_screen_readers(client, table):
    _response, html = get(client, table.second.get_absolute_url())

    rows = {
        name: row
        for row in re.findall(r"<tr data-organisation=.*?</tr>", html, re.S)
        for name in [re.search(r'<th scope="row"><a [^>]+>([^<]+)<', row).group(1)]
    }
    assert '<span aria-hidden="true">▲ 3</span>' in rows["Riser Works"]
    assert '<span class="visually-hidden">up 3 places</span>' in rows["Riser Works"]
    assert '<span aria-hidden="true">▼ 3</span>' in rows["Faller Group"]
    assert '<span class="visually-hidden">down 3 places</span>' in rows["Faller Group"]
    assert ">new<" in rows["Tie Alpha"]
    assert "Movement since 2101" in html


def test_returning_and_unchanged_movement_are_named(client):
    series = SeriesFactory()
    editions = [EditionFactory(series=series, year=year) for year in (2101, 2102, 2103)]
    comeback = OrganisationFactory(name_en="Comeback Co")
    steady = OrganisationFactory(name_en="Steady Co")
    EntryFactory(edition=editions[0], organisation=comeback, rank=3)
    EntryFactory(edition=editions[1], organisation=steady, rank=1)
    EntryFactory(edition=editions[2], organisation=steady, rank=1)
    EntryFactory(edition=editions[2], organisation=comeback, rank=2)

    _response, html = get(client, editions[2].get_absolute_url())

    assert ">returning<" in html
    assert '<span class="visually-hidden">unchanged</span>' in html


def test_dropped_organisations_are_listed_below_the_table(client, table):
    hidden = OrganisationFactory(name_en="Hidden Dropper", status=PublishingStatus.DRAFT)
    EntryFactory(edition=table.first, organisation=hidden, rank=9)

    _response, html = get(client, table.second.get_absolute_url())

    dropped = html[html.index('id="dropped-heading"') :]
    dropped = dropped[: dropped.index("</section>")]
    assert "No longer listed since 2101" in dropped
    assert f'<a href="/en/organisations/{table.dropped.slug}/">Dropped Ltd</a>' in dropped
    assert "rank 2 in 2101" in dropped
    assert "Riser Works" not in dropped
    assert "Hidden Dropper" not in html


def test_a_long_dropped_list_is_cut_with_a_link_to_the_previous_edition(client, table, monkeypatch):
    monkeypatch.setattr("rankings.views.DROPPED_SHOWN", 2)
    for name in ("Gone One", "Gone Two"):
        EntryFactory(edition=table.first, organisation=OrganisationFactory(name_en=name), rank=7)

    _response, html = get(client, table.second.get_absolute_url())

    dropped = html[html.index('id="dropped-heading"') :]
    dropped = dropped[: dropped.index("</section>")]
    assert "Dropped Ltd" in dropped and "Gone One" in dropped
    assert "Gone Two" not in dropped
    assert f'…and 1 more: see the <a href="{table.first.get_absolute_url()}">2101 edition</a>.' in (
        dropped
    )


def test_first_edition_has_no_movement_column_and_says_why_a_movement_filter_is_ignored(
    client, table
):
    response, html = get(client, table.first.get_absolute_url(), movement="up")

    assert response.status_code == 200
    assert "Movement since" not in html
    assert 'name="movement"' not in html
    assert "first edition of the series" in html
    assert row_names(html) == ["Faller Group", "Dropped Ltd", "Riser Works"]
    assert "No longer listed" not in html


def test_about_section_has_sanitised_methodology_scope_source_and_downloads(client, table):
    _response, html = get(client, table.second.get_absolute_url())

    assert "Ranked by <strong>valuation</strong>." in html
    assert "<script>alert(1)</script>" not in html
    assert "Synthetic enterprises with headquarters anywhere." in html
    assert html.count("Synthetic Ranking Report 2102") == 2  # in the page and in the footer
    assert f'href="/en/rankings/{table.series.slug}/2102.csv"' in html
    assert f'href="/en/rankings/{table.series.slug}/2102.xlsx"' in html
    assert "<li>Platforms</li><li>Making</li>" in html


def test_release_link_points_to_the_summit_release_page_when_it_is_visible(client, table):
    release = ReleaseFactory(title_en="Synthetic List Launch")
    table.second.release = release
    table.second.save()

    _response, html = get(client, table.second.get_absolute_url())
    assert f'<a href="{release.get_absolute_url()}">Synthetic List Launch</a>' in html

    release.status = PublishingStatus.DRAFT
    release.save()
    _response, html = get(client, table.second.get_absolute_url())
    assert "Synthetic List Launch" not in html


@pytest.mark.parametrize(
    ("is_ranked", "notice"),
    [
        (False, "This list is not ranked."),
        (None, "Ranks not published: the source gives no ranks for this list"),
    ],
)
def test_unranked_or_rank_unknown_edition_shows_no_rank(client, table, is_ranked, notice):
    table.second.is_ranked = is_ranked
    table.second.save()

    response, html = get(client, table.second.get_absolute_url())

    assert response.status_code == 200
    assert notice in html
    assert 'class="col-rank"' not in html
    assert "=3" not in html
    assert 'value="rank"' not in html
    # Alphabetical, not by the ranks stored.
    assert row_names(html) == ["Faller Group", "Riser Works", "Tie Alpha", "Tie Beta"]


def test_unranked_edition_refuses_sorting_by_rank_with_a_message(client, table):
    table.second.is_ranked = False
    table.second.save()

    response, html = get(client, table.second.get_absolute_url(), ordering="rank")

    assert response.status_code == 400
    assert "Select a valid choice" in html
    assert row_names(html) == []


# --- Controls: filters, search, sorting, state in the URL ----------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "hong_kong"}, ["Tie Beta"]),
        ({"province": "Guangdong"}, ["Riser Works", "Tie Alpha"]),
        ({"province": "广东"}, ["Riser Works", "Tie Alpha"]),
        ({"city": "guangzhou"}, ["Riser Works"]),
        ({"ownership": "state_owned_holding"}, ["Faller Group"]),
        ({"movement": "new"}, ["Tie Alpha", "Tie Beta"]),
        ({"movement": "down"}, ["Faller Group"]),
        ({"q": "tie"}, ["Tie Alpha", "Tie Beta"]),
        ({"q": "riser old"}, ["Riser Works"]),
        ({"ordering": "name"}, ["Faller Group", "Riser Works", "Tie Alpha", "Tie Beta"]),
        ({"ordering": "-rank"}, ["Faller Group", "Tie Alpha", "Tie Beta", "Riser Works"]),
        ({"ordering": "-value"}, ["Riser Works", "Tie Alpha", "Tie Beta", "Faller Group"]),
        ({"ordering": "-movement"}, ["Riser Works", "Faller Group", "Tie Alpha", "Tie Beta"]),
    ],
)
def test_table_filters_search_and_sorting(client, table, params, expected):
    response, html = get(client, table.second.get_absolute_url(), **params)

    assert response.status_code == 200
    assert row_names(html) == expected


def test_filter_by_category_keeps_its_state_in_the_form(client, table):
    response, html = get(
        client, table.second.get_absolute_url(), category=table.making.pk, ordering="name"
    )

    assert row_names(html) == ["Faller Group", "Tie Beta"]
    assert f'<option value="{table.making.pk}" selected>Making</option>' in html
    assert '<option value="name" selected>' in html
    assert "2 of 4 entries match." in html
    assert '<form class="filters" method="get"' in html


def test_province_and_city_choices_come_from_the_edition(client, table):
    _response, html = get(client, table.second.get_absolute_url(), province="Guangdong")

    province = html[html.index('name="province"') : html.index('name="city"')]
    assert '<option value="Guangdong" selected>Guangdong</option>' in province
    assert '<option value="Zhejiang">Zhejiang</option>' in province
    assert "Foshan" not in html[: html.index('id="dropped-heading"')]


def test_place_filters_use_the_current_headquarters_not_the_one_as_published(client, table):
    _response, html = get(client, table.second.get_absolute_url(), city="Canton")

    assert row_names(html) == []
    assert "No entries match these filters." in html


def test_search_finds_aliases_and_traditional_script(client, table):
    OrganisationAliasFactory(organisation=table.faller, name="跌落集团")

    _response, html = get(client, table.second.get_absolute_url(), q="跌落集團")
    assert row_names(html) == ["Faller Group"]
    _response, html = get(client, table.second.get_absolute_url(), q="ＦＡＬＬＥＲ")
    assert row_names(html) == ["Faller Group"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"category": "abc"}, "category"),
        ({"category": "999999"}, "category"),
        ({"category": "9" * 30}, "category"),
        ({"region": "moon"}, "region"),
        ({"province": "Guang\x00dong"}, "province"),
        ({"ownership": "pirate"}, "ownership"),
        ({"movement": "sideways"}, "movement"),
        ({"ordering": "secret_field"}, "ordering"),
        ({"ordering": "year"}, "ordering"),
        ({"q": "x" * 101}, "q"),
    ],
)
def test_bad_parameters_answer_400_with_a_visible_message(client, table, params, field):
    response, html = get(client, table.second.get_absolute_url(), **params)

    assert response.status_code == 400
    block = html[html.index(f'id="id_{field}"') :]
    assert '<p class="error" role="alert">' in block[: block.index("</div>")]
    assert "The list could not be filtered" in html
    assert row_names(html) == []


def test_empty_sort_items_in_the_url_leave_the_default_order(client, table):
    response, html = get(client, table.second.get_absolute_url(), ordering=",,")

    assert response.status_code == 200
    assert row_names(html) == ["Riser Works", "Tie Alpha", "Tie Beta", "Faller Group"]


def test_category_of_another_edition_is_refused(client, table):
    other = CategoryFactory(edition=table.first, name_en="Old Category")

    response, html = get(client, table.second.get_absolute_url(), category=other.pk)

    assert response.status_code == 400
    assert "Select a valid choice" in html


@pytest.mark.parametrize("page", ["abc", "9"])
def test_page_out_of_range_or_malformed_answers_404(client, table, page):
    response = client.get(table.second.get_absolute_url(), {"page": page})

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def make_entries(edition, count, category=None):
    for _number in range(count):
        EntryFactory(
            edition=edition,
            category=category,
            organisation=OrganisationFactory(hq_province_en="Guangdong", hq_city_en="Guangzhou"),
        )


def test_pagination_keeps_the_filters_in_its_links(client):
    edition = EditionFactory()
    category = CategoryFactory(edition=edition)
    make_entries(edition, 105, category)

    _response, html = get(client, edition.get_absolute_url(), category=category.pk)

    assert len(row_names(html)) == 100
    assert f'href="?category={category.pk}&amp;page=2"' in html
    _response, html = get(client, edition.get_absolute_url(), category=category.pk, page=2)
    assert len(row_names(html)) == 5
    assert "Page 2 of 2" in html


def count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_edition_page_query_count_does_not_grow_with_rows(client):
    series = SeriesFactory()
    previous = EditionFactory(series=series, year=2101)
    edition = EditionFactory(series=series, year=2102)
    category = CategoryFactory(edition=edition)
    make_entries(previous, 3)
    make_entries(edition, 5, category)
    few = count_queries(client, edition.get_absolute_url())

    make_entries(previous, 120)  # more dropped organisations than the page lists
    make_entries(edition, 150, category)
    many = count_queries(client, edition.get_absolute_url())
    filtered = count_queries(client, f"{edition.get_absolute_url()}?category={category.pk}")

    assert many == few
    assert filtered <= few + 1  # validating the chosen category


def test_series_pages_query_count_does_not_grow_with_editions(client):
    series = SeriesFactory()
    EditionFactory(series=series, source=SourceFactory())
    list_few = count_queries(client, "/en/rankings/")
    detail_few = count_queries(client, series.get_absolute_url())

    for _number in range(8):
        make_entries(EditionFactory(series=series, source=SourceFactory()), 2)
    SeriesFactory.create_batch(3)

    assert count_queries(client, "/en/rankings/") == list_few
    assert count_queries(client, series.get_absolute_url()) == detail_few


# --- Charts --------------------------------------------------------------------------------------


def test_charts_are_inline_svg_with_title_and_a_data_table(client, table):
    _response, html = get(client, table.second.get_absolute_url())

    charts = html[html.index('id="charts-heading"') :]
    assert charts.count('<svg class="chart" role="img"') == 2
    assert '<title id="chart-categories-title">Entries by category</title>' in charts
    assert '<title id="chart-places-title">Entries by province</title>' in charts
    category_table = charts[charts.index("Entries by category: the data") :]
    assert (
        '<tr><th scope="row">Platforms</th><td class="col-value">2</td></tr>'
        '<tr><th scope="row">Making</th><td class="col-value">2</td></tr>'
    ) in category_table
    places = charts[charts.index("Entries by province: the data") :]
    assert '<tr><th scope="row">Guangdong</th><td class="col-value">2</td></tr>' in places
    assert '<tr><th scope="row">Zhejiang</th><td class="col-value">1</td></tr>' in places
    assert '<tr><th scope="row">Not known</th><td class="col-value">1</td></tr>' in places
    assert "<script" not in html


def test_place_chart_is_by_city_when_all_are_in_one_province(client):
    edition = EditionFactory()
    for city in ["Guangzhou", "Guangzhou", "Shenzhen"]:
        EntryFactory(
            edition=edition,
            organisation=OrganisationFactory(hq_province_en="Guangdong", hq_city_en=city),
        )

    _response, html = get(client, edition.get_absolute_url())

    assert '<title id="chart-places-title">Entries by city</title>' in html
    assert '<tr><th scope="row">Guangzhou</th><td class="col-value">2</td></tr>' in html


def test_edition_without_any_category_says_so_instead_of_a_chart(client):
    edition = EditionFactory()
    CategoryFactory(edition=edition, name_en="Unused")
    EntryFactory(edition=edition)

    _response, html = get(client, edition.get_absolute_url())

    assert "chart-categories" not in html
    assert "The source gives no category for the entries of this edition." in html


# --- Visibility ----------------------------------------------------------------------------------


def test_draft_organisations_are_in_no_row_count_chart_or_filter_choice(client, table):
    hidden = OrganisationFactory(
        name_en="Secret Draft Co", hq_province_en="Hiddenprovince", status=PublishingStatus.DRAFT
    )
    EntryFactory(edition=table.second, organisation=hidden, rank=1, category=table.platforms)

    _response, html = get(client, table.second.get_absolute_url())

    assert "Secret Draft Co" not in html
    assert "Hiddenprovince" not in html
    assert "4 entries." in html
    assert '<tr><th scope="row">Platforms</th><td class="col-value">2</td></tr>' in html


def test_editor_previews_a_draft_edition_and_the_filters_keep_the_preview(client, editor, table):
    draft = EditionFactory(
        series=table.series, year=2103, title_en="Draft List 2103", status=PublishingStatus.DRAFT
    )
    EntryFactory(edition=draft, organisation=table.riser, rank=1)
    path = draft.get_absolute_url()

    assert client.get(path, {"preview": "1"}).status_code == 404
    client.force_login(editor)
    assert client.get(path).status_code == 404
    response, html = get(client, path, preview="1")

    assert response.status_code == 200
    assert "<h1>Draft List 2103</h1>" in html
    assert row_names(html) == ["Riser Works"]
    assert '<input type="hidden" name="preview" value="1">' in html
    assert response["Cache-Control"] == "private, no-store"


def test_publisher_is_linked_when_visible_and_left_out_when_a_draft(client, table):
    publisher = OrganisationFactory(name_en="Synthetic Publisher")
    table.series.publisher = publisher
    table.series.save()
    paths = ["/en/rankings/", table.series.get_absolute_url(), table.second.get_absolute_url()]

    for path in paths:
        _response, html = get(client, path)
        assert f'<a href="/en/organisations/{publisher.slug}/">Synthetic Publisher</a>' in html

    publisher.status = PublishingStatus.DRAFT
    publisher.save()
    for path in paths:
        _response, html = get(client, path)
        assert "Synthetic Publisher" not in html


def test_editor_sees_no_draft_on_reader_pages(client, editor, table):
    hidden = OrganisationFactory(name_en="Secret Draft Co", status=PublishingStatus.DRAFT)
    EntryFactory(edition=table.second, organisation=hidden)
    client.force_login(editor)

    _response, html = get(client, table.second.get_absolute_url())

    assert "Secret Draft Co" not in html


# --- Page head, language, hosts ------------------------------------------------------------------


def test_edition_page_has_title_description_and_open_graph(client, table):
    _response, html = get(client, table.second.get_absolute_url())

    title = "Synthetic Industry List 2102 · Rankings · Pazhou Industrial Internet"
    assert f"<title>{title}</title>" in html
    description = re.search(r'<meta name="description" content="([^"]+)">', html).group(1)
    assert description.startswith("Synthetic Industry List 2102: 4 organisations")
    assert '<meta property="og:title" content="Synthetic Industry List 2102">' in html
    og = re.search(r'<meta property="og:description" content="([^"]+)">', html).group(1)
    assert og == description
    assert '<meta property="og:type" content="article">' in html


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/en/rankings/", "<title>Rankings · Pazhou Industrial Internet</title>"),
        (None, "<title>Synthetic Industry List · Rankings · Pazhou Industrial Internet</title>"),
    ],
)
def test_series_pages_have_title_description_and_open_graph(client, table, path, title):
    _response, html = get(client, path or table.series.get_absolute_url())

    assert title in html
    description = re.search(r'<meta name="description" content="([^"]+)">', html).group(1)
    assert "rankings" in description.lower() or "editions" in description
    assert re.search(r'<meta property="og:description" content="([^"]+)">', html).group(1) == (
        description
    )


def test_chinese_page_shows_chinese_names_and_keeps_filters_on_language_switch(client, table):
    path = table.second.get_absolute_url().replace("/en/", "/zh-hans/")

    _response, html = get(client, path, category=table.making.pk)

    assert '<html lang="zh-Hans">' in html
    assert "<h1>合成产业榜2102</h1>" in html
    assert f'<option value="{table.making.pk}" selected>制造</option>' in html
    english = f"/en/rankings/{table.series.slug}/2102/"
    assert f'href="{english}?category={table.making.pk}"' in html


def test_rankings_pages_load_nothing_from_another_host(client, table):
    for path in ["/en/rankings/", table.series.get_absolute_url(), table.second.get_absolute_url()]:
        _response, html = get(client, path)
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert not url.startswith(("http://", "https://", "//")) or url.startswith(
                "http://testserver/"
            ), (path, url)
        assert "/static/css/rankings.css" in html
