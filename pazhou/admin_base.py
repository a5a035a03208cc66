"""Admin building blocks that every content app uses."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pazhou.publishing import PublishingStatus
from pazhou.text import normalise_for_search


def can_publish(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


class PublishableAdminMixin:
    """Publishing rules in the admin: only Publishers publish, schedule or unpublish.

    Editors see the status choices "draft" and "in review"; the schedule fields, and the status
    of live items, are read-only for them.
    """

    publishing_fieldset = (
        _("Publishing"),
        {"fields": ("status", "publish_at", "unpublish_at")},
    )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user, self.model):
            readonly += ["publish_at", "unpublish_at"]
            if obj is not None and obj.status == PublishingStatus.PUBLISHED:
                readonly.append("status")
        return readonly

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not can_publish(request.user, self.model):
            kwargs["choices"] = [
                (value, label)
                for value, label in PublishingStatus.choices
                if value != PublishingStatus.PUBLISHED
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.display(description=_("state"))
    def publishing_state_display(self, obj):
        state = obj.publishing_state
        if state == "scheduled":
            return _("scheduled for %(when)s") % {"when": obj.publish_at.strftime("%Y-%m-%d %H:%M")}
        return {
            "draft": _("draft"),
            "review": _("in review"),
            "live": _("live"),
            "expired": _("expired"),
        }[state]


class NormalisedSearchMixin:
    """Admin search with the site's normalisation: full-width, Traditional script and case."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, normalise_for_search(search_term))
