from pazhou.sitemaps import I18nSitemap
from summit.models import Person, Release, Session, Summit


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
