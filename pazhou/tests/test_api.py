"""The REST API at /api/v1/: organisations, languages, filters, publishing rules, writes,
throttling, query counts and the offline OpenAPI documentation (DESIGN.md, "API")."""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
import yaml
from django.contrib.auth.models import Permission
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pazhou.models import Organisation, PublishingStatus, Region
from pazhou.revisions import PendingRevision, pending_revision_for, revision_publish
from pazhou.testing.factories import (
    OrganisationAliasFactory,
    OrganisationFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/organisations/"
API_MAX_PAGE_SIZE = 100


def detail_url(organisation):
    return f"{LIST_URL}{organisation.pk}/"


@pytest.fixture
def api():
    return APIClient()


def token_client(user):
    client = APIClient()
    token = Token.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def names(response):
    return [item["name"] for item in response.json()["results"]]


def slugs(response):
    return [item["slug"] for item in response.json()["results"]]


def error_text(response):
    """All messages of an error body, flattened into one string."""
    return json.dumps(response.json(), ensure_ascii=False)


# --- API root ---------------------------------------------------------------------------------


def test_api_root_lists_organisations_endpoint(api):
    response = api.get("/api/v1/")

    assert response.status_code == 200
    body = response.json()
    assert urlparse(body["organisations"]).path == LIST_URL


# --- Languages ---------------------------------------------------------------------------------


def test_organisation_list_default_language_is_english(api):
    organisation = OrganisationFactory(name_en="Huawei Technologies", name_zh_hans="华为技术")

    response = api.get(LIST_URL)

    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["id"] == organisation.pk
    assert item["slug"] == organisation.slug
    assert item["name"] == "Huawei Technologies"
    assert item["name_en"] == "Huawei Technologies"
    assert item["name_zh_hans"] == "华为技术"
    assert urlparse(item["url"]).path == f"/en/organisations/{organisation.slug}/"
    assert response["Content-Language"] == "en"


def test_organisation_list_accept_language_zh_hans_gives_chinese_names(api):
    organisation = OrganisationFactory(name_en="Huawei Technologies", name_zh_hans="华为技术")

    response = api.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="zh-hans")

    [item] = response.json()["results"]
    assert item["name"] == "华为技术"
    assert item["name_en"] == "Huawei Technologies"
    assert item["name_zh_hans"] == "华为技术"
    assert urlparse(item["url"]).path == f"/zh-hans/organisations/{organisation.slug}/"
    assert response["Content-Language"] == "zh-hans"
    assert "accept-language" in response["Vary"].lower()


def test_organisation_detail_accept_language_zh_hans_gives_chinese_name(api):
    organisation = OrganisationFactory(name_en="Tencent", name_zh_hans="腾讯")

    response = api.get(detail_url(organisation), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == organisation.pk
    assert body["name"] == "腾讯"
    assert body["name_en"] == "Tencent"
    assert body["name_zh_hans"] == "腾讯"
    assert urlparse(body["url"]).path == f"/zh-hans/organisations/{organisation.slug}/"
    assert response["Content-Language"] == "zh-hans"
    assert "accept-language" in response["Vary"].lower()


def test_organisation_detail_lang_parameter_overrides_accept_language(api):
    organisation = OrganisationFactory(name_en="Tencent", name_zh_hans="腾讯")

    response = api.get(f"{detail_url(organisation)}?lang=zh-hans", HTTP_ACCEPT_LANGUAGE="en")

    body = response.json()
    assert body["name"] == "腾讯"
    assert urlparse(body["url"]).path == f"/zh-hans/organisations/{organisation.slug}/"
    assert response["Content-Language"] == "zh-hans"
    assert "accept-language" in response["Vary"].lower()


def test_organisation_list_lang_parameter_en_overrides_chinese_accept_language(api):
    organisation = OrganisationFactory(name_en="Tencent", name_zh_hans="腾讯")

    response = api.get(f"{LIST_URL}?lang=en", HTTP_ACCEPT_LANGUAGE="zh-hans")

    [item] = response.json()["results"]
    assert item["name"] == "Tencent"
    assert urlparse(item["url"]).path == f"/en/organisations/{organisation.slug}/"
    assert response["Content-Language"] == "en"


def test_organisation_lang_parameter_accepts_underscore_spelling(api):
    OrganisationFactory(name_en="Tencent", name_zh_hans="腾讯")

    response = api.get(f"{LIST_URL}?lang=zh_Hans")

    assert names(response) == ["腾讯"]
    assert response["Content-Language"] == "zh-hans"


def test_organisation_with_only_english_name_falls_back_under_zh_hans(api):
    organisation = OrganisationFactory(name_en="Only English Ltd", name_zh_hans="")

    response = api.get(detail_url(organisation), HTTP_ACCEPT_LANGUAGE="zh-hans")

    body = response.json()
    assert body["name"] == "Only English Ltd"
    assert body["name_en"] == "Only English Ltd"
    assert body["name_zh_hans"] in ("", None)
    assert urlparse(body["url"]).path == f"/zh-hans/organisations/{organisation.slug}/"


def test_organisation_with_only_chinese_name_falls_back_under_english(api):
    organisation = OrganisationFactory(name_en="", name_zh_hans="只有中文公司")

    response = api.get(detail_url(organisation), HTTP_ACCEPT_LANGUAGE="en")

    body = response.json()
    assert body["name"] == "只有中文公司"
    assert body["name_en"] in ("", None)
    assert body["name_zh_hans"] == "只有中文公司"


def test_organisation_list_accept_language_zh_cn_gives_chinese_names(api):
    OrganisationFactory(name_en="Tencent", name_zh_hans="腾讯")

    response = api.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")

    assert names(response) == ["腾讯"]
    assert response["Content-Language"] == "zh-hans"


def test_organisation_list_unsupported_accept_language_falls_back_to_english(api):
    OrganisationFactory(name_en="Tencent", name_zh_hans="腾讯")

    response = api.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert names(response) == ["Tencent"]
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize("lookup", ["abc", "999999"])
def test_organisation_detail_unknown_or_malformed_id_answers_404(api, lookup):
    OrganisationFactory()

    response = api.get(f"{LIST_URL}{lookup}/")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_organisation_detail_carries_aliases_and_source(api):
    source = SourceFactory(citation="Synthetic Daily, 1 June 2023")
    organisation = OrganisationFactory(name_en="Alias Holder", source=source)
    OrganisationAliasFactory(organisation=organisation, name="AH Short", kind="short")

    body = api.get(detail_url(organisation)).json()

    assert body["aliases"] == [
        {"name": "AH Short", "kind": "short", "valid_from": None, "valid_to": None}
    ]
    assert body["source"]["citation"] == "Synthetic Daily, 1 June 2023"
    assert body["source"]["slug"] == source.slug
    assert "source_id" not in body


# --- Invalid parameters answer 400 with a message ---------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("ordering=bogus", "ordering"),
        ("kind=spaceship", "kind"),
        ("region=atlantis", "region"),
        ("ownership=cooperative", "ownership"),
        ("lang=fr", "lang"),
        ("page_size=abc", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=-5", "page_size"),
        (f"q={'x' * 101}", "q"),
    ],
)
def test_organisation_list_invalid_parameter_answers_400_with_message(api, query, field):
    OrganisationFactory()

    response = api.get(f"{LIST_URL}?{query}")

    assert response.status_code == 400
    body = response.json()
    assert field in body
    message = body[field]
    text = " ".join(message) if isinstance(message, list) else str(message)
    assert len(text) > 10


