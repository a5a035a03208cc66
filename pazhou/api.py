"""API of the shared core (organisations, with aliases and source) and of the district plans
(plans, places, indicators, figures, presences, milestones)."""

import copy
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pazhou.api_base import (
    ContentViewSet,
    PublishingSerializerMixin,
    TranslatedFieldsMixin,
    localized_field_names,
)
from pazhou.filters import (
    FigureFilter,
    IndicatorFilter,
    MilestoneFilter,
    OrganisationFilter,
    PlaceFilter,
    PlanFilter,
    PresenceFilter,
)
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
from pazhou.services import (
    ProgressStatus,
    indicators_attach_facts,
    indicators_for_readers,
    milestones_linked_objects,
)
from pazhou.templatetags.plans import figure_quantity_text, figure_statement_text


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "slug", "citation", "authors", "date", "date_precision", "url"]
        read_only_fields = fields


class OrganisationAliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganisationAlias
        fields = ["name", "kind", "valid_from", "valid_to"]
        read_only_fields = fields


class OrganisationSerializer(
    TranslatedFieldsMixin, PublishingSerializerMixin, serializers.ModelSerializer
):
    url = serializers.SerializerMethodField(help_text="The public page, in the response language.")
    aliases = OrganisationAliasSerializer(many=True, read_only=True)
    source = SourceSerializer(read_only=True)
    source_id = serializers.PrimaryKeyRelatedField(
        source="source",
        queryset=Source.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )

    class Meta:
        required_in_one_language = ("name",)
        model = Organisation
        translated_fields = ["name", "hq_province", "hq_city", "hq_district", "description"]
        fields = [
            "id",
            "slug",
            "url",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "kind",
            "ownership",
            "hq_region",
            "website",
            "founded_year",
            "aliases",
            "source",
            "source_id",
            "status",
            "publish_at",
            "unpublish_at",
            "version",
            "updated_at",
        ]
        read_only_fields = ["version", "updated_at"]
        extra_kwargs = {"slug": {"required": False}}

    def get_url(self, organisation) -> str:
        request = self.context.get("request")
        path = organisation.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class OrganisationViewSet(ContentViewSet):
    """Organisations: companies, research institutes, universities, government bodies, media."""

    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def base_queryset(self):
        return (
            Organisation.objects.select_related("source")
            .prefetch_related("aliases")
            .order_by_name()
        )


# --- District plans ------------------------------------------------------------------------------
# Plans, places, indicators (with their computed progress), figures, presences and milestones.
# Every nested reference to another publishable object is shown only while the reader may see
# it; computed facts (progress, live counts, linked objects) are worked out for a whole page at
# once, so the number of queries does not grow with the page size.


def absolute_url(serializer, path):
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


def may_see(serializer, obj):
    """Whether the requesting user may see ``obj``, a publishable object without publishing
    parents (plans, places, organisations), without a query."""
    if obj is None:
        return False
    request = serializer.context.get("request")
    user = getattr(request, "user", None)
    opts = obj._meta
    if user is not None and user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return True
    return obj.publishing_state == "live"


class ReferenceSerializer(serializers.Serializer):
    """Another object of the site, in brief: its id, slug, name and public page."""

    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_name(self, obj) -> str:
        return str(obj)

    def get_url(self, obj) -> str:
        return absolute_url(self, obj.get_absolute_url())


def reference(serializer, obj):
    """A :class:`ReferenceSerializer` body of ``obj`` if the user may see it, else ``None``."""
    if not may_see(serializer, obj):
        return None
    return ReferenceSerializer(obj, context=serializer.context).data


class ModelCleanMixin:
    """Runs the model's ``clean()`` on the data, so that the API refuses what the admin refuses
    (a figure's target equal to its baseline, a non-polygon boundary …) with a 400."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        concrete = {field.name for field in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(instance, name, value)
        try:
            instance.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from None
        for name in attrs:
            if name in concrete:
                attrs[name] = getattr(instance, name)
        return attrs


def required_relation(queryset, message, **kwargs):
    return serializers.PrimaryKeyRelatedField(
        queryset=queryset,
        write_only=True,
        error_messages={"required": message, "null": message},
        **kwargs,
    )


PUBLISHING_API_FIELDS = ["status", "publish_at", "unpublish_at", "version", "updated_at"]


class PageFactsMixin:
    """Lets a viewset compute facts for the objects of a page, or a detail, in one go:
    ``prepare(objects)`` runs on the page's objects before they are serialised."""

    def prepare(self, objects):
        return objects

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            self.prepare(page)
        return page

    def get_object(self):
        obj = super().get_object()
        self.prepare([obj])
        return obj


