"""The publishing base that every reader-facing content model inherits.

One queryset method, ``visible()``, decides what anonymous readers see: the item is published,
its ``publish_at`` has come (or is empty), its ``unpublish_at`` has not come, and every
publishing parent named in ``Meta``-like ``publishing_parents`` is visible too. Scheduled
publishing therefore needs no cron job.

Saves are optimistic: ``UPDATE … WHERE version = n``. A stale save raises
:class:`StaleVersionError` instead of overwriting someone else's work.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StaleVersionError(Exception):
    """Raised when a save is based on a version that someone else has since changed."""

    def __init__(self, instance, expected_version):
        self.instance = instance
        self.expected_version = expected_version
        super().__init__(
            f"{type(instance).__name__} {instance.pk} was changed by someone else "
            f"since version {expected_version} was read."
        )


class PublishingStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "review", _("in review")
    PUBLISHED = "published", _("published")


def visible_q(model, now, prefix=""):
    """A Q object that holds when the row reached through ``prefix`` is visible at ``now``."""
    q = (
        Q(**{f"{prefix}status": PublishingStatus.PUBLISHED})
        & (Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now}))
        & (Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now}))
    )
    for parent in getattr(model, "publishing_parents", ()):
        field = model._meta.get_field(parent)
        parent_q = visible_q(field.related_model, now, f"{prefix}{parent}__")
        if field.null:
            parent_q |= Q(**{f"{prefix}{parent}__isnull": True})
        q &= parent_q
    return q


class PublishableQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Rows that anonymous readers may see now (or at ``now``)."""
        return self.filter(visible_q(self.model, now or timezone.now()))

    def for_user(self, user, now=None):
        """Everything for users who may change this model, ``visible()`` for everyone else."""
        opts = self.model._meta
        if user is not None and user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            return self.all()
        return self.visible(now)


class Publishable(models.Model):
    """Abstract base: status, schedule, timestamps and an optimistic-locking version.

    A concrete subclass declares:

    - ``publishing_parents``: names of foreign keys to publishable parents that gate it;
    - a ``("publish_<model>", …)`` permission in its ``Meta.permissions`` (a system check
      makes sure).
    """

    publishing_parents = ()

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublishingStatus.choices,
        default=PublishingStatus.DRAFT,
        db_index=True,
        help_text=_("Only published items are shown to readers."),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Empty means as soon as it is published. A future time schedules it."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_("Optional end: readers no longer see the item from this time."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Rises with every save; a save based on an older version is refused."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        expected = None
        if not self._state.adding and not kwargs.get("force_insert"):
            expected = self.version
            self.version = expected + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "version" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "version"]
        self._expected_version = expected
        try:
            super().save(*args, **kwargs)
        except BaseException:
            if expected is not None:
                self.version = expected
            raise
        finally:
            self._expected_version = None

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        expected = getattr(self, "_expected_version", None)
        if expected is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        updated = super()._do_update(
            base_qs.filter(version=expected), using, pk_val, values, update_fields, True
        )
        if not updated:
            raise StaleVersionError(self, expected)
        return updated

    def is_visible(self, now=None):
        """Whether anonymous readers may see this item now, parents included."""
        return (
            type(self)
            ._base_manager.filter(pk=self.pk)
            .filter(visible_q(type(self), now or timezone.now()))
            .exists()
        )

    @property
    def publishing_state(self):
        """draft, review, scheduled, live or expired: what list columns show."""
        now = timezone.now()
        if self.status != PublishingStatus.PUBLISHED:
            return self.status
        if self.unpublish_at and self.unpublish_at <= now:
            return "expired"
        if self.publish_at and self.publish_at > now:
            return "scheduled"
        return "live"
