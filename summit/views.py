"""Reader pages of the summit: editions, sessions, people and releases."""

from itertools import groupby

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from summit.models import Appearance, Person, Release, Session, Summit


def visible_appearances():
    return Appearance.objects.filter(person__in=Person.objects.visible()).select_related(
        "person", "person__affiliation"
    )


def summit_list(request):
    summits = Summit.objects.visible().order_by("-year")
    return render(request, "summit/summit_list.html", {"summits": summits})


def summit_detail(request, year):
    summit = get_object_or_404(Summit.objects.visible().select_related("source"), year=year)
    sessions = (
        Session.objects.visible()
        .filter(summit=summit)
        .select_related("room", "track")
        .prefetch_related(Prefetch("appearances", queryset=visible_appearances()))
        .order_by("date", "start_time", "order", "pk")
    )
    days = [(day, list(items)) for day, items in groupby(sessions, key=lambda s: s.date)]
    releases = Release.objects.visible().filter(summit=summit).select_related("publisher")
    return render(
        request,
        "summit/summit_detail.html",
        {
            "summit": summit,
            "days": days,
            "releases": releases,
            "page_sources": [summit.source] if summit.source else [],
        },
    )


def session_detail(request, year, slug):
    session = get_object_or_404(
        Session.objects.visible().select_related("summit", "room", "track", "source"),
        summit__year=year,
        slug=slug,
    )
    return render(
        request,
        "summit/session_detail.html",
        {
            "session": session,
            "appearances": visible_appearances().filter(session=session),
            "releases": Release.objects.visible().filter(session=session),
            "page_sources": [session.source] if session.source else [],
        },
    )


def person_detail(request, slug):
    person = get_object_or_404(
        Person.objects.visible().select_related("affiliation", "source"), slug=slug
    )
    appearances = (
        Appearance.objects.filter(person=person, session__in=Session.objects.visible())
        .select_related("session", "session__summit")
        .order_by("-session__summit__year", "session__date", "session__order")
    )
    return render(
        request,
        "summit/person_detail.html",
        {
            "person": person,
            "appearances": appearances,
            "page_sources": [person.source] if person.source else [],
        },
    )


def release_detail(request, year, slug):
    release = get_object_or_404(
        Release.objects.visible().select_related("summit", "session", "publisher", "source"),
        summit__year=year,
        slug=slug,
    )
    return render(
        request,
        "summit/release_detail.html",
        {"release": release, "page_sources": [release.source] if release.source else []},
    )
