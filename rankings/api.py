"""API of the rankings: ``series``, ``editions``, ``categories`` and ``entries``.

Series and editions are publishable content: they read and write like organisations (drafts for
users who may change them, ``ETag``/``If-Match``, publishing rules). Categories and entries are
read-only here; editors change them in the admin and through the spreadsheet import, which keep
their history.

Movement in ``/entries/`` is relative to each entry's own edition, also when a list spans many
editions: :func:`entries_with_own_movement` finds each row's previous visible edition in SQL, so a
page costs the same queries with 10 rows or 100, and ``movement`` can be filtered and sorted on.
"""

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from pazhou.api import SourceSerializer
from pazhou.api_base import (
    ContentViewSet,
    PublishingSerializerMixin,
    TranslatedFieldsMixin,
    language_from_parameter,
    localized_field_names,
)
from pazhou.models import Organisation, Source
from pazhou.publishing import visible_q
from rankings.filters import CategoryFilter, EditionFilter, EntryFilter, SeriesFilter
from rankings.models import Category, Edition, Entry, Series
from rankings.services import Movement
from rankings.views import with_publisher_visible
from summit.models import Release


def entries_with_own_movement(queryset, *, now=None):
    """Annotate entries of any editions with ``previous_rank``, ``movement`` and
    ``movement_places``, each against the previous visible edition of the entry's *own* series
    (as :func:`rankings.services.entries_with_movement` does for one edition).

    The previous edition is a correlated subquery, so listing many editions stays one query.
    ``movement`` is ``""`` for an entry of the first visible edition of its series.
    """
    now = now or timezone.now()
    previous_edition = (
        Edition.objects.visible(now)
        .filter(series_id=OuterRef("edition__series_id"), year__lt=OuterRef("edition__year"))
        .order_by("-year")
        .values("pk")[:1]
    )
    previous_entries = Entry.objects.filter(
        edition_id=OuterRef("previous_edition_id"), organisation_id=OuterRef("organisation_id")
    )
    # Any earlier visible edition: when the previous one does not list the organisation, a hit
    # here is before it, which is what "returning" means.
    earlier_entries = Entry.objects.filter(
        visible_q(Edition, now, "edition__"),
        edition__series_id=OuterRef("edition__series_id"),
        edition__year__lt=OuterRef("edition__year"),
        organisation_id=OuterRef("organisation_id"),
    )
    return (
        queryset.annotate(previous_edition_id=Subquery(previous_edition))
        .annotate(
            was_listed=Exists(previous_entries),
            listed_earlier=Exists(earlier_entries),
            previous_rank=Subquery(previous_entries.values("rank")[:1]),
        )
        .annotate(
            movement=Case(
                When(previous_edition_id__isnull=True, then=Value("")),
                When(was_listed=False, listed_earlier=True, then=Value(Movement.RETURNING.value)),
                When(was_listed=False, then=Value(Movement.NEW.value)),
                When(rank__isnull=True, then=Value(Movement.STILL_LISTED.value)),
                When(previous_rank__isnull=True, then=Value(Movement.STILL_LISTED.value)),
                When(previous_rank__gt=F("rank"), then=Value(Movement.UP.value)),
                When(previous_rank__lt=F("rank"), then=Value(Movement.DOWN.value)),
                default=Value(Movement.UNCHANGED.value),
                output_field=CharField(),
            ),
            movement_places=Case(
                When(
                    previous_edition_id__isnull=False,
                    was_listed=True,
                    rank__isnull=False,
                    previous_rank__isnull=False,
                    then=F("previous_rank") - F("rank"),
                ),
                default=None,
                output_field=IntegerField(),
            ),
        )
    )


def absolute(serializer, path):
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class ReadOnlyContentViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only endpoints that answer in the requested language like :class:`ContentViewSet`
    (``?lang=`` or ``Accept-Language``, ``Vary`` and ``Content-Language`` set)."""

    def initial(self, request, *args, **kwargs):
        lang = request.query_params.get("lang")
        if lang is not None:
            code = language_from_parameter(lang)
            translation.activate(code)
            request.LANGUAGE_CODE = code
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        response["Content-Language"] = translation.get_language()
        return response


def may_change(request, model):
    opts = model._meta
    user = getattr(request, "user", None) if request is not None else None
    return user is not None and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


# --- Compact nested objects ----------------------------------------------------------------------


class EntryOrganisationSerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    """An entry's organisation: names and *current* main headquarters."""

    url = serializers.SerializerMethodField(help_text="The public page, in the response language.")

    class Meta:
        model = Organisation
        translated_fields = ["name", "hq_province", "hq_city"]
        fields = [
            "id",
            "slug",
            "url",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "kind",
            "ownership",
            "hq_region",
        ]
        read_only_fields = fields

    def get_url(self, organisation) -> str:
        return absolute(self, organisation.get_absolute_url())


class CategoryCompactSerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = Category
        translated_fields = ["name"]
        fields = ["id", *translated_fields, *localized_field_names(*translated_fields), "order"]
        read_only_fields = fields


class EditionCompactSerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The edition's public page.")

    class Meta:
        model = Edition
        translated_fields = ["title"]
        fields = ["id", "year", "url", *translated_fields, "is_ranked"]
        read_only_fields = fields

    def get_url(self, edition) -> str:
        return absolute(self, edition.get_absolute_url())


class MovementSerializer(serializers.Serializer):
    """Movement against the previous visible edition of the entry's own series."""

    kind = serializers.SerializerMethodField(
        help_text=(
            "up, down, unchanged, new, returning, or still_listed (on both lists, but a rank "
            "is missing on one); null for an entry of the first edition of its series."
        )
    )
    places = serializers.IntegerField(
        source="movement_places",
        allow_null=True,
        read_only=True,
        help_text="Places gained (positive) or lost (negative); null when either rank is missing.",
    )
    previous_rank = serializers.IntegerField(
        allow_null=True,
        read_only=True,
        help_text="The rank in the previous edition, when it listed the organisation with one.",
    )

    @extend_schema_field({"type": "string", "enum": [*Movement.values, None], "nullable": True})
    def get_kind(self, entry):
        return entry.movement or None


class DownloadLinksSerializer(serializers.Serializer):
    csv = serializers.URLField(help_text="CSV with a UTF-8 byte-order mark.")
    xlsx = serializers.URLField(help_text="Excel workbook.")


# --- Series --------------------------------------------------------------------------------------


class SeriesSerializer(
    TranslatedFieldsMixin, PublishingSerializerMixin, serializers.ModelSerializer
):
    url = serializers.SerializerMethodField(help_text="The public page, in the response language.")
    publisher = EntryOrganisationSerializer(read_only=True, allow_null=True)
    publisher_id = serializers.PrimaryKeyRelatedField(
        source="publisher",
        queryset=Organisation.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )
    editions = EditionCompactSerializer(
        source="listed_editions",
        many=True,
        read_only=True,
        help_text="Its editions, newest first.",
    )

    class Meta:
        required_in_one_language = ("name",)
        model = Series
        translated_fields = ["name", "description"]
        fields = [
            "id",
            "slug",
            "url",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "publisher",
            "publisher_id",
            "editions",
            "status",
            "publish_at",
            "unpublish_at",
            "version",
            "updated_at",
        ]
        read_only_fields = ["version", "updated_at"]
        extra_kwargs = {"slug": {"required": False}}

    def get_url(self, series) -> str:
        return absolute(self, series.get_absolute_url())

    def to_representation(self, series):
        data = super().to_representation(series)
        # A draft publisher is named only to those who may see drafts of organisations.
        if not getattr(series, "publisher_visible", True) and not may_change(
            self.context.get("request"), Organisation
        ):
            data["publisher"] = None
        return data


class SeriesViewSet(ContentViewSet):
    """Ranking series: list families such as "Hurun China Industrial Internet Top"."""

    queryset = Series.objects.all()
    serializer_class = SeriesSerializer
    filterset_class = SeriesFilter

    def get_queryset(self):
        editions = Edition.objects.for_user(self.request.user).order_by("-year")
        return (
            with_publisher_visible(Series.objects.for_user(self.request.user), timezone.now())
            .select_related("publisher")
            .prefetch_related(Prefetch("editions", queryset=editions, to_attr="listed_editions"))
            .order_by("slug")
        )


# --- Editions ------------------------------------------------------------------------------------


class EditionSerializer(
    TranslatedFieldsMixin, PublishingSerializerMixin, serializers.ModelSerializer
):
    url = serializers.SerializerMethodField(help_text="The public page, in the response language.")
    series_slug = serializers.SlugRelatedField(source="series", slug_field="slug", read_only=True)
    release_url = serializers.SerializerMethodField(
        help_text="The summit release that announced the edition, when readers may see it."
    )
    source = SourceSerializer(read_only=True)
    source_id = serializers.PrimaryKeyRelatedField(
        source="source",
        queryset=Source.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )
    categories = CategoryCompactSerializer(many=True, read_only=True)
    entry_count = serializers.IntegerField(
        read_only=True, help_text="Entries whose organisation readers may see."
    )
    downloads = serializers.SerializerMethodField(help_text="The list as CSV and XLSX.")

    class Meta:
        required_in_one_language = ("title",)
        model = Edition
        translated_fields = ["title", "methodology", "scope"]
        fields = [
            "id",
            "series",
            "series_slug",
            "year",
            "url",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "release_date",
            "release_date_precision",
            "release",
            "release_url",
            "is_ranked",
            "cutoff_date",
            "source",
            "source_id",
            "categories",
            "entry_count",
            "downloads",
            "status",
            "publish_at",
            "unpublish_at",
            "version",
            "updated_at",
        ]
        read_only_fields = ["version", "updated_at"]

    def get_url(self, edition) -> str:
        return absolute(self, edition.get_absolute_url())

    def get_release_url(self, edition) -> str | None:
        if not edition.release_id or not getattr(edition, "release_visible", False):
            return None
        return absolute(self, edition.release.get_absolute_url())

    def to_representation(self, edition):
        data = super().to_representation(edition)
        # A draft release is not even named by its id, except to those who may see it.
        if not getattr(edition, "release_visible", True) and not may_change(
            self.context.get("request"), Release
        ):
            data["release"] = None
        return data

    @extend_schema_field(DownloadLinksSerializer)
    def get_downloads(self, edition):
        kwargs = {"series": edition.series.slug, "year": edition.year}
        return {
            "csv": absolute(self, reverse("rankings:edition-csv", kwargs=kwargs)),
            "xlsx": absolute(self, reverse("rankings:edition-xlsx", kwargs=kwargs)),
        }