def test_organisation_list_unknown_language_message_names_the_choices(api):
    response = api.get(f"{LIST_URL}?lang=fr")

    assert response.status_code == 400
    message = response.json()["lang"]
    assert "fr" in message
    assert "en" in message and "zh-hans" in message


def test_organisation_detail_unknown_language_answers_400(api):
    organisation = OrganisationFactory()

    response = api.get(f"{detail_url(organisation)}?lang=fr")

    assert response.status_code == 400
    assert "lang" in response.json()


def test_organisation_list_page_size_zero_message_gives_the_range(api):
    response = api.get(f"{LIST_URL}?page_size=0")

    assert response.status_code == 400
    assert str(API_MAX_PAGE_SIZE) in error_text(response)


# --- Pagination --------------------------------------------------------------------------------


def test_organisation_list_page_size_over_cap_is_capped(api):
    OrganisationFactory.create_batch(API_MAX_PAGE_SIZE + 1)

    response = api.get(f"{LIST_URL}?page_size=1000")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == API_MAX_PAGE_SIZE + 1
    assert len(body["results"]) == API_MAX_PAGE_SIZE
    assert body["next"] is not None


def test_organisation_list_page_size_within_cap_is_honoured(api):
    OrganisationFactory.create_batch(5)

    response = api.get(f"{LIST_URL}?page_size=2&page=3")

    body = response.json()
    assert body["count"] == 5
    assert len(body["results"]) == 1
    assert body["next"] is None
    assert body["previous"] is not None


@pytest.mark.parametrize("page", ["99", "abc", "0"])
def test_organisation_list_page_out_of_range_or_malformed_answers_404(api, page):
    OrganisationFactory.create_batch(3)

    response = api.get(f"{LIST_URL}?page={page}")

    assert response.status_code == 404
    assert "detail" in response.json()
    assert "page" in response.json()["detail"].lower()


# --- Filters, search and ordering --------------------------------------------------------------


def test_organisation_list_filter_by_kind(api):
    OrganisationFactory(name_en="A Company", kind="company")
    OrganisationFactory(name_en="A University", kind="university")

    response = api.get(f"{LIST_URL}?kind=university")

    assert names(response) == ["A University"]
    assert response.json()["results"][0]["kind"] == "university"


def test_organisation_list_filter_by_region(api):
    OrganisationFactory(name_en="Mainland Co", hq_region=Region.MAINLAND)
    OrganisationFactory(name_en="Hong Kong Co", hq_region=Region.HONG_KONG)

    response = api.get(f"{LIST_URL}?region=hong_kong")

    assert names(response) == ["Hong Kong Co"]
    assert response.json()["results"][0]["hq_region"] == "hong_kong"


def test_organisation_list_filter_by_ownership(api):
    OrganisationFactory(name_en="Private Co", ownership="private")
    OrganisationFactory(name_en="State Co", ownership="state_owned_holding")

    response = api.get(f"{LIST_URL}?ownership=state_owned_holding")

    assert names(response) == ["State Co"]


