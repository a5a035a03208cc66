"""Admin building blocks that every content app uses.

:class:`PublishableAdminMixin` gives every publishable model the same editorial workflow:

- only Publishers publish, schedule or unpublish (form fields, buttons and bulk actions);
- an Editor's change to published content is kept as a pending revision, and the live item stays
  as it was until a Publisher publishes the change (buttons on the change form);
- a form saved on top of someone else's newer save is refused with what changed and who changed
  it, and everything typed stays on the form;
- list columns show the state at a glance (draft, in review, scheduled, live, expired, change
  pending).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from pazhou.publishing import PublishingStatus, StaleVersionError
from pazhou.revisions import (
    PendingRevision,
    needs_review,
    pending_revision_for,
    revision_discard,
    revision_publish,
    revision_save_pending,
)
from pazhou.text import normalise_for_search
from pazhou.workflow import (
    can_publish,
    content_publish,
    content_submit_for_review,
    content_unpublish,
)


class ScheduleForm(forms.Form):
    """The bulk "schedule" action's question: when the items go live, and when they end."""

    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Local time (Asia/Shanghai)."),
    )
    unpublish_at = forms.DateTimeField(
        label=_("Unpublish at (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean(self):
        cleaned_data = super().clean()
        publish_at, unpublish_at = cleaned_data.get("publish_at"), cleaned_data.get("unpublish_at")
        if publish_at and publish_at <= timezone.now():
            self.add_error(
                "publish_at",
                _("Choose a time in the future, or use “Publish the selected items now”."),
            )
        if publish_at and unpublish_at and unpublish_at <= publish_at:
            self.add_error("unpublish_at", _("The end must come after the time to go live."))
        return cleaned_data


__all__ = ["NormalisedSearchMixin", "PublishableAdminMixin", "can_publish", "changes_since"]

SEEN_VERSION = "seen_version"


def changes_since(instance, version):
    """Who saved ``instance`` after ``version``, when, and which fields differ:
    ``(names of people, time of the last save, verbose names of changed fields)``. Uses the
    item's history where it has one."""
    history = getattr(type(instance), "history", None)
    if history is None:
        return [], None, []
    records = list(instance.history.filter(version__gte=version).order_by("history_date"))
    newer = [record for record in records if record.version > version]
    if not newer:
        return [], None, []
    people = sorted(
        {str(record.history_user) for record in newer if record.history_user is not None}
    )
    changed = []
    base = next((record for record in records if record.version == version), None)
    if base is not None:
        delta = newer[-1].diff_against(base)
        changed = [
            str(instance._meta.get_field(change.field).verbose_name)
            for change in delta.changes
            if change.field not in {"version", "updated_at"}
        ]
    return people, newer[-1].history_date, changed


def stale_version_message(instance, seen_version):
    people, when, changed = changes_since(instance, seen_version)
    parts = [
        str(
            _(
                "Someone else saved this item after you opened it (your version %(seen)s, now "
                "version %(now)s)."
            )
            % {"seen": seen_version, "now": instance.version}
        )
    ]
    if people:
        parts.append(str(_("Saved by: %(people)s.") % {"people": ", ".join(people)}))
    if when:
        parts.append(str(_("Last saved: %(when)s.") % {"when": when.strftime("%Y-%m-%d %H:%M")}))
    if changed:
        parts.append(str(_("Changed fields: %(fields)s.") % {"fields": ", ".join(changed)}))
    parts.append(
        str(
            _(
                "Nothing was saved. Your input is still on the form: check it against the "
                "current version and save again to apply it."
            )
        )
    )
    return " ".join(parts)


class PublishableAdminMixin(SimpleHistoryAdmin):
    """Publishing rules, pending revisions, stale-save protection, history with compare and
    revert, in the admin. Put it before the ``ModelAdmin`` class (e.g. ``TranslationAdmin``)."""

    history_list_display = ["version", "status"]
    publishing_fieldset = (
        _("Publishing"),
        {"fields": ("status", "publish_at", "unpublish_at")},
    )
    actions = ["submit_for_review", "publish_now", "schedule", "unpublish"]

    # --- Permissions -----------------------------------------------------------------------

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def has_delete_permission(self, request, obj=None):
        """Editors may delete their drafts, never published content."""
        if not super().has_delete_permission(request, obj):
            return False
        if obj is not None and obj.status == PublishingStatus.PUBLISHED:
            return can_publish(request.user, self.model)
        return True

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

    # --- The list --------------------------------------------------------------------------

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                has_pending_change=Exists(
                    PendingRevision.objects.filter(
                        content_type=ContentType.objects.get_for_model(self.model),
                        object_id=OuterRef("pk"),
                    )
                )
            )
        )

    @admin.display(description=_("state"))
    def publishing_state_display(self, obj):
        state = obj.publishing_state
        if state == "scheduled":
            label = _("scheduled for %(when)s") % {
                "when": obj.publish_at.strftime("%Y-%m-%d %H:%M")
            }
        else:
            label = {
                "draft": _("draft"),
                "review": _("in review"),
                "live": _("live"),
                "expired": _("expired"),
            }[state]
        if getattr(obj, "has_pending_change", False):
            label = _("%(state)s, change pending review") % {"state": label}
        return label

    # --- Bulk actions: one item at a time, through the workflow services ---------------------

    def _each(self, request, queryset, action, done_message):
        count = 0
        for instance in queryset:
            try:
                action(instance=instance, user=request.user)
            except StaleVersionError:
                self.message_user(
                    request,
                    _("“%(item)s” was changed by someone else meanwhile; it was left as it is.")
                    % {"item": instance},
                    messages.WARNING,
                )
                continue
            count += 1
        self.message_user(request, done_message(count), messages.SUCCESS)

    @admin.action(description=_("Submit the selected items for review"))
    def submit_for_review(self, request, queryset):
        self._each(
            request,
            queryset.filter(status=PublishingStatus.DRAFT),
            content_submit_for_review,
            lambda n: (
                ngettext(
                    "%(count)d item submitted for review.",
                    "%(count)d items submitted for review.",
                    n,
                )
                % {"count": n}
            ),
        )

    @admin.action(description=_("Publish the selected items now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        self._each(
            request,
            queryset,
            content_publish,
            lambda n: (
                ngettext("%(count)d item published.", "%(count)d items published.", n)
                % {"count": n}
            ),
        )

    @admin.action(description=_("Schedule the selected items…"), permissions=["publish"])
    def schedule(self, request, queryset):
        """Asks for the time to go live (and an optional end), then publishes each item
        scheduled for it."""
        form = ScheduleForm(request.POST if "apply_schedule" in request.POST else None)
        if form.is_bound and form.is_valid():
            publish_at, unpublish_at = (
                form.cleaned_data["publish_at"],
                form.cleaned_data["unpublish_at"],
            )
            self._each(
                request,
                queryset,
                lambda *, instance, user: content_publish(
                    instance=instance, user=user, publish_at=publish_at, unpublish_at=unpublish_at
                ),
                lambda n: (
                    ngettext(
                        "%(count)d item scheduled for %(when)s.",
                        "%(count)d items scheduled for %(when)s.",
                        n,
                    )
                    % {
                        "count": n,
                        "when": timezone.localtime(publish_at).strftime("%Y-%m-%d %H:%M"),
                    }
                ),
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Schedule publishing"),
            "opts": self.model._meta,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/pazhou/schedule_action.html", context)

    @admin.action(description=_("Unpublish the selected items"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._each(
            request,
            queryset.exclude(status=PublishingStatus.DRAFT),
            content_unpublish,
            lambda n: (
                ngettext("%(count)d item unpublished.", "%(count)d items unpublished.", n)
                % {"count": n}
            ),
        )

    # --- The change form ---------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form_class

        class VersionCheckedForm(form_class):
            """Refuses a save based on an older version than the one now stored."""

            def clean(self):
                cleaned_data = super().clean()
                seen = request.POST.get(SEEN_VERSION, "")
                if seen.isdigit() and int(seen) != self.instance.version:
                    raise ValidationError(
                        stale_version_message(self.instance, int(seen)), code="stale"
                    )
                return cleaned_data

        return VersionCheckedForm

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and needs_review(obj, request.user):
            # Inline rows of live content cannot wait for review with the item: read-only.
            for inline in inlines:
                inline.has_add_permission = lambda request, obj=None: False
                inline.has_change_permission = lambda request, obj=None: False
                inline.has_delete_permission = lambda request, obj=None: False
        return inlines

    def save_model(self, request, obj, form, change):
        reverting_to = getattr(request, "_reverting_to", None)
        if reverting_to is not None:
            self.prepare_revert(request, obj, form, reverting_to)
        self.apply_publishing_button(request, obj)
        if change and needs_review(obj, request.user):
            request._held_for_review = True
            revision = revision_save_pending(instance=obj, user=request.user)
            if revision is None:
                message = _("Nothing differs from the live version; no change is pending.")
            else:
                message = _(
                    "Your change is kept for review. The live version stays as it is until a "
                    "Publisher publishes the change."
                )
            messages.info(request, message)
            return
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    def apply_publishing_button(self, request, obj):
        """The change form's publishing buttons: save and submit for review (anyone), save and
        publish now or unpublish (Publishers only; others' forged buttons are ignored)."""
        publisher = can_publish(request.user, self.model)
        if "_submit_for_review" in request.POST and obj.status == PublishingStatus.DRAFT:
            obj.status = PublishingStatus.IN_REVIEW
            obj._change_reason = "Submitted for review"
        elif "_publish_now" in request.POST and publisher:
            obj.status = PublishingStatus.PUBLISHED
            obj.publish_at = None
            if obj.unpublish_at and obj.unpublish_at <= timezone.now():
                obj.unpublish_at = None
            obj._change_reason = "Published"
        elif "_unpublish" in request.POST and publisher:
            obj.status = PublishingStatus.DRAFT
            obj._change_reason = "Unpublished"

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_held_for_review", False):
            return
        super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_held_for_review", False):
            # The inlines were not saved, so the default message cannot be built from them.
            return [{"changed": {"fields": [str(_("pending change, waiting for review"))]}}]
        return super().construct_change_message(request, form, formsets, add)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "_held_for_review", False) and level == messages.SUCCESS:
            return  # the default "changed successfully" would say it went live
        return super().message_user(request, message, level, *args, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id is not None:
            obj = self.get_object(request, object_id)
            if obj is not None:
                revision = pending_revision_for(obj)
                extra_context.update(
                    publishing_buttons=True,
                    pending_revision=revision,
                    can_publish_pending=can_publish(request.user, self.model),
                    seen_version=obj.version,
                )
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersionError:
            # Someone saved between this form's check and its save: nothing was written.
            self.message_user(
                request,
                _(
                    "Someone else saved this item at the same moment. Nothing was saved: reload "
                    "and apply your change again."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())

    # --- History: compare and revert -----------------------------------------------------------

    def revert_disabled(self, request, obj=None):
        """Reverting is a Publisher's decision (the ``publish_<model>`` permission)."""
        return super().revert_disabled(request, obj) or not can_publish(request.user, self.model)

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {**(extra_context or {}), "can_compare": True}
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            if not can_publish(request.user, self.model):
                raise PermissionDenied
            history_model = self.model.history.model
            record = get_object_or_404(
                history_model, **{self.model._meta.pk.attname: object_id, "history_id": version_id}
            )
            request._reverting_to = record
        return super().history_form_view(request, object_id, version_id, extra_context)

    def prepare_revert(self, request, obj, form, record):
        """A revert is a new change: the version keeps rising from the current one, and the
        publishing state stays as it is unless the Publisher chose another in the form."""
        current = type(obj)._base_manager.get(pk=obj.pk)
        obj.version = current.version
        for name in ("status", "publish_at", "unpublish_at"):
            chosen = name in form.changed_data
            if not chosen:
                setattr(obj, name, getattr(current, name))
        obj._change_reason = f"Reverted to version {record.version}"
        obj._history_user = request.user

    def compare_view(self, request, object_id):
        """Field-by-field compare of any two versions of an item (``?from=&to=`` history ids)."""
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        records = obj.history.all()
        older_id, newer_id = request.GET.get("from", ""), request.GET.get("to", "")
        if not (older_id.isdigit() and newer_id.isdigit()):
            older, newer = None, None
        else:
            older = get_object_or_404(records, history_id=older_id)
            newer = get_object_or_404(records, history_id=newer_id)
            if older.history_date > newer.history_date:
                older, newer = newer, older
        rows = []
        if older is not None:
            delta = newer.diff_against(older)
            changed = {change.field for change in delta.changes}
            recorded = {field.attname for field in type(older)._meta.concrete_fields}
            for field in type(obj)._meta.concrete_fields:
                if field.name in {"id", "updated_at", "created_at"}:
                    continue
                if field.attname not in recorded:
                    continue  # left out of the history (e.g. the untranslated original column)
                rows.append(
                    {
                        "label": field.verbose_name,
                        "name": field.name,
                        "older": getattr(older, field.attname),
                        "newer": getattr(newer, field.attname),
                        "changed": field.name in changed,
                    }
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "title": _("Compare versions of %(item)s") % {"item": obj},
            "records": records.select_related("history_user")[:200],
            "older": older,
            "newer": newer,
            "rows": rows,
            "changed_only": request.GET.get("changed_only") == "1",
            "can_compare": True,
        }
        return TemplateResponse(request, "admin/pazhou/compare_versions.html", context)

    # --- Pending revisions: publish or discard (Publishers) ---------------------------------

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/pending/<str:decision>/",
                self.admin_site.admin_view(require_POST(self.pending_revision_view)),
                name=f"{name}_pending",
            ),
            *super().get_urls(),
        ]

    def pending_revision_view(self, request, object_id, decision):
        obj = self.get_object(request, object_id)
        if obj is None or decision not in {"publish", "discard"}:
            raise PermissionDenied
        if not can_publish(request.user, self.model):
            raise PermissionDenied
        revision = get_object_or_404(
            PendingRevision,
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=obj.pk,
        )
        if decision == "publish":
            revision_publish(revision=revision, user=request.user)
            self.message_user(request, _("The pending change is live."), messages.SUCCESS)
        else:
            revision_discard(revision=revision, user=request.user)
            self.message_user(request, _("The pending change was discarded."), messages.SUCCESS)
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )


class NormalisedSearchMixin:
    """Admin search with the site's normalisation: full-width, Traditional script and case."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, normalise_for_search(search_term))
