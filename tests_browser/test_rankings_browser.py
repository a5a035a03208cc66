"""A reader in real Chromium filters and sorts a ranking table: the URL carries the state, and
the rows shown are the rows that state asks for. The edition is synthetic (factories)."""

from urllib.parse import parse_qs, urlparse

import pytest

from pazhou.testing.factories import OrganisationFactory
from rankings.tests.factories import CategoryFactory, EditionFactory, EntryFactory, SeriesFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def build_edition():
    series = SeriesFactory(name_en="Browser Test List")
    previous = EditionFactory(series=series, year=2101)
    edition = EditionFactory(series=series, year=2102, title_en="Browser Test List 2102")
    platforms = CategoryFactory(edition=edition, name_en="Platforms", order=1)
    making = CategoryFactory(edition=edition, name_en="Making", order=2)
    rows = [
        ("Zeta Platforms", "Guangdong", platforms, 1, None),
        ("Alpha Making", "Zhejiang", making, 2, 5),
        ("Mu Platforms", "Guangdong", platforms, 3, 1),
        ("Beta Making", "Guangdong", making, 4, None),
        ("Kappa Platforms", "Jiangsu", platforms, 5, None),
    ]
    for name, province, category, rank, previous_rank in rows:
        organisation = OrganisationFactory(name_en=name, hq_province_en=province)
        EntryFactory(edition=edition, organisation=organisation, category=category, rank=rank)
        if previous_rank:
            EntryFactory(edition=previous, organisation=organisation, rank=previous_rank)
    return edition, platforms


def shown_rows(page):
    return page.locator("table.ranking-table tbody th[scope=row] a").all_inner_texts()


def test_reader_filters_and_sorts_the_table_and_the_url_agrees(live_server, page, artifacts):
    edition, platforms = build_edition()
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(request.url.split("/")[2]))

    page.goto(f"{live_server.url}{edition.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Browser Test List 2102"
    assert shown_rows(page) == [
        "Zeta Platforms",
        "Alpha Making",
        "Mu Platforms",
        "Beta Making",
        "Kappa Platforms",
    ]
    # Movement is readable without colour or arrows.
    alpha_row = page.locator("tr", has=page.get_by_role("link", name="Alpha Making"))
    assert "up 3 places" in alpha_row.inner_text() or "up 3 places" in alpha_row.inner_html()

    page.get_by_label("Category", exact=True).select_option(label="Platforms")
    page.get_by_label("Sort by", exact=True).select_option(label="Name, A to Z")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/2102/?*")

    query = parse_qs(urlparse(page.url).query)
    assert query["category"] == [str(platforms.pk)]
    assert query["ordering"] == ["name"]
    assert shown_rows(page) == ["Kappa Platforms", "Mu Platforms", "Zeta Platforms"]
    assert page.get_by_text("3 of 5 entries match.").is_visible()
    assert page.get_by_label("Category", exact=True).input_value() == str(platforms.pk)

    # The same URL, opened afresh, shows the same rows: the view can be shared.
    shared = page.url
    page.goto(f"{live_server.url}/en/")
    page.goto(shared)
    assert shown_rows(page) == ["Kappa Platforms", "Mu Platforms", "Zeta Platforms"]

    page.get_by_label("Province", exact=True).select_option("Guangdong")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**province=Guangdong**")
    assert parse_qs(urlparse(page.url).query)["province"] == ["Guangdong"]
    assert shown_rows(page) == ["Mu Platforms", "Zeta Platforms"]
    assert page.locator("svg.chart[role=img]").count() == 2
    page.screenshot(path=str(artifacts / "ranking-table-filtered.png"), full_page=True)

    live_host = live_server.url.split("/")[2]
    assert requested_hosts == {live_host}, f"requests left the site: {requested_hosts}"


def test_bad_filter_in_a_shared_url_shows_a_message_not_an_error_page(live_server, page):
    edition, _platforms = build_edition()

    page.goto(f"{live_server.url}{edition.get_absolute_url()}?movement=sideways")

    alert = page.get_by_role("alert").first
    assert "Select a valid choice" in alert.inner_text()
    assert shown_rows(page) == []
