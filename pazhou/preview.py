"""Preview: ``?preview=1`` on a reader URL shows Editors and Publishers a draft, a scheduled item
or a pending change exactly as it will look, in either language. Everyone else gets the live
version, or 404, as without the parameter.

Detail views fetch their object with :func:`get_for_reader`. :class:`PreviewMiddleware` marks
preview responses private and not for indexing, so no cache or search engine keeps them.
"""

from django.shortcuts import get_object_or_404

from pazhou.revisions import with_pending_changes

PREVIEW_PARAMETER = "preview"


def may_preview(request, model):
    opts = model._meta
    return (
        request.GET.get(PREVIEW_PARAMETER) == "1"
        and request.user.is_authenticated
        and request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )


def get_for_reader(request, queryset, **lookup):
    """The object readers see at this URL (``visible()`` only), or for a user who may change
    it and asks for ``?preview=1``, the object in any state with its pending change applied."""
    if may_preview(request, queryset.model):
        obj = get_object_or_404(queryset, **lookup)
        request.is_preview = True
        return with_pending_changes(obj)
    return get_object_or_404(queryset.visible(), **lookup)


class PreviewMiddleware:
    """Preview responses are private, never cached and never indexed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex"
        return response
