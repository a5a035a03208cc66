"""The rankings' part of the site-wide Atom feed: visible editions, the newest first."""

from django.utils.translation import gettext as _

from pazhou.registry import FeedEntry
from rankings.models import Edition


def edition_feed_entries(limit):
    return [
        FeedEntry(
            title=edition.title,
            url=edition.get_absolute_url(),
            # A scheduled edition enters the feed when it goes live, dated then.
            updated=max(edition.updated_at, edition.publish_at or edition.updated_at),
            summary=edition.series.name,
            kind=_("Ranking"),
        )
        for edition in Edition.objects.visible()
        .select_related("series")
        .order_by("-updated_at")[:limit]
    ]
