"""Reader pages of the summit: editions, their programme and photos, sessions, people and
releases.

Every page goes through ``visible()``, and each one runs a fixed number of queries whatever the
number of rows it shows. Each view passes the page's ``description`` (meta description and Open
Graph) to ``summit/base.html``.
"""

from datetime import datetime, time
from itertools import groupby

from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from pazhou.models import Organisation
from pazhou.preview import get_for_reader
from pazhou.templatetags.pazhou import partial_date
from pazhou.views import paginate
from summit.filters import PeopleIndexFilter, ScheduleFilter
from summit.models import Appearance, Person, Photo, Release, Session, Summit, SummitOrganisation

GALLERY_PAGE_SIZE = 48
PEOPLE_PAGE_SIZE = 50
DESCRIPTION_LENGTH = 300


def describe(text):
    """A meta description: one paragraph, cut at a readable length."""
    return Truncator(" ".join(str(text).split())).chars(DESCRIPTION_LENGTH)


def absolute_media_url(request, field_file):
    return request.build_absolute_uri(field_file.url) if field_file else ""


def visible_appearances():
    return Appearance.objects.filter(person__in=Person.objects.visible()).select_related(
        "person", "person__affiliation"
    )


def visible_people_with_affiliation():
    """Visible people, each with their organisation when that is visible too (else ``None``)."""
    return Person.objects.visible().prefetch_related(
        Prefetch("affiliation", queryset=Organisation.objects.visible())
    )


def summit_dates(summit):
    if summit.end_date != summit.start_date:
        return f"{partial_date(summit.start_date)} – {partial_date(summit.end_date)}"
    return partial_date(summit.start_date)


def utc_offset(summit):
    """ "UTC+08:00": the edition's offset on its first day."""
    offset = datetime.combine(summit.start_date, time(12), tzinfo=summit.zone).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def timed_sessions(sessions, summit):
    """The sessions, each with ``starts_at`` and ``ends_at`` as aware datetimes in the edition's
    time zone (``None`` when the source gives no time)."""
    zone = summit.zone
    for session in sessions:
        session.starts_at = (
            datetime.combine(session.date, session.start_time, tzinfo=zone)
            if session.start_time
            else None
        )
        session.ends_at = (
            datetime.combine(session.date, session.end_time, tzinfo=zone)
            if session.end_time
            else None
        )
        yield session


def programme(summit):
    """An edition's visible sessions, in programme order: by day; within a day the timed ones
    by time, then those without a time in the order reported."""
    return (
        Session.objects.visible()
        .filter(summit=summit)
        .select_related("summit", "room", "track")
        .prefetch_related(Prefetch("appearances", queryset=visible_appearances()))
        .order_by("date", F("start_time").asc(nulls_last=True), "order", "pk")
    )


def by_day(sessions, summit):
    return [
        (day, list(items))
        for day, items in groupby(timed_sessions(sessions, summit), key=lambda s: s.date)
    ]


def summit_list(request):
    summits = Summit.objects.visible().order_by("-year")
    return render(
        request,
        "summit/summit_list.html",
        {
            "summits": summits,
            "description": describe(
                _(
                    "Every edition of the Pazhou Industrial Internet Summit in Guangzhou: dates, "
                    "programme, speakers, releases and photos."
                )
            ),
        },
    )


def summit_detail(request, year):
    summit = get_for_reader(request, Summit.objects.select_related("source"), year=year)
    participants = SummitOrganisation.objects.filter(
        summit=summit, organisation__in=Organisation.objects.visible()
    ).select_related("organisation")
    releases = (
        Release.objects.visible()
        .filter(summit=summit)
        .select_related("summit")
        .prefetch_related(Prefetch("publisher", queryset=Organisation.objects.visible()))
    )
    photo_count = Photo.objects.visible().filter(summit=summit).count()
    where = ", ".join(part for part in (summit.venue, summit.district, summit.city) if part)
    values = {"title": summit.title, "when": summit_dates(summit), "where": where}
    description = (
        _("%(title)s, %(when)s, %(where)s: the programme, speakers and releases.") % values
        if where
        else _("%(title)s, %(when)s: the programme, speakers and releases.") % values
    )
    return render(
        request,
        "summit/summit_detail.html",
        {
            "summit": summit,
            "participants": participants,
            "days": by_day(programme(summit), summit),
            "releases": releases,
            "photo_count": photo_count,
            "description": describe(description),
            "page_sources": [summit.source] if summit.source else [],
        },
    )


def schedule(request, year):
    """The programme by day, filtered by day, room and track, in the edition's time zone."""
    summit = get_object_or_404(Summit.objects.visible().select_related("source"), year=year)
    filterset = ScheduleFilter(
        request.GET, queryset=programme(summit), request=request, summit=summit
    )
    if filterset.is_valid():
        days = by_day(filterset.qs, summit)
        status = 200
    else:
        days = []
        status = 400
    filtered = any(request.GET.get(name) for name in filterset.filters)
    description = _(
        "The programme of %(title)s by day, room and track. Times are local time in %(zone)s."
    ) % {"title": summit.title, "zone": summit.time_zone}
    return render(
        request,
        "summit/schedule.html",
        {
            "summit": summit,
            "filter": filterset,
            "filtered": filtered,
            "days": days,
            "utc_offset": utc_offset(summit),
            "description": describe(description),
            "page_sources": [summit.source] if summit.source else [],
        },
        status=status,
    )


