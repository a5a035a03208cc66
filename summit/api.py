"""API of the summit: editions, sessions, people, releases and photos.

Every endpoint follows :class:`pazhou.api_base.ContentViewSet`: anonymous clients read only what
``visible()`` allows, users who may change a model also see its drafts, translated fields come
in the requested language and per language, details carry an ``ETag``. Related objects that a
client would otherwise fetch one by one (a session's people and their organisations, an
edition's rooms and tracks) are nested, and fetched in a fixed number of queries whatever the
page size.
"""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.fields import get_error_detail

from pazhou.api import SourceSerializer
from pazhou.api_base import (
    ContentViewSet,
    PublishingSerializerMixin,
    TranslatedFieldsMixin,
    localized_field_names,
)
from pazhou.models import Organisation, Source
from summit.filters import PersonFilter, PhotoFilter, ReleaseFilter, SessionFilter, SummitFilter
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

PUBLISHING_FIELDS = ["status", "publish_at", "unpublish_at", "version", "updated_at"]
RECORD_READ_ONLY = ["version", "updated_at"]


def absolute(serializer, path):
    """``path`` as an absolute URL when the serializer has a request, as a path otherwise."""
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class PageURLMixin(serializers.Serializer):
    """A read-only ``url``: the object's public page, in the response language."""

    url = serializers.SerializerMethodField(help_text="The public page, in the response language.")

    def get_url(self, instance) -> str:
        return absolute(self, instance.get_absolute_url())


