"""Seed facts of the shared core: the source report and the organisations it names.

These are the real facts the site ships with, taken from one news report (China News Network,
June 2023). Nothing here goes beyond that report, except the well-known official Chinese names
of the organisations, and the identification of "Treeroot Internet" as Rootcloud (树根互联).
What the report does not give (ownership, founding year, websites, cities of companies) stays
empty for editors to fill in.

Records are found by their natural key (the slug) and only created when missing, so running
the loader again never overwrites an editor's change.
"""

import datetime

from django.db import transaction

from pazhou.models import (
    AliasKind,
    DatePrecision,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    PublishingStatus,
    Region,
    Source,
)

SOURCE_SLUG = "chinanews-2023-06-06-pazhou-summit"

SOURCE = {
    "slug": SOURCE_SLUG,
    "citation": (
        "China News Network (中国新闻网), Guangzhou: “Experts and scholars contributed ideas to "
        "Guangzhou Pazhou to build an industrial Internet highland”, by Wang Jian and Wang Zijie, "
        "6 June 2023."
    ),
    "authors": "Wang Jian, Wang Zijie",
    "date": datetime.date(2023, 6, 6),
    "date_precision": DatePrecision.DAY,
    "url": "",
    "note": (
        "Datelined “June 6”; the year 2023 is clear from the content. The report is read in an "
        "English machine translation, in which some figures came out garbled; where this site "
        "takes a reading, the page says so. No URL is given."
    ),
}

# Headquarters are filled only as far as the report (or, for a government, its name) says.
ORGANISATIONS = [
    {
        "slug": "china-news-network",
        "name_en": "China News Network",
        "name_zh_hans": "中国新闻网",
        "kind": OrganisationKind.MEDIA,
    },
    {
        "slug": "hurun-report",
        "name_en": "Hurun Report",
        "name_zh_hans": "胡润百富",
        "kind": OrganisationKind.COMPANY,
    },
    {
        "slug": "hurun-research-institute",
        "name_en": "Hurun Research Institute",
        "name_zh_hans": "胡润研究院",
        "kind": OrganisationKind.RESEARCH_INSTITUTE,
    },
    # "several Guangdong enterprises such as Huawei, Treeroot Internet, and Tencent"
    {
        "slug": "huawei",
        "name_en": "Huawei",
        "name_zh_hans": "华为",
        "kind": OrganisationKind.COMPANY,
        "hq_region": Region.MAINLAND,
        "hq_province_en": "Guangdong",
        "hq_province_zh_hans": "广东",
    },
    {
        "slug": "rootcloud",
        "name_en": "Rootcloud",
        "name_zh_hans": "树根互联",
        "kind": OrganisationKind.COMPANY,
        "hq_region": Region.MAINLAND,
        "hq_province_en": "Guangdong",
        "hq_province_zh_hans": "广东",
        "aliases": [
            ("Treeroot Internet", AliasKind.AS_PUBLISHED),
            ("tree root interconnection", AliasKind.AS_PUBLISHED),
        ],
    },
    {
        "slug": "tencent",
        "name_en": "Tencent",
        "name_zh_hans": "腾讯",
        "kind": OrganisationKind.COMPANY,
        "hq_region": Region.MAINLAND,
        "hq_province_en": "Guangdong",
        "hq_province_zh_hans": "广东",
    },
    {
        "slug": "alibaba",
        "name_en": "Alibaba",
        "name_zh_hans": "阿里巴巴",
        "kind": OrganisationKind.COMPANY,
    },
    {
        "slug": "vipshop",
        "name_en": "Vipshop",
        "name_zh_hans": "唯品会",
        "kind": OrganisationKind.COMPANY,
    },
    {
        "slug": "chinese-academy-of-engineering",
        "name_en": "Chinese Academy of Engineering",
        "name_zh_hans": "中国工程院",
        "kind": OrganisationKind.ACADEMY,
    },
    {
        "slug": "guangzhou-municipal-government",
        "name_en": "Guangzhou Municipal Government",
        "name_zh_hans": "广州市人民政府",
        "kind": OrganisationKind.GOVERNMENT,
        "hq_region": Region.MAINLAND,
        "hq_province_en": "Guangdong",
        "hq_province_zh_hans": "广东",
        "hq_city_en": "Guangzhou",
        "hq_city_zh_hans": "广州",
    },
    {
        "slug": "haizhu-district-government",
        "name_en": "Haizhu District Government",
        "name_zh_hans": "海珠区人民政府",
        "kind": OrganisationKind.GOVERNMENT,
        "hq_region": Region.MAINLAND,
        "hq_province_en": "Guangdong",
        "hq_province_zh_hans": "广东",
        "hq_city_en": "Guangzhou",
        "hq_city_zh_hans": "广州",
        "hq_district_en": "Haizhu",
        "hq_district_zh_hans": "海珠区",
    },
]


def seed_source():
    """The source report, created if missing; returns it either way."""
    fields = dict(SOURCE)
    source, _created = Source.objects.get_or_create(slug=fields.pop("slug"), defaults=fields)
    return source


@transaction.atomic
def load_core_seed():
    """Create the source and the organisations that are missing. Returns how many were made."""
    created_count = 0
    source_existed = Source.objects.filter(slug=SOURCE_SLUG).exists()
    source = seed_source()
    created_count += 0 if source_existed else 1

    for record in ORGANISATIONS:
        fields = {key: value for key, value in record.items() if key not in {"slug", "aliases"}}
        fields.update(status=PublishingStatus.PUBLISHED, source=source)
        organisation, created = Organisation.objects.get_or_create(
            slug=record["slug"], defaults=fields
        )
        if not created:
            continue
        created_count += 1
        # Aliases come with a new organisation only, so an alias an editor removed stays removed.
        for name, kind in record.get("aliases", []):
            OrganisationAlias.objects.create(
                organisation=organisation, name=name, kind=kind, source=source
            )
    # Publishers of sources are organisations, so this link is made once both exist.
    if not source_existed:
        source.publisher = Organisation.objects.get(slug="china-news-network")
        source.save(update_fields=["publisher"])
    return created_count
