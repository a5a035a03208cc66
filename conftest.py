"""Fixtures shared by every test module."""

import pytest

# The role-matrix tests live in a shared module that each app's test file imports; let pytest
# explain their failing asserts as it does in test files.
pytest.register_assert_rewrite("pazhou.testing.workflow_roles")
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.utils import translation  # noqa: E402

from pazhou.testing.factories import editor_user, publisher_user  # noqa: E402


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (throttle counters, cached pages)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to a /zh-hans/ page leaves Chinese
    active in the thread, which would change the next test's reversed URLs and strings."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def editor(db):
    return editor_user()


@pytest.fixture
def publisher(db):
    return publisher_user()
