"""The one registry through which ``pazhou`` shows other apps' content.

``pazhou`` imports neither ``summit`` nor ``rankings``. Each app fills this registry in its
``AppConfig.ready()``, and the home page, organisation pages, search, sitemap, feed and seed
loader collect what is registered here.

Every callable registered here must only return what ``visible()`` allows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Section:
    """A block of a page: ``context(request, **kwargs)`` returns the template's context, or
    ``None`` when there is nothing to show."""

    key: str
    template: str
    context: Callable
    order: int = 50


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    kind: str
    summary: str = ""


@dataclass(frozen=True)
class SearchProvider:
    """``search(terms, limit)`` returns a list of :class:`SearchResult`; ``terms`` comes from
    :func:`pazhou.text.search_terms` and goes to :func:`pazhou.search.text_query`."""

    key: str
    label: str
    search: Callable
    order: int = 50


@dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str
    updated: datetime
    summary: str = ""
    kind: str = ""


@dataclass(frozen=True)
class FeedProvider:
    """``entries(limit)`` returns the latest visible :class:`FeedEntry` items."""

    key: str
    entries: Callable


@dataclass(frozen=True)
class SeedLoader:
    """``load()`` creates the missing seed records, never changes existing ones, and returns
    how many it created."""

    order: int
    name: str
    load: Callable


@dataclass
class SiteRegistry:
    home_sections: list = field(default_factory=list)
    organisation_sections: list = field(default_factory=list)
    search_providers: list = field(default_factory=list)
    sitemaps: dict = field(default_factory=dict)
    feed_providers: list = field(default_factory=list)
    seed_loaders: list = field(default_factory=list)
    api_routes: list = field(default_factory=list)

    def add_home_section(self, section):
        self._add(self.home_sections, section)

    def add_organisation_section(self, section):
        self._add(self.organisation_sections, section)

    def add_search_provider(self, provider):
        self._add(self.search_providers, provider)

    def add_feed_provider(self, provider):
        self._add(self.feed_providers, provider)

    def add_seed_loader(self, loader):
        if any(existing.name == loader.name for existing in self.seed_loaders):
            return
        self.seed_loaders.append(loader)
        self.seed_loaders.sort(key=lambda item: item.order)

    def add_api_route(self, prefix, viewset, basename):
        """An API endpoint at /api/v1/<prefix>/."""
        if any(existing[0] == prefix for existing in self.api_routes):
            return
        self.api_routes.append((prefix, viewset, basename))

    def add_sitemap(self, key, sitemap_class):
        self.sitemaps[key] = sitemap_class

    @staticmethod
    def _add(items, item):
        # ready() may run more than once (tests); registering the same key twice is a no-op.
        if any(existing.key == item.key for existing in items):
            return
        items.append(item)
        items.sort(key=lambda entry: getattr(entry, "order", 50))


registry = SiteRegistry()
