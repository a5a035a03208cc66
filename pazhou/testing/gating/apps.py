from django.apps import AppConfig


class GatingConfig(AppConfig):
    name = "pazhou.testing.gating"
    label = "gating"
