"""What the rankings add to the shared pages through the registry: the home page's latest lists,
the organisation page's rank history, site search, the sitemap and the Atom feed."""

import re
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pazhou.models import PublishingStatus
from pazhou.testing.factories import OrganisationFactory, SourceFactory
from rankings.tests.factories import CategoryFactory, EditionFactory, EntryFactory, SeriesFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


# --- Home page -----------------------------------------------------------------------------------


def test_home_page_lists_the_latest_edition_of_each_series(client):
    first_series = SeriesFactory(name_en="Alpha List")
    second_series = SeriesFactory(name_en="Beta List")
    EditionFactory(series=first_series, year=2101, title_en="Alpha List 2101")
    EditionFactory(series=first_series, year=2102, title_en="Alpha List 2102")
    EditionFactory(
        series=first_series, year=2103, title_en="Alpha Draft 2103", status=PublishingStatus.DRAFT
    )
    beta = EditionFactory(series=second_series, year=2101, title_en="Beta List 2101")
    EntryFactory.create_batch(2, edition=beta)

    html = html_of(client, "/en/")

    section = html[html.index('id="home-rankings"') :]
    section = section[: section.index("</section>")]
    assert "Latest lists" in section
    assert "Alpha List 2102" in section
    assert "Alpha List 2101" not in section
    assert "Alpha Draft 2103" not in html
    assert f'<a href="{beta.get_absolute_url()}"><strong>Beta List 2101</strong></a>' in section
    assert "2 entries" in section
    assert 'href="/en/rankings/"' in section


def test_home_page_has_no_rankings_section_without_a_visible_edition(client):
    EditionFactory(title_en="Only Draft", status=PublishingStatus.DRAFT)

    html = html_of(client, "/en/")

    assert 'id="home-rankings"' not in html
    assert "Only Draft" not in html


# --- Organisation page ---------------------------------------------------------------------------


def test_organisation_page_shows_rank_history_chart_table_and_names_as_published(client):
    series = SeriesFactory(name_en="History List")
    editions = [EditionFactory(series=series, year=year) for year in (2100, 2101, 2102, 2103)]
    organisation = OrganisationFactory(name_en="Climber Co")
    category = CategoryFactory(edition=editions[3], name_en="Platforms")
    EntryFactory(edition=editions[1], organisation=organisation, rank=9, name_as_published="Old Co")
    EntryFactory(
        edition=editions[3],
        organisation=organisation,
        rank=3,
        is_tied=True,
        category=category,
        name_as_published="Climber Company",
    )

    html = html_of(client, organisation.get_absolute_url())

    section = html[html.index('id="organisation-rankings"') :]
    section = section[: section.index("</section>")]
    assert "In the rankings" in section
    assert '<svg class="chart" role="img"' in section
    assert "Rank of Climber Co in History List, edition by edition" in section
    rows = re.findall(r"<tr>\s*<th scope=\"row\"><a [^>]+>(\d+)</a></th>\s*<td>(.*?)</td>", section)
    # The series' editions from the first appearance on; 2102 did not list it.
    assert [(year, re.sub(r"<[^>]+>", "", cell)) for year, cell in rows] == [
        ("2101", "9"),
        ("2102", "not listed"),
        ("2103", "=3"),
    ]
    assert "Platforms" in section
    assert "Names as published in the rankings" in section
    assert "Old Co" in section and "Climber Company" in section


def test_organisation_page_says_when_an_edition_publishes_no_rank(client):
    edition = EditionFactory(is_ranked=None, source=SourceFactory(citation="Synthetic Source X"))
    organisation = OrganisationFactory()
    EntryFactory(edition=edition, organisation=organisation, rank=4)

    html = html_of(client, organisation.get_absolute_url())

    section = html[html.index('id="organisation-rankings"') :]
    assert "listed, rank not published" in section
    assert "<svg" not in section[: section.index("</section>")]
    footer = html[html.index('<footer class="site-footer">') :]
    assert "Synthetic Source X" in footer


def test_organisation_page_leaves_out_draft_editions(client):
    organisation = OrganisationFactory()
    EntryFactory(
        organisation=organisation,
        edition=EditionFactory(title_en="Draft Edition X", status=PublishingStatus.DRAFT),
    )

    html = html_of(client, organisation.get_absolute_url())

    assert 'id="organisation-rankings"' not in html
    assert "Draft Edition X" not in html


def test_organisation_page_query_count_does_not_grow_with_editions(client):
    series = SeriesFactory()
    organisation = OrganisationFactory()
    EntryFactory(edition=EditionFactory(series=series), organisation=organisation)

    def count():
        with CaptureQueriesContext(connection) as context:
            html_of(client, organisation.get_absolute_url())
        return len(context.captured_queries)

    few = count()
    for _number in range(6):
        EntryFactory(edition=EditionFactory(series=series), organisation=organisation)
    EntryFactory(edition=EditionFactory(), organisation=organisation)

    assert count() == few


# --- Search, sitemap, feed -----------------------------------------------------------------------


def test_search_finds_series_and_editions_in_either_language_but_no_draft(client):
    series = SeriesFactory(name_en="Lighthouse Factory List", name_zh_hans="灯塔工厂榜")
    EditionFactory(series=series, year=2101, title_en="Lighthouse Factory List 2101")
    EditionFactory(
        series=series, year=2102, title_en="Lighthouse Draft 2102", status=PublishingStatus.DRAFT
    )

    html = html_of(client, "/en/search/?q=lighthouse")
    assert f'href="{series.get_absolute_url()}"' in html
    assert "Lighthouse Factory List 2101" in html
    assert "Lighthouse Draft 2102" not in html

    html = html_of(client, "/zh-hans/search/?q=燈塔工廠")
    assert "灯塔工厂榜" in html


def test_sitemap_lists_rankings_pages_series_and_editions_in_both_languages(client):
    edition = EditionFactory()
    draft = EditionFactory(series=edition.series, status=PublishingStatus.DRAFT)
    hidden_series = SeriesFactory(status=PublishingStatus.DRAFT)
    EditionFactory(series=hidden_series)

    response = client.get("/sitemap.xml")

    locations = [loc.text for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")]
    slug = edition.series.slug
    for language in ("en", "zh-hans"):
        assert f"http://testserver/{language}/rankings/" in locations
        assert f"http://testserver/{language}/rankings/{slug}/" in locations
        assert f"http://testserver/{language}/rankings/{slug}/{edition.year}/" in locations
    assert not any(f"/{draft.year}/" in location for location in locations)
    assert not any(hidden_series.slug in location for location in locations)


def test_atom_feed_carries_visible_editions_only(client):
    edition = EditionFactory(title_en="Feed Edition 2101")
    EditionFactory(title_en="Feed Draft Edition", status=PublishingStatus.DRAFT)

    feed = ElementTree.fromstring(client.get("/en/feeds/latest.atom").content)

    entries = {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}link").get("href")
        for entry in feed.iter(f"{ATOM}entry")
    }
    assert entries["Feed Edition 2101"] == f"http://testserver{edition.get_absolute_url()}"
    assert "Feed Draft Edition" not in entries
