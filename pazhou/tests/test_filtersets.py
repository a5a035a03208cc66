"""FilterSets build their form fields per request, so choices never go stale."""

import pytest
from django.utils import timezone

from pazhou.filters import FreshFieldsFilterSet, OrganisationFilter
from pazhou.models import PublishingStatus
from summit.filters import SessionFilter
from summit.tests.factories import PersonFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_every_filterset_of_the_site_builds_fresh_fields():
    from rankings.filters import EntryFilter

    for filterset in (OrganisationFilter, SessionFilter, EntryFilter):
        assert issubclass(filterset, FreshFieldsFilterSet), filterset


def test_person_filter_sees_a_person_published_after_the_schema_was_built():
    # drf-spectacular reads the class's fields once, when it writes the schema.
    _cached = SessionFilter.base_filters["person"].field
    session = SessionFactory()
    person = PersonFactory(status=PublishingStatus.DRAFT)
    from summit.tests.factories import AppearanceFactory

    AppearanceFactory(session=session, person=person)
    person.status = PublishingStatus.PUBLISHED
    person.publish_at = timezone.now()
    person.save()

    filterset = SessionFilter({"person": person.slug}, queryset=type(session).objects.visible())

    assert filterset.is_valid(), filterset.errors
    assert list(filterset.qs) == [session]
