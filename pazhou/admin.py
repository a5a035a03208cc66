from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from pazhou.admin_base import NormalisedSearchMixin, PublishableAdminMixin
from pazhou.models import Organisation, OrganisationAlias, Source

admin.site.site_header = _("Pazhou Industrial Internet")
admin.site.site_title = _("Pazhou Industrial Internet editors")
admin.site.index_title = _("Content")
admin.site.site_url = "/"


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 0
    fields = ("name", "kind", "valid_from", "valid_to", "source")
    autocomplete_fields = ("source",)


@admin.register(Organisation)
class OrganisationAdmin(NormalisedSearchMixin, PublishableAdminMixin, TranslationAdmin):
    list_display = (
        "name",
        "kind",
        "ownership",
        "hq_region",
        "hq_province",
        "hq_city",
        "publishing_state_display",
        "needs_review",
        "updated_at",
    )
    list_filter = ("needs_review", "status", "kind", "ownership", "hq_region", "hq_province")
    search_fields = ("name_en", "name_zh_hans", "aliases__name", "slug")
    inlines = [OrganisationAliasInline]
    autocomplete_fields = ("source",)
    readonly_fields = ("version", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "ownership", "description")}),
        (
            _("Main headquarters"),
            {"fields": ("hq_region", "hq_province", "hq_city", "hq_district")},
        ),
        (_("More"), {"fields": ("website", "founded_year", "logo", "source", "needs_review")}),
        PublishableAdminMixin.publishing_fieldset,
        (_("Record"), {"fields": ("version", "created_at", "updated_at")}),
    )


@admin.register(Source)
class SourceAdmin(NormalisedSearchMixin, admin.ModelAdmin):
    list_display = ("citation", "publisher", "date", "date_precision", "url")
    list_filter = ("date_precision",)
    search_fields = ("citation", "authors", "slug", "note")
    autocomplete_fields = ("publisher",)
