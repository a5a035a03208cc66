"""The editorial workflow for the publishable models of the rankings (series and editions),
role by role, in the admin and in the API (issue 6, "Tests": each role against each action in
each app; two concurrent edits through the real admin forms, and through the API with If-Match).

Editors create drafts, and their changes to live items wait as pending revisions; Publishers
publish, unpublish, delete and apply pending changes. Admin forms are posted as a browser would
post them: the change form is read, one field is changed, and everything else is sent back.
Categories and entries are not publishable on their own (they follow their edition).

The tests themselves are shared by every app (pazhou.testing.workflow_roles); this module
gives them its models, as the fixtures ``case``, ``inline`` and ``page_case``.
"""

import pytest

from pazhou.testing.workflow_roles import *  # noqa: F403  (the shared tests run for this app's cases)
from pazhou.testing.workflow_roles import Case
from rankings.models import Edition, Series
from rankings.tests.factories import EditionFactory, SeriesFactory

pytestmark = pytest.mark.django_db


# --- The models -----------------------------------------------------------------------------


def new_series():
    return {"name_en": "API Draft List"}


def new_edition():
    return {"series": SeriesFactory().pk, "year": 2090, "title_en": "API Draft Edition"}


def edition_factory(**kwargs):
    """An edition in a year its forms accept (EditionFactory's years from 2100 on are above the
    model's limit of 2100), in a series of its own."""
    return EditionFactory(**{"year": 2090, **kwargs})


CASES = {
    "series": Case(
        Series,
        SeriesFactory,
        "series",
        "name_en",
        new_series,
        lambda o: o.get_absolute_url(),
        lambda o: o.name_en,
    ),
    "edition": Case(
        Edition,
        edition_factory,
        "editions",
        "title_en",
        new_edition,
        lambda o: o.get_absolute_url(),
        lambda o: o.title_en,
    ),
}
# Models whose change form has inlines: the inline prefix and the values of a new row.
INLINES = {"edition": ("categories", {"name_en": "Typed Category"})}
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
