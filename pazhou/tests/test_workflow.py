"""The editorial workflow in the admin: pending revisions, stale saves, bulk publishing actions.

Organisations stand in for every publishable model here; each app's admin uses the same mixin.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pazhou.models import Organisation, PublishingStatus
from pazhou.revisions import PendingRevision, pending_revision_for, with_pending_changes
from pazhou.testing.factories import OrganisationAliasFactory, OrganisationFactory
from pazhou.tests.test_admin import CHANGELIST, change_form_data

pytestmark = pytest.mark.django_db


def change_url(organisation):
    return reverse("admin:pazhou_organisation_change", args=[organisation.pk])


def pending_url(organisation, decision):
    return reverse("admin:pazhou_organisation_pending", args=[organisation.pk, decision])


# --- Changes to live content wait for review ----------------------------------------------------


def test_editor_change_to_live_item_in_admin_is_kept_pending_and_live_stays(client, editor):
    organisation = OrganisationFactory(name_en="Live Co", name_zh_hans="在线公司")
    client.force_login(editor)

    response = client.post(
        change_url(organisation),
        change_form_data(organisation, name_zh_hans="改名公司", website="https://new.example/"),
        follow=True,
    )

    assert "Your change is kept for review" in response.content.decode()
    assert "was changed successfully" not in response.content.decode()
    live = Organisation.objects.get(pk=organisation.pk)
    assert (live.name_zh_hans, live.website, live.version) == ("在线公司", "", 1)
    revision = pending_revision_for(live)
    assert revision.author == editor
    assert revision.data == {"name_zh_hans": "改名公司", "website": "https://new.example/"}
    assert revision.base_version == 1


def test_editor_change_to_live_item_leaves_inlines_read_only(client, editor):
    organisation = OrganisationFactory(name_en="Live Co")
    OrganisationAliasFactory(organisation=organisation, name="Live Alias")
    client.force_login(editor)

    html = client.get(change_url(organisation)).content.decode()

    assert "Live Alias" in html
    assert 'name="aliases-0-name"' not in html


def test_editor_change_to_a_draft_goes_in_at_once(client, editor):
    organisation = OrganisationFactory(name_en="Draft Co", status=PublishingStatus.DRAFT)
    client.force_login(editor)

    client.post(change_url(organisation), change_form_data(organisation, name_en="Draft Co 2"))

    organisation.refresh_from_db()
    assert organisation.name_en == "Draft Co 2"
    assert not PendingRevision.objects.exists()


def test_publisher_sees_the_pending_change_and_publishes_it(client, editor, publisher):
    organisation = OrganisationFactory(name_en="Live Co")
    client.force_login(editor)
    client.post(change_url(organisation), change_form_data(organisation, name_en="Reviewed Co"))
    client.force_login(publisher)

    html = client.get(change_url(organisation)).content.decode()
    assert "Change pending review" in html
    assert "Reviewed Co" in html and "Live Co" in html
    assert pending_url(organisation, "publish") in html
    listing = client.get(CHANGELIST).content.decode()
    assert "change pending review" in listing

    client.post(pending_url(organisation, "publish"))

    live = Organisation.objects.visible().get(pk=organisation.pk)
    assert live.name_en == "Reviewed Co"
    assert live.version == 2
    assert not PendingRevision.objects.exists()


def test_publisher_discards_a_pending_change(client, editor, publisher):
    organisation = OrganisationFactory(name_en="Live Co")
    client.force_login(editor)
    client.post(change_url(organisation), change_form_data(organisation, name_en="Unwanted Co"))
    client.force_login(publisher)

    client.post(pending_url(organisation, "discard"))

    organisation.refresh_from_db()
    assert organisation.name_en == "Live Co"
    assert not PendingRevision.objects.exists()


def test_editor_cannot_publish_a_pending_change(client, editor):
    organisation = OrganisationFactory(name_en="Live Co")
    client.force_login(editor)
    client.post(change_url(organisation), change_form_data(organisation, name_en="Sneaky Co"))

    html = client.get(change_url(organisation)).content.decode()
    response = client.post(pending_url(organisation, "publish"))

    assert "A Publisher will review it" in html
    assert pending_url(organisation, "publish") not in html
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name_en == "Live Co"


def test_pending_change_preview_applies_it_in_memory_only(client, editor):
    organisation = OrganisationFactory(name_en="Live Co", founded_year=2001)
    client.force_login(editor)
    client.post(
        change_url(organisation),
        change_form_data(organisation, name_en="Preview Co", founded_year="2002"),
    )

    preview = with_pending_changes(organisation)

    assert (preview.name_en, preview.founded_year) == ("Preview Co", 2002)
    organisation.refresh_from_db()
    assert (organisation.name_en, organisation.founded_year) == ("Live Co", 2001)


# --- No lost updates -------------------------------------------------------------------------


def test_stale_admin_save_is_refused_and_keeps_what_was_typed(client, editor, publisher):
    organisation = OrganisationFactory(name_en="Shared Co", status=PublishingStatus.DRAFT)
    client.force_login(editor)
    opened = client.get(change_url(organisation)).content.decode()
    assert 'name="seen_version" value="1"' in opened
    # Meanwhile a Publisher saves the same item.
    other = Organisation.objects.get(pk=organisation.pk)
    other.website = "https://meanwhile.example/"
    other.save()

    response = client.post(
        change_url(organisation),
        {
            **change_form_data(organisation, name_en="Typed By Editor"),
            "seen_version": "1",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this item after you opened it" in html
    assert 'value="Typed By Editor"' in html
    organisation.refresh_from_db()
    assert organisation.name_en == "Shared Co"
    assert organisation.website == "https://meanwhile.example/"
    assert organisation.version == 2


def test_admin_save_with_current_version_goes_through(client, editor):
    organisation = OrganisationFactory(name_en="Shared Co", status=PublishingStatus.DRAFT)
    client.force_login(editor)

    client.post(
        change_url(organisation),
        {**change_form_data(organisation, name_en="Fresh Save"), "seen_version": "1"},
    )

    organisation.refresh_from_db()
    assert (organisation.name_en, organisation.version) == ("Fresh Save", 2)


# --- Bulk actions ----------------------------------------------------------------------------


def run_action(client, action, *organisations):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [o.pk for o in organisations]},
        follow=True,
    )


def test_publisher_bulk_publish_bumps_each_version(client, publisher):
    drafts = OrganisationFactory.create_batch(2, status=PublishingStatus.IN_REVIEW)
    client.force_login(publisher)

    response = run_action(client, "publish_now", *drafts)

    assert "2 items published." in response.content.decode()
    for draft in drafts:
        draft.refresh_from_db()
        assert (draft.status, draft.version) == (PublishingStatus.PUBLISHED, 2)


def test_publisher_bulk_publish_applies_pending_changes(client, editor, publisher):
    organisation = OrganisationFactory(name_en="Live Co")
    client.force_login(editor)
    client.post(change_url(organisation), change_form_data(organisation, name_en="Bulk Co"))
    client.force_login(publisher)

    run_action(client, "publish_now", organisation)

    organisation.refresh_from_db()
    assert organisation.name_en == "Bulk Co"
    assert not PendingRevision.objects.exists()


def test_publisher_bulk_unpublish_takes_items_off_the_site(client, publisher):
    live = OrganisationFactory.create_batch(2)
    client.force_login(publisher)

    run_action(client, "unpublish", *live)

    assert not Organisation.objects.visible().exists()


def test_editor_has_no_publish_actions_and_cannot_post_them(client, editor):
    draft = OrganisationFactory(status=PublishingStatus.DRAFT)
    client.force_login(editor)

    listing = client.get(CHANGELIST).content.decode()
    response = run_action(client, "publish_now", draft)

    assert 'value="submit_for_review"' in listing
    assert 'value="publish_now"' not in listing
    assert 'value="unpublish"' not in listing
    assert "No action selected" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PublishingStatus.DRAFT


def test_editor_bulk_submit_for_review_moves_drafts_only(client, editor):
    draft = OrganisationFactory(status=PublishingStatus.DRAFT)
    live = OrganisationFactory()
    client.force_login(editor)

    run_action(client, "submit_for_review", draft, live)

    draft.refresh_from_db()
    live.refresh_from_db()
    assert (draft.status, draft.version) == (PublishingStatus.IN_REVIEW, 2)
    assert (live.status, live.version) == (PublishingStatus.PUBLISHED, 1)


def test_list_column_shows_scheduled_date(client, publisher):
    when = timezone.now() + timedelta(days=3)
    OrganisationFactory(name_en="Later Co", publish_at=when)
    client.force_login(publisher)

    listing = client.get(CHANGELIST).content.decode()

    assert "scheduled for " + timezone.localtime(when).strftime("%Y-%m-%d") in listing


# --- History: compare and revert -------------------------------------------------------------


def history_url(organisation):
    return reverse("admin:pazhou_organisation_history", args=[organisation.pk])


def compare_url(organisation):
    return reverse("admin:pazhou_organisation_compare", args=[organisation.pk])


def revert_url(organisation, record):
    return reverse(
        "admin:pazhou_organisation_simple_history", args=[organisation.pk, record.history_id]
    )


def test_chinese_field_edit_is_recorded_in_history_with_its_user(client, publisher):
    organisation = OrganisationFactory(name_en="History Co", name_zh_hans="历史公司")
    client.force_login(publisher)

    client.post(change_url(organisation), change_form_data(organisation, name_zh_hans="新历史公司"))

    latest = organisation.history.order_by("-history_date").first()
    assert latest.name_zh_hans == "新历史公司"
    assert latest.version == 2
    assert latest.history_user == publisher
    html = client.get(history_url(organisation)).content.decode()
    assert "新历史公司" in html


def test_compare_two_versions_field_by_field(client, publisher):
    organisation = OrganisationFactory(name_en="Compare Co", name_zh_hans="比较公司")
    client.force_login(publisher)
    client.post(
        change_url(organisation),
        change_form_data(organisation, name_zh_hans="比较公司二", website="https://b.example/"),
    )
    first, second = organisation.history.order_by("history_date")

    html = client.get(
        compare_url(organisation), {"from": first.history_id, "to": second.history_id}
    ).content.decode()

    assert "Version 1 → version 2" in html
    assert 'data-field="name_zh_hans"' in html
    changed_row = html[html.index('data-field="name_zh_hans"') :].split("</tr>")[0]
    assert "比较公司" in changed_row and "比较公司二" in changed_row
    assert "(changed)" in changed_row
    unchanged_row = html[html.index('data-field="name_en"') :].split("</tr>")[0]
    assert "(changed)" not in unchanged_row


def test_revert_is_a_new_change_keeping_version_and_status(client, publisher):
    organisation = OrganisationFactory(name_en="Revert Co", name_zh_hans="还原公司")
    client.force_login(publisher)
    client.post(change_url(organisation), change_form_data(organisation, name_zh_hans="改过的"))
    first = organisation.history.order_by("history_date").first()
    organisation.refresh_from_db()
    # An unpublish happens after the first version: the revert must not republish.
    organisation.status = PublishingStatus.DRAFT
    organisation.save()
    organisation.refresh_from_db()

    form = client.get(revert_url(organisation, first)).content.decode()
    assert "还原公司" in form
    response = client.post(
        revert_url(organisation, first),
        change_form_data(organisation, name_zh_hans="还原公司", status="published"),
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name_zh_hans == "还原公司"
    assert organisation.version == 4
    assert organisation.status == PublishingStatus.DRAFT
    latest = organisation.history.order_by("-history_date").first()
    assert latest.history_change_reason == "Reverted to version 1"
    assert latest.history_user == publisher


def test_editor_cannot_revert(client, editor):
    organisation = OrganisationFactory(name_en="Revert Co", status=PublishingStatus.DRAFT)
    organisation.name_en = "Changed Co"
    organisation.save()
    first = organisation.history.order_by("history_date").first()
    client.force_login(editor)

    response = client.post(
        revert_url(organisation, first), change_form_data(organisation, name_en="Revert Co")
    )

    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name_en == "Changed Co"


# --- Publishing buttons and the schedule action -------------------------------------------------


def test_editor_saves_and_submits_a_draft_for_review_with_the_button(client, editor):
    draft = OrganisationFactory(name_en="Button Co", status=PublishingStatus.DRAFT)
    client.force_login(editor)
    form = client.get(change_url(draft)).content.decode()
    assert 'name="_submit_for_review"' in form
    assert 'name="_publish_now"' not in form

    client.post(
        change_url(draft),
        {**change_form_data(draft, name_en="Button Co 2"), "_submit_for_review": "1"},
    )

    draft.refresh_from_db()
    assert (draft.name_en, draft.status) == ("Button Co 2", PublishingStatus.IN_REVIEW)
    assert draft.history.order_by("-history_date").first().history_change_reason == (
        "Submitted for review"
    )


def test_editor_forged_publish_button_is_ignored(client, editor):
    draft = OrganisationFactory(name_en="Forged Co", status=PublishingStatus.IN_REVIEW)
    client.force_login(editor)

    client.post(change_url(draft), {**change_form_data(draft), "_publish_now": "1"})

    draft.refresh_from_db()
    assert draft.status == PublishingStatus.IN_REVIEW


def test_publisher_publishes_now_and_unpublishes_with_the_buttons(client, publisher):
    item = OrganisationFactory(
        name_en="Button Co",
        status=PublishingStatus.PUBLISHED,
        publish_at=timezone.now() + timedelta(days=3),
    )
    client.force_login(publisher)

    client.post(change_url(item), {**change_form_data(item), "_publish_now": "1"})
    item.refresh_from_db()
    assert item.publish_at is None
    assert Organisation.objects.visible().filter(pk=item.pk).exists()

    client.post(change_url(item), {**change_form_data(item), "_unpublish": "1"})
    item.refresh_from_db()
    assert item.status == PublishingStatus.DRAFT
    assert not Organisation.objects.visible().filter(pk=item.pk).exists()


def test_publisher_bulk_schedule_asks_for_a_time_then_schedules_each(client, publisher):
    drafts = OrganisationFactory.create_batch(2, status=PublishingStatus.IN_REVIEW)
    client.force_login(publisher)
    selection = {"action": "schedule", "_selected_action": [d.pk for d in drafts]}

    question = client.post(CHANGELIST, selection).content.decode()
    assert 'name="publish_at"' in question
    when = timezone.localtime() + timedelta(days=2)
    end = when + timedelta(days=5)
    response = client.post(
        CHANGELIST,
        {
            **selection,
            "apply_schedule": "1",
            "publish_at": when.strftime("%Y-%m-%dT%H:%M"),
            "unpublish_at": end.strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    )

    assert "2 items scheduled for" in response.content.decode()
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.status == PublishingStatus.PUBLISHED
        assert draft.publishing_state == "scheduled"
        assert draft.unpublish_at is not None
        assert draft.version == 2
    assert not Organisation.objects.visible().filter(pk__in=[d.pk for d in drafts]).exists()
    later = timezone.now() + timedelta(days=3)
    assert Organisation.objects.visible(later).filter(pk__in=[d.pk for d in drafts]).count() == 2
    assert not Organisation.objects.visible(later + timedelta(days=5)).exists()


def test_bulk_schedule_in_the_past_is_refused_with_a_message(client, publisher):
    draft = OrganisationFactory(status=PublishingStatus.IN_REVIEW)
    client.force_login(publisher)

    response = client.post(
        CHANGELIST,
        {
            "action": "schedule",
            "_selected_action": [draft.pk],
            "apply_schedule": "1",
            "publish_at": "2001-01-01T10:00",
        },
    )

    assert "Choose a time in the future" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PublishingStatus.IN_REVIEW
