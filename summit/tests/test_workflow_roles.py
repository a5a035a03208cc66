"""The editorial workflow for every publishable model of the summit, role by role, in the admin
and in the API (issue 6, "Tests": each role against each action in each app; two concurrent
edits through the real admin forms, and through the API with If-Match).

Editors create drafts, and their changes to live items wait as pending revisions; Publishers
publish, unpublish, delete and apply pending changes. Admin forms are posted as a browser would
post them: the change form is read, one field is changed, and everything else is sent back.

The tests themselves are shared by every app (pazhou.testing.workflow_roles); this module
gives them its models, as the fixtures ``case``, ``inline`` and ``page_case``.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pazhou.testing.workflow_roles import *  # noqa: F403  (the shared tests run for this app's cases)
from pazhou.testing.workflow_roles import Case
from summit.models import Person, Photo, Release, Session, Summit
from summit.tests.factories import (
    PersonFactory,
    PhotoFactory,
    ReleaseFactory,
    SessionFactory,
    SummitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded test images go to a throwaway folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


# --- The models -----------------------------------------------------------------------------


def jpeg_upload(name="upload.jpg", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def new_summit():
    return {
        "year": 2190,
        "title_en": "API Draft Summit",
        "start_date": "2190-06-01",
        "end_date": "2190-06-02",
    }


def new_session():
    summit = SummitFactory()
    return {
        "summit": summit.pk,
        "title_en": "API Draft Session",
        "kind": "panel",
        "date": summit.start_date.isoformat(),
    }


def new_person():
    return {"family_name_en": "Draftfamily", "given_name_en": "Api"}


def new_release():
    return {"summit": SummitFactory().pk, "title_en": "API Draft Report", "kind": "report"}


def new_photo():
    return {"summit": SummitFactory().pk, "image": jpeg_upload(), "credit_en": "Test Desk"}


CASES = {
    "summit": Case(
        Summit,
        SummitFactory,
        "summits",
        "title_en",
        new_summit,
        lambda o: o.get_absolute_url(),
        lambda o: o.title_en,
    ),
    "session": Case(
        Session,
        SessionFactory,
        "sessions",
        "title_en",
        new_session,
        lambda o: o.get_absolute_url(),
        lambda o: o.title_en,
    ),
    "person": Case(
        Person,
        PersonFactory,
        "people",
        "position_en",
        new_person,
        lambda o: o.get_absolute_url(),
        lambda o: o.given_name_en,
    ),
    "release": Case(
        Release,
        ReleaseFactory,
        "releases",
        "title_en",
        new_release,
        lambda o: o.get_absolute_url(),
        lambda o: o.title_en,
    ),
    "photo": Case(
        Photo,
        PhotoFactory,
        "photos",
        "caption_en",
        new_photo,
        None,  # shown in its edition's gallery, not on a page of its own
        lambda o: o.caption_en,
        multipart=True,
    ),
}
# Models whose change form has inlines: the inline prefix and the values of a new row.
INLINES = {"summit": ("rooms", {"name_en": "Typed Room"})}
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