@pytest.mark.parametrize("province", ["Guangdong", "guangdong", "GUANGDONG", "广东省"])
def test_organisation_list_filter_by_province_either_language_case_insensitive(api, province):
    OrganisationFactory(
        name_en="Canton Co", hq_province_en="Guangdong", hq_province_zh_hans="广东省"
    )
    OrganisationFactory(
        name_en="Beijing Co", hq_province_en="Beijing", hq_province_zh_hans="北京市"
    )

    response = api.get(LIST_URL, {"province": province})

    assert names(response) == ["Canton Co"]


@pytest.mark.parametrize("city", ["Guangzhou", "guangzhou", "广州市"])
def test_organisation_list_filter_by_city_either_language(api, city):
    OrganisationFactory(name_en="Canton Co", hq_city_en="Guangzhou", hq_city_zh_hans="广州市")
    OrganisationFactory(name_en="Shenzhen Co", hq_city_en="Shenzhen", hq_city_zh_hans="深圳市")

    response = api.get(LIST_URL, {"city": city})

    assert names(response) == ["Canton Co"]


def test_organisation_list_filters_combine(api):
    OrganisationFactory(name_en="Canton Uni", kind="university", hq_city_en="Guangzhou")
    OrganisationFactory(name_en="Canton Co", kind="company", hq_city_en="Guangzhou")
    OrganisationFactory(name_en="Shenzhen Uni", kind="university", hq_city_en="Shenzhen")

    response = api.get(LIST_URL, {"city": "guangzhou", "kind": "university"})

    assert names(response) == ["Canton Uni"]


def test_organisation_search_traditional_script_finds_simplified_name(api):
    OrganisationFactory(name_en="Huawei Technologies", name_zh_hans="华为技术有限公司")
    OrganisationFactory(name_en="Tencent", name_zh_hans="腾讯")

    response = api.get(LIST_URL, {"q": "華為"})

    assert names(response) == ["Huawei Technologies"]


def test_organisation_search_english_query_finds_chinese_named_entry(api):
    OrganisationFactory(name_en="Tencent", name_zh_hans="腾讯")
    OrganisationFactory(name_en="Huawei Technologies", name_zh_hans="华为")

    response = api.get(LIST_URL, {"q": "  TENCENT "}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert names(response) == ["腾讯"]


def test_organisation_search_matches_alias(api):
    organisation = OrganisationFactory(name_en="Guangzhou Synthetic Group", name_zh_hans="")
    OrganisationAliasFactory(organisation=organisation, name="GSG Former Name", kind="former")
    OrganisationAliasFactory(organisation=organisation, name="GSG", kind="short")
    OrganisationFactory(name_en="Unrelated Co")

    response = api.get(LIST_URL, {"q": "gsg"})

    # One result even though two aliases match: the search must not duplicate rows.
    assert names(response) == ["Guangzhou Synthetic Group"]
    assert response.json()["count"] == 1


def test_organisation_search_matches_traditional_alias(api):
    organisation = OrganisationFactory(name_en="Synthetic Electric", name_zh_hans="合成电器")
    OrganisationAliasFactory(organisation=organisation, name="合成电气集团", kind="former")
    OrganisationFactory(name_en="Other Co", name_zh_hans="其他公司")

    response = api.get(LIST_URL, {"q": "合成電氣"})

    assert names(response) == ["Synthetic Electric"]


@pytest.fixture
def three_named():
    # English order: Alpha, Bravo, Charlie. Chinese (code point) order: 丙, 乙, 甲.
    OrganisationFactory(name_en="Alpha", name_zh_hans="甲")
    OrganisationFactory(name_en="Bravo", name_zh_hans="乙")
    OrganisationFactory(name_en="Charlie", name_zh_hans="丙")


def test_organisation_ordering_by_name_in_english(api, three_named):
    assert names(api.get(f"{LIST_URL}?ordering=name")) == ["Alpha", "Bravo", "Charlie"]
    assert names(api.get(f"{LIST_URL}?ordering=-name")) == ["Charlie", "Bravo", "Alpha"]


def test_organisation_ordering_by_name_in_chinese(api, three_named):
    ascending = api.get(f"{LIST_URL}?ordering=name&lang=zh-hans")
    descending = api.get(f"{LIST_URL}?ordering=-name", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert names(ascending) == ["丙", "乙", "甲"]
    assert names(descending) == ["甲", "乙", "丙"]


def test_organisation_ordering_by_name_uses_fallback_for_missing_translation(api):
    OrganisationFactory(name_en="Zulu Only English", name_zh_hans="")
    OrganisationFactory(name_en="", name_zh_hans="只有中文")
    OrganisationFactory(name_en="Alpha", name_zh_hans="甲")

    english = names(api.get(f"{LIST_URL}?ordering=name&lang=en"))
    chinese = names(api.get(f"{LIST_URL}?ordering=name&lang=zh-hans"))

    # A missing translation sorts by the name that is shown, not as an empty string.
    assert english == ["Alpha", "Zulu Only English", "只有中文"]
    assert chinese == ["Zulu Only English", "只有中文", "甲"]


def test_organisation_list_default_order_is_by_name_in_language(api, three_named):
    assert names(api.get(LIST_URL)) == ["Alpha", "Bravo", "Charlie"]
    assert names(api.get(f"{LIST_URL}?lang=zh-hans")) == ["丙", "乙", "甲"]


def test_organisation_ordering_by_founded_year(api):
    OrganisationFactory(name_en="Old", founded_year=1950)
    OrganisationFactory(name_en="New", founded_year=2010)
    OrganisationFactory(name_en="Middle", founded_year=1987)

    assert names(api.get(f"{LIST_URL}?ordering=-founded_year")) == ["New", "Middle", "Old"]


# --- Drafts and scheduling ----------------------------------------------------------------------


@pytest.fixture
def hidden_organisations():
    now = timezone.now()
    return {
        "draft": OrganisationFactory(name_en="Draft Co", status=PublishingStatus.DRAFT),
        "review": OrganisationFactory(name_en="Review Co", status=PublishingStatus.IN_REVIEW),
        "scheduled": OrganisationFactory(
            name_en="Scheduled Co", publish_at=now + timedelta(days=1)
        ),
        "expired": OrganisationFactory(
            name_en="Expired Co",
            publish_at=now - timedelta(days=10),
            unpublish_at=now - timedelta(days=1),
        ),
    }


def test_organisation_list_anonymous_sees_only_visible(api, hidden_organisations):
    live = OrganisationFactory(name_en="Live Co", publish_at=timezone.now() - timedelta(hours=1))

    response = api.get(LIST_URL)

    assert names(response) == ["Live Co"]
    assert response.json()["count"] == 1
    assert response.json()["results"][0]["id"] == live.pk


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "expired"])
def test_organisation_detail_anonymous_hidden_answers_404(api, hidden_organisations, state):
    response = api.get(detail_url(hidden_organisations[state]))

    assert response.status_code == 404
    assert "name" not in response.json()


