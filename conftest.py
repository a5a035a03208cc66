"""Fixtures shared by every test module."""

import pytest
from django.core.cache import cache

from pazhou.testing.factories import editor_user, publisher_user


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (throttle counters, cached pages)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return editor_user()


@pytest.fixture
def publisher(db):
    return publisher_user()
