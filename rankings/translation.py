"""Translated fields of the rankings app (django-modeltranslation), and their history."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from rankings.models import Category, Edition, Entry, Series


@register(Series)
class SeriesTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"default": ()}


@register(Edition)
class EditionTranslationOptions(TranslationOptions):
    fields = ("title", "methodology", "scope")
    required_languages = {"default": ()}


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"default": ()}


@register(Entry)
class EntryTranslationOptions(TranslationOptions):
    fields = ("value_unit", "notes")
    required_languages = {"default": ()}


# History is registered here, after the translation options above: modeltranslation adds the
# ``_en`` and ``_zh_hans`` columns when a model is registered with it, and a history model
# copies the columns that exist when it is built, so one built in models.py would lack them.
# The untranslated original columns are left out of the history: they only mirror one of the
# languages, so keeping them would record phantom changes.
for _model, _options in (
    (Series, SeriesTranslationOptions),
    (Edition, EditionTranslationOptions),
    (Category, CategoryTranslationOptions),
    (Entry, EntryTranslationOptions),
):
    simple_history.register(_model, excluded_fields=list(_options.fields))
