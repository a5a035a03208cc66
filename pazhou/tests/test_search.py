"""Search normalisation, ASCII slugs and the /search/ page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from pazhou.models import AliasKind, Organisation, PublishingStatus
from pazhou.search import MAX_QUERY_LENGTH, search_everything
from pazhou.seed import load_core_seed
from pazhou.testing.factories import OrganisationAliasFactory, OrganisationFactory
from pazhou.text import ascii_slug, normalise_for_search, person_slug, search_terms, unique_slug

# normalise_for_search -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＴＥＮＣＥＮＴ", "tencent"),  # full-width Latin → ASCII
        ("ｈｕａｗｅｉ　１２３", "huawei 123"),  # full-width digits and ideographic space
        ("華為", "华为"),  # Traditional → Simplified
        ("騰訊", "腾讯"),
        ("樹根互聯", "树根互联"),
        ("Treeroot Internet", "treeroot internet"),  # case-folded
        ("STRASSE Straße", "strasse strasse"),  # casefold, not lower
        ("  Hurun \t\n  Report  ", "hurun report"),  # whitespace collapsed and trimmed
        ("华为", "华为"),  # Simplified stays as it is
    ],
)
def test_normalise_for_search_converts(text, expected):
    assert normalise_for_search(text) == expected


@pytest.mark.parametrize("text", ["", None, "   ", "\t\n"])
def test_normalise_for_search_empty_gives_empty_string(text):
    assert normalise_for_search(text) == ""


def test_normalise_for_search_is_idempotent():
    once = normalise_for_search("  華為 ＣＬＯＵＤ ")
    assert normalise_for_search(once) == once == "华为 cloud"


# ascii_slug ---------------------------------------------------------------------------------


def test_ascii_slug_chinese_name_parts_family_name_first():
    assert ascii_slug("柴", "天佑") == "chai-tianyou"


def test_ascii_slug_chinese_name_in_one_part():
    assert ascii_slug("树根互联") == "shugenhulian"


def test_ascii_slug_english_name():
    assert ascii_slug("Hurun Report") == "hurun-report"
    assert ascii_slug("Chinese Academy of Engineering") == "chinese-academy-of-engineering"


def test_ascii_slug_drops_punctuation_and_accents():
    assert ascii_slug("Siemens AG (China), Ltd.") == "siemens-ag-china-ltd"
    assert ascii_slug("Société Générale") == "societe-generale"


def test_ascii_slug_full_width_letters():
    assert ascii_slug("ＡＢＣ Ｌａｂ") == "abc-lab"


def test_ascii_slug_mixed_scripts():
    assert ascii_slug("华为Cloud") == "huaweicloud"
    assert ascii_slug("Huawei", "华为") == "huawei-huawei"


def test_ascii_slug_is_ascii_only():
    slug = ascii_slug("广州市人民政府", "海珠区")
    assert slug == "guangzhoushirenminzhengfu-haizhuqu"
    assert slug.isascii()


def test_ascii_slug_skips_empty_parts():
    assert ascii_slug("", None, "柴", "", "天佑") == "chai-tianyou"
    assert ascii_slug() == ""
    assert ascii_slug("!!!") == ""


def test_ascii_slug_respects_max_length():
    slug = ascii_slug("word " * 40, max_length=20)
    assert len(slug) <= 20
    assert not slug.endswith("-")


def test_person_slug_family_name_uses_surname_reading():
    assert person_slug("曾", "国藩") == "zeng-guofan"
    assert person_slug("单", "田芳") == "shan-tianfang"
    assert person_slug("柴", "天佑") == "chai-tianyou"
    assert person_slug("Lv", "Nengxing") == "lv-nengxing"


# unique_slug --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unique_slug_free_base_is_kept():
    assert unique_slug(Organisation.objects, "acme") == "acme"


@pytest.mark.django_db
def test_unique_slug_collisions_get_numbers():
    first = OrganisationFactory(name_en="Acme Works")
    second = OrganisationFactory(name_en="Acme Works")
    third = OrganisationFactory(name_en="Acme Works")
    assert [first.slug, second.slug, third.slug] == ["acme-works", "acme-works-2", "acme-works-3"]


@pytest.mark.django_db
def test_unique_slug_fills_the_next_free_number():
    OrganisationFactory(slug="acme")
    OrganisationFactory(slug="acme-2")
    OrganisationFactory(slug="acme-4")
    assert unique_slug(Organisation.objects, "acme") == "acme-3"


@pytest.mark.django_db
def test_unique_slug_ignores_other_bases_with_the_same_prefix():
    OrganisationFactory(slug="acme-works")
    OrganisationFactory(slug="acme-2024")
    assert unique_slug(Organisation.objects, "acme") == "acme"


@pytest.mark.django_db
def test_unique_slug_excludes_the_object_itself():
    organisation = OrganisationFactory(slug="acme")
    assert unique_slug(Organisation.objects, "acme", exclude_pk=organisation.pk) == "acme"


@pytest.mark.django_db
def test_unique_slug_chinese_only_names_become_pinyin():
    first = OrganisationFactory(name_en="", name_zh_hans="胡润百富")
    second = OrganisationFactory(name_en="", name_zh_hans="胡润百富")
    assert (first.slug, second.slug) == ("hurunbaifu", "hurunbaifu-2")


@pytest.mark.django_db
def test_unique_slug_long_base_leaves_room_for_the_number():
    base = "a" * 100
    OrganisationFactory(slug=unique_slug(Organisation.objects, base))
    second = unique_slug(Organisation.objects, base)
    assert second.endswith("-2")
    assert len(second) <= 80


@pytest.mark.django_db
def test_unique_slug_keeps_an_existing_slug_on_save():
    organisation = OrganisationFactory(name_en="Acme Works")
    organisation.name_en = "Something Else"
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.slug == "acme-works"


# The search page ----------------------------------------------------------------------------


@pytest.fixture
def seeded(db):
    """The core seed facts only: the source and its eleven organisations."""
    load_core_seed()


def main_html(response):
    """The page's <main> element: the header and <head> echo the URL, query string included."""
    content = response.content.decode()
    return content.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def result_links(response):
    """The organisation pages that the results link to, in order."""
    return re.findall(r'href="(/[a-z-]+/organisations/[^"/]+/)"', main_html(response))