class PlanSerializer(
    ModelCleanMixin, TranslatedFieldsMixin, PublishingSerializerMixin, serializers.ModelSerializer
):
    url = serializers.SerializerMethodField(help_text="The public page, in the response language.")
    issuer = serializers.SerializerMethodField(help_text="The issuing organisation, if public.")
    issuer_id = serializers.PrimaryKeyRelatedField(
        source="issuer",
        queryset=Organisation.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )
    source = SourceSerializer(read_only=True)
    source_id = serializers.PrimaryKeyRelatedField(
        source="source",
        queryset=Source.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )

    class Meta:
        required_in_one_language = ("title",)
        model = Plan
        translated_fields = ["title", "aims"]
        fields = [
            "id",
            "slug",
            "url",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "issuer",
            "issuer_id",
            "adopted_on",
            "adopted_on_precision",
            "period_start_year",
            "period_end_year",
            "legal_status",
            "document_url",
            "source",
            "source_id",
            *PUBLISHING_API_FIELDS,
        ]
        read_only_fields = ["version", "updated_at"]
        extra_kwargs = {"slug": {"required": False}}

    def get_url(self, plan) -> str:
        return absolute_url(self, plan.get_absolute_url())

    @extend_schema_field(ReferenceSerializer(allow_null=True))
    def get_issuer(self, plan):
        return reference(self, plan.issuer)


class PlanViewSet(ContentViewSet):
    """District plans: their issuer, adoption date, legal status and aims."""

    queryset = Plan.objects.all()
    serializer_class = PlanSerializer
    filterset_class = PlanFilter

    def base_queryset(self):
        return Plan.objects.select_related("issuer", "source").order_by("-adopted_on", "slug")


class PlaceSerializer(
    ModelCleanMixin, TranslatedFieldsMixin, PublishingSerializerMixin, serializers.ModelSerializer
):
    url = serializers.SerializerMethodField(help_text="The public page, in the response language.")
    parent = serializers.SerializerMethodField(help_text="The place it is part of, if public.")
    parent_id = serializers.PrimaryKeyRelatedField(
        source="parent",
        queryset=Place.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )
    boundary = serializers.JSONField(
        required=False,
        allow_null=True,
        help_text="GeoJSON geometry: one Polygon or MultiPolygon in WGS 84 [longitude, latitude].",
    )
    source = SourceSerializer(read_only=True)
    source_id = serializers.PrimaryKeyRelatedField(
        source="source",
        queryset=Source.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )

    class Meta:
        required_in_one_language = ("name",)
        model = Place
        translated_fields = ["name", "description"]
        fields = [
            "id",
            "slug",
            "url",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "kind",
            "tier",
            "parent",
            "parent_id",
            "order",
            "area_km2",
            "boundary",
            "source",
            "source_id",
            *PUBLISHING_API_FIELDS,
        ]
        read_only_fields = ["version", "updated_at"]
        extra_kwargs = {"slug": {"required": False}}

    def get_url(self, place) -> str:
        return absolute_url(self, place.get_absolute_url())

    @extend_schema_field(ReferenceSerializer(allow_null=True))
    def get_parent(self, place):
        return reference(self, place.parent)


class PlaceViewSet(ContentViewSet):
    """Places of the "1+X+N" layout and plain areas, with their GeoJSON boundary."""

    queryset = Place.objects.all()
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilter

    def base_queryset(self):
        return Place.objects.select_related("parent", "source").order_by("order", "slug")


