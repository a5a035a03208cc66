"""The seed facts (load_seed_facts) and the first local account (create_local_editor)."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from pazhou.models import Organisation, OrganisationAlias, PublishingStatus, Source
from pazhou.roles import EDITOR_GROUP, PUBLISHER_GROUP
from pazhou.seed import ORGANISATIONS, SOURCE_SLUG, load_core_seed

pytestmark = pytest.mark.django_db

SEED_SLUGS = {
    "china-news-network",
    "hurun-report",
    "hurun-research-institute",
    "huawei",
    "rootcloud",
    "tencent",
    "alibaba",
    "vipshop",
    "chinese-academy-of-engineering",
    "guangzhou-municipal-government",
    "haizhu-district-government",
}


def load_seed():
    out = StringIO()
    call_command("load_seed_facts", stdout=out)
    return out.getvalue()


def snapshot():
    """Everything a rerun could touch: counts and each organisation's version."""
    return {
        "sources": Source.objects.count(),
        "organisations": dict(Organisation.objects.values_list("slug", "version")),
        "aliases": set(OrganisationAlias.objects.values_list("organisation__slug", "name")),
    }


# load_seed_facts ----------------------------------------------------------------------------


def test_load_seed_facts_creates_the_source():
    load_seed()
    source = Source.objects.get(slug=SOURCE_SLUG)
    assert "China News Network" in source.citation
    assert source.authors == "Wang Jian, Wang Zijie"
    assert source.date.isoformat() == "2023-06-06"
    assert source.url == ""
    assert source.publisher.slug == "china-news-network"


def seeded_organisations():
    """The core seed's organisations; later apps' loaders may add their own."""
    return Organisation.objects.filter(slug__in=SEED_SLUGS)


def test_load_seed_facts_creates_the_eleven_organisations():
    load_seed()
    assert len(ORGANISATIONS) == 11
    assert {record["slug"] for record in ORGANISATIONS} == SEED_SLUGS
    assert seeded_organisations().count() == 11


def test_load_core_seed_creates_exactly_the_source_and_the_organisations():
    assert load_core_seed() == 12
    assert set(Organisation.objects.values_list("slug", flat=True)) == SEED_SLUGS
    assert list(Source.objects.values_list("slug", flat=True)) == [SOURCE_SLUG]
    assert load_core_seed() == 0


def test_load_seed_facts_publishes_organisations_now():
    load_seed()
    assert seeded_organisations().visible().count() == 11
    assert set(seeded_organisations().values_list("status", flat=True)) == {
        PublishingStatus.PUBLISHED
    }


def test_load_seed_facts_organisations_cite_the_source():
    load_seed()
    source = Source.objects.get(slug=SOURCE_SLUG)
    assert seeded_organisations().exclude(source=source).count() == 0
    aliases = OrganisationAlias.objects.filter(organisation__slug__in=SEED_SLUGS)
    assert aliases.exclude(source=source).count() == 0


def test_load_seed_facts_names_are_bilingual():
    load_seed()
    huawei = Organisation.objects.get(slug="huawei")
    assert (huawei.name_en, huawei.name_zh_hans) == ("Huawei", "华为")
    tencent = Organisation.objects.get(slug="tencent")
    assert (tencent.name_en, tencent.name_zh_hans) == ("Tencent", "腾讯")
    assert seeded_organisations().filter(name_en="").count() == 0
    assert seeded_organisations().filter(name_zh_hans="").count() == 0


def test_load_seed_facts_gives_rootcloud_the_names_as_published():
    load_seed()
    aliases = set(
        OrganisationAlias.objects.filter(organisation__slug="rootcloud").values_list("name", "kind")
    )
    assert aliases == {
        ("Treeroot Internet", "as_published"),
        ("tree root interconnection", "as_published"),
    }


def test_load_seed_facts_reports_what_it_created():
    output = load_seed()
    # The source and the 11 organisations.
    assert re.search(r"^\s*10 core: 12 created$", output, re.MULTILINE), output


def test_load_seed_facts_rerun_creates_nothing():
    load_seed()
    before = snapshot()
    load_seed()
    assert snapshot() == before


def test_load_seed_facts_rerun_reports_zero_created():
    load_seed()
    output = load_seed()
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines, output
    assert all(line.endswith(": 0 created") for line in lines), output
    assert "core: 0 created" in output


def test_load_seed_facts_rerun_keeps_an_editors_rename():
    load_seed()
    tencent = Organisation.objects.get(slug="tencent")
    tencent.name_en = "Tencent Holdings"
    tencent.save()
    load_seed()
    tencent.refresh_from_db()
    assert tencent.name_en == "Tencent Holdings"
    assert tencent.version == 2


def test_load_seed_facts_rerun_keeps_a_deleted_alias_deleted():
    load_seed()
    OrganisationAlias.objects.filter(
        organisation__slug="rootcloud", name="Treeroot Internet"
    ).delete()
    load_seed()
    names = set(
        OrganisationAlias.objects.filter(organisation__slug="rootcloud").values_list(
            "name", flat=True
        )
    )
    assert names == {"tree root interconnection"}


