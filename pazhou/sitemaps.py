"""Sitemaps of the shared core. Other apps add theirs through the registry."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from pazhou.models import Organisation, Place, Plan


class I18nSitemap(Sitemap):
    """Every URL in both languages, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "pazhou:home",
            "pazhou:organisation-list",
            "pazhou:plan-list",
            "pazhou:place-list",
        ]

    def location(self, item):
        return reverse(item)


class OrganisationSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Organisation.objects.visible().order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated_at


class PlanSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Plan.objects.visible().order_by("pk")

    def lastmod(self, plan):
        return plan.updated_at


class PlaceSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Place.objects.visible().order_by("pk")

    def lastmod(self, place):
        return place.updated_at