class FigureBriefSerializer(serializers.ModelSerializer):
    """A figure as the indicator shows it: kind, value, date, source, and the statement."""

    source = SourceSerializer(read_only=True)
    display_value = serializers.SerializerMethodField(
        help_text="The value with comparator and unit, in the response language."
    )
    statement = serializers.SerializerMethodField(
        help_text="The figure for what it is, e.g. “reported: more than 400 billion yuan in "
        "2022 (a claim in China News Network, 2023; not a measurement)”."
    )

    class Meta:
        model = Figure
        fields = [
            "id",
            "kind",
            "comparator",
            "value",
            "display_value",
            "date",
            "date_precision",
            "period_start",
            "period_start_precision",
            "baseline_value",
            "baseline_date",
            "baseline_date_precision",
            "source",
            "statement",
        ]
        read_only_fields = fields

    def get_display_value(self, figure) -> str:
        return figure_quantity_text(figure, figure.indicator.unit)

    def get_statement(self, figure) -> str:
        indicator = figure.indicator
        plan = indicator.plan if may_see(self, indicator.plan) else None
        return figure_statement_text(figure, indicator.unit, plan=plan)


class ProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ProgressStatus.choices)
    percent = serializers.FloatField(
        allow_null=True,
        help_text="0–100, or null while there is no measurement after the baseline.",
    )
    beyond_target = serializers.BooleanField()
    target_id = serializers.IntegerField()
    latest_measurement_id = serializers.IntegerField(allow_null=True)
    expected_value = serializers.CharField(
        allow_null=True,
        help_text="The straight-line value from baseline to target at the latest measurement.",
    )


class LiveCountSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    presence_kinds = serializers.ListField(child=serializers.CharField())
    organisations = ReferenceSerializer(many=True)


class IndicatorSerializer(
    ModelCleanMixin, TranslatedFieldsMixin, PublishingSerializerMixin, serializers.ModelSerializer
):
    url = serializers.SerializerMethodField(help_text="Where the indicator is shown.")
    place = serializers.SerializerMethodField()
    place_id = required_relation(
        Place.objects.all(), _("Choose the place the indicator counts."), source="place"
    )
    plan = serializers.SerializerMethodField()
    plan_id = serializers.PrimaryKeyRelatedField(
        source="plan", queryset=Plan.objects.all(), write_only=True, required=False, allow_null=True
    )
    progress_status = serializers.SerializerMethodField(
        help_text="Computed against the target: on_track, behind, achieved, missed or no_data; "
        "null when the indicator has no target."
    )
    progress = serializers.SerializerMethodField(
        help_text="Computed, never stored; null when the indicator has no target."
    )
    latest_figure = serializers.SerializerMethodField()
    live_count = serializers.SerializerMethodField(
        help_text="For counted indicators: the organisations this site lists, counted live."
    )

    class Meta:
        model = Indicator
        translated_fields = ["name", "description"]
        fields = [
            "id",
            "slug",
            "url",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "unit",
            "direction",
            "place",
            "place_id",
            "plan",
            "plan_id",
            "plan_relation",
            "counted_presences",
            "featured",
            "order",
            "progress_status",
            "progress",
            "latest_figure",
            "live_count",
            *PUBLISHING_API_FIELDS,
        ]
        read_only_fields = ["version", "updated_at"]
        extra_kwargs = {
            "slug": {"required": False},
            "unit": {"error_messages": {"required": UNIT_REQUIRED, "blank": UNIT_REQUIRED}},
        }

    def facts(self, indicator):
        if not hasattr(indicator, "progress"):
            indicators_attach_facts(indicators=[indicator])
        return indicator

    def get_url(self, indicator) -> str:
        return absolute_url(self, indicator.get_absolute_url())

    @extend_schema_field(ReferenceSerializer)
    def get_place(self, indicator):
        return ReferenceSerializer(indicator.place, context=self.context).data

    @extend_schema_field(ReferenceSerializer(allow_null=True))
    def get_plan(self, indicator):
        return reference(self, indicator.plan)

    @extend_schema_field(serializers.ChoiceField(choices=ProgressStatus.choices, allow_null=True))
    def get_progress_status(self, indicator):
        progress = self.facts(indicator).progress
        return progress.status if progress else None

    @extend_schema_field(ProgressSerializer(allow_null=True))
    def get_progress(self, indicator):
        progress = self.facts(indicator).progress
        if progress is None:
            return None
        return {
            "status": progress.status,
            "percent": float(progress.percent) if progress.percent is not None else None,
            "beyond_target": progress.beyond_target,
            "target_id": progress.target.pk,
            "latest_measurement_id": progress.latest.pk if progress.latest else None,
            "expected_value": (
                str(progress.expected.quantize(Decimal("0.0001")))
                if progress.expected is not None
                else None
            ),
        }

    @extend_schema_field(FigureBriefSerializer(allow_null=True))
    def get_latest_figure(self, indicator):
        figure = self.facts(indicator).latest_figure
        if figure is None:
            return None
        figure.indicator = indicator
        return FigureBriefSerializer(figure, context=self.context).data

    @extend_schema_field(LiveCountSerializer(allow_null=True))
    def get_live_count(self, indicator):
        live = self.facts(indicator).live_count
        if live is None:
            return None
        return {
            "count": live.count,
            "presence_kinds": indicator.counted_presence_kinds,
            "organisations": ReferenceSerializer(
                live.organisations, many=True, context=self.context
            ).data,
        }


