"""Translated fields of the summit app (django-modeltranslation)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from summit.models import Appearance, Person, Photo, Release, Room, Session, Summit, Track


@register(Summit)
class SummitTranslationOptions(TranslationOptions):
    fields = ("title", "date_note", "venue", "city", "district", "summary")
    required_languages = {"default": ()}


@register(Room)
class RoomTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"default": ()}


@register(Track)
class TrackTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"default": ()}


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "abstract")
    required_languages = {"default": ()}


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("honorifics", "position", "affiliation_text", "biography")
    required_languages = {"default": ()}


@register(Appearance)
class AppearanceTranslationOptions(TranslationOptions):
    fields = ("talk_title",)
    required_languages = {"default": ()}


@register(Release)
class ReleaseTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
    required_languages = {"default": ()}


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption", "credit")
    required_languages = {"default": ()}


# History is registered here, after the translation options above: modeltranslation adds the
# ``_en`` and ``_zh_hans`` columns when a model is registered with it, and a history model copies
# the columns that exist when it is built. The untranslated original columns only mirror one
# language, so they are left out of the history.
for _model, _options in (
    (Summit, SummitTranslationOptions),
    (Room, RoomTranslationOptions),
    (Track, TrackTranslationOptions),
    (Session, SessionTranslationOptions),
    (Person, PersonTranslationOptions),
    (Appearance, AppearanceTranslationOptions),
    (Release, ReleaseTranslationOptions),
    (Photo, PhotoTranslationOptions),
):
    simple_history.register(_model, excluded_fields=list(_options.fields))