class EditionViewSet(ContentViewSet):
    """Ranking editions: one year of a series, its methodology, source, categories and
    downloads."""

    queryset = Edition.objects.all()
    serializer_class = EditionSerializer
    filterset_class = EditionFilter

    def get_queryset(self):
        now = timezone.now()
        return (
            Edition.objects.for_user(self.request.user, now)
            .select_related("series", "source", "release__summit")
            .prefetch_related("categories")
            .annotate(
                entry_count=Count(
                    "entries", filter=visible_q(Organisation, now, "entries__organisation__")
                ),
                release_visible=Exists(
                    Release.objects.visible(now).filter(pk=OuterRef("release_id"))
                ),
            )
            .order_by("series__slug", "-year")
        )


# --- Categories ----------------------------------------------------------------------------------


class CategorySerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    series = serializers.CharField(source="edition.series.slug", read_only=True)
    year = serializers.IntegerField(source="edition.year", read_only=True)

    class Meta:
        model = Category
        translated_fields = ["name", "description"]
        fields = [
            "id",
            "edition",
            "series",
            "year",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "order",
        ]
        read_only_fields = fields


class CategoryViewSet(ReadOnlyContentViewSet):
    """Categories of an edition, in the order the list gives them."""

    queryset = Category.objects.all()
    serializer_class = CategorySerializer
    filterset_class = CategoryFilter

    def get_queryset(self):
        return (
            Category.objects.filter(edition__in=Edition.objects.for_user(self.request.user))
            .select_related("edition__series")
            .order_by("edition__series__slug", "-edition__year", "order", "pk")
        )


# --- Entries -------------------------------------------------------------------------------------


class EntrySerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    series = serializers.CharField(source="edition.series.slug", read_only=True)
    year = serializers.IntegerField(source="edition.year", read_only=True)
    edition_url = serializers.SerializerMethodField(help_text="The edition's public page.")
    edition_is_ranked = serializers.BooleanField(
        source="edition.is_ranked",
        read_only=True,
        allow_null=True,
        help_text="Whether the edition publishes ranks; null when the source does not say.",
    )
    organisation = EntryOrganisationSerializer(read_only=True)
    category = CategoryCompactSerializer(read_only=True, allow_null=True)
    display_rank = serializers.CharField(
        read_only=True, help_text="The rank as published, ties marked with “=”."
    )
    movement = MovementSerializer(source="*", read_only=True)

    class Meta:
        model = Entry
        translated_fields = ["value_unit", "notes"]
        fields = [
            "id",
            "edition",
            "series",
            "year",
            "edition_url",
            "edition_is_ranked",
            "organisation",
            "category",
            "rank",
            "rank_label",
            "display_rank",
            "is_tied",
            "value",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "currency",
            "name_as_published",
            "headquarters_as_published",
            "movement",
        ]
        read_only_fields = fields

    def get_edition_url(self, entry) -> str:
        return absolute(self, entry.edition.get_absolute_url())


ENTRY_LIST_DESCRIPTION = """Entries of ranking editions, each with its organisation (names and
current main headquarters) and its movement.

**Movement is relative to the entry's own edition**, also when the list spans several editions or
series: each entry is compared with the previous *visible* edition of its series, in the
database. So `movement` and `ordering=movement` work with or without the `edition` filter, and
the number of queries does not depend on the page size.

`region`, `province` and `city` filter on the organisation's *current* main headquarters
(`headquarters_as_published` is only what the edition printed). `rank_min`/`rank_max` are
inclusive. `ordering` takes `rank`, `name`, `value`, `movement` (places gained) or `year`, with
`-` for descending; empty values sort last both ways. The default order is series, newest
edition first, then rank."""


@extend_schema_view(list=extend_schema(description=ENTRY_LIST_DESCRIPTION))
class EntryViewSet(ReadOnlyContentViewSet):
    """An organisation's place in one edition, with its movement since the previous edition."""

    queryset = Entry.objects.all()
    serializer_class = EntrySerializer
    filterset_class = EntryFilter

    def get_queryset(self):
        now = timezone.now()
        if may_change(self.request, Entry):
            entries = Entry.objects.all()
        else:
            entries = Entry.objects.visible(now)
        entries = entries.select_related("edition__series", "organisation", "category")
        return entries_with_own_movement(entries, now=now).order_by(
            "edition__series__slug", "-edition__year", F("rank").asc(nulls_last=True), "pk"
        )
