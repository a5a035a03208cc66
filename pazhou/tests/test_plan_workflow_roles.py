"""The editorial workflow for every publishable model of the district plans (plans, places,
indicators, figures, presences and milestones), role by role, in the admin and in the API
(issue 6, "Tests": each role against each action in each app; two concurrent edits through the
real admin forms, and through the API with If-Match).

Editors create drafts, and their changes to live items wait as pending revisions; Publishers
publish, unpublish, delete and apply pending changes. Admin forms are posted as a browser would
post them: the change form is read, one field is changed, and everything else is sent back.

The tests themselves are shared by every app (pazhou.testing.workflow_roles); this module
gives them its models, as the fixtures ``case``, ``inline`` and ``page_case``.
"""

import pytest

from pazhou.models import (
    Figure,
    Indicator,
    Milestone,
    Place,
    Plan,
    Presence,
    PresenceKind,
)
from pazhou.testing.factories import (
    FigureFactory,
    IndicatorFactory,
    MilestoneFactory,
    OrganisationFactory,
    PlaceFactory,
    PlanFactory,
    PresenceFactory,
    SourceFactory,
)
from pazhou.testing.workflow_roles import *  # noqa: F403  (the shared tests run for this app's cases)
from pazhou.testing.workflow_roles import Case

pytestmark = pytest.mark.django_db


# --- The models -----------------------------------------------------------------------------


SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[113.36, 23.09], [113.40, 23.09], [113.40, 23.12], [113.36, 23.12], [113.36, 23.09]]
    ],
}


def place_factory(**kwargs):
    """A place with a boundary, so that admin forms carry GeoJSON back and forth."""
    return PlaceFactory(**{"boundary": SQUARE, **kwargs})


def new_plan():
    return {"title_en": "API Draft Plan"}


def new_place():
    return {"name_en": "API Draft Place", "kind": "area"}


def new_indicator():
    return {"name_en": "API Draft Indicator", "unit": "yuan", "place_id": PlaceFactory().pk}


def new_figure():
    return {
        "indicator_id": IndicatorFactory().pk,
        "kind": "measurement",
        "value": "5",
        "date": "2024-01-01",
        "date_precision": "year",
        "source_id": SourceFactory().pk,
    }


def new_presence():
    return {
        "organisation_id": OrganisationFactory().pk,
        "place_id": PlaceFactory().pk,
        "kind": PresenceKind.HEADQUARTERS_LEVEL_NOT_STATED,
        "source_id": SourceFactory().pk,
    }


def new_milestone():
    return {
        "title_en": "API Draft Milestone",
        "date": "2024-01-01",
        "date_precision": "year",
        "plan_id": PlanFactory().pk,
    }


CASES = {
    "plan": Case(
        Plan,
        PlanFactory,
        "plans",
        "title_en",
        new_plan,
        lambda o: o.get_absolute_url(),
        lambda o: o.title_en,
    ),
    "place": Case(
        Place,
        place_factory,
        "places",
        "name_en",
        new_place,
        lambda o: o.get_absolute_url(),
        lambda o: o.name_en,
    ),
    # Shown on the pages of their plans and places, not on pages of their own.
    "indicator": Case(Indicator, IndicatorFactory, "indicators", "name_en", new_indicator, None),
    "figure": Case(Figure, FigureFactory, "figures", "note_en", new_figure, None),
    "presence": Case(Presence, PresenceFactory, "presences", "note_en", new_presence, None),
    "milestone": Case(Milestone, MilestoneFactory, "milestones", "title_en", new_milestone, None),
}
# Models whose change form has inlines: the inline prefix and the values of a new row.
INLINES = {"plan": ("milestones", {"title_en": "Typed Milestone", "date": "2024-01-01"})}
WITH_PAGES = [name for name, case in CASES.items() if case.page is not None]


@pytest.fixture(params=list(CASES))
def case(request):
    return CASES[request.param]


@pytest.fixture(params=list(INLINES))
def inline(request):
    """``(case, inline prefix, values of a new row)`` for a model whose form has inlines."""
    prefix, values = INLINES[request.param]
    return CASES[request.param], prefix, values


@pytest.fixture(params=WITH_PAGES)
def page_case(request):
    """A model with a reader page of its own, for the preview tests."""
    return CASES[request.param]
