"""Translated fields of the rankings app (django-modeltranslation)."""

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
