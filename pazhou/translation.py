"""Translated fields of the shared core (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from pazhou.models import Organisation


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "hq_province", "hq_city", "hq_district", "description")
    required_languages = {"default": ()}
