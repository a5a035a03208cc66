"""What the summit adds to pages of the shared core, through the registry."""

from summit.models import Summit


def latest_summit_section(request):
    """Home page: the latest visible edition."""
    summit = Summit.objects.visible().select_related("source").order_by("-year").first()
    if summit is None:
        return None
    return {"summit": summit, "sources": [summit.source] if summit.source else []}


def organisation_people_section(request, organisation):
    """Organisation page: the organisation's people and their visible appearances."""
    from summit.models import Appearance, Person, Session

    appearances = list(
        Appearance.objects.filter(
            person__in=Person.objects.visible().filter(affiliation=organisation),
            session__in=Session.objects.visible(),
        )
        .select_related("person", "session", "session__summit")
        .order_by("-session__summit__year", "session__date", "session__order", "order")
    )
    if not appearances:
        return None
    return {"appearances": appearances}


def summit_feed_entries(limit):
    """Atom feed: the latest visible sessions and releases."""
    from pazhou.registry import FeedEntry
    from summit.models import Release, Session

    entries = [
        FeedEntry(
            title=session.title,
            url=session.get_absolute_url(),
            updated=session.updated_at,
            summary=str(session.summit),
            kind="session",
        )
        for session in Session.objects.visible()
        .select_related("summit")
        .order_by("-updated_at")[:limit]
    ]
    entries += [
        FeedEntry(
            title=release.title,
            url=release.get_absolute_url(),
            updated=release.updated_at,
            summary=str(release.summit),
            kind="release",
        )
        for release in Release.objects.visible()
        .select_related("summit")
        .order_by("-updated_at")[:limit]
    ]
    return entries
