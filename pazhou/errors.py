"""404 and 500 pages in the reader's language.

Django's own handlers would work too; these make sure the language of the URL prefix is used
even when the 404 comes from outside i18n_patterns, and that the 500 page renders without a
database or a request context.
"""

from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils import translation


def page_not_found(request, exception):
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


def server_error(request):
    language = translation.get_language_from_path(request.path) or translation.get_language()
    with translation.override(language):
        template = loader.get_template("500.html")
        return HttpResponseServerError(template.render({"LANGUAGE_CODE": language}))
