"""Movement against the previous visible edition of the same series, computed in the database."""

import pytest

from pazhou.models import PublishingStatus
from pazhou.testing.factories import OrganisationFactory
from rankings.models import Entry
from rankings.services import Movement, edition_dropped_entries, entries_with_movement
from rankings.tests.factories import EditionFactory, EntryFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def movements(edition):
    rows = entries_with_movement(Entry.objects.filter(edition=edition), edition=edition)
    return {row.organisation.name_en: (row.movement, row.movement_places) for row in rows}


def test_movement_up_down_unchanged_new_and_returning():
    series = SeriesFactory()
    first = EditionFactory(series=series, year=2101)
    second = EditionFactory(series=series, year=2102)
    third = EditionFactory(series=series, year=2103)
    riser, faller, steady, comeback = (
        OrganisationFactory(name_en=name) for name in ("Riser", "Faller", "Steady", "Comeback")
    )
    newcomer = OrganisationFactory(name_en="Newcomer")
    EntryFactory(edition=first, organisation=comeback, rank=9)
    EntryFactory(edition=second, organisation=riser, rank=5)
    EntryFactory(edition=second, organisation=faller, rank=1)
    EntryFactory(edition=second, organisation=steady, rank=3)
    EntryFactory(edition=third, organisation=riser, rank=2)
    EntryFactory(edition=third, organisation=faller, rank=4)
    EntryFactory(edition=third, organisation=steady, rank=3)
    EntryFactory(edition=third, organisation=comeback, rank=6)
    EntryFactory(edition=third, organisation=newcomer, rank=7)

    assert movements(third) == {
        "Riser": (Movement.UP, 3),
        "Faller": (Movement.DOWN, -3),
        "Steady": (Movement.UNCHANGED, 0),
        "Comeback": (Movement.RETURNING, None),
        "Newcomer": (Movement.NEW, None),
    }


def test_movement_is_empty_for_the_first_edition_of_a_series():
    entry = EntryFactory(rank=1)
    assert movements(entry.edition) == {entry.organisation.name_en: ("", None)}


def test_movement_skips_a_draft_previous_edition():
    series = SeriesFactory()
    first = EditionFactory(series=series, year=2101)
    draft = EditionFactory(series=series, year=2102, status=PublishingStatus.DRAFT)
    third = EditionFactory(series=series, year=2103)
    organisation = OrganisationFactory(name_en="Climber")
    EntryFactory(edition=first, organisation=organisation, rank=10)
    EntryFactory(edition=draft, organisation=organisation, rank=1)
    EntryFactory(edition=third, organisation=organisation, rank=4)

    assert movements(third) == {"Climber": (Movement.UP, 6)}


def test_movement_of_unranked_entries_on_both_lists_is_still_listed():
    series = SeriesFactory()
    first = EditionFactory(series=series, year=2101, is_ranked=False)
    second = EditionFactory(series=series, year=2102, is_ranked=False)
    organisation = OrganisationFactory(name_en="Alphabetical")
    EntryFactory(edition=first, organisation=organisation, rank=None)
    EntryFactory(edition=second, organisation=organisation, rank=None)

    assert movements(second) == {"Alphabetical": (Movement.STILL_LISTED, None)}


def test_movement_can_be_filtered_in_the_database():
    series = SeriesFactory()
    first = EditionFactory(series=series, year=2101)
    second = EditionFactory(series=series, year=2102)
    stayer = OrganisationFactory(name_en="Stayer")
    EntryFactory(edition=first, organisation=stayer, rank=2)
    EntryFactory(edition=second, organisation=stayer, rank=1)
    EntryFactory.create_batch(3, edition=second)

    rows = entries_with_movement(Entry.objects.filter(edition=second), edition=second)
    assert [row.organisation.name_en for row in rows.filter(movement=Movement.UP)] == ["Stayer"]
    assert rows.filter(movement=Movement.NEW).count() == 3


def test_dropped_entries_are_those_of_the_previous_edition_missing_now():
    series = SeriesFactory()
    first = EditionFactory(series=series, year=2101)
    second = EditionFactory(series=series, year=2102)
    kept, dropped = OrganisationFactory(name_en="Kept"), OrganisationFactory(name_en="Dropped")
    hidden = OrganisationFactory(name_en="Hidden", status=PublishingStatus.DRAFT)
    for organisation in (kept, dropped, hidden):
        EntryFactory(edition=first, organisation=organisation)
    EntryFactory(edition=second, organisation=kept)

    assert [e.organisation.name_en for e in edition_dropped_entries(edition=second)] == ["Dropped"]


def test_entries_are_visible_only_with_their_edition_series_and_organisation():
    visible = EntryFactory()
    EntryFactory(edition=EditionFactory(status=PublishingStatus.DRAFT))
    EntryFactory(edition=EditionFactory(series=SeriesFactory(status=PublishingStatus.IN_REVIEW)))
    EntryFactory(organisation=OrganisationFactory(status=PublishingStatus.DRAFT))

    assert list(Entry.objects.visible()) == [visible]