class ModelCleanMixin:
    """Runs the model's own ``clean()`` on writes, so that a rule the model states (a session
    within its edition's days, ending after it starts, in one of its edition's rooms …) answers
    400 with the model's message instead of failing in the database."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            field = model._meta.get_field(name)
            if field.many_to_many or field.one_to_many:
                continue
            setattr(instance, name, value)
        try:
            instance.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(get_error_detail(error)) from None
        return attrs


def source_id_field():
    return serializers.PrimaryKeyRelatedField(
        source="source",
        queryset=Source.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )


# --- Nested, read-only ----------------------------------------------------------------------


@extend_schema_serializer(component_name="SummitOrganisationRef")
class OrganisationRefSerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    """An organisation as other objects name it: enough to show and link it."""

    url = serializers.SerializerMethodField(help_text="The public page, in the response language.")

    class Meta:
        model = Organisation
        translated_fields = ["name"]
        fields = ["id", "slug", "url", *translated_fields, *localized_field_names("name")]
        read_only_fields = fields

    def get_url(self, organisation) -> str:
        return absolute(self, organisation.get_absolute_url())


class SummitParticipantSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = SummitOrganisation
        fields = ["organisation", "role", "order"]
        read_only_fields = fields


class ProgrammeGroupSerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    class Meta:
        translated_fields = ["name"]
        fields = ["id", *translated_fields, *localized_field_names("name"), "colour", "order"]
        read_only_fields = fields


class RoomSerializer(ProgrammeGroupSerializer):
    class Meta(ProgrammeGroupSerializer.Meta):
        model = Room


class TrackSerializer(ProgrammeGroupSerializer):
    class Meta(ProgrammeGroupSerializer.Meta):
        model = Track


class PersonRefSerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    """A person as a session names them: name, titles and organisation."""

    url = serializers.SerializerMethodField(help_text="The public page, in the response language.")
    name = serializers.SerializerMethodField(
        help_text="Family name first, in the response language's script with fallback."
    )
    name_en = serializers.CharField(read_only=True, help_text="Latin script, family name first.")
    name_zh = serializers.CharField(read_only=True, help_text="Chinese script.")
    affiliation = OrganisationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Person
        translated_fields = ["honorifics", "position", "affiliation_text"]
        fields = [
            "id",
            "slug",
            "url",
            "name",
            "name_en",
            "name_zh",
            *translated_fields,
            "affiliation",
        ]
        read_only_fields = fields

    def get_url(self, person) -> str:
        return absolute(self, person.get_absolute_url())

    def get_name(self, person) -> str:
        return person.name


class AppearanceSerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = Appearance
        translated_fields = ["talk_title"]
        fields = [
            "person",
            "role",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "order",
        ]
        read_only_fields = fields


class SessionRefSerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The public page, in the response language.")

    class Meta:
        model = Session
        translated_fields = ["title"]
        fields = ["id", "slug", "url", *translated_fields]
        read_only_fields = fields

    def get_url(self, session) -> str:
        return absolute(self, session.get_absolute_url())


def visible_organisations(user):
    return Organisation.objects.for_user(user)


def visible_participants(user):
    """Organisations taking part in editions, those the user may see."""
    return SummitOrganisation.objects.filter(
        organisation__in=visible_organisations(user)
    ).select_related("organisation")


def appearances_prefetch(user):
    """A session's appearances of people the user may see, each with the person's organisation
    when the user may see that too."""
    return Prefetch(
        "appearances",
        queryset=Appearance.objects.filter(person__in=Person.objects.for_user(user))
        .select_related("person")
        .prefetch_related(Prefetch("person__affiliation", queryset=visible_organisations(user))),
    )


# --- Editions ----------------------------------------------------------------------------------


class SummitSerializer(
    PageURLMixin,
    ModelCleanMixin,
    TranslatedFieldsMixin,
    PublishingSerializerMixin,
    serializers.ModelSerializer,
):
    schedule_url = serializers.SerializerMethodField(
        help_text="The programme page, by day, room and track."
    )
    organisations = serializers.SerializerMethodField(
        help_text="The organisations that take part, with their role."
    )
    rooms = RoomSerializer(many=True, read_only=True)
    tracks = TrackSerializer(many=True, read_only=True)
    source = SourceSerializer(read_only=True)
    source_id = source_id_field()

    class Meta:
        model = Summit
        translated_fields = ["title", "date_note", "venue", "city", "district", "summary"]
        fields = [
            "id",
            "slug",
            "url",
            "year",
            "schedule_url",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "start_date",
            "end_date",
            "time_zone",
            "organisations",
            "rooms",
            "tracks",
            "source",
            "source_id",
            *PUBLISHING_FIELDS,
        ]
        read_only_fields = RECORD_READ_ONLY
        extra_kwargs = {"slug": {"required": False}}

    @extend_schema_field(SummitParticipantSerializer(many=True))
    def get_organisations(self, summit):
        participants = getattr(summit, "visible_participants", None)
        if participants is None:  # a summit just created or not read through the viewset
            request = self.context.get("request")
            participants = visible_participants(getattr(request, "user", None)).filter(
                summit=summit
            )
        return SummitParticipantSerializer(participants, many=True, context=self.context).data

    def get_schedule_url(self, summit) -> str:
        return absolute(self, reverse("summit:schedule", kwargs={"year": summit.year}))


class SummitViewSet(ContentViewSet):
    """Editions of the Pazhou Industrial Internet Summit, with their organisers, rooms and
    tracks."""

    queryset = Summit.objects.all()
    serializer_class = SummitSerializer
    filterset_class = SummitFilter

    def base_queryset(self):
        participants = visible_participants(self.request.user)
        return (
            Summit.objects.select_related("source")
            .prefetch_related(
                Prefetch(
                    "summitorganisation_set", queryset=participants, to_attr="visible_participants"
                ),
                "rooms",
                "tracks",
            )
            .order_by("-year")
        )


# --- Sessions ----------------------------------------------------------------------------------


class SessionSerializer(
    PageURLMixin,
    ModelCleanMixin,
    TranslatedFieldsMixin,
    PublishingSerializerMixin,
    serializers.ModelSerializer,
):
    ics_url = serializers.SerializerMethodField(help_text="The session as iCalendar (.ics).")
    year = serializers.IntegerField(source="summit.year", read_only=True)
    room = RoomSerializer(read_only=True, allow_null=True)
    room_id = serializers.PrimaryKeyRelatedField(
        source="room", queryset=Room.objects.all(), write_only=True, required=False, allow_null=True
    )
    track = TrackSerializer(read_only=True, allow_null=True)
    track_id = serializers.PrimaryKeyRelatedField(
        source="track",
        queryset=Track.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )
    appearances = AppearanceSerializer(many=True, read_only=True)
    source = SourceSerializer(read_only=True)
    source_id = source_id_field()

    class Meta:
        model = Session
        translated_fields = ["title", "abstract"]
        fields = [
            "id",
            "slug",
            "url",
            "ics_url",
            "summit",
            "year",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "kind",
            "date",
            "start_time",
            "end_time",
            "room",
            "room_id",
            "track",
            "track_id",
            "language",
            "order",
            "appearances",
            "source",
            "source_id",
            *PUBLISHING_FIELDS,
        ]
        read_only_fields = RECORD_READ_ONLY
        extra_kwargs = {
            "slug": {"required": False},
            "start_time": {"help_text": "Local time in the edition's time zone."},
            "end_time": {"help_text": "Local time in the edition's time zone."},
        }

    def get_ics_url(self, session) -> str:
        kwargs = {"year": session.summit.year, "slug": session.slug}
        return absolute(self, reverse("summit:session-ics", kwargs=kwargs))


class SessionViewSet(ContentViewSet):
    """Sessions, each with its people (appearances), their organisations, room and track.

    Times are local to the edition's time zone (Asia/Shanghai); a session whose time the source
    does not give has a date and no times."""

    queryset = Session.objects.all()
    serializer_class = SessionSerializer
    filterset_class = SessionFilter

    def base_queryset(self):
        return (
            Session.objects.select_related("summit", "room", "track", "source")
            .prefetch_related(appearances_prefetch(self.request.user))
            .order_by("date", "start_time", "order", "pk")
        )


# --- People ------------------------------------------------------------------------------------


class PersonSerializer(
    PageURLMixin,
    ModelCleanMixin,
    TranslatedFieldsMixin,
    PublishingSerializerMixin,
    serializers.ModelSerializer,
):
    name = serializers.SerializerMethodField(
        help_text="Family name first, in the response language's script with fallback."
    )
    name_en = serializers.CharField(read_only=True, help_text="Latin script, family name first.")
    name_zh = serializers.CharField(read_only=True, help_text="Chinese script.")
    affiliation = OrganisationRefSerializer(read_only=True, allow_null=True)
    affiliation_id = serializers.PrimaryKeyRelatedField(
        source="affiliation",
        queryset=Organisation.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )
    source = SourceSerializer(read_only=True)
    source_id = source_id_field()

    class Meta:
        model = Person
        translated_fields = ["honorifics", "position", "affiliation_text", "biography"]
        fields = [
            "id",
            "slug",
            "url",
            "name",
            "name_en",
            "name_zh",
            "family_name_en",
            "given_name_en",
            "family_name_zh",
            "given_name_zh",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "affiliation",
            "affiliation_id",
            "portrait",
            "source",
            "source_id",
            *PUBLISHING_FIELDS,
        ]
        read_only_fields = RECORD_READ_ONLY
        extra_kwargs = {"slug": {"required": False}}

    def get_name(self, person) -> str:
        return person.name


class PersonViewSet(ContentViewSet):
    """Speakers, hosts, moderators and releasers, with their titles and organisation."""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def base_queryset(self):
        return (
            Person.objects.select_related("source")
            .prefetch_related(
                Prefetch("affiliation", queryset=visible_organisations(self.request.user))
            )
            .order_by_name()
        )


# --- Releases ----------------------------------------------------------------------------------


class ReleaseSerializer(
    PageURLMixin,
    ModelCleanMixin,
    TranslatedFieldsMixin,
    PublishingSerializerMixin,
    serializers.ModelSerializer,
):
    year = serializers.IntegerField(source="summit.year", read_only=True)
    session = SessionRefSerializer(read_only=True, allow_null=True)
    session_id = serializers.PrimaryKeyRelatedField(
        source="session",
        queryset=Session.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )
    publisher = OrganisationRefSerializer(read_only=True, allow_null=True)
    publisher_id = serializers.PrimaryKeyRelatedField(
        source="publisher",
        queryset=Organisation.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )
    source = SourceSerializer(read_only=True)
    source_id = source_id_field()

    class Meta:
        model = Release
        translated_fields = ["title", "summary"]
        fields = [
            "id",
            "slug",
            "url",
            "summit",
            "year",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "kind",
            "session",
            "session_id",
            "publisher",
            "publisher_id",
            "file",
            "release_date",
            "release_date_precision",
            "source",
            "source_id",
            *PUBLISHING_FIELDS,
        ]
        read_only_fields = RECORD_READ_ONLY
        extra_kwargs = {
            "slug": {"required": False},
            "publish_at": {"help_text": "The embargo: the release is invisible before it."},
            "release_date": {
                "help_text": "Shown only to release_date_precision: 2023-01-01 with precision "
                "year means 2023."
            },
        }


class ReleaseViewSet(ContentViewSet):
    """Reports and lists released at a summit. A release's ``publish_at`` is its embargo."""

    queryset = Release.objects.all()
    serializer_class = ReleaseSerializer
    filterset_class = ReleaseFilter

    def base_queryset(self):
        return (
            Release.objects.select_related("summit", "session", "session__summit", "source")
            .prefetch_related(
                Prefetch("publisher", queryset=visible_organisations(self.request.user))
            )
            .order_by("summit__year", "release_date", "pk")
        )


