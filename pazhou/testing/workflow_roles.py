"""The editorial workflow for a publishable model, role by role, in the admin and in the API
(issue 6, "Tests": each role against each action in each app; two concurrent edits through the
real admin forms, and through the API with If-Match), shared by the workflow tests of summit,
rankings and the district plans.

Editors create drafts, and their changes to live items wait as pending revisions; Publishers
publish, unpublish, delete and apply pending changes. Admin forms are posted as a browser would
post them: the change form is read, one field is changed, and everything else is sent back.

An app's test module describes its models as ``Case``s and provides three parametrized
fixtures, then imports the tests with ``from pazhou.testing.workflow_roles import *``; pytest
collects them in that module, once per case:

- ``case``: a ``Case``, for every publishable model;
- ``inline``: ``(case, inline prefix, values of a new row)``, for models whose change form has
  inlines;
- ``page_case``: a ``Case`` whose ``page`` is not None, for models with a reader page of their
  own.

Only the test functions are exported (``__all__``); import the helpers by name.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pazhou.models import PublishingStatus
from pazhou.revisions import PendingRevision, pending_revision_for

DRAFT = PublishingStatus.DRAFT
PUBLISHED = PublishingStatus.PUBLISHED
HELD_FOR_REVIEW = "Your change is kept for review"
STALE_SAVE = "Someone else saved this item after you opened it"


@dataclass(frozen=True)
class Case:
    """One publishable model of an app, as the shared tests need it."""

    model: type
    factory: Callable
    endpoint: str
    field: str  # a text field that both the admin form and the API write
    new_item: Callable[[], dict]  # the body of an API create
    page: Callable | None  # the item's own reader page, if it has one
    shown: Callable | None = None  # text of an item that its page shows
    multipart: bool = False


# --- Admin helpers ----------------------------------------------------------------------------


class AdminFormReader(HTMLParser):
    """The fields a browser would submit from the form with ``form_id``: inputs (checked boxes
    only), selects (their selected options, or the first one), textareas, and the inline
    management forms; not files or buttons. The empty inline rows that the admin's JavaScript
    copies (``__prefix__``) are kept apart, in ``templates``."""

    SKIPPED_INPUTS = {"submit", "button", "reset", "image", "file"}

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields = {}
        self.templates = {}
        self.select = None
        self.option = None
        self.textarea = None

    def add(self, name, value):
        fields = self.templates if "__prefix__" in name else self.fields
        fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
            return
        name = attrs.get("name")
        if not self.in_form or "disabled" in attrs:
            return
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in self.SKIPPED_INPUTS:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.add(name, attrs.get("value") or "on")
                return
            self.add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "selected" in attrs, ""]
            self.select["options"].append(self.option)
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        elif self.option is not None:
            self.option[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # A browser drops the newline that follows <textarea>.
            self.add(name, text[1:] if text.startswith("\n") else text)
            self.textarea = None
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            options = [
                (value if value is not None else text, chosen)
                for value, chosen, text in self.select["options"]
            ]
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not self.select["multiple"]:
                chosen = [options[0][0]]
            for value in chosen:
                self.add(self.select["name"], value)
            self.select = None


def read_form(html, model):
    reader = AdminFormReader(f"{model._meta.model_name}_form")
    reader.feed(html)
    return reader


def form_fields(html, model):
    return read_form(html, model).fields


def with_new_inline_row(html, model, prefix, **values):
    """The fields of the form in ``html`` with one more row in the inline ``prefix``, filled in
    as the admin's "Add another" does: the empty row, then ``values``."""
    reader = read_form(html, model)
    data = dict(reader.fields)
    row = int(data[f"{prefix}-TOTAL_FORMS"][0])
    for name, value in reader.templates.items():
        if name.startswith(f"{prefix}-__prefix__-"):
            data[name.replace("__prefix__", str(row))] = value
    for name, value in values.items():
        data[f"{prefix}-{row}-{name}"] = [value]
    data[f"{prefix}-TOTAL_FORMS"] = [str(row + 1)]
    return data


def opened_form(client, obj):
    """The change form of ``obj`` as the logged-in user sees it: what a save would send."""
    response = client.get(admin_url(obj))
    assert response.status_code == 200, response.content
    data = form_fields(response.content.decode(), type(obj))
    assert data, "the change form was not found"
    return data


def admin_url(obj, view="change"):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def changelist_url(model):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def pending_url(obj, decision):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_pending", args=[obj.pk, decision])


def run_action(client, model, action, *objects):
    return client.post(
        changelist_url(model),
        {"action": action, "_selected_action": [o.pk for o in objects]},
        follow=True,
    )


