from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummitConfig(AppConfig):
    """Summit editions, sessions, people, releases, photos and schedule exports."""

    name = "summit"
    verbose_name = _("Summit")

    def ready(self):
        from pazhou.registry import FeedProvider, SearchProvider, Section, SeedLoader, registry
        from summit.api import (
            PersonViewSet,
            PhotoViewSet,
            ReleaseViewSet,
            SessionViewSet,
            SummitViewSet,
        )
        from summit.search import search_summit
        from summit.sections import (
            latest_summit_section,
            organisation_people_section,
            summit_feed_entries,
        )
        from summit.seed import load_summit_seed
        from summit.sitemaps import (
            GallerySitemap,
            PersonSitemap,
            ReleaseSitemap,
            ScheduleSitemap,
            SessionSitemap,
            SummitPagesSitemap,
            SummitSitemap,
        )

        registry.add_seed_loader(SeedLoader(order=20, name="summit", load=load_summit_seed))
        registry.add_home_section(
            Section(
                key="latest-summit",
                template="summit/sections/home_latest_summit.html",
                context=latest_summit_section,
                order=10,
            )
        )
        registry.add_organisation_section(
            Section(
                key="summit-people",
                template="summit/sections/organisation_people.html",
                context=organisation_people_section,
                order=20,
            )
        )
        registry.add_feed_provider(FeedProvider(key="summit", entries=summit_feed_entries))
        registry.add_search_provider(
            SearchProvider(key="summit", label=_("Summit"), search=search_summit, order=20)
        )
        registry.add_sitemap("summits", SummitSitemap)
        registry.add_sitemap("sessions", SessionSitemap)
        registry.add_sitemap("people", PersonSitemap)
        registry.add_sitemap("releases", ReleaseSitemap)
        registry.add_sitemap("summit-pages", SummitPagesSitemap)
        registry.add_sitemap("schedules", ScheduleSitemap)
        registry.add_sitemap("galleries", GallerySitemap)
        registry.add_api_route("summits", SummitViewSet, "summit")
        registry.add_api_route("sessions", SessionViewSet, "session")
        registry.add_api_route("people", PersonViewSet, "person")
        registry.add_api_route("releases", ReleaseViewSet, "release")
        registry.add_api_route("photos", PhotoViewSet, "photo")
