"""Seed facts of the summit: the 2023 edition as the China News Network report gives it.

Only what the report says: no session times, no rooms, no Chinese titles it does not give. The
summit day is read from "held on the 30th" in a report datelined 6 June 2023, and the page says
so. The article's photo is not ours and is not shipped.

Records are found by natural key (year, slugs) and only created when missing.
"""

import datetime

from django.db import transaction

from pazhou.models import DatePrecision, Organisation, PublishingStatus
from pazhou.seed import seed_source
from summit.models import (
    Appearance,
    AppearanceRole,
    Person,
    Release,
    ReleaseKind,
    Session,
    SessionKind,
    Summit,
)

SUMMIT_DAY = datetime.date(2023, 5, 30)
PUBLISHED = PublishingStatus.PUBLISHED

SUMMIT = {
    "year": 2023,
    "title_en": "2023 Pazhou Industrial Internet Summit",
    "start_date": SUMMIT_DAY,
    "end_date": SUMMIT_DAY,
    "date_note_en": (
        "Date as reported: “the 30th”, in a report datelined 6 June 2023; read as 30 May 2023. "
        "Times of day are not reported."
    ),
    "date_note_zh_hans": (
        "报道原文为“30日”，报道日期为2023年6月6日，据此读作2023年5月30日。报道未给出具体时间。"
    ),
    "venue_en": "Pazhou",
    "venue_zh_hans": "琶洲",
    "city_en": "Guangzhou",
    "city_zh_hans": "广州",
    "district_en": "Haizhu District",
    "district_zh_hans": "海珠区",
    "summary_en": (
        "Academicians, industry experts and heads of research institutes from the national "
        "industrial-internet “dual-cross” platform (Rootcloud), characteristic industry "
        "platforms and industrial-internet platforms in vertical fields gathered at the summit. "
        "The Hurun China Industrial Internet Top 2023 List and the “Pazhou Industrial "
        "Internet Report” were released there."
    ),
}

PEOPLE = [
    {
        "slug": "lv-nengxing",
        "family_name_en": "Lv",
        "given_name_en": "Nengxing",
        "position_en": "CEO of Hurun Report and publisher of the Group (as reported)",
        "affiliation": "hurun-report",
    },
    {
        "slug": "chai-tianyou",
        "family_name_en": "Chai",
        "given_name_en": "Tianyou",
        "family_name_zh": "柴",
        "given_name_zh": "天佑",
        "honorifics_en": "Academician of the Chinese Academy of Engineering",
        "honorifics_zh_hans": "中国工程院院士",
    },
    {
        "slug": "tan-jianrong",
        "family_name_en": "Tan",
        "given_name_en": "Jianrong",
        "family_name_zh": "谭",
        "given_name_zh": "建荣",
        "honorifics_en": "Academician of the Chinese Academy of Engineering",
        "honorifics_zh_hans": "中国工程院院士",
    },
]

SESSIONS = [
    {
        "slug": "hurun-list-release",
        "title_en": "Release of the Hurun China Industrial Internet Top 2023 List",
        "kind": SessionKind.RELEASE,
        "order": 1,
        "abstract_en": (
            "Lv Nengxing released and interpreted the list for the first time. "
            "“The rapid development of the industrial Internet can make China's economy take a "
            "big step forward in the direction of ‘combining data and reality’.”\n\n"
            "He described its three categories as a circular runway: the manufacturing platform "
            "empowers production; the digital business management system is a starting point "
            "for operation and governance; trading platforms sit at the sales end and link back "
            "to the procurement of raw materials, from the starting point to the end point and "
            "back to the starting point."
        ),
        "appearances": [("lv-nengxing", AppearanceRole.RELEASER, "")],
    },
    {
        "slug": "academician-sharing-session",
        "title_en": "Academician sharing session",
        "kind": SessionKind.ACADEMICIAN_SHARING,
        "order": 2,
        "abstract_en": (
            "Two keynote speeches by academicians of the Chinese Academy of Engineering. The "
            "report runs the two topics together; they are split here in the order the names "
            "are given."
        ),
        "appearances": [
            (
                "chai-tianyou",
                AppearanceRole.SPEAKER,
                "Industrial intelligence and industrial-internet collaborative development",
            ),
            (
                "tan-jianrong",
                AppearanceRole.SPEAKER,
                "Industrial intelligence, the key technologies and development trends of "
                "industrial interconnection, and industrial transformation",
            ),
        ],
    },
]

