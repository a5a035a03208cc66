from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RankingsConfig(AppConfig):
    """Ranking series and editions, categories, entries, spreadsheet import and export."""

    name = "rankings"
    verbose_name = _("Rankings")

    def ready(self):
        from pazhou.registry import SeedLoader, registry
        from rankings.seed import load_rankings_seed

        registry.add_seed_loader(SeedLoader(order=30, name="rankings", load=load_rankings_seed))