class IndicatorViewSet(PageFactsMixin, ContentViewSet):
    """Indicators, with their computed progress against a target (or null), their latest
    figure, and for counted indicators the live count of the site's own presences."""

    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter

    def base_queryset(self):
        return indicators_for_readers(queryset=Indicator.objects.all()).order_by("order", "pk")

    def prepare(self, objects):
        indicators_attach_facts(indicators=objects)
        return objects


class FigureSerializer(
    ModelCleanMixin, TranslatedFieldsMixin, PublishingSerializerMixin, FigureBriefSerializer
):
    indicator = serializers.SerializerMethodField()
    indicator_id = required_relation(
        Indicator.objects.all(),
        _("Choose the indicator the figure is a value of."),
        source="indicator",
    )
    source_id = required_relation(Source.objects.all(), SOURCE_REQUIRED, source="source")
    stated_by = serializers.SerializerMethodField()
    stated_by_id = serializers.PrimaryKeyRelatedField(
        source="stated_by",
        queryset=Organisation.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )

    class Meta(FigureBriefSerializer.Meta):
        translated_fields = ["note"]
        fields = [
            *FigureBriefSerializer.Meta.fields,
            "indicator",
            "indicator_id",
            "source_id",
            "stated_by",
            "stated_by_id",
            *translated_fields,
            *localized_field_names(*translated_fields),
            *PUBLISHING_API_FIELDS,
        ]
        read_only_fields = ["version", "updated_at"]

    @extend_schema_field(ReferenceSerializer)
    def get_indicator(self, figure):
        return ReferenceSerializer(figure.indicator, context=self.context).data

    @extend_schema_field(ReferenceSerializer(allow_null=True))
    def get_stated_by(self, figure):
        return reference(self, figure.stated_by)


class FigureViewSet(ContentViewSet):
    """Figures: one sourced value of an indicator each, with its kind (target, expectation,
    measurement, claim), comparator, date or period, and for targets the baseline."""

    queryset = Figure.objects.all()
    serializer_class = FigureSerializer
    filterset_class = FigureFilter

    def base_queryset(self):
        return Figure.objects.select_related(
            "indicator",
            "indicator__place",
            "indicator__plan",
            "source",
            "source__publisher",
            "stated_by",
        ).order_by("indicator", "date", "pk")


class PresenceSerializer(
    ModelCleanMixin, TranslatedFieldsMixin, PublishingSerializerMixin, serializers.ModelSerializer
):
    organisation = serializers.SerializerMethodField()
    organisation_id = required_relation(
        Organisation.objects.all(),
        _("Choose the organisation that is present."),
        source="organisation",
    )
    place = serializers.SerializerMethodField()
    place_id = required_relation(Place.objects.all(), _("Choose the place."), source="place")
    source = SourceSerializer(read_only=True)
    source_id = required_relation(
        Source.objects.all(),
        _("Every presence needs a source: choose the publication that reports it."),
        source="source",
    )

    class Meta:
        model = Presence
        translated_fields = ["note"]
        fields = [
            "id",
            "organisation",
            "organisation_id",
            "place",
            "place_id",
            "kind",
            "since",
            "since_precision",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "source",
            "source_id",
            *PUBLISHING_API_FIELDS,
        ]
        read_only_fields = ["version", "updated_at"]

    @extend_schema_field(ReferenceSerializer)
    def get_organisation(self, presence):
        return ReferenceSerializer(presence.organisation, context=self.context).data

    @extend_schema_field(ReferenceSerializer)
    def get_place(self, presence):
        return ReferenceSerializer(presence.place, context=self.context).data