def test_search_traditional_script_finds_huawei(client, seeded):
    response = client.get("/en/search/", {"q": "華為"})
    assert result_links(response) == ["/en/organisations/huawei/"]
    assert "Huawei" in response.content.decode()


def test_search_english_finds_chinese_name_on_chinese_page(client, seeded):
    response = client.get("/zh-hans/search/", {"q": "tencent"})
    assert result_links(response) == ["/zh-hans/organisations/tencent/"]
    assert "腾讯" in response.content.decode()


def test_search_english_finds_tencent_on_english_page(client, seeded):
    response = client.get("/en/search/", {"q": "tencent"})
    assert result_links(response) == ["/en/organisations/tencent/"]
    assert ">Tencent</a>" in response.content.decode()


def test_search_chinese_finds_tencent_on_english_page(client, seeded):
    response = client.get("/en/search/", {"q": "腾讯"})
    assert result_links(response) == ["/en/organisations/tencent/"]


def test_search_full_width_query_is_normalised(client, seeded):
    response = client.get("/en/search/", {"q": "ＴＥＮＣＥＮＴ"})
    assert result_links(response) == ["/en/organisations/tencent/"]


def test_search_alias_finds_rootcloud(client, seeded):
    response = client.get("/en/search/", {"q": "Treeroot Internet"})
    assert result_links(response) == ["/en/organisations/rootcloud/"]
    assert ">Rootcloud</a>" in response.content.decode()


def test_search_alias_with_extra_whitespace_and_case_finds_rootcloud(client, seeded):
    response = client.get("/en/search/", {"q": "  TREEROOT   internet "})
    assert result_links(response) == ["/en/organisations/rootcloud/"]


def test_search_partial_name_finds_several(client, seeded):
    response = client.get("/en/search/", {"q": "hurun"})
    assert set(result_links(response)) == {
        "/en/organisations/hurun-report/",
        "/en/organisations/hurun-research-institute/",
    }


def test_search_result_shows_kind_and_headquarters(client, seeded):
    content = client.get("/en/search/", {"q": "Haizhu"}).content.decode()
    assert "Haizhu District Government" in content
    assert "Haizhu, Guangzhou, Guangdong" in content