def test_load_seed_facts_rerun_keeps_an_editors_unpublishing():
    load_seed()
    alibaba = Organisation.objects.get(slug="alibaba")
    alibaba.status = PublishingStatus.DRAFT
    alibaba.save()
    load_seed()
    alibaba.refresh_from_db()
    assert alibaba.status == PublishingStatus.DRAFT


def test_load_seed_facts_rerun_keeps_an_editors_source_change():
    load_seed()
    source = Source.objects.get(slug=SOURCE_SLUG)
    source.url = "https://example.org/report"
    source.publisher = Organisation.objects.get(slug="tencent")
    source.save()
    load_seed()
    source.refresh_from_db()
    assert source.url == "https://example.org/report"
    assert source.publisher.slug == "tencent"


def test_load_seed_facts_rerun_recreates_only_what_is_missing():
    load_seed()
    count = Organisation.objects.count()
    Organisation.objects.get(slug="vipshop").delete()
    output = load_seed()
    assert "core: 1 created" in output
    assert Organisation.objects.filter(slug="vipshop").count() == 1
    assert Organisation.objects.count() == count


def test_load_seed_facts_invents_no_headquarters_for_alibaba_and_vipshop():
    load_seed()
    for slug in ("alibaba", "vipshop"):
        organisation = Organisation.objects.get(slug=slug)
        assert organisation.hq_region == ""
        assert organisation.hq_province_en in ("", None)
        assert organisation.hq_province_zh_hans in ("", None)
        assert organisation.hq_city_en in ("", None)
        assert organisation.hq_district_en in ("", None)
        assert organisation.headquarters == ""


def test_load_seed_facts_invents_no_city_for_companies():
    load_seed()
    for slug in ("huawei", "rootcloud", "tencent"):
        organisation = Organisation.objects.get(slug=slug)
        assert organisation.hq_province_en == "Guangdong"
        assert organisation.hq_city_en in ("", None)
        assert organisation.hq_district_en in ("", None)


def test_load_seed_facts_invents_no_ownership_founding_year_or_website():
    load_seed()
    assert seeded_organisations().exclude(ownership="").count() == 0
    assert seeded_organisations().filter(founded_year__isnull=False).count() == 0
    assert seeded_organisations().exclude(website="").count() == 0
    assert seeded_organisations().exclude(logo="").count() == 0


def test_load_seed_facts_only_haizhu_has_a_district():
    load_seed()
    with_district = (
        seeded_organisations().exclude(hq_district_en__isnull=True).exclude(hq_district_en="")
    )
    assert list(with_district.values_list("slug", "hq_district_en", "hq_district_zh_hans")) == [
        ("haizhu-district-government", "Haizhu", "海珠区")
    ]


def test_load_seed_facts_organisation_page_shows_the_source(client):
    load_seed()
    response = client.get("/en/organisations/huawei/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Huawei" in content
    assert "Experts and scholars contributed ideas to Guangzhou Pazhou" in content


# create_local_editor ------------------------------------------------------------------------

PASSWORD_LINE = re.compile(r"password:\s*(\S+)")


def create_local_editor(**options):
    out = StringIO()
    call_command("create_local_editor", stdout=out, **options)
    return out.getvalue()


def printed_password(output):
    match = PASSWORD_LINE.search(output)
    assert match, output
    return match.group(1)


def test_create_local_editor_creates_staff_editor_in_both_groups():
    create_local_editor()
    user = get_user_model().objects.get()
    assert user.username == "editor"
    assert user.is_staff is True
    assert user.is_superuser is False
    assert set(user.groups.values_list("name", flat=True)) == {EDITOR_GROUP, PUBLISHER_GROUP}


def test_create_local_editor_gives_the_editor_publishing_permissions():
    create_local_editor()
    user = get_user_model().objects.get(username="editor")
    assert user.has_perm("pazhou.change_organisation")
    assert user.has_perm("pazhou.publish_organisation")


def test_create_local_editor_printed_password_works(client):
    output = create_local_editor()
    password = printed_password(output)
    user = get_user_model().objects.get(username="editor")
    assert user.check_password(password)
    assert not user.check_password(password + "x")
    assert client.login(username="editor", password=password)


def test_create_local_editor_password_is_random():
    first = printed_password(create_local_editor())
    get_user_model().objects.all().delete()
    second = printed_password(create_local_editor())
    assert first != second
    assert len(first) >= 12
    user = get_user_model().objects.get(username="editor")
    assert user.check_password(second)
    assert not user.check_password(first)


def test_create_local_editor_does_nothing_when_accounts_exist():
    User = get_user_model()
    existing = User.objects.create_user(username="someone", password="a-test-password-1")
    output = create_local_editor()
    assert "Accounts exist already" in output
    assert PASSWORD_LINE.search(output) is None
    assert list(User.objects.values_list("pk", flat=True)) == [existing.pk]


def test_create_local_editor_accepts_another_username():
    output = create_local_editor(username="redakteur")
    user = get_user_model().objects.get()
    assert user.username == "redakteur"
    assert user.check_password(printed_password(output))
