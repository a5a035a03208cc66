"""Seed facts of the rankings: the 2023 edition of "Hurun China Industrial Internet Top".

From the China News Network report only: the title as reported, the publisher (Hurun Research
Institute), the three categories as the translation names them (no Chinese names are given), the
scope, the release at the 2023 summit, and the three enterprises the report names. The report
gives no rank, no category for any entry and no list size ("the 27 … List" is unclear), so those
stay empty. Whether the list is ranked is not reported either.

Records are found by natural keys and only created when missing; a rerun never overwrites an
editor's change.
"""

from django.db import transaction

from pazhou.models import DatePrecision, Organisation, PublishingStatus
from pazhou.seed import seed_source
from rankings.models import Category, Edition, Entry, Series

SERIES = {
    "slug": "hurun-china-industrial-internet-top",
    "name_en": "Hurun China Industrial Internet Top",
    "publisher": "hurun-research-institute",
    "description_en": (
        "A list of Chinese industrial-internet enterprises by Hurun Research Institute. Its "
        "2023 edition was released for the first time at the Pazhou Industrial Internet Summit."
    ),
}

EDITION = {
    "year": 2023,
    "title_en": "Hurun China Industrial Internet Top 2023 List",
    "scope_en": (
        "All Chinese private enterprises and state-owned holding enterprises with headquarters "
        "in mainland China, Hong Kong, Macao or Taiwan."
    ),
    "methodology_en": (
        "The report names three categories and explains them as a “circular runway”. It gives "
        "no list size, no ranks and no category for the enterprises it names. The phrase “the "
        "27 Hurun China Industrial Internet Top 2023 List” in the translated report is unclear, "
        "so no size is stated here."
    ),
}

# The 2023 summit release that announced the list (see summit/seed.py).
RELEASE = {"summit_year": 2023, "slug": "hurun-china-industrial-internet-top-2023"}

# As the translation names them; "customized business management" is also called the "digital
# business management system" in the quote.
CATEGORIES = [
    "Intelligent manufacturing",
    "Customized business management",
    "B2B trading platform",
]

ENTRIES = [
    {"organisation": "huawei", "notes_en": "Named in the report among Guangdong enterprises."},
    {
        "organisation": "rootcloud",
        "notes_en": (
            "Named in the report (as “Treeroot Internet” in its translation) among Guangdong "
            "enterprises."
        ),
    },
    {"organisation": "tencent", "notes_en": "Named in the report among Guangdong enterprises."},
]


@transaction.atomic
def load_rankings_seed():
    """Create the series, the 2023 edition, its categories and entries where missing."""
    from summit.models import Release

    source = seed_source()
    created_count = 0
    fields = {k: v for k, v in SERIES.items() if k not in {"slug", "publisher"}}
    series, created = Series.objects.get_or_create(
        slug=SERIES["slug"],
        defaults={
            **fields,
            "publisher": Organisation.objects.filter(slug=SERIES["publisher"]).first(),
            "status": PublishingStatus.PUBLISHED,
        },
    )
    created_count += created

    release = Release.objects.filter(
        summit__year=RELEASE["summit_year"], slug=RELEASE["slug"]
    ).first()
    if release is not None and Edition.objects.filter(release=release).exists():
        release = None  # an editor linked it elsewhere: leave that alone
    fields = {k: v for k, v in EDITION.items() if k != "year"}
    edition, created = Edition.objects.get_or_create(
        series=series,
        year=EDITION["year"],
        defaults={
            **fields,
            "release": release,
            "release_date": release.release_date if release else None,
            "release_date_precision": (
                release.release_date_precision if release else DatePrecision.YEAR
            ),
            "is_ranked": None,
            "source": source,
            "status": PublishingStatus.PUBLISHED,
        },
    )
    created_count += created
    if not created:
        return created_count

    # Categories and entries come with a new edition only, so an editor's removal stays removed.
    for order, name in enumerate(CATEGORIES, start=1):
        Category.objects.create(edition=edition, name_en=name, order=order)
        created_count += 1
    for record in ENTRIES:
        organisation = Organisation.objects.filter(slug=record["organisation"]).first()
        if organisation is None:
            continue
        Entry.objects.create(
            edition=edition, organisation=organisation, notes_en=record["notes_en"]
        )
        created_count += 1
    return created_count
