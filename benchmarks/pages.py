"""Time the reader pages and API lists against a bare Django view, on synthetic data at scale.

Run from the repository root::

    .venv/bin/python benchmarks/pages.py [--repeat 30] [--warmup 1]

It sets up Django on a throwaway SQLite database in a temporary folder (the project's own
database is never touched), with DEBUG off, migrates it, loads the seed facts and adds synthetic
data at a realistic scale with the test factories (every name says it is synthetic):

- a ranking series with two editions of 2,000 entries each (1,800 organisations in both, so
  movement is computed; 200 new, 200 dropped);
- a three-day summit with 6 rooms, 4 tracks, 150 timed sessions and 300 people appearing;
- a plan with 12 indicators, each with 8 measurements and a target, and a few milestones.

A bare view (``HttpResponse``) is served through the same middleware stack, from a URLconf
built here that adds ``bare/`` to the project's root URLs. Each page is requested through
``django.test.Client`` (as HTTPS, as behind the production proxy), warmed up, then timed
``--repeat`` times, the pages taking turns so that a busy moment of the machine spreads over all
of them. The table gives the median, its ratio to the bare view's median and the number of SQL
queries of one request (counted in a separate, untimed request).

Speed is measured here, never in the tests: this prints, it asserts nothing. Static files are
served without collectstatic's manifest (``STATIC_MANIFEST=false``), and the API throttle rates
are raised for the run so that no request is refused.
"""

import argparse
import datetime
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import types
import warnings
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SERIES_ENTRIES = 2000
CHANGED_ORGANISATIONS = 200  # dropped from the first edition, new in the second
SUMMIT_DAYS = 3
SESSIONS_PER_DAY = 50
ROOMS = 6
TRACKS = 4
PEOPLE = 300
INDICATORS = 12
MEASUREMENT_YEARS = range(2015, 2023)

PROVINCES = [("Guangdong", "广东"), ("Beijing", "北京"), ("Shanghai", "上海"), ("Zhejiang", "浙江")]
CITIES = {
    "Guangdong": [("Guangzhou", "广州"), ("Shenzhen", "深圳"), ("Foshan", "佛山")],
    "Beijing": [("Beijing", "北京")],
    "Shanghai": [("Shanghai", "上海")],
    "Zhejiang": [("Hangzhou", "杭州"), ("Ningbo", "宁波")],
}


def setup_django(database):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["STATIC_MANIFEST"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "pazhou.settings"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    # whitenoise warns that STATIC_ROOT does not exist: no collectstatic for a benchmark.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument(
        "--warmup", type=int, default=1, help="untimed rounds before the timed ones (besides two)"
    )
    arguments = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="pazhou-benchmark-"))
    try:
        setup_django(folder / "benchmark.sqlite3")
        run(repeat=max(1, arguments.repeat), warmup=max(0, arguments.warmup))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- Synthetic data --------------------------------------------------------------------------


def synthetic_organisations(count):
    """``count`` published organisations, created in one statement. Marked synthetic."""
    from pazhou.models import Organisation, OrganisationKind, Ownership, Region

    ownerships = [Ownership.PRIVATE, Ownership.STATE_OWNED_HOLDING, Ownership.FOREIGN, ""]
    organisations = []
    for number in range(1, count + 1):
        province_en, province_zh = PROVINCES[number % len(PROVINCES)]
        city_en, city_zh = CITIES[province_en][number % len(CITIES[province_en])]
        organisations.append(
            Organisation(
                slug=f"synthetic-benchmark-company-{number:05d}",
                name_en=f"Synthetic Benchmark Company {number:05d}",
                name_zh_hans=f"合成基准企业{number:05d}",
                kind=OrganisationKind.COMPANY,
                ownership=ownerships[number % len(ownerships)],
                hq_region=Region.MAINLAND,
                hq_province_en=province_en,
                hq_province_zh_hans=province_zh,
                hq_city_en=city_en,
                hq_city_zh_hans=city_zh,
                description_en="A synthetic organisation made by benchmarks/pages.py.",
                status="published",
            )
        )
    Organisation.objects.bulk_create(organisations, batch_size=500)
    return list(Organisation.objects.filter(slug__startswith="synthetic-benchmark-company-"))


