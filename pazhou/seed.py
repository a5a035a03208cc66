"""Seed facts of the shared core (the source report and the organisations it names) and of the
district plans (the 2016 plan, three places, two reported figures, presences, milestones).

These are the real facts the site ships with, taken from one news report (China News Network,
June 2023). Nothing here goes beyond that report, except the well-known official Chinese names
of the organisations, and the identification of "Treeroot Internet" as Rootcloud (树根互联).
What the report does not give (ownership, founding year, websites, cities of companies) stays
empty for editors to fill in.

Records are found by their natural key (the slug) and only created when missing, so running
the loader again never overwrites an editor's change.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from pazhou.models import (
    AliasKind,
    Comparator,
    CountedPresences,
    DatePrecision,
    Direction,
    Figure,
    FigureKind,
    Indicator,
    Milestone,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    Place,
    PlaceKind,
    Plan,
    PlanRelation,
    Presence,
    PresenceKind,
    PublishingStatus,
    Region,
    Source,
    Unit,
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


# --- District plans (loader order 40) ------------------------------------------------------------
# Only what the report says. It reports two figures for the Pazhou Experimental Zone right after
# the 2016 plan, without saying that the plan set them: the indicators are therefore "reported
# alongside" the plan, and both figures are claims. No place has a tier, because the report does
# not say which places make up the "1", the "X" and the "N". The zone has no Chinese name and no
# parent, because the report gives neither.

PLAN_SLUG = "pazhou-internet-innovation-cluster-industrial-development-plan"
ZONE_SLUG = "pazhou-experimental-zone"
HAIZHU_SLUG = "haizhu-district"

PLAN = {
    "slug": PLAN_SLUG,
    "title_en": "Pazhou Internet Innovation Cluster Industrial Development Plan",
    "issuer": "guangzhou-municipal-government",
    "adopted_on": datetime.date(2016, 1, 1),
    "adopted_on_precision": DatePrecision.YEAR,
    "aims_en": (
        "To make Pazhou a new CBD core area with:\n\n"
        "- the headquarters of leading Internet enterprises;\n"
        "- a complete Internet industry service system;\n"
        "- a strong environment for Internet innovation and entrepreneurship.\n\n"
        "The report gives the year of adoption only, and no period or legal status."
    ),
}

PLACES = [
    {
        "slug": HAIZHU_SLUG,
        "name_en": "Haizhu District",
        "name_zh_hans": "海珠区",
        "kind": PlaceKind.DISTRICT,
        "parent": None,
        "order": 1,
        "description_en": (
            "A district of Guangzhou.\n\n"
            "The “Pazhou Industrial Internet Report”, released at the 2023 Pazhou Industrial "
            "Internet Summit, proposes using the industrial space of Haizhu District, "
            "especially Pazhou, to build an industrial-internet agglomeration area on a "
            "“1+X+N” spatial layout. This is the Report's proposal, as the China News Network "
            "report gives it. The report does not say which places make up the “1”, the “X” "
            "and the “N”, so no place on this site has a tier yet."
        ),
    },
    {
        "slug": "pazhou",
        "name_en": "Pazhou",
        "name_zh_hans": "琶洲",
        "kind": PlaceKind.AREA,
        "parent": HAIZHU_SLUG,
        "order": 1,
        "description_en": "In Haizhu District, Guangzhou.",
    },
    {
        "slug": ZONE_SLUG,
        "name_en": "Pazhou Experimental Zone",
        "kind": PlaceKind.ZONE,
        "parent": None,
        "order": 2,
        "description_en": (
            "Named as the China News Network report gives it. The report gives no Chinese name "
            "and no boundary for the zone."
        ),
    },
]

ALONGSIDE_NOTE = (
    " The report states this figure right after the 2016 plan, but does not say that the plan "
    "set it."
)

INDICATORS = [
    {
        "place": ZONE_SLUG,
        "slug": "revenue",
        "name_en": "Revenue of the Pazhou Experimental Zone",
        "description_en": (
            "Revenue of the zone, “driven by the digital industry” as the report puts it."
        ),
        "unit": Unit.YUAN,
        "direction": Direction.HIGHER_IS_BETTER,
        "featured": True,
        "order": 1,
        "figures": [
            {
                "kind": FigureKind.CLAIM,
                "comparator": Comparator.MORE_THAN,
                "value": Decimal("400000000000"),
                "date": datetime.date(2022, 1, 1),
                "date_precision": DatePrecision.YEAR,
                "note_en": (
                    "The report's machine translation reads “the revenue of the Pazhou "
                    "Experimental Zone will exceed 2022 billion yuan in 4000”; this site reads "
                    "it as more than 400 billion yuan (4000亿元) in 2022. The report, of June "
                    "2023, writes “will” about 2022, which may be the translation's tense, so "
                    "the figure is shown as a claim the report makes: neither a measured result "
                    "nor only an expectation." + ALONGSIDE_NOTE
                ),
            }
        ],
    },
    {
        "place": ZONE_SLUG,
        "slug": "digital-economy-headquarters",
        "name_en": "Headquarters of leading digital-economy enterprises",
        "description_en": (
            "Headquarters of leading digital-economy enterprises gathered in the zone. The "
            "report does not state the level of these headquarters, so headquarters of any "
            "level are counted here."
        ),
        "unit": Unit.HEADQUARTERS,
        "direction": Direction.HIGHER_IS_BETTER,
        "counted_presences": CountedPresences.ANY_HEADQUARTERS,
        "featured": True,
        "order": 2,
        "figures": [
            {
                "kind": FigureKind.CLAIM,
                "comparator": Comparator.EXACTLY,
                "value": Decimal("50"),
                "date": datetime.date(2023, 1, 1),
                "date_precision": DatePrecision.YEAR,
                "note_en": (
                    "“Gathering the headquarters of 50 leading digital economy enterprises such "
                    "as Tencent, Alibaba, and Vipshop.” The level of these headquarters is not "
                    "stated, and the report does not say that they are the companies' main "
                    "headquarters." + ALONGSIDE_NOTE
                ),
            }
        ],
    },
]

PRESENCE_NOTE_EN = (
    "Named among the leading digital-economy enterprises whose headquarters the zone gathers. "
    "The level of the headquarters is not stated, and the report does not say that it is the "
    "company's main headquarters."
)

PRESENCES = [
    ("tencent", ZONE_SLUG, PresenceKind.HEADQUARTERS_LEVEL_NOT_STATED),
    ("alibaba", ZONE_SLUG, PresenceKind.HEADQUARTERS_LEVEL_NOT_STATED),
    ("vipshop", ZONE_SLUG, PresenceKind.HEADQUARTERS_LEVEL_NOT_STATED),
]

SUMMIT_DATE_NOTE_EN = (
    "Date as reported: “the 30th”, in a report datelined 6 June 2023; read as 30 May 2023."
)

# Milestones come with the plan or place they belong to (see load_plans_seed).
MILESTONES = [
    {
        "plan": PLAN_SLUG,
        "place": None,
        "date": datetime.date(2016, 1, 1),
        "date_precision": DatePrecision.YEAR,
        "title_en": "The Guangzhou Municipal Government passes the plan",
        "description_en": (
            "The Guangzhou Municipal Government passed the “Pazhou Internet Innovation Cluster "
            "Industrial Development Plan” in 2016; the report gives the year only."
        ),
    },
    # On Haizhu District, not on the plan: the report does not link them to the plan.
    {
        "plan": None,
        "place": HAIZHU_SLUG,
        "date": datetime.date(2023, 5, 30),
        "date_precision": DatePrecision.DAY,
        "title_en": "2023 Pazhou Industrial Internet Summit held",
        "description_en": "Held in Pazhou, Haizhu District. " + SUMMIT_DATE_NOTE_EN,
    },
    {
        "plan": None,
        "place": HAIZHU_SLUG,
        "date": datetime.date(2023, 5, 30),
        "date_precision": DatePrecision.DAY,
        "title_en": "“Pazhou Industrial Internet Report” released at the summit",
        "description_en": (
            "The Report proposes using the industrial space of Haizhu District, especially "
            "Pazhou, to build an industrial-internet agglomeration area on a “1+X+N” spatial "
            "layout. " + SUMMIT_DATE_NOTE_EN
        ),
    },
]


def _create_milestones(*, source, owner):
    """The seed milestones of a plan or place that was just created. Each seed milestone
    belongs to either a plan or a place."""
    created = 0
    for record in MILESTONES:
        model, slug = (Plan, record["plan"]) if record["plan"] else (Place, record["place"])
        if not isinstance(owner, model) or owner.slug != slug:
            continue
        fields = {k: v for k, v in record.items() if k not in {"plan", "place"}}
        Milestone.objects.create(
            **fields,
            plan=owner if model is Plan else None,
            place=owner if model is Place else None,
            source=source,
            status=PublishingStatus.PUBLISHED,
        )
        created += 1
    return created


@transaction.atomic
def load_plans_seed():
    """Create the district-plan facts that are missing. Returns how many records were made.

    Plans and places are found by slug and indicators by place and slug. What belongs to a
    record (an indicator's figures, a plan's or a place's milestones, the presences in the
    zone) is created only together with that record, so that an editor's change or deletion
    is never undone by a rerun.
    """
    source = seed_source()
    created_count = 0

    fields = {k: v for k, v in PLAN.items() if k not in {"slug", "issuer"}}
    fields["issuer"] = Organisation.objects.filter(slug=PLAN["issuer"]).first()
    plan, created = Plan.objects.get_or_create(
        slug=PLAN_SLUG,
        defaults={**fields, "source": source, "status": PublishingStatus.PUBLISHED},
    )
    created_count += created
    if created:
        created_count += _create_milestones(source=source, owner=plan)

    places = {}
    for record in PLACES:
        fields = {k: v for k, v in record.items() if k not in {"slug", "parent"}}
        fields["parent"] = places.get(record["parent"]) if record["parent"] else None
        place, created = Place.objects.get_or_create(
            slug=record["slug"],
            defaults={**fields, "source": source, "status": PublishingStatus.PUBLISHED},
        )
        places[record["slug"]] = place
        created_count += created
        if not created:
            continue
        created_count += _create_milestones(source=source, owner=place)
        for organisation_slug, place_slug, kind in PRESENCES:
            organisation = Organisation.objects.filter(slug=organisation_slug).first()
            if place_slug != place.slug or organisation is None:
                continue
            Presence.objects.create(
                organisation=organisation,
                place=place,
                kind=kind,
                note_en=PRESENCE_NOTE_EN,
                source=source,
                status=PublishingStatus.PUBLISHED,
            )
            created_count += 1

    for record in INDICATORS:
        fields = {k: v for k, v in record.items() if k not in {"slug", "place", "figures"}}
        indicator, created = Indicator.objects.get_or_create(
            place=places[record["place"]],
            slug=record["slug"],
            defaults={
                **fields,
                "plan": plan,
                "plan_relation": PlanRelation.REPORTED_ALONGSIDE,
                "status": PublishingStatus.PUBLISHED,
            },
        )
        created_count += created
        if not created:
            continue
        for figure in record["figures"]:
            Figure.objects.create(
                indicator=indicator, source=source, status=PublishingStatus.PUBLISHED, **figure
            )
            created_count += 1
    return created_count