def test_organisation_search_anonymous_never_finds_draft(api, hidden_organisations):
    response = api.get(LIST_URL, {"q": "draft"})

    assert response.json()["count"] == 0


def test_organisation_list_editor_sees_drafts_with_status(editor, hidden_organisations):
    OrganisationFactory(name_en="Live Co")
    client = token_client(editor)

    response = client.get(LIST_URL)

    statuses = {item["name"]: item["status"] for item in response.json()["results"]}
    assert statuses == {
        "Draft Co": "draft",
        "Review Co": "review",
        "Scheduled Co": "published",
        "Expired Co": "published",
        "Live Co": "published",
    }


def test_organisation_detail_editor_sees_draft(editor, hidden_organisations):
    client = token_client(editor)

    response = client.get(detail_url(hidden_organisations["draft"]))

    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert response.json()["name"] == "Draft Co"


def test_organisation_list_user_without_group_sees_only_visible(hidden_organisations):
    OrganisationFactory(name_en="Live Co")
    client = token_client(UserFactory())

    assert names(client.get(LIST_URL)) == ["Live Co"]


# --- Writes: anonymous and unprivileged ---------------------------------------------------------


def test_organisation_create_anonymous_refused_and_nothing_written(api):
    response = api.post(LIST_URL, {"name_en": "Intruder Co"}, format="json")

    assert response.status_code in (401, 403)
    assert "detail" in response.json()
    assert not Organisation.objects.filter(name_en="Intruder Co").exists()


def test_organisation_update_anonymous_refused_and_nothing_written(api):
    organisation = OrganisationFactory(name_en="Steady Co")

    response = api.patch(detail_url(organisation), {"name_en": "Hacked Co"}, format="json")

    assert response.status_code in (401, 403)
    assert "detail" in response.json()
    organisation.refresh_from_db()
    assert organisation.name_en == "Steady Co"
    assert organisation.version == 1


def test_organisation_delete_anonymous_refused_and_nothing_deleted(api):
    organisation = OrganisationFactory()

    response = api.delete(detail_url(organisation))

    assert response.status_code in (401, 403)
    assert "detail" in response.json()
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_organisation_create_user_without_group_answers_403(db):
    client = token_client(UserFactory())

    response = client.post(LIST_URL, {"name_en": "No Rights Co"}, format="json")

    assert response.status_code == 403
    assert "permission" in response.json()["detail"].lower()
    assert not Organisation.objects.filter(name_en="No Rights Co").exists()


def test_organisation_update_user_without_group_answers_403():
    organisation = OrganisationFactory(name_en="Steady Co")
    client = token_client(UserFactory())

    response = client.patch(detail_url(organisation), {"name_en": "Changed"}, format="json")

    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name_en == "Steady Co"


def test_organisation_write_with_bad_token_refused():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = client.post(LIST_URL, {"name_en": "Bad Token Co"}, format="json")

    # 403 rather than 401: DRF takes WWW-Authenticate from the first authentication class,
    # SessionAuthentication, which has none.
    assert response.status_code in (401, 403)
    assert "invalid token" in response.json()["detail"].lower()
    assert not Organisation.objects.filter(name_en="Bad Token Co").exists()


# --- Writes: session auth with CSRF -------------------------------------------------------------


