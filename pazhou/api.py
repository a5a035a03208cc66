"""API of the shared core: organisations (with aliases and source)."""

from rest_framework import serializers

from pazhou.api_base import (
    ContentViewSet,
    PublishingSerializerMixin,
    TranslatedFieldsMixin,
    localized_field_names,
)
from pazhou.filters import OrganisationFilter
from pazhou.models import Organisation, OrganisationAlias, Source


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

    def validate(self, attrs):
        attrs = super().validate(attrs)
        name_en = attrs.get("name_en", getattr(self.instance, "name_en", ""))
        name_zh_hans = attrs.get("name_zh_hans", getattr(self.instance, "name_zh_hans", ""))
        if not (name_en or name_zh_hans):
            raise serializers.ValidationError(
                {"name_en": "Give the name in at least one language."}
            )
        return attrs


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