class PresenceViewSet(ContentViewSet):
    """Presences: an organisation in a place, as headquarters, regional headquarters,
    headquarters of a level not stated, office or project. Separate from the organisation's
    main headquarters."""

    queryset = Presence.objects.all()
    serializer_class = PresenceSerializer
    filterset_class = PresenceFilter

    def base_queryset(self):
        return Presence.objects.select_related(
            "organisation", "place", "source", "source__publisher"
        ).order_by("place", "kind", "organisation", "pk")


@extend_schema_field(OpenApiTypes.STR)
class ContentTypeField(serializers.Field):
    """A model as "app_label.model", e.g. "summit.session"."""

    default_error_messages = {
        "invalid": _("Give the type as “app_label.model”, e.g. “summit.session”."),
        "unknown": _("There is no type “%(value)s”."),
    }

    def to_representation(self, content_type):
        return f"{content_type.app_label}.{content_type.model}"

    def to_internal_value(self, data):
        if not isinstance(data, str) or data.count(".") != 1:
            self.fail("invalid")
        app_label, model = data.lower().split(".")
        try:
            return ContentType.objects.get_by_natural_key(app_label, model)
        except ContentType.DoesNotExist:
            self.fail("unknown", value=data)


class LinkedObjectSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="“app_label.model”, e.g. “summit.session”.")
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class MilestoneSerializer(
    ModelCleanMixin, TranslatedFieldsMixin, PublishingSerializerMixin, serializers.ModelSerializer
):
    plan = serializers.SerializerMethodField()
    plan_id = serializers.PrimaryKeyRelatedField(
        source="plan", queryset=Plan.objects.all(), write_only=True, required=False, allow_null=True
    )
    place = serializers.SerializerMethodField()
    place_id = serializers.PrimaryKeyRelatedField(
        source="place",
        queryset=Place.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )
    linked_object = serializers.SerializerMethodField(
        help_text="The object the milestone links to (a session, a release …), if public."
    )
    linked_type = ContentTypeField(
        source="content_type", write_only=True, required=False, allow_null=True
    )
    linked_id = serializers.IntegerField(
        source="object_id", write_only=True, required=False, allow_null=True, min_value=1
    )
    source = SourceSerializer(read_only=True)
    source_id = serializers.PrimaryKeyRelatedField(
        source="source",
        queryset=Source.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Milestone
        translated_fields = ["title", "description"]
        fields = [
            "id",
            "date",
            "date_precision",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "plan",
            "plan_id",
            "place",
            "place_id",
            "linked_object",
            "linked_type",
            "linked_id",
            "source",
            "source_id",
            *PUBLISHING_API_FIELDS,
        ]
        read_only_fields = ["version", "updated_at"]

    @extend_schema_field(ReferenceSerializer(allow_null=True))
    def get_plan(self, milestone):
        return reference(self, milestone.plan)

    @extend_schema_field(ReferenceSerializer(allow_null=True))
    def get_place(self, milestone):
        return reference(self, milestone.place)

    @extend_schema_field(LinkedObjectSerializer(allow_null=True))
    def get_linked_object(self, milestone):
        linked = self.context.get("linked_objects")
        if linked is None:
            request = self.context.get("request")
            linked = milestones_linked_objects(
                milestones=[milestone], user=getattr(request, "user", None)
            )
        obj = linked.get(milestone.pk)
        if obj is None:
            return None
        path = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
        return {
            "type": f"{obj._meta.app_label}.{obj._meta.model_name}",
            "id": obj.pk,
            "name": str(obj),
            "url": absolute_url(self, path) if path else None,
        }


class MilestoneViewSet(PageFactsMixin, ContentViewSet):
    """Milestones of plans and places, each optionally linked to another object of the site
    (a summit session, a release, a ranking edition)."""

    queryset = Milestone.objects.all()
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter

    def base_queryset(self):
        return Milestone.objects.select_related(
            "plan", "place", "source", "source__publisher"
        ).order_by("date", "pk")

    def prepare(self, objects):
        self._linked = milestones_linked_objects(milestones=objects, user=self.request.user)
        return objects

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if hasattr(self, "_linked"):
            context["linked_objects"] = self._linked
        return context