def gallery(request, year):
    """An edition's photos, each with its caption, credit and licence."""
    summit = get_object_or_404(Summit.objects.visible(), year=year)
    photos = (
        Photo.objects.visible()
        .filter(summit=summit)
        .select_related("session", "session__summit")
        .order_by("order", "pk")
    )
    page = paginate(request, photos, per_page=GALLERY_PAGE_SIZE)
    first = page.object_list[0] if page.object_list else None
    return render(
        request,
        "summit/gallery.html",
        {
            "summit": summit,
            "page": page,
            "photos": page.object_list,
            "og_image": absolute_media_url(request, first.image) if first else "",
            "description": describe(
                _("Photos of %(title)s, with their captions, credits and licences.")
                % {"title": summit.title}
            ),
        },
    )


def session_detail(request, year, slug):
    session = get_for_reader(
        request,
        Session.objects.select_related("summit", "room", "track", "source"),
        summit__year=year,
        slug=slug,
    )
    appearances = list(visible_appearances().filter(session=session))
    photos = list(Photo.objects.visible().filter(session=session).order_by("order", "pk"))
    values = {
        "title": session.title,
        "kind": session.get_kind_display(),
        "summit": session.summit.title,
        "date": partial_date(session.date),
        "people": ", ".join(appearance.person.name for appearance in appearances),
    }
    description = (
        _("%(title)s: %(kind)s at %(summit)s on %(date)s, with %(people)s.") % values
        if appearances
        else _("%(title)s: %(kind)s at %(summit)s on %(date)s.") % values
    )
    return render(
        request,
        "summit/session_detail.html",
        {
            "session": session,
            "appearances": appearances,
            "releases": Release.objects.visible().filter(session=session).select_related("summit"),
            "photos": photos,
            "og_image": absolute_media_url(request, photos[0].image) if photos else "",
            "description": describe(description),
            "page_sources": [session.source] if session.source else [],
        },
    )


def person_list(request):
    """Everyone visible, alphabetical by family name in the reader's script, with their
    organisation."""
    filterset = PeopleIndexFilter(
        request.GET,
        queryset=visible_people_with_affiliation().order_by_name(),
        request=request,
    )
    if filterset.is_valid():
        people = filterset.qs
        status = 200
    else:
        people = Person.objects.none()
        status = 400
    page = paginate(request, people, per_page=PEOPLE_PAGE_SIZE)
    return render(
        request,
        "summit/person_list.html",
        {
            "filter": filterset,
            "page": page,
            "people": page.object_list,
            "description": describe(
                _(
                    "Speakers, hosts, moderators and releasers at the Pazhou Industrial Internet "
                    "Summit, with their titles and organisations."
                )
            ),
        },
        status=status,
    )


def person_detail(request, slug):
    person = get_for_reader(
        request,
        Person.objects.select_related("source").prefetch_related(
            Prefetch("affiliation", queryset=Organisation.objects.visible())
        ),
        slug=slug,
    )
    appearances = (
        Appearance.objects.filter(person=person, session__in=Session.objects.visible())
        .select_related("session", "session__summit")
        .order_by("-session__summit__year", "session__date", "session__order")
    )
    titles = [
        text
        for text in (
            person.honorifics,
            person.position,
            person.affiliation.name if person.affiliation else person.affiliation_text,
        )
        if text
    ]
    description = (
        _("%(name)s, %(titles)s: appearances at the Pazhou Industrial Internet Summit.")
        % {"name": person.name, "titles": ", ".join(titles)}
        if titles
        else _("%(name)s: appearances at the Pazhou Industrial Internet Summit.")
        % {"name": person.name}
    )
    return render(
        request,
        "summit/person_detail.html",
        {
            "person": person,
            "appearances": appearances,
            "og_image": absolute_media_url(request, person.portrait),
            "description": describe(description),
            "page_sources": [person.source] if person.source else [],
        },
    )


def release_detail(request, year, slug):
    release = get_for_reader(
        request,
        Release.objects.select_related(
            "summit", "session", "session__summit", "source"
        ).prefetch_related(Prefetch("publisher", queryset=Organisation.objects.visible())),
        summit__year=year,
        slug=slug,
    )
    values = {
        "title": release.title,
        "kind": release.get_kind_display(),
        "summit": release.summit.title,
    }
    return render(
        request,
        "summit/release_detail.html",
        {
            "release": release,
            "description": describe(_("%(title)s: %(kind)s released at %(summit)s.") % values),
            "page_sources": [release.source] if release.source else [],
        },
    )
