"""The summit admin, for Editors and Publishers.

Editions carry their rooms, tracks, participating organisations, releases and photos as inlines;
sessions carry their people. Saving a session that clashes with another (same room, or a person in
two places at once) goes through, with a warning naming each clash.
"""

from django.contrib import admin, messages
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from pazhou.admin_base import NormalisedSearchMixin, PublishableAdminMixin, can_publish
from pazhou.text import normalise_for_search
from summit.models import (
    Appearance,
    Person,
    Photo,
    Release,
    Room,
    Session,
    Summit,
    SummitOrganisation,
    Track,
)
from summit.services import session_conflicts

RECORD_FIELDS = ("version", "created_at", "updated_at")
RECORD_FIELDSET = (_("Record"), {"fields": RECORD_FIELDS})


class PublishableInlineMixin:
    """Inline rows of publishable children: only Publishers change their status here.

    An inline cannot make one row's status read-only and another's editable, so for Editors the
    status is read-only in every row (new rows start as drafts); they submit an item for review
    on its own page, which the change link opens.
    """

    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user, self.model):
            readonly.append("status")
        return readonly


class SummitOrganisationInline(admin.TabularInline):
    model = SummitOrganisation
    extra = 0
    fields = ("organisation", "role", "order")
    autocomplete_fields = ("organisation",)


class RoomInline(TranslationTabularInline):
    model = Room
    extra = 0
    fields = ("name", "colour", "order")


class TrackInline(TranslationTabularInline):
    model = Track
    extra = 0
    fields = ("name", "colour", "order")


class ReleaseInline(PublishableInlineMixin, TranslationStackedInline):
    model = Release
    extra = 0
    fields = (
        "title",
        "slug",
        "kind",
        "session",
        "publisher",
        "release_date",
        "release_date_precision",
        "summary",
        "file",
        "source",
        "status",
    )
    autocomplete_fields = ("session", "publisher", "source")


class PhotoInline(PublishableInlineMixin, TranslationTabularInline):
    model = Photo
    extra = 0
    fields = ("image", "caption", "credit", "licence", "session", "order", "status")
    autocomplete_fields = ("session",)


@admin.register(Summit)
class SummitAdmin(NormalisedSearchMixin, PublishableAdminMixin, TranslationAdmin):
    list_display = ("year", "title", "start_date", "end_date", "venue", "publishing_state_display")
    list_display_links = ("year", "title")
    list_filter = ("status",)
    search_fields = ("title_en", "title_zh_hans", "slug", "=year")
    autocomplete_fields = ("source",)
    readonly_fields = RECORD_FIELDS
    inlines = [SummitOrganisationInline, RoomInline, TrackInline, ReleaseInline, PhotoInline]
    fieldsets = (
        (None, {"fields": ("year", "slug", "title", "summary")}),
        (
            _("When and where"),
            {
                "fields": (
                    "start_date",
                    "end_date",
                    "date_note",
                    "time_zone",
                    "venue",
                    "city",
                    "district",
                )
            },
        ),
        (_("Source"), {"fields": ("source",)}),
        PublishableAdminMixin.publishing_fieldset,
        RECORD_FIELDSET,
    )


class AppearanceInline(TranslationTabularInline):
    model = Appearance
    extra = 0
    fields = ("person", "role", "talk_title", "order")
    autocomplete_fields = ("person",)


