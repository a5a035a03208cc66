"""Sitemaps of the rankings: the list of series, each series and each edition, visible only."""

from django.urls import reverse

from pazhou.sitemaps import I18nSitemap
from rankings.models import Edition, Series


class RankingsPagesSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["rankings:series-list"]

    def location(self, item):
        return reverse(item)


class SeriesSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Series.objects.visible().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class EditionSitemap(SeriesSitemap):
    def items(self):
        return Edition.objects.visible().select_related("series").order_by("pk")
