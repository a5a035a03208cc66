from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from pazhou.admin_base import NormalisedSearchMixin, PublishableAdminMixin, can_publish
from pazhou.models import (
    Figure,
    Indicator,
    Milestone,
    Organisation,
    OrganisationAlias,
    Place,
    Plan,
    Presence,
    Source,
)
from pazhou.plan_models import SOURCE_REQUIRED, UNIT_REQUIRED
from pazhou.services import place_tree

NAMES = ("name_en", "name_zh_hans")

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


# --- District plans ------------------------------------------------------------------------------

PLAN_RECORD_FIELDSET = (_("Record"), {"fields": ("version", "created_at", "updated_at")})


class PublishableInlineMixin:
    """Inline rows of publishable children: only Publishers change their status here; new rows
    start as drafts. An Editor submits a row for review on its own page (the change link)."""

    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user, self.model):
            readonly.append("status")
        return readonly


class FigureForm(forms.ModelForm):
    """A figure without a source is refused with a message that says why."""

    class Meta:
        model = Figure
        fields = [
            "indicator",
            "kind",
            "comparator",
            "value",
            "date",
            "date_precision",
            "period_start",
            "period_start_precision",
            "baseline_value",
            "baseline_date",
            "baseline_date_precision",
            "source",
            "stated_by",
            "note",
            "status",
            "publish_at",
            "unpublish_at",
        ]
        error_messages = {"source": {"required": SOURCE_REQUIRED}}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "slug",
            "description",
            "unit",
            "direction",
            "place",
            "plan",
            "plan_relation",
            "counted_presences",
            "featured",
            "order",
            "status",
            "publish_at",
            "unpublish_at",
        ]
        error_messages = {"unit": {"required": UNIT_REQUIRED}}


class PlaceForm(forms.ModelForm):
    boundary = forms.JSONField(
        label=_("boundary (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField"}),
        error_messages={
            "invalid": _(
                "The boundary is not valid JSON. Paste one GeoJSON Polygon or MultiPolygon, "
                'e.g. {"type": "Polygon", "coordinates": [[[113.36, 23.10], …]]}.'
            )
        },
        help_text=Place._meta.get_field("boundary").help_text,
    )

    class Meta:
        model = Place
        fields = [
            "name",
            "slug",
            "kind",
            "tier",
            "parent",
            "order",
            "area_km2",
            "description",
            "boundary",
            "source",
            "status",
            "publish_at",
            "unpublish_at",
        ]


class PresenceByPlaceInline(PublishableInlineMixin, TranslationTabularInline):
    """Presences under a place: which organisations are there."""

    model = Presence
    fk_name = "place"
    extra = 0
    fields = ("organisation", "kind", "since", "since_precision", "note", "source", "status")
    autocomplete_fields = ("organisation", "source")


class PresenceByOrganisationInline(PublishableInlineMixin, TranslationTabularInline):
    """Presences under an organisation: where it is present. Separate from its main
    headquarters above."""

    model = Presence
    fk_name = "organisation"
    extra = 0
    fields = ("place", "kind", "since", "since_precision", "note", "source", "status")
    autocomplete_fields = ("place", "source")
    verbose_name_plural = _("presences in places (separate from the main headquarters)")


OrganisationAdmin.inlines = [*OrganisationAdmin.inlines, PresenceByOrganisationInline]


class MilestoneInline(PublishableInlineMixin, TranslationStackedInline):
    model = Milestone
    extra = 0
    fields = (
        ("date", "date_precision"),
        "title",
        "description",
        "place",
        ("content_type", "object_id"),
        "source",
        "status",
    )
    autocomplete_fields = ("place", "source")


class PlaceMilestoneInline(MilestoneInline):
    fields = (
        ("date", "date_precision"),
        "title",
        "description",
        "plan",
        ("content_type", "object_id"),
        "source",
        "status",
    )
    autocomplete_fields = ("plan", "source")


@admin.register(Plan)
class PlanAdmin(NormalisedSearchMixin, PublishableAdminMixin, TranslationAdmin):
    list_display = ("title", "issuer", "adopted_on", "legal_status", "publishing_state_display")
    list_filter = ("status", "legal_status")
    list_select_related = ("issuer",)
    search_fields = ("title_en", "title_zh_hans", "slug")
    autocomplete_fields = ("issuer", "source")
    readonly_fields = ("version", "created_at", "updated_at")
    inlines = [MilestoneInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "issuer", "aims")}),
        (
            _("Dates and status"),
            {
                "fields": (
                    ("adopted_on", "adopted_on_precision"),
                    ("period_start_year", "period_end_year"),
                    "legal_status",
                ),
                "description": _(
                    "Give dates only as precisely as the source does: a year alone is stored "
                    "as a year."
                ),
            },
        ),
        (_("Source"), {"fields": ("document_url", "source")}),
        PublishableAdminMixin.publishing_fieldset,
        PLAN_RECORD_FIELDSET,
    )


class PlaceTreeChangeList(ChangeList):
    """Lists places in tree order unless the editor sorts by a column."""

    def get_ordering(self, request, queryset):
        if ORDER_VAR not in self.params and "tree_position" in queryset.query.annotations:
            return ["tree_position", "pk"]
        return super().get_ordering(request, queryset)