@admin.register(Session)
class SessionAdmin(NormalisedSearchMixin, PublishableAdminMixin, TranslationAdmin):
    list_display = (
        "title",
        "summit",
        "date",
        "start_time",
        "room",
        "kind",
        "publishing_state_display",
    )
    list_filter = ("summit", "date", "kind", "room", "status")
    list_select_related = ("summit", "room")
    date_hierarchy = "date"
    ordering = ("date", "start_time", "order")
    search_fields = ("title_en", "title_zh_hans", "slug")
    autocomplete_fields = ("source",)
    readonly_fields = RECORD_FIELDS
    inlines = [AppearanceInline]
    fieldsets = (
        (None, {"fields": ("summit", "title", "slug", "kind", "language", "abstract")}),
        (
            _("Time and place"),
            {
                "fields": ("date", "start_time", "end_time", "order", "room", "track"),
                "description": _(
                    "Times are local to the summit's time zone. Leave them empty when the "
                    "source gives only the day."
                ),
            },
        ),
        (_("Source"), {"fields": ("source",)}),
        PublishableAdminMixin.publishing_fieldset,
        RECORD_FIELDSET,
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """On an existing session, offer only the rooms and tracks of its own summit."""
        if db_field.name in {"room", "track"}:
            object_id = request.resolver_match.kwargs.get("object_id")
            summit_id = (
                Session.objects.filter(pk=object_id).values_list("summit_id", flat=True).first()
                if object_id and str(object_id).isdigit()
                else None
            )
            queryset = db_field.related_model.objects.select_related("summit")
            if summit_id is not None:
                queryset = queryset.filter(summit_id=summit_id)
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for message in session_conflicts(session=form.instance):
            messages.warning(request, message)


@admin.register(Person)
class PersonAdmin(NormalisedSearchMixin, PublishableAdminMixin, TranslationAdmin):
    list_display = ("name", "affiliation", "publishing_state_display")
    list_filter = ("status",)
    list_select_related = ("affiliation",)
    search_fields = (
        "family_name_en",
        "given_name_en",
        "family_name_zh",
        "given_name_zh",
        "honorifics_en",
        "honorifics_zh_hans",
        "slug",
    )
    autocomplete_fields = ("affiliation", "source")
    readonly_fields = RECORD_FIELDS
    fieldsets = (
        (
            _("Name"),
            {
                "fields": (
                    ("family_name_zh", "given_name_zh"),
                    ("family_name_en", "given_name_en"),
                    "slug",
                ),
                "description": _("Give the name in at least one script, family name first."),
            },
        ),
        (
            _("Position"),
            {"fields": ("honorifics", "position", "affiliation", "affiliation_text")},
        ),
        (None, {"fields": ("biography", "portrait", "source")}),
        PublishableAdminMixin.publishing_fieldset,
        RECORD_FIELDSET,
    )

    @admin.display(description=_("name"), ordering="family_name_en")
    def name(self, obj):
        if obj.name_en and obj.name_zh:
            return f"{obj.name_zh} ({obj.name_en})"
        return obj.name_zh or obj.name_en

    def get_search_results(self, request, queryset, search_term):
        """Also find a Chinese name written whole ("柴天佑"), which no single field holds."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        whole = normalise_for_search(search_term).replace(" ", "")
        if whole:
            whole_name = queryset.alias(whole_zh=Concat("family_name_zh", "given_name_zh"))
            results = results | queryset.filter(
                pk__in=whole_name.filter(whole_zh__icontains=whole).values("pk")
            )
        return results, may_have_duplicates


@admin.register(Release)
class ReleaseAdmin(NormalisedSearchMixin, PublishableAdminMixin, TranslationAdmin):
    list_display = ("title", "summit", "kind", "release_date", "publishing_state_display")
    list_filter = ("summit", "kind", "status")
    list_select_related = ("summit",)
    search_fields = ("title_en", "title_zh_hans", "slug")
    autocomplete_fields = ("publisher", "session", "source")
    readonly_fields = RECORD_FIELDS
    fieldsets = (
        (None, {"fields": ("summit", "session", "title", "slug", "kind", "publisher")}),
        (
            None,
            {"fields": ("release_date", "release_date_precision", "summary", "file", "source")},
        ),
        PublishableAdminMixin.publishing_fieldset,
        RECORD_FIELDSET,
    )


@admin.register(Photo)
class PhotoAdmin(NormalisedSearchMixin, PublishableAdminMixin, TranslationAdmin):
    list_display = ("__str__", "summit", "session", "credit", "publishing_state_display")
    list_filter = ("summit", "status")
    list_select_related = ("summit", "session")
    search_fields = ("caption_en", "caption_zh_hans", "credit_en", "credit_zh_hans")
    autocomplete_fields = ("session",)
    readonly_fields = RECORD_FIELDS
    fieldsets = (
        (None, {"fields": ("summit", "session", "image", "caption", "credit", "licence", "order")}),
        PublishableAdminMixin.publishing_fieldset,
        RECORD_FIELDSET,
    )
