"""Translated fields of the shared core and the district plans (django-modeltranslation)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from pazhou.models import (
    Figure,
    Indicator,
    Milestone,
    Organisation,
    Place,
    Plan,
    Presence,
    Source,
)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "hq_province", "hq_city", "hq_district", "description")
    required_languages = {"default": ()}


@register(Plan)
class PlanTranslationOptions(TranslationOptions):
    fields = ("title", "aims")
    required_languages = {"default": ()}


@register(Place)
class PlaceTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"default": ()}


@register(Presence)
class PresenceTranslationOptions(TranslationOptions):
    fields = ("note",)
    required_languages = {"default": ()}


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"default": ()}


@register(Figure)
class FigureTranslationOptions(TranslationOptions):
    fields = ("note",)
    required_languages = {"default": ()}


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"default": ()}


# History of the district-plan models is registered here, after their translation options:
# modeltranslation adds the ``_en`` and ``_zh_hans`` columns when a model is registered with it,
# and a history model copies the columns that exist when it is built. The untranslated original
# columns only mirror one language, so they are left out of the history.
for _model, _options in (
    (Organisation, OrganisationTranslationOptions),
    (Plan, PlanTranslationOptions),
    (Place, PlaceTranslationOptions),
    (Presence, PresenceTranslationOptions),
    (Indicator, IndicatorTranslationOptions),
    (Figure, FigureTranslationOptions),
    (Milestone, MilestoneTranslationOptions),
):
    simple_history.register(_model, excluded_fields=list(_options.fields))

# Sources have no translated fields; their history is recorded as is.
simple_history.register(Source)
