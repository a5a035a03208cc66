from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PazhouConfig(AppConfig):
    """The site package: shared core, organisation directory and district plans."""

    name = "pazhou"
    verbose_name = _("Pazhou Industrial Internet")

    def ready(self):
        from pazhou import checks  # noqa: F401  (registers the system checks)
        from pazhou.api import (
            FigureViewSet,
            IndicatorViewSet,
            MilestoneViewSet,
            OrganisationViewSet,
            PlaceViewSet,
            PlanViewSet,
            PresenceViewSet,
        )
        from pazhou.feeds import organisation_feed_entries
        from pazhou.plan_sections import (
            home_key_figures_section,
            organisation_presences_section,
            plan_feed_entries,
            search_plans,
        )
        from pazhou.registry import FeedProvider, SearchProvider, Section, SeedLoader, registry
        from pazhou.roles import sync_editorial_groups
        from pazhou.search import search_organisations
        from pazhou.seed import load_core_seed, load_plans_seed
        from pazhou.sitemaps import (
            OrganisationSitemap,
            PlaceSitemap,
            PlanSitemap,
            StaticPagesSitemap,
        )
        from pazhou.views import home_organisations_section

        post_migrate.connect(sync_editorial_groups, dispatch_uid="pazhou.sync_editorial_groups")
        registry.add_search_provider(
            SearchProvider(
                key="organisations", label=_("Organisations"), search=search_organisations, order=90
            )
        )
        registry.add_home_section(
            Section(
                key="organisations",
                template="pazhou/sections/home_organisations.html",
                context=home_organisations_section,
                order=90,
            )
        )
        registry.add_feed_provider(
            FeedProvider(key="organisations", entries=organisation_feed_entries)
        )
        registry.add_sitemap("pages", StaticPagesSitemap)
        registry.add_sitemap("organisations", OrganisationSitemap)
        registry.add_seed_loader(SeedLoader(order=10, name="core", load=load_core_seed))
        registry.add_api_route("organisations", OrganisationViewSet, "organisation")

        # District plans.
        registry.add_home_section(
            Section(
                key="key-figures",
                template="pazhou/sections/home_key_figures.html",
                context=home_key_figures_section,
                order=40,
            )
        )
        registry.add_organisation_section(
            Section(
                key="presences",
                template="pazhou/sections/organisation_presences.html",
                context=organisation_presences_section,
                order=40,
            )
        )
        registry.add_search_provider(
            SearchProvider(key="plans", label=_("District plans"), search=search_plans, order=40)
        )
        registry.add_feed_provider(FeedProvider(key="plans", entries=plan_feed_entries))
        registry.add_sitemap("plans", PlanSitemap)
        registry.add_sitemap("places", PlaceSitemap)
        registry.add_seed_loader(SeedLoader(order=40, name="district plans", load=load_plans_seed))
        registry.add_api_route("plans", PlanViewSet, "plan")
        registry.add_api_route("places", PlaceViewSet, "place")
        registry.add_api_route("indicators", IndicatorViewSet, "indicator")
        registry.add_api_route("figures", FigureViewSet, "figure")
        registry.add_api_route("presences", PresenceViewSet, "presence")
        registry.add_api_route("milestones", MilestoneViewSet, "milestone")