def test_organisation_create_session_without_csrf_answers_403(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(LIST_URL, {"name_en": "No CSRF Co"}, format="json")

    assert response.status_code == 403
    assert "csrf" in response.json()["detail"].lower()
    assert not Organisation.objects.filter(name_en="No CSRF Co").exists()


def test_organisation_create_session_with_csrf_creates_draft(editor):
    client = APIClient(enforce_csrf_checks=True)
    # Log in through the admin login form, as a browser would, collecting the CSRF cookie.
    login_page = client.get("/admin/login/")
    csrf_token = client.cookies["csrftoken"].value
    assert login_page.status_code == 200
    logged_in = client.post(
        "/admin/login/",
        {
            "username": editor.username,
            "password": "a-test-password-1",
            "csrfmiddlewaretoken": csrf_token,
        },
    )
    assert logged_in.status_code == 302
    csrf_token = client.cookies["csrftoken"].value

    response = client.post(
        LIST_URL,
        {"name_en": "Session Co", "name_zh_hans": "会话公司"},
        format="json",
        HTTP_X_CSRFTOKEN=csrf_token,
    )

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft"
    organisation = Organisation.objects.get(name_en="Session Co")
    assert organisation.name_zh_hans == "会话公司"
    assert organisation.status == PublishingStatus.DRAFT


# --- Writes: Editor with a token ----------------------------------------------------------------


def test_organisation_create_editor_token_creates_draft(editor):
    client = token_client(editor)

    response = client.post(
        LIST_URL,
        {"name_en": "Brand New Co", "name_zh_hans": "全新公司", "kind": "university"},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert body["slug"] == "brand-new-co"
    assert body["version"] == 1
    assert body["name"] == "Brand New Co"
    organisation = Organisation.objects.get(pk=body["id"])
    assert organisation.kind == "university"
    assert organisation.status == PublishingStatus.DRAFT
    assert not organisation.is_visible()


def test_organisation_create_chinese_only_name_gets_pinyin_slug(editor):
    client = token_client(editor)

    response = client.post(LIST_URL, {"name_zh_hans": "琶洲实验室"}, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "pazhoushiyanshi"
    assert response.json()["name"] == "琶洲实验室"


def test_organisation_create_without_any_name_answers_400(editor):
    client = token_client(editor)

    response = client.post(LIST_URL, {"kind": "company"}, format="json")

    assert response.status_code == 400
    assert "name_en" in response.json()
    assert "language" in error_text(response)
    assert Organisation.objects.count() == 0


def test_organisation_create_with_empty_names_answers_400(editor):
    client = token_client(editor)

    response = client.post(LIST_URL, {"name_en": "", "name_zh_hans": ""}, format="json")

    assert response.status_code == 400
    assert "name_en" in response.json()
    assert Organisation.objects.count() == 0


def test_organisation_create_with_source_id_links_source(editor):
    source = SourceFactory()
    client = token_client(editor)

    response = client.post(LIST_URL, {"name_en": "Cited Co", "source_id": source.pk}, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["source"]["id"] == source.pk
    assert Organisation.objects.get(name_en="Cited Co").source == source


def test_organisation_submit_for_review_editor_allowed(editor):
    organisation = OrganisationFactory(name_en="Draft Co", status=PublishingStatus.DRAFT)
    client = token_client(editor)

    response = client.patch(detail_url(organisation), {"status": "review"}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "review"
    organisation.refresh_from_db()
    assert organisation.status == PublishingStatus.IN_REVIEW


def test_organisation_create_published_editor_answers_403(editor):
    client = token_client(editor)

    response = client.post(LIST_URL, {"name_en": "Sneaky Co", "status": "published"}, format="json")

    assert response.status_code == 403
    assert "publish" in response.json()["detail"].lower()
    assert not Organisation.objects.filter(name_en="Sneaky Co").exists()


def test_organisation_publish_editor_answers_403_and_nothing_written(editor):
    organisation = OrganisationFactory(name_en="Draft Co", status=PublishingStatus.IN_REVIEW)
    client = token_client(editor)

    response = client.patch(
        detail_url(organisation), {"status": "published", "name_en": "Renamed"}, format="json"
    )

    assert response.status_code == 403
    assert "publish" in response.json()["detail"].lower()
    organisation.refresh_from_db()
    assert organisation.status == PublishingStatus.IN_REVIEW
    assert organisation.name_en == "Draft Co"
    assert organisation.version == 1


def test_organisation_schedule_editor_answers_403_and_nothing_written(editor):
    organisation = OrganisationFactory(name_en="Draft Co", status=PublishingStatus.DRAFT)
    client = token_client(editor)
    when = (timezone.now() + timedelta(days=3)).isoformat()

    response = client.patch(detail_url(organisation), {"publish_at": when}, format="json")

    assert response.status_code == 403
    assert "schedul" in response.json()["detail"].lower()
    organisation.refresh_from_db()
    assert organisation.publish_at is None
    assert organisation.version == 1


def test_organisation_create_scheduled_editor_answers_403(editor):
    client = token_client(editor)
    when = (timezone.now() + timedelta(days=3)).isoformat()

    response = client.post(LIST_URL, {"name_en": "Scheduled Co", "publish_at": when}, format="json")

    assert response.status_code == 403
    assert not Organisation.objects.filter(name_en="Scheduled Co").exists()


def test_organisation_unpublish_live_editor_answers_403_and_nothing_written(editor):
    organisation = OrganisationFactory(name_en="Live Co")
    client = token_client(editor)

    response = client.patch(detail_url(organisation), {"status": "draft"}, format="json")

    assert response.status_code == 403
    assert "unpublish" in response.json()["detail"].lower()
    organisation.refresh_from_db()
    assert organisation.status == PublishingStatus.PUBLISHED
    assert organisation.is_visible()


def test_organisation_set_unpublish_at_on_live_editor_answers_403(editor):
    organisation = OrganisationFactory(name_en="Live Co")
    client = token_client(editor)
    when = (timezone.now() + timedelta(days=1)).isoformat()

    response = client.patch(detail_url(organisation), {"unpublish_at": when}, format="json")

    assert response.status_code == 403
    assert response.json()["detail"]
    organisation.refresh_from_db()
    assert organisation.unpublish_at is None


def test_organisation_delete_editor_answers_403(editor):
    organisation = OrganisationFactory()
    client = token_client(editor)

    response = client.delete(detail_url(organisation))

    assert response.status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()


# --- Writes: Publisher --------------------------------------------------------------------------


def test_organisation_publish_publisher_allowed(api, publisher):
    organisation = OrganisationFactory(name_en="Ready Co", status=PublishingStatus.IN_REVIEW)
    client = token_client(publisher)

    response = client.patch(detail_url(organisation), {"status": "published"}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    organisation.refresh_from_db()
    assert organisation.is_visible()
    assert names(api.get(LIST_URL)) == ["Ready Co"]


def test_organisation_schedule_publisher_allowed(api, publisher):
    organisation = OrganisationFactory(name_en="Later Co", status=PublishingStatus.IN_REVIEW)
    client = token_client(publisher)
    when = timezone.now() + timedelta(days=2)

    response = client.patch(
        detail_url(organisation),
        {"status": "published", "publish_at": when.isoformat()},
        format="json",
    )

    assert response.status_code == 200, response.content
    organisation.refresh_from_db()
    assert organisation.publish_at == when
    assert not organisation.is_visible()
    assert api.get(detail_url(organisation)).status_code == 404


def test_organisation_unpublish_publisher_allowed(api, publisher):
    organisation = OrganisationFactory(name_en="Withdrawn Co")
    client = token_client(publisher)

    response = client.patch(detail_url(organisation), {"status": "draft"}, format="json")

    assert response.status_code == 200, response.content
    assert api.get(detail_url(organisation)).status_code == 404


def test_organisation_delete_publisher_allowed(publisher):
    organisation = OrganisationFactory()
    client = token_client(publisher)

    response = client.delete(detail_url(organisation))

    assert response.status_code == 204
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_organisation_create_published_publisher_is_visible(api, publisher):
    client = token_client(publisher)

    response = client.post(
        LIST_URL, {"name_en": "Straight Live Co", "status": "published"}, format="json"
    )

    assert response.status_code == 201, response.content
    assert names(api.get(LIST_URL)) == ["Straight Live Co"]


def test_organisation_publish_with_only_publish_permission_in_user_permissions(db):
    """The rule follows the permission, not the group name."""
    user = UserFactory()
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="pazhou",
            codename__in=["view_organisation", "change_organisation", "publish_organisation"],
        )
    )
    organisation = OrganisationFactory(status=PublishingStatus.DRAFT)

    response = token_client(user).patch(
        detail_url(organisation), {"status": "published"}, format="json"
    )

    assert response.status_code == 200, response.content
    organisation.refresh_from_db()
    assert organisation.status == PublishingStatus.PUBLISHED


# --- Optimistic version and conditional requests ------------------------------------------------


def test_organisation_patch_bumps_version(editor):
    organisation = OrganisationFactory(name_en="Versioned Co", status=PublishingStatus.DRAFT)
    client = token_client(editor)

    first = client.patch(detail_url(organisation), {"name_en": "Versioned Co 2"}, format="json")
    second = client.patch(detail_url(organisation), {"name_en": "Versioned Co 3"}, format="json")

    assert first.json()["version"] == 2
    assert second.json()["version"] == 3
    organisation.refresh_from_db()
    assert organisation.version == 3
    assert organisation.name_en == "Versioned Co 3"


def test_organisation_put_round_trip_editor_updates_draft(editor):
    organisation = OrganisationFactory(name_en="Round Trip Co", status=PublishingStatus.DRAFT)
    client = token_client(editor)
    body = client.get(detail_url(organisation)).json()
    body["name_en"] = "Round Trip Co Renamed"

    response = client.put(detail_url(organisation), body, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Round Trip Co Renamed"
    organisation.refresh_from_db()
    assert organisation.name_en == "Round Trip Co Renamed"
    assert organisation.status == PublishingStatus.DRAFT


def test_organisation_put_round_trip_editor_on_scheduled_item_keeps_schedule(editor):
    when = timezone.now() + timedelta(days=5)
    organisation = OrganisationFactory(name_en="Scheduled Co", publish_at=when)
    client = token_client(editor)
    body = client.get(detail_url(organisation)).json()
    body["website"] = "https://example.com/"

    response = client.put(detail_url(organisation), body, format="json")

    assert response.status_code == 202, response.content
    assert response.json()["pending_change"]["fields"] == ["website"]
    organisation.refresh_from_db()
    assert organisation.publish_at == when
    assert organisation.website == ""
    assert pending_revision_for(organisation).data == {"website": "https://example.com/"}


def test_organisation_version_is_read_only(editor):
    organisation = OrganisationFactory(status=PublishingStatus.DRAFT)
    client = token_client(editor)

    response = client.patch(detail_url(organisation), {"version": 99}, format="json")

    assert response.status_code == 200
    organisation.refresh_from_db()
    assert organisation.version == 2


def test_organisation_detail_carries_etag_of_version_and_language(api):
    organisation = OrganisationFactory()

    english = api.get(detail_url(organisation), HTTP_ACCEPT_LANGUAGE="en")
    chinese = api.get(detail_url(organisation), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert english.has_header("ETag")
    assert chinese.has_header("ETag")
    assert english["ETag"] != chinese["ETag"]


def test_organisation_patch_with_stale_if_match_answers_412(editor):
    organisation = OrganisationFactory(name_en="Contended Co", status=PublishingStatus.DRAFT)
    client = token_client(editor)
    client.patch(detail_url(organisation), {"name_en": "First Edit"}, format="json")

    response = client.patch(
        detail_url(organisation), {"name_en": "Stale Edit"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == 412
    assert "version 2" in response.json()["detail"]
    organisation.refresh_from_db()
    assert organisation.name_en == "First Edit"


def test_organisation_patch_with_current_if_match_is_saved_and_returns_the_new_etag(api, editor):
    organisation = OrganisationFactory(name_en="Current Co", status=PublishingStatus.DRAFT)
    client = token_client(editor)
    etag = client.get(detail_url(organisation), HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    assert etag == '"1-en"'

    response = client.patch(
        detail_url(organisation), {"name_en": "Renamed Co"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response["ETag"] == '"2-en"'
    organisation.refresh_from_db()
    assert organisation.name_en == "Renamed Co"


def test_organisation_if_match_accepts_star_and_a_bare_version(editor):
    organisation = OrganisationFactory(status=PublishingStatus.DRAFT)
    client = token_client(editor)
    star = client.patch(
        detail_url(organisation), {"name_en": "Star"}, format="json", HTTP_IF_MATCH="*"
    )
    bare = client.patch(
        detail_url(organisation), {"name_en": "Bare"}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert (star.status_code, bare.status_code) == (200, 200)
    organisation.refresh_from_db()
    assert (organisation.name_en, organisation.version) == ("Bare", 3)


def test_organisation_delete_with_stale_if_match_answers_412_and_keeps_the_row(publisher):
    organisation = OrganisationFactory()
    organisation.name_en = "Changed meanwhile"
    organisation.save()
    client = token_client(publisher)

    response = client.delete(detail_url(organisation), HTTP_IF_MATCH='"1-en"')

    assert response.status_code == 412
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_organisation_malformed_if_match_answers_412(editor):
    organisation = OrganisationFactory(name_en="Kept Co", status=PublishingStatus.DRAFT)
    client = token_client(editor)
    response = client.patch(
        detail_url(organisation), {"name_en": "Lost"}, format="json", HTTP_IF_MATCH="yesterday"
    )
    assert response.status_code == 412
    organisation.refresh_from_db()
    assert organisation.name_en == "Kept Co"


def test_organisation_patch_live_by_editor_stays_live_as_it_was(api, editor):
    organisation = OrganisationFactory(name_en="Live Co")
    client = token_client(editor)

    client.patch(detail_url(organisation), {"name_en": "Unreviewed Rename"}, format="json")

    assert names(api.get(LIST_URL)) == ["Live Co"]


def test_organisation_patch_live_by_editor_answers_202_with_the_pending_change(editor):
    organisation = OrganisationFactory(name_en="Live Co")
    client = token_client(editor)

    response = client.patch(detail_url(organisation), {"name_zh_hans": "待审公司"}, format="json")

    assert response.status_code == 202
    body = response.json()
    assert body["name_zh_hans"] == organisation.name_zh_hans
    assert body["pending_change"]["fields"] == ["name_zh_hans"]
    assert body["pending_change"]["based_on_version"] == organisation.version
    revision = pending_revision_for(organisation)
    assert revision.author == editor
    assert revision.data == {"name_zh_hans": "待审公司"}


def test_organisation_patch_live_by_editor_twice_keeps_one_pending_change(editor):
    organisation = OrganisationFactory(name_en="Live Co")
    client = token_client(editor)

    client.patch(detail_url(organisation), {"website": "https://one.example/"}, format="json")
    client.patch(detail_url(organisation), {"website": "https://two.example/"}, format="json")

    assert PendingRevision.objects.count() == 1
    assert pending_revision_for(organisation).data == {"website": "https://two.example/"}


def test_organisation_patch_live_by_publisher_goes_live_at_once(publisher):
    organisation = OrganisationFactory(name_en="Live Co")
    client = token_client(publisher)

    response = client.patch(detail_url(organisation), {"name_en": "Renamed Co"}, format="json")

    assert response.status_code == 200
    organisation.refresh_from_db()
    assert organisation.name_en == "Renamed Co"
    assert pending_revision_for(organisation) is None


def test_organisation_pending_change_published_goes_live_with_a_new_version(editor, publisher):
    organisation = OrganisationFactory(name_en="Live Co")
    token_client(editor).patch(detail_url(organisation), {"name_en": "Reviewed Co"}, format="json")

    live = revision_publish(revision=pending_revision_for(organisation), user=publisher)

    assert live.name_en == "Reviewed Co"
    assert live.version == organisation.version + 1
    assert live.status == PublishingStatus.PUBLISHED
    assert pending_revision_for(organisation) is None


# --- Throttling ---------------------------------------------------------------------------------


def test_organisation_list_anonymous_over_rate_answers_429_with_retry_after(api, settings):
    settings.API_THROTTLE_RATES = {"anon": "2/minute", "user": "100/minute"}
    OrganisationFactory(name_en="Popular Co")

    first = api.get(LIST_URL)
    second = api.get(LIST_URL)
    third = api.get(LIST_URL)

    assert names(first) == ["Popular Co"]
    assert names(second) == ["Popular Co"]
    assert third.status_code == 429
    assert "throttled" in third.json()["detail"].lower()
    assert 0 < int(third["Retry-After"]) <= 60


def test_organisation_list_user_rate_applies_to_authenticated(settings):
    settings.API_THROTTLE_RATES = {"anon": "100/minute", "user": "1/minute"}
    client = token_client(UserFactory())

    first = client.get(LIST_URL)
    second = client.get(LIST_URL)

    assert first.status_code == 200
    assert second.status_code == 429
    assert int(second["Retry-After"]) > 0


# --- Query count --------------------------------------------------------------------------------


def make_organisations_with_aliases_and_source(count):
    for _number in range(count):
        organisation = OrganisationFactory(source=SourceFactory())
        OrganisationAliasFactory.create_batch(2, organisation=organisation)


def count_list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{LIST_URL}?page_size=100")
    assert response.status_code == 200
    return len(queries), response


def test_organisation_list_query_count_does_not_grow_with_rows(api):
    make_organisations_with_aliases_and_source(5)
    few_queries, few = count_list_queries(api)

    make_organisations_with_aliases_and_source(45)
    many_queries, many = count_list_queries(api)

    assert len(few.json()["results"]) == 5
    assert len(many.json()["results"]) == 50
    assert all(len(item["aliases"]) == 2 for item in many.json()["results"])
    assert all(item["source"] is not None for item in many.json()["results"])
    assert many_queries == few_queries


def test_organisation_list_query_count_flat_for_editor(editor):
    client = token_client(editor)
    make_organisations_with_aliases_and_source(5)
    few_queries, _ = count_list_queries(client)

    make_organisations_with_aliases_and_source(45)
    many_queries, _ = count_list_queries(client)

    assert many_queries == few_queries


# --- OpenAPI schema and offline docs ------------------------------------------------------------


def test_schema_json_is_openapi_3_with_organisation_paths(api):
    response = api.get("/api/v1/schema/?format=json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3")
    assert schema["info"]["title"] == "Pazhou Industrial Internet API"
    assert "/api/v1/organisations/" in schema["paths"]
    assert "/api/v1/organisations/{id}/" in schema["paths"]
    list_parameters = {
        parameter["name"]
        for parameter in schema["paths"]["/api/v1/organisations/"]["get"]["parameters"]
    }
    assert {"lang", "page", "page_size", "q", "ordering", "kind", "region"} <= list_parameters
    organisation = schema["components"]["schemas"]["Organisation"]
    assert {"name", "name_en", "name_zh_hans", "url", "slug"} <= set(organisation["properties"])


def test_schema_yaml_is_openapi_3(api):
    response = api.get("/api/v1/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert str(schema["openapi"]).startswith("3")
    assert "/api/v1/organisations/" in schema["paths"]


class AssetCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"src", "href"} and value:
                self.urls.append(value)


def referenced_urls(html):
    collector = AssetCollector()
    collector.feed(html)
    # URLs written in inline scripts, e.g. the schema URL handed to the UI.
    collector.urls += re.findall(r"https?://[^\s\"'<>)]+", html)
    return collector.urls


EXTERNAL_MARKERS = ("cdn", "jsdelivr", "unpkg", "googleapis", "gstatic")


def assert_offline(html):
    for url in referenced_urls(html):
        parsed = urlparse(url)
        assert parsed.netloc in ("", "testserver"), url
    lowered = html.lower()
    for marker in EXTERNAL_MARKERS:
        assert marker not in lowered, marker


def assert_static_assets_served(client, html):
    static_paths = [
        urlparse(url).path
        for url in referenced_urls(html)
        if urlparse(url).path.startswith("/static/")
    ]
    assert static_paths, "the page references no self-hosted static files"
    for path in static_paths:
        found = finders.find(path.removeprefix("/static/"))
        assert found, path
        response = client.get(path)
        assert response.status_code == 200, path
        content = b"".join(response.streaming_content) if response.streaming else response.content
        with open(found, "rb") as file:
            assert content == file.read(), path
    return static_paths


def test_swagger_ui_is_offline_and_serves_its_sidecar_assets(api):
    response = api.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="swagger-ui"' in html
    assert "/api/v1/schema/" in html
    assert_offline(html)
    served = assert_static_assets_served(api, html)
    assert any(path.endswith("swagger-ui-bundle.js") for path in served)


def test_redoc_page_serves_its_sidecar_asset(api):
    response = api.get("/api/v1/redoc/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/schema/" in html
    served = assert_static_assets_served(api, html)
    assert any(path.endswith("redoc.standalone.js") for path in served)


def test_redoc_page_references_no_external_host(api):
    response = api.get("/api/v1/redoc/")

    assert response.status_code == 200
    assert_offline(response.content.decode())


@pytest.mark.parametrize("ordering", [",", ",name", "name,,"])
def test_organisation_list_ordering_with_empty_items_is_not_an_error(api, ordering):
    OrganisationFactory(name_en="Beta Co")
    OrganisationFactory(name_en="Alpha Co")

    response = api.get(LIST_URL, {"ordering": ordering})

    assert response.status_code == 200
    assert sorted(names(response)) == ["Alpha Co", "Beta Co"]
