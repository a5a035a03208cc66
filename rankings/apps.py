from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RankingsConfig(AppConfig):
    """Ranking series and editions, categories, entries, spreadsheet import and export."""

    name = "rankings"
    verbose_name = _("Rankings")

    def ready(self):
        from pazhou.registry import FeedProvider, SearchProvider, Section, SeedLoader, registry
        from rankings.api import CategoryViewSet, EditionViewSet, EntryViewSet, SeriesViewSet
        from rankings.feeds import edition_feed_entries
        from rankings.search import search_rankings
        from rankings.sections import latest_lists_section, organisation_rankings_section
        from rankings.seed import load_rankings_seed
        from rankings.sitemaps import EditionSitemap, RankingsPagesSitemap, SeriesSitemap

        registry.add_seed_loader(SeedLoader(order=30, name="rankings", load=load_rankings_seed))
        registry.add_home_section(
            Section(
                key="latest-lists",
                template="rankings/sections/home_latest_lists.html",
                context=latest_lists_section,
                order=20,
            )
        )
        registry.add_organisation_section(
            Section(
                key="rankings",
                template="rankings/sections/organisation_rankings.html",
                context=organisation_rankings_section,
                order=10,
            )
        )
        registry.add_search_provider(
            SearchProvider(key="rankings", label=_("Rankings"), search=search_rankings, order=30)
        )
        registry.add_feed_provider(FeedProvider(key="rankings", entries=edition_feed_entries))
        registry.add_sitemap("rankings", RankingsPagesSitemap)
        registry.add_sitemap("ranking-series", SeriesSitemap)
        registry.add_sitemap("ranking-editions", EditionSitemap)
        registry.add_api_route("series", SeriesViewSet, "series")
        registry.add_api_route("editions", EditionViewSet, "edition")
        registry.add_api_route("categories", CategoryViewSet, "category")
        registry.add_api_route("entries", EntryViewSet, "entry")
