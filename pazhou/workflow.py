"""Editorial workflow services: submit for review, publish, schedule, unpublish.

The admin's buttons and bulk actions and the API all go through these functions, one item at a
time, so that every change bumps the item's ``version`` and leaves a history entry. Nothing here
uses ``queryset.update()``.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pazhou.publishing import PublishingStatus
from pazhou.revisions import pending_revision_for, revision_publish


def can_publish(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def _save(instance, *, user, reason):
    instance._history_user = user
    instance._change_reason = reason
    instance.save()
    return instance


@transaction.atomic
def content_submit_for_review(*, instance, user):
    """A draft goes to review. Anyone who may change the item may do this."""
    if instance.status != PublishingStatus.DRAFT:
        return instance
    instance.status = PublishingStatus.IN_REVIEW
    return _save(instance, user=user, reason="Submitted for review")


@transaction.atomic
def content_publish(*, instance, user, publish_at=None, unpublish_at=None):
    """Publish now, or at ``publish_at`` (scheduled), applying any pending change first.
    Needs the ``publish_<model>`` permission."""
    if not can_publish(user, type(instance)):
        raise PermissionDenied(_("Only a Publisher may publish this."))
    revision = pending_revision_for(instance)
    if revision is not None:
        instance = revision_publish(revision=revision, user=user)
    if unpublish_at is not None and publish_at is not None and unpublish_at <= publish_at:
        raise ValueError("unpublish_at must come after publish_at")
    instance.status = PublishingStatus.PUBLISHED
    instance.publish_at = publish_at
    if unpublish_at is not None:
        instance.unpublish_at = unpublish_at
    elif instance.unpublish_at and instance.unpublish_at <= timezone.now():
        instance.unpublish_at = None  # an expired end would hide it again at once
    reason = "Scheduled" if publish_at and publish_at > timezone.now() else "Published"
    return _save(instance, user=user, reason=reason)


@transaction.atomic
def content_unpublish(*, instance, user):
    """Take an item off the site: it becomes a draft again. Needs the publish permission."""
    if not can_publish(user, type(instance)):
        raise PermissionDenied(_("Only a Publisher may unpublish this."))
    if instance.status == PublishingStatus.DRAFT:
        return instance
    instance.status = PublishingStatus.DRAFT
    return _save(instance, user=user, reason="Unpublished")