def make_rankings(organisations):
    """A series with two editions of SERIES_ENTRIES entries; most organisations are in both,
    in a shuffled order, so that every kind of movement occurs."""
    from rankings.models import Entry
    from rankings.tests.factories import CategoryFactory, EditionFactory, SeriesFactory

    series = SeriesFactory(
        name_en="Synthetic Benchmark List",
        name_zh_hans="合成基准榜单",
        description_en="A synthetic ranking made by benchmarks/pages.py.",
    )
    shuffle = random.Random(2101)
    editions = []
    for offset, year in enumerate((2101, 2102)):
        edition = EditionFactory(
            series=series,
            year=year,
            title_en=f"Synthetic Benchmark List {year}",
            title_zh_hans=f"合成基准榜单{year}",
        )
        categories = [
            CategoryFactory(
                edition=edition,
                name_en=f"Synthetic category {letter}",
                name_zh_hans=f"合成类别{letter}",
                order=order,
            )
            for order, letter in enumerate("ABC")
        ]
        listed = organisations[
            offset * CHANGED_ORGANISATIONS : offset * CHANGED_ORGANISATIONS + SERIES_ENTRIES
        ]
        listed = shuffle.sample(listed, len(listed))
        entries = []
        for rank, organisation in enumerate(listed, start=1):
            tied = rank % 50 == 0
            entries.append(
                Entry(
                    edition=edition,
                    organisation=organisation,
                    category=categories[rank % len(categories)],
                    rank=rank - 1 if tied else rank,
                    rank_label=f"={rank - 1}" if tied else "",
                    is_tied=tied,
                    value=Decimal(SERIES_ENTRIES - rank + 1) * 10,
                    value_unit_en="100 million",
                    value_unit_zh_hans="亿",
                    currency="CNY",
                    name_as_published=organisation.name_zh_hans,
                    headquarters_as_published=organisation.hq_city_zh_hans,
                    notes_en="synthetic benchmark row",
                )
            )
        Entry.objects.bulk_create(entries, batch_size=500)
        editions.append(edition)
    return series, editions


