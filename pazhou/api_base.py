"""Building blocks that every app's ``api.py`` uses, so that all endpoints behave alike.

- page-number pagination with a capped, validated ``page_size``;
- throttles whose rates are read from settings at request time (429 with ``Retry-After``);
- the response language from ``?lang=`` or ``Accept-Language``, with ``Vary`` set;
- serializers that expose a translated field in the requested language and per language;
- the publishing rules: only users with ``publish_<model>`` may publish, schedule or unpublish;
- querysets that show drafts only to users who may change the model.
"""

import re

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers, viewsets
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.response import Response

from pazhou.publishing import PublishingStatus, StaleVersionError
from pazhou.revisions import needs_review, revision_save_pending

API_LANGUAGES = {code.lower(): code for code, _name in settings.LANGUAGES}
LANGUAGE_FIELD_SUFFIXES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]


def language_from_parameter(value):
    """The LANGUAGES code for ?lang= (``en``, ``zh-hans``, ``zh_Hans`` …), or a 400."""
    code = API_LANGUAGES.get(value.strip().lower().replace("_", "-"))
    if code is None:
        raise ValidationError(
            {
                "lang": _("Unknown language “%(value)s”. Use one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(API_LANGUAGES.values())}
            }
        )
    return code


LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=list(API_LANGUAGES.values()),
    description="Language of the translated fields; overrides Accept-Language.",
)


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with ?lang= documented on every operation."""

    def get_override_parameters(self):
        return [*super().get_override_parameters(), LANG_PARAMETER]


class PreconditionFailed(APIException):
    status_code = 412
    default_detail = _("This item was changed since you read it.")
    default_code = "precondition_failed"


IF_MATCH_VERSION = re.compile(r'^(?:W/)?"(\d+)(?:-[A-Za-z_-]+)?"$')


def etag_for(instance):
    """The ETag of a detail response: the object's version and the response language."""
    return f'"{instance.version}-{translation.get_language()}"'


def if_match_versions(header):
    """The versions named in an If-Match header; None for ``*``. A malformed value matches
    nothing, so it answers 412 like a stale one."""
    versions = set()
    for tag in header.split(","):
        tag = tag.strip()
        if tag == "*":
            return None
        match = IF_MATCH_VERSION.match(tag)
        if match:
            versions.add(int(match.group(1)))
    return versions


class ContentViewSet(viewsets.ModelViewSet):
    """A ModelViewSet for publishable content: language, drafts, publishing rules, and
    conditional requests (``ETag`` on details, ``If-Match`` checked on writes)."""

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

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag_for(self._object)
        return response

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        if needs_review(instance, request.user):
            return self.hold_for_review(instance, serializer)
        self.perform_update(serializer)
        if getattr(instance, "_prefetched_objects_cache", None):
            instance._prefetched_objects_cache = {}
        response = Response(serializer.data)
        response["ETag"] = etag_for(self._object)
        return response

    def hold_for_review(self, instance, serializer):
        """An Editor's change to live content: kept as a pending revision, the live item
        unchanged. Answers 202 with the live item and the pending change."""
        for name, value in serializer.validated_data.items():
            field = instance._meta.get_field(name)
            if field.concrete and not field.many_to_many:
                setattr(instance, name, value)
        with transaction.atomic():
            revision = revision_save_pending(instance=instance, user=self.request.user)
        live = self.get_queryset().get(pk=instance.pk)
        data = dict(self.get_serializer(live).data)
        data["pending_change"] = (
            {
                "fields": sorted(revision.data),
                "based_on_version": revision.base_version,
                "detail": _(
                    "Your change is kept for review. The live item stays as it is until a "
                    "Publisher publishes the change."
                ),
            }
            if revision is not None
            else None
        )
        response = Response(data, status=202)
        response["ETag"] = etag_for(live)
        return response

    def get_object(self):
        self._object = super().get_object()
        if self.request.method in {"PUT", "PATCH", "DELETE"}:
            self.check_if_match(self._object)
        return self._object

    def check_if_match(self, instance):
        """A write without If-Match is accepted; one naming another version answers 412."""
        header = self.request.headers.get("If-Match")
        if header is None:
            return
        versions = if_match_versions(header)
        if versions is not None and instance.version not in versions:
            raise PreconditionFailed(
                _(
                    "If-Match names version %(given)s, but the item is at version %(current)d "
                    "now: someone changed it since you read it. Read it again and reapply "
                    "your change."
                )
                % {
                    "given": ", ".join(str(v) for v in sorted(versions)) or header,
                    "current": instance.version,
                }
            )

    def perform_update(self, serializer):
        try:
            with transaction.atomic():
                serializer.save()
        except StaleVersionError:
            raise PreconditionFailed(
                _("Someone else saved this item while you were saving it. Read it again.")
            ) from None

    def base_queryset(self):
        return self.queryset.all()

    def get_queryset(self):
        return self.base_queryset().for_user(self.request.user)


def localized_field_names(*names):
    """``name_en``, ``name_zh_hans``, … for the ``Meta.fields`` of a serializer."""
    return [
        build_localized_fieldname(name, suffix)
        for name in names
        for suffix in LANGUAGE_FIELD_SUFFIXES
    ]


class TranslatedFieldsMixin:
    """For each name in ``Meta.translated_fields``, expose ``name``: read-only, in the
    requested language with fallback. The writable ``name_en`` and ``name_zh_hans`` are listed
    in ``Meta.fields`` with :func:`localized_field_names`. Names in
    ``Meta.required_in_one_language`` must be given in at least one language."""

    def get_fields(self):
        fields = super().get_fields()
        for name in getattr(self.Meta, "translated_fields", ()):
            fields[name] = TranslatedValueField()
        return fields

    def validate(self, attrs):
        """Each field named in ``Meta.required_in_one_language`` needs a value in at least one
        language (the fallback shows it in the other)."""
        attrs = super().validate(attrs)
        for name in getattr(self.Meta, "required_in_one_language", ()):
            columns = localized_field_names(name)
            if not any(attrs.get(c, getattr(self.instance, c, "")) for c in columns):
                label = self.Meta.model._meta.get_field(name).verbose_name
                raise ValidationError(
                    {
                        columns[0]: _("Give the %(field)s in at least one language.")
                        % {"field": label}
                    }
                )
        return attrs


@extend_schema_field(OpenApiTypes.STR)
class TranslatedValueField(serializers.ReadOnlyField):
    """A translated field in the response language, falling back to the other language."""


class PublishingSerializerMixin(serializers.Serializer):
    """Lets only holders of ``publish_<model>`` publish, schedule or unpublish."""

    PUBLISHING_FIELDS = ("status", "publish_at", "unpublish_at")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        request = self.context.get("request")
        opts = self.Meta.model._meta
        if request is None or request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"):
            return attrs
        instance = self.instance
        if attrs.get("status") == PublishingStatus.PUBLISHED and (
            instance is None or instance.status != PublishingStatus.PUBLISHED
        ):
            raise PermissionDenied(_("You may submit this for review, but not publish it."))
        if (
            instance is not None
            and instance.status == PublishingStatus.PUBLISHED
            and attrs.get("status", PublishingStatus.PUBLISHED) != PublishingStatus.PUBLISHED
        ):
            raise PermissionDenied(_("Only a Publisher may unpublish this."))
        for field in ("publish_at", "unpublish_at"):
            if field in attrs and attrs[field] != getattr(instance, field, None):
                raise PermissionDenied(_("Only a Publisher may schedule publishing."))
        return attrs
