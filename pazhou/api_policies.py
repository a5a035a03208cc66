"""Pagination and throttling for every endpoint, named in settings.REST_FRAMEWORK.

Kept apart from :mod:`pazhou.api_base` because DRF imports these while it loads its own views.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import pagination, throttling
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError(
                {
                    "page_size": _("Enter a whole number from 1 to %(max)d.")
                    % {"max": self.max_page_size}
                }
            )
        return min(size, self.max_page_size)


class SettingsRateMixin:
    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]


class AnonRateThrottle(SettingsRateMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(SettingsRateMixin, throttling.UserRateThrottle):
    pass