def make_summit(organisations):
    """A three-day summit: rooms, tracks, timed sessions, people and their appearances."""
    from summit.models import (
        Appearance,
        AppearanceRole,
        Person,
        Session,
        SessionKind,
        SessionLanguage,
    )
    from summit.tests.factories import RoomFactory, SummitFactory, TrackFactory

    summit = SummitFactory(
        year=2101,
        title_en="Synthetic Benchmark Summit 2101",
        title_zh_hans="合成基准峰会2101",
        start_date=datetime.date(2101, 6, 1),
        end_date=datetime.date(2101, 6, SUMMIT_DAYS),
        venue_en="Synthetic Convention Centre",
        city_en="Guangzhou",
        summary_en="A synthetic summit made by benchmarks/pages.py.",
    )
    rooms = [
        RoomFactory(summit=summit, name_en=f"Synthetic Room {n}", name_zh_hans=f"合成会议室{n}")
        for n in range(1, ROOMS + 1)
    ]
    tracks = [
        TrackFactory(summit=summit, name_en=f"Synthetic Track {n}", name_zh_hans=f"合成专题{n}")
        for n in range(1, TRACKS + 1)
    ]
    kinds = list(SessionKind.values)
    languages = list(SessionLanguage.values)
    sessions = []
    for day in range(SUMMIT_DAYS):
        date = summit.start_date + datetime.timedelta(days=day)
        for slot in range(SESSIONS_PER_DAY):
            number = day * SESSIONS_PER_DAY + slot + 1
            start = datetime.datetime.combine(date, datetime.time(9)) + datetime.timedelta(
                minutes=45 * (slot // ROOMS)
            )
            sessions.append(
                Session(
                    summit=summit,
                    slug=f"synthetic-session-{number:03d}",
                    title_en=f"Synthetic Session {number:03d}",
                    title_zh_hans=f"合成会议{number:03d}",
                    kind=kinds[number % len(kinds)],
                    date=date,
                    start_time=start.time(),
                    end_time=(start + datetime.timedelta(minutes=40)).time(),
                    room=rooms[slot % ROOMS],
                    track=tracks[number % TRACKS],
                    language=languages[number % len(languages)],
                    abstract_en=f"A synthetic session, number {number}, for the benchmark.",
                    order=slot,
                    status="published",
                )
            )
    Session.objects.bulk_create(sessions)
    sessions = list(Session.objects.filter(summit=summit).order_by("pk"))

    people = [
        Person(
            slug=f"synthetic-speaker-{number:03d}",
            family_name_en="Synthetic",
            given_name_en=f"Speaker {number:03d}",
            family_name_zh="合成",
            given_name_zh=f"演讲者{number:03d}",
            position_en="Synthetic position",
            affiliation=organisations[number],
            status="published",
        )
        for number in range(1, PEOPLE + 1)
    ]
    Person.objects.bulk_create(people)
    people = list(Person.objects.filter(slug__startswith="synthetic-speaker-").order_by("pk"))

    # Every person appears at least once; each session has two to four people.
    appearances = []
    cursor = 0
    for index, session in enumerate(sessions):
        for position in range(2 + index % 3):
            role = AppearanceRole.MODERATOR if position == 0 else AppearanceRole.SPEAKER
            appearances.append(
                Appearance(
                    session=session,
                    person=people[cursor % len(people)],
                    role=role,
                    talk_title_en=f"Synthetic talk {cursor + 1}",
                    order=position,
                )
            )
            cursor += 1
    Appearance.objects.bulk_create(appearances)
    return summit, len(sessions), len(people), len(appearances)


def make_plan():
    """A plan with indicators (set by it), their measurements and targets, and milestones."""
    from pazhou.testing.factories import (
        FigureFactory,
        MilestoneFactory,
        PlaceFactory,
        PlanFactory,
        PlanIndicatorFactory,
        SourceFactory,
        TargetFactory,
    )

    source = SourceFactory(
        slug="synthetic-benchmark-source", citation="Synthetic benchmark source (not a real one)"
    )
    place = PlaceFactory(name_en="Synthetic Benchmark District", name_zh_hans="合成基准片区")
    plan = PlanFactory(
        title_en="Synthetic Benchmark Plan", title_zh_hans="合成基准规划", source=source
    )
    figures = 0
    for number in range(1, INDICATORS + 1):
        indicator = PlanIndicatorFactory(
            plan=plan,
            place=place,
            name_en=f"Synthetic indicator {number}",
            name_zh_hans=f"合成指标{number}",
            order=number,
        )
        for step, year in enumerate(MEASUREMENT_YEARS):
            FigureFactory(
                indicator=indicator,
                value=Decimal(100 + 10 * step + number),
                date=datetime.date(year, 1, 1),
                source=source,
            )
            figures += 1
        TargetFactory(
            indicator=indicator,
            value=Decimal(400 + number),
            date=datetime.date(2030, 1, 1),
            baseline_value=Decimal(100 + number),
            baseline_date=datetime.date(MEASUREMENT_YEARS[0], 1, 1),
            source=source,
        )
        figures += 1
    for number in range(1, 6):
        MilestoneFactory(
            plan=plan,
            title_en=f"Synthetic milestone {number}",
            title_zh_hans=f"合成里程碑{number}",
            date=datetime.date(2015 + 2 * number, 1, 1),
            source=source,
        )
    return plan, figures


# --- Measurement -----------------------------------------------------------------------------


def bare_view(request):
    from django.http import HttpResponse

    return HttpResponse("bare", content_type="text/plain; charset=utf-8")


def benchmark_urlconf():
    """The project's root URLconf with ``bare/`` in front, as a module object."""
    from django.urls import path

    from pazhou import root_urls

    module = types.ModuleType("benchmark_urls")
    module.urlpatterns = [path("bare/", bare_view), *root_urls.urlpatterns]
    module.handler404 = root_urls.handler404
    module.handler500 = root_urls.handler500
    return module


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url, secure=True)
    return len(captured.captured_queries)


