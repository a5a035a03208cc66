"""The site-wide Atom feed of the latest visible content, collected through the registry."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from pazhou.registry import FeedEntry, registry

FEED_LENGTH = 30


class LatestFeed(Feed):
    feed_type = Atom1Feed
    title = _("Pazhou Industrial Internet: latest")
    subtitle = _("New and updated summit sessions, rankings, plans and organisations.")

    def link(self):
        return reverse("pazhou:home")

    def items(self):
        entries = []
        for provider in registry.feed_providers:
            entries.extend(provider.entries(FEED_LENGTH))
        entries.sort(key=lambda entry: entry.updated, reverse=True)
        return entries[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_updateddate(self, item):
        return item.updated

    def item_pubdate(self, item):
        return item.updated

    def item_categories(self, item):
        return [item.kind] if item.kind else []


def organisation_feed_entries(limit):
    from pazhou.models import Organisation

    return [
        FeedEntry(
            title=str(organisation),
            url=organisation.get_absolute_url(),
            updated=organisation.updated_at,
            summary=organisation.headquarters,
            kind=str(_("Organisation")),
        )
        for organisation in Organisation.objects.visible().order_by("-updated_at")[:limit]
    ]
