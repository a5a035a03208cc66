"""Reader pages of the shared core: languages, organisations, feeds, sitemap, robots, errors."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pazhou.models import PublishingStatus
from pazhou.testing.factories import OrganisationAliasFactory, OrganisationFactory, SourceFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def hidden_organisations():
    """One organisation in each state that anonymous readers must not see."""
    now = timezone.now()
    return [
        OrganisationFactory(name_en="Draft Hidden Co", status=PublishingStatus.DRAFT),
        OrganisationFactory(name_en="Review Hidden Co", status=PublishingStatus.IN_REVIEW),
        OrganisationFactory(
            name_en="Scheduled Hidden Co", publish_at=now + datetime.timedelta(days=1)
        ),
        OrganisationFactory(
            name_en="Expired Hidden Co", unpublish_at=now - datetime.timedelta(minutes=1)
        ),
    ]


def test_root_redirects_to_the_language_prefix_from_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB")["Location"] == "/en/"


def test_home_page_is_in_the_language_of_the_prefix(client):
    OrganisationFactory(name_en="Prefix Works", name_zh_hans="前缀工厂")
    english = client.get("/en/").content.decode()
    chinese = client.get("/zh-hans/").content.decode()
    assert '<html lang="en">' in english
    assert "Prefix Works" in english and "前缀工厂" not in english
    assert '<html lang="zh-Hans">' in chinese
    assert "前缀工厂" in chinese


def test_language_switcher_links_to_the_same_page_with_its_query(client):
    organisation = OrganisationFactory(name_en="Switch Co")
    page = client.get(f"/en/organisations/{organisation.slug}/").content.decode()
    assert f'href="/zh-hans/organisations/{organisation.slug}/"' in page
    assert 'aria-current="true"' in page

    listing = client.get("/zh-hans/organisations/?kind=company").content.decode()
    assert 'href="/en/organisations/?kind=company"' in listing


def test_missing_translation_falls_back_to_the_other_language(client):
    english_only = OrganisationFactory(name_en="Only English Ltd", name_zh_hans="")
    chinese_only = OrganisationFactory(name_en="", name_zh_hans="只有中文公司")
    chinese_page = client.get(f"/zh-hans/organisations/{english_only.slug}/").content.decode()
    assert "<h1>Only English Ltd</h1>" in chinese_page
    english_page = client.get(f"/en/organisations/{chinese_only.slug}/").content.decode()
    assert "<h1>只有中文公司</h1>" in english_page


def test_chinese_only_name_gets_a_pinyin_slug(client):
    organisation = OrganisationFactory(name_en="", name_zh_hans="树根互联", slug="")
    assert organisation.slug == "shugenhulian"
    second = OrganisationFactory(name_en="", name_zh_hans="树根互联", slug="")
    assert second.slug == "shugenhulian-2"


def test_organisation_page_shows_aliases_headquarters_and_source(client):
    source = SourceFactory(citation="Synthetic Daily, 1 May 2023")
    organisation = OrganisationFactory(
        name_en="Alias Works",
        hq_province_en="Guangdong",
        hq_city_en="Guangzhou",
        source=source,
        description_en="Makes **things**.<script>alert(1)</script>",
    )
    OrganisationAliasFactory(organisation=organisation, name="AW Old Name")
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "AW Old Name" in page
    assert "Guangzhou, Guangdong" in page
    assert "Synthetic Daily, 1 May 2023" in page
    assert "<strong>things</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert '<meta property="og:title" content="Alias Works">' in page
    assert "<title>Alias Works · Pazhou Industrial Internet</title>" in page


def test_hidden_organisations_are_not_shown_on_any_page(client, hidden_organisations):
    OrganisationFactory(name_en="Visible Co")
    for path in ["/en/", "/en/organisations/", "/en/search/?q=hidden", "/en/search/?q=co"]:
        page = client.get(path).content.decode()
        assert "Hidden Co" not in page, path
    for organisation in hidden_organisations:
        response = client.get(f"/en/organisations/{organisation.slug}/")
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


def test_editor_sees_no_draft_on_reader_pages_without_preview(client, editor, hidden_organisations):
    client.force_login(editor)
    assert "Draft Hidden Co" not in client.get("/en/organisations/").content.decode()


def test_organisation_list_filters_and_keeps_the_state_in_the_url(client):
    OrganisationFactory(
        name_en="Canton Maker", hq_province_en="Guangdong", hq_province_zh_hans="广东"
    )
    OrganisationFactory(name_en="Hangzhou Maker", hq_province_en="Zhejiang")
    page = client.get("/en/organisations/?province=%E5%B9%BF%E4%B8%9C").content.decode()
    assert "Canton Maker" in page
    assert "Hangzhou Maker" not in page
    assert "1 organisation" in page


def test_organisation_list_rejects_an_unknown_ordering_with_a_form_error(client):
    OrganisationFactory(name_en="Order Co")
    response = client.get("/en/organisations/?ordering=secret_field")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert "Order Co" not in response.content.decode()


def test_organisation_list_orders_by_name_in_the_reader_language(client):
    OrganisationFactory(name_en="Beta", name_zh_hans="阿尔法")
    OrganisationFactory(name_en="Alpha", name_zh_hans="贝塔")
    english = client.get("/en/organisations/?ordering=name").content.decode()
    assert english.index(">Alpha<") < english.index(">Beta<")
    reverse = client.get("/en/organisations/?ordering=-name").content.decode()
    assert reverse.index(">Beta<") < reverse.index(">Alpha<")


def test_organisation_list_page_out_of_range_is_404(client):
    OrganisationFactory()
    assert client.get("/en/organisations/?page=5").status_code == 404
    assert client.get("/en/organisations/?page=abc").status_code == 404


def count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_organisation_list_query_count_does_not_grow_with_rows(client):
    OrganisationFactory.create_batch(5)
    five = count_queries(client, "/en/organisations/")
    OrganisationFactory.create_batch(45)
    fifty = count_queries(client, "/en/organisations/")
    assert fifty == five


def test_atom_feed_lists_visible_items_only(client, hidden_organisations):
    OrganisationFactory(name_en="Feed Visible Co")
    response = client.get("/en/feeds/latest.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Feed Visible Co"]
    link = next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
    assert link.startswith("http://testserver/en/organisations/")


def test_sitemap_lists_both_languages_and_no_hidden_item(client, hidden_organisations):
    visible = OrganisationFactory(name_en="Map Co")
    response = client.get("/sitemap.xml")
    sitemap = ElementTree.fromstring(response.content)
    locations = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert f"http://testserver/en/organisations/{visible.slug}/" in locations
    assert f"http://testserver/zh-hans/organisations/{visible.slug}/" in locations
    for organisation in hidden_organisations:
        assert not any(organisation.slug in location for location in locations)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_not_found_page_speaks_the_language_of_the_prefix(client):
    english = client.get("/en/no-such-page/")
    chinese = client.get("/zh-hans/no-such-page/")
    assert english.status_code == chinese.status_code == 404
    assert "Page not found" in english.content.decode()
    assert '<html lang="zh-Hans">' in chinese.content.decode()
    assert "Page not found" not in chinese.content.decode()


def test_server_error_page_renders_in_both_languages(rf):
    from pazhou.errors import server_error

    english = server_error(rf.get("/en/boom/")).content.decode()
    chinese = server_error(rf.get("/zh-hans/boom/")).content.decode()
    assert "Something went wrong" in english
    assert '<html lang="zh-Hans">' in chinese
    assert "Something went wrong" not in chinese


def test_pages_load_nothing_from_another_host(client):
    OrganisationFactory(name_en="Host Co")
    for path in ["/en/", "/zh-hans/organisations/", "/en/search/?q=host"]:
        page = client.get(path).content.decode()
        for url in re.findall(r'(?:src|href)="([^"]+)"', page):
            assert not url.startswith(("http://", "https://", "//")) or url.startswith(
                "http://testserver/"
            ), (path, url)


def test_home_page_footer_credits_the_sources_of_what_it_shows(client):
    OrganisationFactory(name_en="Credited Co", source=SourceFactory(citation="Synthetic Weekly"))
    page = client.get("/en/").content.decode()
    footer = page[page.index('<footer class="site-footer">') :]
    assert "Synthetic Weekly" in footer


def test_organisation_list_ordering_with_only_a_comma_lists_everything(client):
    OrganisationFactory(name_en="Comma Co")

    response = client.get("/en/organisations/", {"ordering": ","})

    assert response.status_code == 200
    assert "Comma Co" in response.content.decode()