def measure(pages, *, repeat, warmup):
    """{label: (median wall seconds, median CPU seconds, queries, bytes)}.

    Each page is first requested twice untimed (once to check that it answers 200, once to
    count its queries), then ``warmup`` more rounds; the timed rounds follow, the pages taking
    turns in each round."""
    from django.test import Client

    client = Client()
    sizes, queries = {}, {}
    for label, url in pages:
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{label}: {url} answered {response.status_code}, not 200.")
        sizes[label] = len(response.getvalue())
        queries[label] = count_queries(client, url)
    for _round in range(warmup):
        for _label, url in pages:
            client.get(url, secure=True)
    wall = {label: [] for label, _url in pages}
    cpu = {label: [] for label, _url in pages}
    for _round in range(repeat):
        for label, url in pages:
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url, secure=True)
            wall[label].append(time.perf_counter() - start)
            cpu[label].append(time.process_time() - start_cpu)
    return {
        label: (
            statistics.median(wall[label]),
            statistics.median(cpu[label]),
            queries[label],
            sizes[label],
        )
        for label, _url in pages
    }


def run(*, repeat, warmup):
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_seed_facts", stdout=io.StringIO())

    organisations = synthetic_organisations(SERIES_ENTRIES + CHANGED_ORGANISATIONS)
    series, editions = make_rankings(organisations)
    summit, sessions, people, appearances = make_summit(organisations)
    plan, figures = make_plan()
    latest = editions[-1]
    print(
        f"Synthetic data: {len(organisations)} organisations; series {series.slug!r} with "
        f"{' + '.join(str(e.entries.count()) for e in editions)} entries; summit {summit.year} "
        f"with {sessions} sessions, {people} people, {appearances} appearances; plan "
        f"{plan.slug!r} with {INDICATORS} indicators and {figures} figures "
        f"(set up in {time.perf_counter() - started:.1f} s)"
    )
    category = latest.categories.order_by("order").first()

    ranking = f"/en/rankings/{series.slug}/{latest.year}/"
    pages = [
        ("bare view (same middleware)", "/bare/"),
        ("ranking table, page 1", ranking),
        (
            "ranking table, filtered + sorted",
            f"{ranking}?category={category.pk}&movement=up&ordering=-movement",
        ),
        ("ranking table, page 15", f"{ranking}?page=15"),
        ("ranking CSV", f"/en/rankings/{series.slug}/{latest.year}.csv"),
        ("API entries, 100", f"/api/v1/entries/?edition={latest.pk}&page_size=100"),
        ("summit schedule", f"/en/summits/{summit.year}/schedule/"),
        ("API sessions, 100", f"/api/v1/sessions/?edition={summit.year}&page_size=100"),
        ("schedule.json", f"/en/summits/{summit.year}/schedule.json"),
        ("schedule.ics", f"/en/summits/{summit.year}/schedule.ics"),
        ("plan page", f"/en/plans/{plan.slug}/"),
        ("home page", "/en/"),
        ("search 'synthetic'", "/en/search/?q=synthetic"),
    ]
    rates = dict.fromkeys(settings.API_THROTTLE_RATES, "1000000/minute")
    with override_settings(ROOT_URLCONF=benchmark_urlconf(), API_THROTTLE_RATES=rates):
        started = time.perf_counter()
        results = measure(pages, repeat=repeat, warmup=warmup)
        elapsed = time.perf_counter() - started

    print(
        f"Median of {repeat} requests per page, after {warmup + 2} untimed ({elapsed:.0f} s). "
        "Ratio: median / the bare view's median."
    )
    bare = results[pages[0][0]][0]
    print(f"{'page':<34} {'median ms':>10} {'CPU ms':>8} {'x bare':>8} {'queries':>8} {'KB':>7}")
    for label, _url in pages:
        median, cpu, queries, size = results[label]
        print(
            f"{label:<34} {median * 1000:10.2f} {cpu * 1000:8.2f} {median / bare:8.1f} "
            f"{queries:8d} {size / 1024:7.1f}"
        )
    print("URLs:")
    for label, url in pages:
        print(f"  {label:<34} {url}")


if __name__ == "__main__":
    main()