def test_search_organisation_with_two_matching_aliases_is_listed_once(client, db):
    organisation = OrganisationFactory(name_en="Rootcloud", name_zh_hans="树根互联")
    OrganisationAliasFactory(organisation=organisation, name="Treeroot One")
    OrganisationAliasFactory(organisation=organisation, name="Treeroot Two")
    response = client.get("/en/search/", {"q": "treeroot"})
    assert result_links(response) == [f"/en/organisations/{organisation.slug}/"]


def test_search_never_finds_a_draft(client, db):
    OrganisationFactory(name_en="Hidden Draft Works", status=PublishingStatus.DRAFT)
    OrganisationFactory(name_en="Hidden Review Works", status=PublishingStatus.IN_REVIEW)
    response = client.get("/en/search/", {"q": "Hidden"})
    content = main_html(response)
    assert result_links(response) == []
    assert "Hidden Draft Works" not in content.replace('value="Hidden"', "")
    assert "Hidden Review Works" not in content
    assert "Nothing found" in content


def test_search_never_finds_a_scheduled_organisation(client, db):
    OrganisationFactory(
        name_en="Future Works", publish_at=timezone.now() + timedelta(days=1), slug="future-works"
    )
    response = client.get("/en/search/", {"q": "Future Works"})
    assert result_links(response) == []
    assert "/organisations/future-works/" not in response.content.decode()


def test_search_never_finds_an_expired_organisation(client, db):
    OrganisationFactory(name_en="Gone Works", unpublish_at=timezone.now() - timedelta(days=1))
    response = client.get("/en/search/", {"q": "Gone Works"})
    assert result_links(response) == []


def test_search_alias_of_a_draft_is_not_found(client, db):
    OrganisationAliasFactory(
        organisation=OrganisationFactory(status=PublishingStatus.DRAFT), name="Secret Alias"
    )
    response = client.get("/en/search/", {"q": "Secret Alias"})
    assert result_links(response) == []


def test_search_over_long_query_is_truncated(client, seeded):
    # Only the first 100 characters count, so the tail cannot spoil the match.
    query = "Huawei" + " " * (MAX_QUERY_LENGTH - len("Huawei")) + "zzzzzz" * 50
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert result_links(response) == ["/en/organisations/huawei/"]
    assert "zzzzzz" not in main_html(response)


def test_search_over_long_query_is_shown_at_most_100_characters(client, db):
    response = client.get("/en/search/", {"q": "x" * 5000})
    content = main_html(response)
    assert response.status_code == 200
    assert "x" * MAX_QUERY_LENGTH in content
    assert "x" * (MAX_QUERY_LENGTH + 1) not in content


def test_search_everything_truncates_the_query(db):
    terms, groups = search_everything("ａ" * 300)
    assert terms == ("a" * MAX_QUERY_LENGTH,)
    assert groups == []


def test_search_terms_keep_traditional_text_as_written_beside_the_simplified():
    assert search_terms("華為") == ("华为", "華為")
    assert search_terms("华为") == ("华为",)
    assert search_terms("  ") == ()


def test_search_empty_query_shows_no_results(client, seeded):
    response = client.get("/en/search/", {"q": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert result_links(response) == []
    assert "search-group" not in content
    assert "Nothing found" not in content


def test_search_without_query_shows_the_form_only(client, seeded):
    response = client.get("/en/search/")
    content = response.content.decode()
    assert 'name="q"' in content
    assert result_links(response) == []
    assert "Nothing found" not in content


def test_search_whitespace_query_shows_no_results(client, seeded):
    response = client.get("/en/search/", {"q": "   "})
    assert result_links(response) == []


def test_search_query_is_escaped_in_the_page(client, db):
    response = client.get("/en/search/", {"q": "<script>alert(1)</script>"})
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


def test_search_like_wildcards_match_literally(client, seeded):
    response = client.get("/en/search/", {"q": "%"})
    assert result_links(response) == []


def test_search_traditional_alias_is_found_by_its_own_text(client, db):
    organisation = OrganisationFactory(name_en="Acme Holdings", name_zh_hans="艾克美控股")
    OrganisationAliasFactory(
        organisation=organisation, name="艾克美集團", kind=AliasKind.TRADITIONAL
    )
    response = client.get("/en/search/", {"q": "艾克美集團"})
    assert result_links(response) == [f"/en/organisations/{organisation.slug}/"]
