"""Pending revisions: changes to live content that wait for a Publisher, as in Wagtail.

When someone without the ``publish_<model>`` permission changes an item that is published
(live, scheduled or expired), the live row stays as it was. The change is kept here, one pending
revision per item, until a Publisher publishes it (:func:`revision_publish`) or discards it.
Preview applies it in memory (:func:`with_pending_changes`) without saving.

The changed fields are stored with Django's JSON serializer, so every field type round-trips
(dates, decimals, foreign keys by id, files by name).
"""

import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from pazhou.publishing import PublishingStatus

# Never part of a revision: publishing is a Publisher's decision, the rest is bookkeeping.
NOT_REVISED = {"id", "status", "publish_at", "unpublish_at", "version", "created_at", "updated_at"}


class PendingRevision(models.Model):
    """An unpublished change to a live item: the fields that differ, and who changed them."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("changed fields"), default=dict)
    base_version = models.PositiveIntegerField(
        _("based on version"), help_text=_("The live version the change was made against.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        app_label = "pazhou"
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_pending_revision_per_item"
            )
        ]

    def __str__(self):
        return str(self.content_object or f"{self.content_type} {self.object_id}")

    def changed_fields(self):
        """``[(verbose name, live value, pending value)]`` for display."""
        live = self.content_object
        pending = with_pending_changes(live, self)
        rows = []
        for name in self.data:
            field = live._meta.get_field(name)
            rows.append(
                (field.verbose_name, display_value(live, field), display_value(pending, field))
            )
        return rows


def display_value(instance, field):
    if field.choices:
        return getattr(instance, f"get_{field.name}_display")()
    if field.is_relation:
        return str(getattr(instance, field.name) or "")
    value = getattr(instance, field.attname)
    return "" if value is None else str(value)


def translated_originals(model):
    """Names of modeltranslation's original fields (``title`` beside ``title_en`` and
    ``title_zh_hans``): they only mirror the active language, so a revision leaves them out."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def revisable_fields(model):
    """Concrete, editable fields that a revision may carry: the per-language columns, not the
    original field that mirrors one of them."""
    originals = translated_originals(model)
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable
        and field.name not in NOT_REVISED
        and field.name not in originals
        and not field.primary_key
    ]


def _serialised_fields(instance):
    return json.loads(serializers.serialize("json", [instance]))[0]["fields"]


def changed_field_data(instance, live):
    """The serialised values of the fields where ``instance`` differs from ``live``."""
    new, old = _serialised_fields(instance), _serialised_fields(live)
    names = {field.name for field in revisable_fields(type(instance))}
    empty = (None, "")
    return {
        name: new[name]
        for name in sorted(names)
        if name in new
        and new[name] != old[name]
        and not (new[name] in empty and old[name] in empty)
    }


def needs_review(instance, user):
    """Whether ``user``'s change to ``instance`` must wait: it is published content and the
    user may not publish it."""
    if instance.pk is None:
        return False
    opts = type(instance)._meta
    if user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"):
        return False
    live = type(instance)._base_manager.filter(pk=instance.pk).values_list("status", flat=True)
    return live.first() == PublishingStatus.PUBLISHED


def pending_revision_for(instance):
    if instance.pk is None:
        return None
    return PendingRevision.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=instance.pk
    ).first()


@transaction.atomic
def revision_save_pending(*, instance, user):
    """Keep ``instance``'s unsaved changes as the item's pending revision; the live row is not
    touched. Returns the revision, or ``None`` when nothing differs from the live row (an
    existing pending revision is then dropped, since the item is back to its live state)."""
    model = type(instance)
    live = model._base_manager.get(pk=instance.pk)
    data = changed_field_data(instance, live)
    content_type = ContentType.objects.get_for_model(model)
    if not data:
        PendingRevision.objects.filter(content_type=content_type, object_id=instance.pk).delete()
        return None
    revision, _created = PendingRevision.objects.update_or_create(
        content_type=content_type,
        object_id=instance.pk,
        defaults={"data": data, "base_version": live.version, "author": user},
    )
    return revision


def with_pending_changes(instance, revision=None):
    """A copy of ``instance`` with its pending revision applied in memory (for preview and
    compare); ``instance`` itself when there is none. Nothing is saved."""
    revision = revision if revision is not None else pending_revision_for(instance)
    if revision is None:
        return instance
    document = [
        {
            "model": instance._meta.label_lower,
            "pk": instance.pk,
            "fields": {**_serialised_fields(instance), **revision.data},
        }
    ]
    pending = next(serializers.deserialize("json", json.dumps(document))).object
    for field in instance._meta.concrete_fields:
        if field.name in NOT_REVISED:
            setattr(pending, field.attname, getattr(instance, field.attname))
    pending._state.adding = False
    pending._state.db = instance._state.db
    return pending


@transaction.atomic
def revision_publish(*, revision, user):
    """Apply a pending revision to the live item (one save: version bump and history), then
    drop it. Returns the saved item."""
    live = (
        type(revision.content_object)._base_manager.select_for_update().get(pk=revision.object_id)
    )
    updated = with_pending_changes(live, revision)
    for name in revision.data:
        field = live._meta.get_field(name)
        setattr(live, field.attname, getattr(updated, field.attname))
    live._change_reason = "Published a pending change"
    live._history_user = user
    live.save()
    revision.delete()
    return live


@transaction.atomic
def revision_discard(*, revision, user):
    """Drop a pending revision; the live item stays as it is."""
    revision.delete()
