from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RankingsConfig(AppConfig):
    """Ranking series and editions, categories, entries, spreadsheet import and export."""

    name = "rankings"
    verbose_name = _("Rankings")