RELEASES = [
    {
        "slug": "hurun-china-industrial-internet-top-2023",
        "title_en": "Hurun China Industrial Internet Top 2023 List",
        "kind": ReleaseKind.LIST,
        "publisher": "hurun-research-institute",
        "session": "hurun-list-release",
        "summary_en": (
            "Released for the first time at the summit by Hurun Research Institute, in three "
            "categories: intelligent manufacturing, customized business management and B2B "
            "trading platform. Several Guangdong enterprises such as Huawei, Rootcloud "
            "(“Treeroot Internet” in the report) and Tencent were selected. The survey covers "
            "all Chinese private enterprises and state-owned holding enterprises with "
            "headquarters in mainland China, Hong Kong, Macao and Taiwan."
        ),
    },
    {
        "slug": "pazhou-industrial-internet-report",
        "title_en": "Pazhou Industrial Internet Report",
        "kind": ReleaseKind.REPORT,
        "publisher": None,
        "session": None,
        "summary_en": (
            "Released by the summit; the report does not say in which session or by whom. "
            "Its claims, as reported:\n\n"
            "- the industrial internet has entered a new stage of development and has become "
            "the core engine leading high-quality economic development;\n"
            "- the industrial-internet industry chain of Haizhu District “has been initially "
            "formed”;\n"
            "- the strategic goal is to accelerate the building of an industrial-internet "
            "development highland in the Guangdong-Hong Kong-Macao Greater Bay Area;\n"
            "- it proposes to use the industrial space of Haizhu District, especially Pazhou, "
            "to build an industrial-internet agglomeration area on the “1+X+N” spatial layout."
        ),
    },
]


@transaction.atomic
def load_summit_seed():
    """Create the 2023 edition and what it holds, where missing. Returns how many were made."""
    source = seed_source()
    created_count = 0
    summit, created = Summit.objects.get_or_create(
        year=SUMMIT["year"], defaults={**SUMMIT, "status": PUBLISHED, "source": source}
    )
    created_count += created

    people = {}
    for record in PEOPLE:
        fields = {k: v for k, v in record.items() if k not in {"slug", "affiliation"}}
        if record.get("affiliation"):
            fields["affiliation"] = Organisation.objects.filter(slug=record["affiliation"]).first()
        person, created = Person.objects.get_or_create(
            slug=record["slug"], defaults={**fields, "status": PUBLISHED, "source": source}
        )
        people[record["slug"]] = person
        created_count += created

    sessions = {}
    for record in SESSIONS:
        fields = {k: v for k, v in record.items() if k not in {"slug", "appearances"}}
        session, created = Session.objects.get_or_create(
            summit=summit,
            slug=record["slug"],
            defaults={**fields, "date": SUMMIT_DAY, "status": PUBLISHED, "source": source},
        )
        sessions[record["slug"]] = session
        created_count += created
        if not created:
            continue
        # Appearances come with a new session only, so an editor's removal stays removed.
        for order, (person_slug, role, talk_title) in enumerate(record["appearances"], start=1):
            Appearance.objects.create(
                session=session,
                person=people[person_slug],
                role=role,
                talk_title_en=talk_title,
                order=order,
            )
            created_count += 1

    for record in RELEASES:
        fields = {k: v for k, v in record.items() if k not in {"slug", "publisher", "session"}}
        fields["publisher"] = (
            Organisation.objects.filter(slug=record["publisher"]).first()
            if record["publisher"]
            else None
        )
        fields["session"] = sessions.get(record["session"]) if record["session"] else None
        _release, created = Release.objects.get_or_create(
            summit=summit,
            slug=record["slug"],
            defaults={
                **fields,
                "release_date": SUMMIT_DAY,
                "release_date_precision": DatePrecision.DAY,
                "status": PUBLISHED,
                "source": source,
            },
        )
        created_count += created
    return created_count
