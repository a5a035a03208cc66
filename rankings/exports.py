"""An edition's entries as CSV and XLSX downloads, in the columns the import reads.

Readers get visible editions and their visible entries only; a draft edition answers 404. As on
every reader URL, a user who may change editions adds ``?preview=1`` to download a draft (or
scheduled) edition too, with the entries of the organisations they may see; such a response is
private, so no cache keeps it. The admin's links to the downloads carry ``?preview=1``.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control

from pazhou.models import Organisation
from rankings.models import Edition, Entry
from rankings.spreadsheets import edition_export_csv, edition_export_xlsx

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _edition_and_entries(request, series, year):
    previewing = request.GET.get("preview") == "1" and request.user.is_authenticated
    editions = Edition.objects.for_user(request.user) if previewing else Edition.objects.visible()
    edition = get_object_or_404(editions.select_related("series"), series__slug=series, year=year)
    if edition.is_visible():
        return edition, Entry.objects.visible().filter(edition=edition), True
    request.is_preview = True  # the site's PreviewMiddleware marks the response as such
    entries = Entry.objects.filter(
        edition=edition, organisation__in=Organisation.objects.for_user(request.user)
    )
    return edition, entries, False


def _download(content, *, content_type, filename, public):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if not public:
        patch_cache_control(response, private=True, no_store=True)
    return response


def edition_csv(request, series, year):
    edition, entries, public = _edition_and_entries(request, series, year)
    return _download(
        edition_export_csv(edition=edition, entries=entries),
        content_type="text/csv; charset=utf-8",
        filename=f"{edition.series.slug}-{edition.year}.csv",
        public=public,
    )


def edition_xlsx(request, series, year):
    edition, entries, public = _edition_and_entries(request, series, year)
    return _download(
        edition_export_xlsx(edition=edition, entries=entries),
        content_type=XLSX_CONTENT_TYPE,
        filename=f"{edition.series.slug}-{edition.year}.xlsx",
        public=public,
    )
