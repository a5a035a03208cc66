from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummitConfig(AppConfig):
    """Summit editions, sessions, people, releases, photos and schedule exports."""

    name = "summit"
    verbose_name = _("Summit")
