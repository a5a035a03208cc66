"""System checks that keep the publishing contract of DESIGN.md."""

from django.apps import apps
from django.core import checks

from pazhou.publishing import Publishable


@checks.register()
def publish_permission_declared(app_configs, **kwargs):
    """Every concrete publishable model declares its ``publish_<model>`` permission."""
    errors = []
    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        codename = f"publish_{model._meta.model_name}"
        if codename not in {name for name, _ in model._meta.permissions}:
            errors.append(
                checks.Error(
                    f"{model._meta.label} has no {codename!r} permission.",
                    hint=f'Add ("{codename}", "Can publish …") to its Meta.permissions.',
                    obj=model,
                    id="pazhou.E001",
                )
            )
    return errors
