"""The summit's search provider: sessions, people and releases, in both languages."""

from django.db.models import Q
from django.utils.translation import gettext as _

from pazhou.registry import SearchResult
from pazhou.search import text_query
from summit.models import Person, Release, Session


def search_summit(terms, limit):
    results = []
    sessions = (
        Session.objects.visible()
        .filter(text_query(terms, ["title_en", "title_zh_hans"]))
        .select_related("summit")[:limit]
    )
    results += [
        SearchResult(
            title=s.title, url=s.get_absolute_url(), kind=_("Session"), summary=str(s.summit)
        )
        for s in sessions
    ]
    name_columns = ["family_name_en", "given_name_en", "family_name_zh", "given_name_zh"]
    people = Person.objects.visible().filter(text_query(terms, name_columns))
    for term in terms:
        # "chai tianyou" and "柴天佑" span two name parts.
        people = people | Person.objects.visible().filter(full_name_query(term))
    results += [
        SearchResult(title=p.name, url=p.get_absolute_url(), kind=_("Person"), summary=p.honorifics)
        for p in people.distinct()[:limit]
    ]
    releases = (
        Release.objects.visible()
        .filter(text_query(terms, ["title_en", "title_zh_hans"]))
        .select_related("summit")[:limit]
    )
    results += [
        SearchResult(
            title=r.title, url=r.get_absolute_url(), kind=_("Release"), summary=str(r.summit)
        )
        for r in releases
    ]
    return results


def full_name_query(term):
    """Q for a whole name written as one term: "chai tianyou" (family name first) or "柴天佑"."""
    parts = term.split()
    if len(parts) == 2:
        return Q(family_name_en__iexact=parts[0], given_name_en__iexact=parts[1])
    if len(term) >= 2 and " " not in term:
        return Q(family_name_zh=term[:1], given_name_zh=term[1:]) | Q(
            family_name_zh=term[:2], given_name_zh=term[2:]
        )
    return Q(pk__in=[])