def reloaded(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


# --- API helpers ------------------------------------------------------------------------------


def token_client(user):
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def detail_url(case, obj):
    return f"/api/v1/{case.endpoint}/{obj.pk}/"


def create(client, case, **extra):
    return client.post(
        f"/api/v1/{case.endpoint}/",
        {**case.new_item(), **extra},
        format="multipart" if case.multipart else "json",
    )


# --- API: roles -------------------------------------------------------------------------------


def test_editor_creates_a_draft_in_the_api(case, editor):
    response = create(token_client(editor), case)

    assert response.status_code == 201, response.content
    assert response.json()["status"] == DRAFT
    created = case.model.objects.get(pk=response.json()["id"])
    assert (created.status, created.version) == (DRAFT, 1)


def test_editor_cannot_create_it_published_in_the_api(case, editor):
    before = case.model.objects.count()

    response = create(token_client(editor), case, status=PUBLISHED)

    assert response.status_code == 403, response.content
    assert case.model.objects.count() == before


def test_editor_cannot_publish_a_draft_in_the_api(case, editor):
    draft = case.factory(status=DRAFT)

    response = token_client(editor).patch(
        detail_url(case, draft), {"status": PUBLISHED}, format="json"
    )

    assert response.status_code == 403, response.content
    assert (reloaded(draft).status, reloaded(draft).version) == (DRAFT, 1)


def test_editor_cannot_unpublish_or_schedule_a_live_item_in_the_api(case, editor):
    live = case.factory()
    client = token_client(editor)
    later = (timezone.now() + datetime.timedelta(days=3)).isoformat()

    unpublish = client.patch(detail_url(case, live), {"status": DRAFT}, format="json")
    schedule = client.patch(detail_url(case, live), {"publish_at": later}, format="json")

    assert (unpublish.status_code, schedule.status_code) == (403, 403)
    live = reloaded(live)
    assert (live.status, live.publish_at, live.version) == (PUBLISHED, None, 1)
    assert pending_revision_for(live) is None


def test_publisher_publishes_a_draft_in_the_api(case, publisher):
    draft = case.factory(status=DRAFT)

    response = token_client(publisher).patch(
        detail_url(case, draft), {"status": PUBLISHED}, format="json"
    )

    assert response.status_code == 200, response.content
    published = reloaded(draft)
    assert (published.status, published.version) == (PUBLISHED, 2)
    assert published.is_visible()


def test_editor_change_to_a_live_item_in_the_api_waits_for_review(case, editor):
    live = case.factory()
    before = getattr(live, case.field)

    response = token_client(editor).patch(
        detail_url(case, live), {case.field: "Edited By Editor"}, format="json"
    )

    assert response.status_code == 202, response.content
    body = response.json()
    assert body[case.field] == before
    assert case.field in body["pending_change"]["fields"]
    assert body["pending_change"]["based_on_version"] == 1
    assert (getattr(reloaded(live), case.field), reloaded(live).version) == (before, 1)
    revision = pending_revision_for(live)
    assert revision.data[case.field] == "Edited By Editor"
    assert revision.author == editor


def test_editor_pending_change_in_the_api_names_only_the_field_changed(case, editor):
    live = case.factory()

    response = token_client(editor).patch(
        detail_url(case, live), {case.field: "Edited By Editor"}, format="json"
    )

    assert response.json()["pending_change"]["fields"] == [case.field]
    assert pending_revision_for(live).data == {case.field: "Edited By Editor"}


def test_publisher_change_to_a_live_item_in_the_api_goes_live(case, publisher):
    live = case.factory()

    response = token_client(publisher).patch(
        detail_url(case, live), {case.field: "Edited By Publisher"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()[case.field] == "Edited By Publisher"
    saved = reloaded(live)
    assert (getattr(saved, case.field), saved.version, saved.status) == (
        "Edited By Publisher",
        2,
        PUBLISHED,
    )
    assert pending_revision_for(live) is None


def test_editor_cannot_delete_a_published_item_in_the_api(case, editor):
    live = case.factory()

    response = token_client(editor).delete(detail_url(case, live))

    assert response.status_code == 403
    assert case.model.objects.filter(pk=live.pk).exists()


def test_publisher_deletes_a_published_item_in_the_api(case, publisher):
    live = case.factory()

    response = token_client(publisher).delete(detail_url(case, live))

    assert response.status_code == 204, response.content
    assert not case.model.objects.filter(pk=live.pk).exists()


# --- API: two concurrent edits with If-Match --------------------------------------------------


def test_api_write_with_a_stale_etag_is_refused_and_one_with_the_current_etag_saved(
    case, editor, publisher
):
    draft = case.factory(status=DRAFT)
    first, second = token_client(publisher), token_client(editor)
    first_etag = first.get(detail_url(case, draft), HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    second_etag = second.get(detail_url(case, draft), HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    assert first_etag == second_etag == '"1-en"'

    saved = first.patch(
        detail_url(case, draft), {case.field: "First Save"}, format="json", HTTP_IF_MATCH=first_etag
    )
    stale = second.patch(
        detail_url(case, draft),
        {case.field: "Second Save"},
        format="json",
        HTTP_IF_MATCH=second_etag,
    )

    assert saved.status_code == 200, saved.content
    assert saved["ETag"] == '"2-en"'
    assert stale.status_code == 412, stale.content
    assert "version 2" in stale.json()["detail"]
    assert (getattr(reloaded(draft), case.field), reloaded(draft).version) == ("First Save", 2)

    current = second.get(detail_url(case, draft), HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    retried = second.patch(
        detail_url(case, draft), {case.field: "Second Save"}, format="json", HTTP_IF_MATCH=current
    )

    assert retried.status_code == 200, retried.content
    assert (getattr(reloaded(draft), case.field), reloaded(draft).version) == ("Second Save", 3)


def test_editor_change_to_a_live_item_with_a_stale_etag_keeps_no_pending_change(
    case, editor, publisher
):
    live = case.factory()
    client = token_client(editor)
    etag = client.get(detail_url(case, live), HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    token_client(publisher).patch(detail_url(case, live), {case.field: "Meanwhile"}, format="json")

    response = client.patch(
        detail_url(case, live), {case.field: "Too Late"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 412, response.content
    assert getattr(reloaded(live), case.field) == "Meanwhile"
    assert not PendingRevision.objects.exists()


# --- Admin: roles -------------------------------------------------------------------------------


def test_editor_is_offered_no_publishing_fields_in_the_admin(case, client, editor, publisher):
    draft = case.factory(status=DRAFT)
    client.force_login(editor)
    editor_form = client.get(admin_url(draft)).content.decode()
    client.force_login(publisher)
    publisher_form = client.get(admin_url(draft)).content.decode()

    assert '<option value="review"' in editor_form
    assert '<option value="published"' not in editor_form
    assert 'name="publish_at_0"' not in editor_form
    assert '<option value="published"' in publisher_form
    assert 'name="publish_at_0"' in publisher_form


def test_editor_cannot_bulk_publish_or_unpublish_in_the_admin(case, client, editor):
    draft, live = case.factory(status=DRAFT), case.factory()
    client.force_login(editor)

    listing = client.get(changelist_url(case.model)).content.decode()
    forged_publish = run_action(client, case.model, "publish_now", draft)
    forged_unpublish = run_action(client, case.model, "unpublish", live)

    assert 'value="submit_for_review"' in listing
    assert 'value="publish_now"' not in listing
    assert 'value="unpublish"' not in listing
    assert "No action selected" in forged_publish.content.decode()
    assert "No action selected" in forged_unpublish.content.decode()
    assert (reloaded(draft).status, reloaded(draft).version) == (DRAFT, 1)
    assert (reloaded(live).status, reloaded(live).version) == (PUBLISHED, 1)


def test_editor_submits_a_draft_for_review_in_the_admin(case, client, editor):
    draft = case.factory(status=DRAFT)
    client.force_login(editor)

    response = run_action(client, case.model, "submit_for_review", draft)

    assert "1 item submitted for review." in response.content.decode()
    assert (reloaded(draft).status, reloaded(draft).version) == (PublishingStatus.IN_REVIEW, 2)


def test_publisher_bulk_publishes_in_the_admin(case, client, publisher):
    drafts = [case.factory(status=PublishingStatus.IN_REVIEW), case.factory(status=DRAFT)]
    client.force_login(publisher)

    response = run_action(client, case.model, "publish_now", *drafts)

    assert "2 items published." in response.content.decode()
    for draft in drafts:
        assert (reloaded(draft).status, reloaded(draft).version) == (PUBLISHED, 2)
        assert reloaded(draft).is_visible()
        assert reloaded(draft).history.latest().history_user == publisher


def test_publisher_bulk_unpublishes_in_the_admin(case, client, publisher):
    live = case.factory()
    client.force_login(publisher)

    response = run_action(client, case.model, "unpublish", live)

    assert "1 item unpublished." in response.content.decode()
    assert (reloaded(live).status, reloaded(live).version) == (DRAFT, 2)
    assert not reloaded(live).is_visible()


def test_editor_cannot_delete_a_published_item_in_the_admin(case, client, editor):
    live = case.factory()
    client.force_login(editor)

    page = client.get(admin_url(live, "delete"))
    response = client.post(admin_url(live, "delete"), {"post": "yes"})

    assert page.status_code == 403
    assert response.status_code == 403
    assert case.model.objects.filter(pk=live.pk).exists()


def test_publisher_deletes_a_published_item_in_the_admin(case, client, publisher):
    live = case.factory()
    client.force_login(publisher)

    response = client.post(admin_url(live, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert not case.model.objects.filter(pk=live.pk).exists()


def test_editor_change_to_a_live_item_in_the_admin_waits_for_review(case, client, editor):
    live = case.factory()
    before = getattr(live, case.field)
    client.force_login(editor)
    data = opened_form(client, live)
    data[case.field] = ["Edited In Admin"]

    response = client.post(admin_url(live), data, follow=True)

    html = response.content.decode()
    assert HELD_FOR_REVIEW in html
    assert "was changed successfully" not in html
    assert (getattr(reloaded(live), case.field), reloaded(live).version) == (before, 1)
    revision = pending_revision_for(live)
    assert revision is not None
    assert revision.data[case.field] == "Edited In Admin"
    assert (revision.author, revision.base_version) == (editor, 1)


def test_editor_pending_change_in_the_admin_holds_only_the_field_changed(case, client, editor):
    live = case.factory()
    client.force_login(editor)
    data = opened_form(client, live)
    data[case.field] = ["Edited In Admin"]

    client.post(admin_url(live), data)

    assert pending_revision_for(live).data == {case.field: "Edited In Admin"}


def test_publisher_publishes_an_editors_pending_change_in_the_admin(
    case, client, editor, publisher
):
    live = case.factory()
    client.force_login(editor)
    data = opened_form(client, live)
    data[case.field] = ["Reviewed Value"]
    client.post(admin_url(live), data)
    client.force_login(publisher)

    form = client.get(admin_url(live)).content.decode()
    response = client.post(pending_url(live, "publish"))

    assert "Change pending review" in form
    assert response.status_code == 302
    saved = reloaded(live)
    assert (getattr(saved, case.field), saved.version, saved.status) == (
        "Reviewed Value",
        2,
        PUBLISHED,
    )
    assert pending_revision_for(live) is None


def test_publisher_change_to_a_live_item_in_the_admin_goes_live(case, client, publisher):
    live = case.factory()
    client.force_login(publisher)
    data = opened_form(client, live)
    data[case.field] = ["Saved In Admin"]

    response = client.post(admin_url(live), data)

    assert response.status_code == 302, response.content.decode()
    saved = reloaded(live)
    assert (getattr(saved, case.field), saved.version, saved.status) == (
        "Saved In Admin",
        2,
        PUBLISHED,
    )
    assert pending_revision_for(live) is None


def revert_url(obj, record):
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, record.history_id]
    )


def revert_form(client, obj, record):
    """The revert form of ``record``: the item's form filled with that version's values."""
    response = client.get(revert_url(obj, record))
    assert response.status_code == 200, response.content
    reader = AdminFormReader(f"historical{obj._meta.model_name}_form")
    reader.feed(response.content.decode())
    return reader.fields


def changed_after_creation(case):
    """A live item saved once more after it was created: its history has two versions."""
    live = case.factory(**{case.field: "First Value"})
    changed = reloaded(live)
    setattr(changed, case.field, "Changed Later")
    changed.save()
    return live, live.history.earliest()


def test_publisher_reverts_to_an_earlier_version_in_the_admin(case, client, publisher):
    live, first = changed_after_creation(case)
    client.force_login(publisher)
    data = revert_form(client, live, first)
    assert data[case.field] == ["First Value"]

    response = client.post(revert_url(live, first), data)

    assert response.status_code == 302, response.content.decode()
    reverted = reloaded(live)
    assert (getattr(reverted, case.field), reverted.version, reverted.status) == (
        "First Value",
        3,
        PUBLISHED,
    )
    latest = reverted.history.latest()
    assert (latest.history_change_reason, latest.history_user) == (
        "Reverted to version 1",
        publisher,
    )


def test_editor_cannot_revert_in_the_admin(case, client, editor, publisher):
    live, first = changed_after_creation(case)
    client.force_login(publisher)
    data = revert_form(client, live, first)
    client.force_login(editor)

    response = client.post(revert_url(live, first), data)

    assert response.status_code == 403
    assert (getattr(reloaded(live), case.field), reloaded(live).version) == ("Changed Later", 2)


# --- Admin: two concurrent edits through the real forms ----------------------------------------


def test_stale_admin_save_is_refused_and_keeps_what_was_typed(case, client, editor, publisher):
    draft = case.factory(status=DRAFT)
    client.force_login(editor)
    editors_form = opened_form(client, draft)
    assert editors_form["seen_version"] == ["1"]
    # Meanwhile a Publisher opens the same item and saves it.
    client.force_login(publisher)
    publishers_form = opened_form(client, draft)
    publishers_form[case.field] = ["Saved First"]
    assert client.post(admin_url(draft), publishers_form).status_code == 302
    client.force_login(editor)
    editors_form[case.field] = ["Typed By Editor"]

    response = client.post(admin_url(draft), editors_form)

    html = response.content.decode()
    assert response.status_code == 200
    assert STALE_SAVE in html
    assert f"Saved by: {publisher.username}." in html
    assert form_fields(html, case.model)[case.field] == ["Typed By Editor"]
    saved = reloaded(draft)
    assert (getattr(saved, case.field), saved.version) == ("Saved First", 2)


# --- Preview on the reader page -----------------------------------------------------------------


def test_preview_shows_a_draft_to_the_editor(page_case, client, editor):
    draft = page_case.factory(status=DRAFT)
    client.force_login(editor)

    response = client.get(page_case.page(draft) + "?preview=1")

    assert response.status_code == 200
    assert page_case.shown(draft) in response.content.decode()


def test_preview_of_a_draft_is_404_for_anonymous_readers(page_case, client):
    draft = page_case.factory(status=DRAFT)

    response = client.get(page_case.page(draft) + "?preview=1")

    assert response.status_code == 404
    assert page_case.shown(draft) not in response.content.decode()


# --- Admin: inline rows are part of the item's version ----------------------------------------


def rows(obj, prefix):
    return getattr(reloaded(obj), prefix).count()


def test_inline_row_added_in_the_admin_bumps_the_items_version(inline, client, editor):
    case, prefix, values = inline
    draft = case.factory(status=DRAFT)
    client.force_login(editor)
    html = client.get(admin_url(draft)).content.decode()
    data = with_new_inline_row(html, case.model, prefix, **values)

    response = client.post(admin_url(draft), data)

    assert response.status_code == 302, response.content.decode()
    assert rows(draft, prefix) == 1
    assert reloaded(draft).version == 2


def test_inline_row_saved_meanwhile_makes_an_open_form_stale(inline, client, editor, publisher):
    case, prefix, values = inline
    draft = case.factory(status=DRAFT)
    client.force_login(editor)
    editors_form = opened_form(client, draft)
    client.force_login(publisher)
    html = client.get(admin_url(draft)).content.decode()
    saved = client.post(admin_url(draft), with_new_inline_row(html, case.model, prefix, **values))
    assert saved.status_code == 302, saved.content.decode()
    client.force_login(editor)
    editors_form[case.field] = ["Typed By Editor"]

    response = client.post(admin_url(draft), editors_form)

    assert STALE_SAVE in response.content.decode()
    assert form_fields(response.content.decode(), case.model)[case.field] == ["Typed By Editor"]
    assert getattr(reloaded(draft), case.field) != "Typed By Editor"
    assert rows(draft, prefix) == 1


def test_stale_admin_save_writes_none_of_its_inline_rows(inline, client, editor, publisher):
    case, prefix, values = inline
    draft = case.factory(status=DRAFT)
    client.force_login(editor)
    html = client.get(admin_url(draft)).content.decode()
    editors_form = with_new_inline_row(html, case.model, prefix, **values)
    client.force_login(publisher)
    publishers_form = opened_form(client, draft)
    publishers_form[case.field] = ["Saved First"]
    assert client.post(admin_url(draft), publishers_form).status_code == 302
    client.force_login(editor)

    response = client.post(admin_url(draft), editors_form)

    html = response.content.decode()
    assert STALE_SAVE in html
    typed_name, typed_value = next(iter(values.items()))
    assert form_fields(html, case.model)[f"{prefix}-0-{typed_name}"] == [typed_value]
    assert rows(draft, prefix) == 0
    assert (getattr(reloaded(draft), case.field), reloaded(draft).version) == ("Saved First", 2)


# Only the tests are exported: a module that imports them with ``*`` runs them for its cases.
__all__ = [name for name in list(globals()) if name.startswith("test_")]