# --- Photos ------------------------------------------------------------------------------------


class PhotoSerializer(
    ModelCleanMixin,
    TranslatedFieldsMixin,
    PublishingSerializerMixin,
    serializers.ModelSerializer,
):
    url = serializers.SerializerMethodField(
        help_text="The photo in its edition's gallery, in the response language."
    )
    year = serializers.IntegerField(source="summit.year", read_only=True)
    session = SessionRefSerializer(read_only=True, allow_null=True)
    session_id = serializers.PrimaryKeyRelatedField(
        source="session",
        queryset=Session.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
    )

    class Meta:
        required_in_one_language = ("credit",)
        model = Photo
        translated_fields = ["caption", "credit"]
        fields = [
            "id",
            "url",
            "summit",
            "year",
            "session",
            "session_id",
            "image",
            "width",
            "height",
            *translated_fields,
            *localized_field_names(*translated_fields),
            "licence",
            "order",
            *PUBLISHING_FIELDS,
        ]
        read_only_fields = [*RECORD_READ_ONLY, "width", "height"]

    def get_url(self, photo) -> str:
        path = reverse("summit:gallery", kwargs={"year": photo.summit.year})
        return absolute(self, f"{path}#photo-{photo.pk}")


class PhotoViewSet(ContentViewSet):
    """Photos of an edition or one of its sessions, with caption, credit and licence."""

    queryset = Photo.objects.all()
    serializer_class = PhotoSerializer
    filterset_class = PhotoFilter

    def base_queryset(self):
        return Photo.objects.select_related("summit", "session", "session__summit").order_by(
            "summit__year", "order", "pk"
        )
