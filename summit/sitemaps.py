from django.db.models import Exists, OuterRef
from django.urls import reverse

from pazhou.sitemaps import I18nSitemap
from summit.models import Person, Photo, Release, Session, Summit


class SummitSitemap(I18nSitemap):
    def items(self):
        return Summit.objects.visible().order_by("year")

    def lastmod(self, item):
        return item.updated_at


class SessionSitemap(SummitSitemap):
    def items(self):
        return Session.objects.visible().select_related("summit").order_by("pk")


class PersonSitemap(SummitSitemap):
    def items(self):
        return Person.objects.visible().order_by("pk")


class ReleaseSitemap(SummitSitemap):
    def items(self):
        return Release.objects.visible().select_related("summit").order_by("pk")


class SummitPagesSitemap(I18nSitemap):
    """The index pages: editions and people."""

    changefreq = "weekly"

    def items(self):
        return ["summit:summit-list", "summit:person-list"]

    def location(self, item):
        return reverse(item)


class ScheduleSitemap(I18nSitemap):
    """Each visible edition's programme page."""

    def items(self):
        return Summit.objects.visible().order_by("year")

    def location(self, summit):
        return reverse("summit:schedule", kwargs={"year": summit.year})


class GallerySitemap(ScheduleSitemap):
    """The photo gallery of each visible edition that has visible photos."""

    def items(self):
        photos = Photo.objects.visible().filter(summit=OuterRef("pk"))
        return Summit.objects.visible().filter(Exists(photos)).order_by("year")

    def location(self, summit):
        return reverse("summit:gallery", kwargs={"year": summit.year})
