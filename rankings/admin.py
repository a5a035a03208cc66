"""The rankings admin, for Editors and Publishers.

- Series and editions follow the publishing workflow (:class:`PublishableAdminMixin`); an
  edition carries its categories inline. Its entries, thousands of them, have their own list,
  filtered by edition, which the edition's page links to with the import and the downloads.
- Entries are imported from a spreadsheet through django-import-export's own flow: choose the
  edition, upload a CSV or XLSX file, read the preview of every row (new, changed, unchanged,
  new organisations flagged), confirm. It is the pipeline of ``manage.py import_ranking``
  (:mod:`rankings.spreadsheets`).
- Who may import: Editors into editions that are not published; into a published edition only
  a Publisher, since changing a live list is a publishing decision (DESIGN.md: changes to live
  content wait for review, and a list of entries cannot be held as a pending revision). The
  same rule guards the entry form.
- History (django-simple-history) is kept for every model, with the file an import came from as
  the change reason. Series and editions get the publishing base's history pages (compare, and
  reverts by Publishers that keep the current version and state); an entry's history page lets
  whoever may change the entry revert it, which the edition rule above guards.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.signals import post_import
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from pazhou.admin_base import NormalisedSearchMixin, PublishableAdminMixin
from rankings.models import Category, Edition, Entry, Series
from rankings.spreadsheets import (
    MAX_FILE_SIZE,
    EntryResource,
    SpreadsheetError,
    SpreadsheetFormat,
    column_help,
    edition_entries_editable,
    editions_with_editable_entries,
    import_summary,
    tmp_storage_class_name,
)

RECORD_FIELDS = ("version", "created_at", "updated_at")
RECORD_FIELDSET = (_("Record"), {"fields": RECORD_FIELDS})


# --- Series ---------------------------------------------------------------------------------


@admin.register(Series)
class SeriesAdmin(
    NormalisedSearchMixin, PublishableAdminMixin, SimpleHistoryAdmin, TranslationAdmin
):
    list_display = ("name", "slug", "publisher", "edition_count", "publishing_state_display")
    list_filter = ("status",)
    list_select_related = ("publisher",)
    search_fields = ("name_en", "name_zh_hans", "slug", "description_en", "description_zh_hans")
    autocomplete_fields = ("publisher",)
    readonly_fields = RECORD_FIELDS
    fieldsets = (
        (None, {"fields": ("name", "slug", "publisher", "description")}),
        PublishableAdminMixin.publishing_fieldset,
        RECORD_FIELDSET,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(edition_count=Count("editions"))

    @admin.display(description=_("editions"), ordering="edition_count")
    def edition_count(self, obj):
        return obj.edition_count


# --- Editions -------------------------------------------------------------------------------


class CategoryInline(TranslationTabularInline):
    model = Category
    extra = 0
    fields = ("name", "description", "order")


def _entry_changelist(edition):
    return f"{reverse('admin:rankings_entry_changelist')}?edition__id__exact={edition.pk}"


def _entry_import(edition):
    return f"{reverse('admin:rankings_entry_import')}?edition={edition.pk}"


def _download(edition, kind):
    """The download, with ``?preview=1`` so that a draft edition downloads too."""
    try:
        url = reverse(
            f"rankings:edition-{kind}", kwargs={"series": edition.series.slug, "year": edition.year}
        )
    except NoReverseMatch:
        return ""
    return f"{url}?preview=1"


@admin.register(Edition)
class EditionAdmin(
    NormalisedSearchMixin, PublishableAdminMixin, SimpleHistoryAdmin, TranslationAdmin
):
    list_display = (
        "year",
        "title",
        "series",
        "is_ranked",
        "entries_link",
        "publishing_state_display",
    )
    list_display_links = ("year", "title")
    list_filter = ("series", "status", "is_ranked", "year")
    list_select_related = ("series",)
    search_fields = (
        "title_en",
        "title_zh_hans",
        "series__name_en",
        "series__name_zh_hans",
        "series__slug",
        "=year",
    )
    autocomplete_fields = ("series", "release", "source")
    readonly_fields = RECORD_FIELDS
    inlines = [CategoryInline]
    fieldsets = (
        (None, {"fields": ("series", "year", "title", "is_ranked")}),
        (
            _("Release"),
            {"fields": ("release_date", "release_date_precision", "release", "cutoff_date")},
        ),
        (_("Method and source"), {"fields": ("scope", "methodology", "source")}),
        PublishableAdminMixin.publishing_fieldset,
        RECORD_FIELDSET,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("entries"))

    @admin.display(description=_("entries"), ordering="entry_count")
    def entries_link(self, obj):
        return format_html('<a href="{}">{}</a>', _entry_changelist(obj), obj.entry_count)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        edition = self.get_object(request, object_id)
        if edition is not None:
            extra_context.update(
                entries_url=_entry_changelist(edition),
                entry_count=edition.entries.count(),
                import_url=_entry_import(edition),
                can_import_entries=edition_entries_editable(edition=edition, user=request.user),
                csv_url=_download(edition, "csv"),
                xlsx_url=_download(edition, "xlsx"),
            )
        return super().change_view(request, object_id, form_url, extra_context)


# --- Entries and their import ---------------------------------------------------------------


class EditionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.series} {obj.year} ({obj.get_status_display()})"


EDITION_CHOICE_ERROR = _(
    "Choose an edition that you may import into. Editors import into editions that are not "
    "published; importing into a published edition needs a Publisher."
)


class EntryImportForm(ImportForm):
    """The upload step: the edition to import into, and the file."""

    edition = EditionChoiceField(
        queryset=Edition.objects.none(),
        label=_("Edition"),
        help_text=_("The rows of the file become the entries of this edition."),
        error_messages={"invalid_choice": EDITION_CHOICE_ERROR},
    )
    field_order = ["edition", "resource", "import_file", "format"]

    def __init__(self, formats, resources, *, user=None, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["edition"].queryset = editions_with_editable_entries(user=user)
        self.fields["import_file"].help_text = _(
            "CSV (UTF-8 with or without BOM, or GB18030/GBK) or XLSX, with a header row."
        )
        self.order_fields(self.field_order)

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB; a ranking is smaller.")
                % {"size": MAX_FILE_SIZE // (1024 * 1024)}
            )
        return upload


class EntryConfirmImportForm(ConfirmImportForm):
    """The confirm step carries the edition, checked again against the user's rights."""

    edition = forms.ModelChoiceField(
        queryset=Edition.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": EDITION_CHOICE_ERROR},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions_with_editable_entries(user=user)


@admin.register(Entry)
class EntryAdmin(NormalisedSearchMixin, ImportMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = (
        "display_rank",
        "entry_name",
        "organisation",
        "category",
        "headquarters_as_published",
        "value",
        "edition",
    )
    list_display_links = ("display_rank", "entry_name")
    list_filter = (
        "edition__series",
        "edition",
        "is_tied",
        ("category", admin.EmptyFieldListFilter),
        "organisation__needs_review",
    )
    list_select_related = ("edition__series", "organisation", "category")
    list_per_page = 100
    search_fields = (
        "name_as_published",
        "organisation__name_en",
        "organisation__name_zh_hans",
        "organisation__aliases__name",
        "organisation__slug",
        "headquarters_as_published",
        "=rank_label",
    )
    autocomplete_fields = ("organisation",)
    fieldsets = (
        (None, {"fields": ("edition", "organisation", "name_as_published", "category")}),
        (_("Rank"), {"fields": ("rank", "rank_label", "is_tied")}),
        (_("Value"), {"fields": ("value", "value_unit", "currency")}),
        (None, {"fields": ("headquarters_as_published", "notes")}),
    )

    # The import (django-import-export)
    resource_classes = [EntryResource]
    import_form_class = EntryImportForm
    confirm_form_class = EntryConfirmImportForm
    import_template_name = "admin/rankings/entry/import.html"
    object_history_template = "admin/rankings/entry/object_history.html"

    def view_on_site(self, obj):
        return obj.edition.get_absolute_url()

    @admin.display(description=_("name"), ordering="name_as_published")
    def entry_name(self, obj):
        return obj.name_as_published or obj.organisation

    @admin.display(description=_("rank"), ordering="rank")
    def display_rank(self, obj):
        return obj.display_rank or "–"

    # --- Permissions: the entries of a published edition are a Publisher's -------------------

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or edition_entries_editable(edition=obj.edition, user=request.user)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or edition_entries_editable(edition=obj.edition, user=request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "edition":
            kwargs["queryset"] = editions_with_editable_entries(user=request.user)
            kwargs["form_class"] = EditionChoiceField
        elif db_field.name == "category":
            kwargs["queryset"] = self._categories_for(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _categories_for(self, request):
        """On an entry, the categories of its edition (or of ``?edition=`` when adding)."""
        queryset = Category.objects.select_related("edition")
        object_id = request.resolver_match.kwargs.get("object_id")
        edition_id = None
        if object_id and str(object_id).isdigit():
            edition_id = (
                Entry.objects.filter(pk=object_id).values_list("edition_id", flat=True).first()
            )
        elif str(request.GET.get("edition", "")).isdigit():
            edition_id = int(request.GET["edition"])
        return queryset.filter(edition_id=edition_id) if edition_id else queryset

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if str(request.GET.get("edition", "")).isdigit():
            initial["edition"] = request.GET["edition"]
        return initial

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    # --- Import: one format, the edition on both forms, the whole pipeline's rules ----------

    def get_import_formats(self):
        return [SpreadsheetFormat]

    def get_tmp_storage_class(self):
        return import_string(tmp_storage_class_name())

    def has_import_permission(self, request):
        user = request.user
        return (
            user.has_perm("rankings.add_entry")
            and user.has_perm("rankings.change_entry")
            and user.has_perm("pazhou.add_organisation")
        )

    def get_import_form_kwargs(self, request):
        return {**super().get_import_form_kwargs(request), "user": request.user}

    def get_import_form_initial(self, request):
        initial = super().get_import_form_initial(request)
        if str(request.GET.get("edition", "")).isdigit():
            initial["edition"] = request.GET["edition"]
        return initial

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {**super().get_confirm_form_kwargs(request, import_form), "user": request.user}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["edition"] = import_form.cleaned_data["edition"].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        edition = None
        if form is not None and form.is_bound and form.is_valid():
            edition = form.cleaned_data.get("edition")
        return {"edition": edition}

    def get_import_data_kwargs(self, **kwargs):
        kwargs.pop("form", None)
        kwargs.pop("request", None)
        return kwargs

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SpreadsheetError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def get_import_context_data(self, **kwargs):
        return {**super().get_import_context_data(**kwargs), "column_help": column_help()}

    def process_result(self, result, request):
        """After the confirmed import: the summary and the edition's entries; or, when rows
        failed after all (the data changed since the preview), the errors, nothing written."""
        if result.failed:
            messages.error(request, gettext("Nothing was imported: the file has errors."))
            form = self.get_import_form_class(request)(
                self.get_import_formats(),
                self.get_import_resource_classes(request),
                user=request.user,
                initial={"edition": result.edition.pk if result.edition else None},
            )
            context = {
                **self.get_import_context_data(),
                **self.admin_site.each_context(request),
                "title": _("Import"),
                "form": form,
                "opts": self.model._meta,
                "media": self.media + form.media,
                "result": result,
                "import_error_display": self.import_error_display,
                "fields_list": [],
            }
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.import_template_name], context)
        self.generate_log_entries(result, request)
        messages.success(
            request,
            gettext("Imported %(file)s into %(edition)s: %(summary)s")
            % {
                "file": result.file_name,
                "edition": result.edition,
                "summary": import_summary(result),
            },
        )
        post_import.send(sender=None, model=self.model)
        return HttpResponseRedirect(_entry_changelist(result.edition))