@admin.register(Place)
class PlaceAdmin(NormalisedSearchMixin, PublishableAdminMixin, TranslationAdmin):
    """Places as a tree: each place under its parent, indented by its depth."""

    form = PlaceForm
    list_display = ("tree_name", "kind", "tier", "area_km2", "publishing_state_display")
    list_filter = ("status", "kind", "tier")
    search_fields = ("name_en", "name_zh_hans", "slug")
    autocomplete_fields = ("parent", "source")
    readonly_fields = ("version", "created_at", "updated_at")
    inlines = [PresenceByPlaceInline, PlaceMilestoneInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "tier", "parent", "order")}),
        (None, {"fields": ("area_km2", "description", "boundary", "source")}),
        PublishableAdminMixin.publishing_fieldset,
        PLAN_RECORD_FIELDSET,
    )

    def get_changelist(self, request, **kwargs):
        return PlaceTreeChangeList

    def changelist_view(self, request, extra_context=None):
        request.place_tree = True
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        """In the change list, annotated with each place's position and depth in the tree (one
        extra query)."""
        queryset = super().get_queryset(request)
        if not getattr(request, "place_tree", False):
            return queryset
        tree = place_tree(places=Place.objects.only("pk", "parent_id", "order", "slug", *NAMES))
        if not tree:
            return queryset
        positions = [When(pk=place.pk, then=Value(index)) for index, (place, _d) in enumerate(tree)]
        depths = [When(pk=place.pk, then=Value(depth)) for place, depth in tree if depth]
        return queryset.annotate(
            tree_position=Case(*positions, default=Value(len(tree)), output_field=IntegerField()),
            tree_depth=Case(*depths, default=Value(0), output_field=IntegerField())
            if depths
            else Value(0, output_field=IntegerField()),
        )

    @admin.display(description=_("name"), ordering="tree_position")
    def tree_name(self, obj):
        depth = getattr(obj, "tree_depth", 0) or 0
        return format_html("{}{}", "\u2003" * depth + ("└ " if depth else ""), obj)


class FigureInline(PublishableInlineMixin, TranslationStackedInline):
    model = Figure
    form = FigureForm
    extra = 0
    fields = (
        ("kind", "comparator", "value"),
        ("date", "date_precision"),
        ("period_start", "period_start_precision"),
        ("baseline_value", "baseline_date", "baseline_date_precision"),
        ("source", "stated_by"),
        "note",
        "status",
    )
    autocomplete_fields = ("source", "stated_by")


@admin.register(Indicator)
class IndicatorAdmin(NormalisedSearchMixin, PublishableAdminMixin, TranslationAdmin):
    form = IndicatorForm
    list_display = (
        "name",
        "place",
        "plan",
        "unit",
        "direction",
        "featured",
        "publishing_state_display",
    )
    list_filter = ("status", "unit", "direction", "featured", "place", "plan")
    list_select_related = ("place", "plan")
    search_fields = ("name_en", "name_zh_hans", "slug")
    autocomplete_fields = ("place", "plan")
    readonly_fields = ("version", "created_at", "updated_at")
    inlines = [FigureInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "unit", "direction")}),
        (
            _("Where and by which plan"),
            {"fields": ("place", "plan", "plan_relation", "counted_presences")},
        ),
        (_("Home page"), {"fields": ("featured", "order")}),
        PublishableAdminMixin.publishing_fieldset,
        PLAN_RECORD_FIELDSET,
    )


@admin.register(Figure)
class FigureAdmin(PublishableAdminMixin, TranslationAdmin):
    form = FigureForm
    list_display = (
        "indicator",
        "kind",
        "comparator",
        "value",
        "date",
        "date_precision",
        "source",
        "publishing_state_display",
    )
    list_filter = ("status", "kind", "indicator__place")
    list_select_related = ("indicator", "source")
    search_fields = ("indicator__name_en", "indicator__name_zh_hans", "note_en", "note_zh_hans")
    autocomplete_fields = ("indicator", "source", "stated_by")
    readonly_fields = ("version", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("indicator", ("kind", "comparator", "value"))}),
        (
            _("Date or period"),
            {"fields": (("date", "date_precision"), ("period_start", "period_start_precision"))},
        ),
        (
            _("Baseline (targets only)"),
            {"fields": ("baseline_value", ("baseline_date", "baseline_date_precision"))},
        ),
        (_("Source"), {"fields": ("source", "stated_by", "note")}),
        PublishableAdminMixin.publishing_fieldset,
        PLAN_RECORD_FIELDSET,
    )


@admin.register(Presence)
class PresenceAdmin(PublishableAdminMixin, TranslationAdmin):
    list_display = ("organisation", "place", "kind", "since", "source", "publishing_state_display")
    list_filter = ("status", "kind", "place")
    list_select_related = ("organisation", "place", "source")
    search_fields = ("organisation__name_en", "organisation__name_zh_hans", "place__name_en")
    autocomplete_fields = ("organisation", "place", "source")
    readonly_fields = ("version", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("organisation", "place", "kind", ("since", "since_precision"))}),
        (_("Source"), {"fields": ("source", "note")}),
        PublishableAdminMixin.publishing_fieldset,
        PLAN_RECORD_FIELDSET,
    )


@admin.register(Milestone)
class MilestoneAdmin(NormalisedSearchMixin, PublishableAdminMixin, TranslationAdmin):
    list_display = ("title", "date", "date_precision", "plan", "place", "publishing_state_display")
    list_filter = ("status", "plan", "place")
    list_select_related = ("plan", "place")
    search_fields = ("title_en", "title_zh_hans")
    autocomplete_fields = ("plan", "place", "source")
    readonly_fields = ("version", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": (("date", "date_precision"), "title", "description")}),
        (_("Belongs to"), {"fields": ("plan", "place")}),
        (
            _("Linked object"),
            {
                "fields": (("content_type", "object_id"),),
                "description": _(
                    "Optional: a summit session, a release, a ranking edition or any other "
                    "item of the site, by its type and id."
                ),
            },
        ),
        (_("Source"), {"fields": ("source",)}),
        PublishableAdminMixin.publishing_fieldset,
        PLAN_RECORD_FIELDSET,
    )
