"""Admin pages that are not about one model: the site-wide recent changes, for Publishers."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from pazhou.dashboard import admin_change_url, may_see_recent_changes, recent_changes


def recent_changes_view(request):
    """Who changed what, and when, across every content model: edits, publishing,
    unpublishing, reverts and imports (their history entries name the file)."""
    if not may_see_recent_changes(request.user):
        raise PermissionDenied
    rows = [
        {
            "record": record,
            "item": record.instance,
            "url": admin_change_url(record.instance),
            "kind": record.instance._meta.verbose_name,
        }
        for record in recent_changes(request.user)
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Recent changes"),
        "rows": rows,
    }
    return TemplateResponse(request, "admin/pazhou/recent_changes.html", context)
