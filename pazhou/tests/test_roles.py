"""The Editor and Publisher groups that the post_migrate handler keeps in step."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from pazhou.models import Organisation
from pazhou.roles import CONTENT_APPS, EDITOR_GROUP, PUBLISHER_GROUP, sync_editorial_groups
from pazhou.testing.factories import editor_user

pytestmark = pytest.mark.django_db


def codenames(group_name):
    """{"app_label.codename", …} of a group."""
    group = Group.objects.get(name=group_name)
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def group_permission_ids():
    return {
        group.name: set(group.permissions.values_list("pk", flat=True))
        for group in Group.objects.all()
    }


def test_groups_exist_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITOR_GROUP, PUBLISHER_GROUP}


def test_editor_can_view_add_and_change_organisations():
    permissions = codenames(EDITOR_GROUP)
    assert {
        "pazhou.view_organisation",
        "pazhou.add_organisation",
        "pazhou.change_organisation",
        "pazhou.view_source",
        "pazhou.add_source",
        "pazhou.change_source",
        "pazhou.add_organisationalias",
        "pazhou.change_organisationalias",
    } <= permissions


def test_editor_has_no_delete_or_publish_permission():
    permissions = codenames(EDITOR_GROUP)
    forbidden = {
        name for name in permissions if name.split(".", 1)[1].startswith(("delete_", "publish_"))
    }
    assert forbidden == set()
    assert "pazhou.publish_organisation" not in permissions
    assert "pazhou.delete_organisation" not in permissions


def test_editor_permissions_are_only_view_add_change_of_content_apps_and_tokens():
    for name in codenames(EDITOR_GROUP):
        app_label, codename = name.split(".", 1)
        if app_label == "authtoken":
            assert codename in {"view_token", "add_token"}
        else:
            assert app_label in CONTENT_APPS
            assert codename.split("_", 1)[0] in {"view", "add", "change"}


def test_publisher_can_publish_and_delete_organisations():
    permissions = codenames(PUBLISHER_GROUP)
    assert {
        "pazhou.publish_organisation",
        "pazhou.delete_organisation",
        "pazhou.change_organisation",
        "pazhou.delete_source",
    } <= permissions


def test_publisher_has_everything_the_editor_has():
    assert codenames(EDITOR_GROUP) <= codenames(PUBLISHER_GROUP)


def test_publisher_has_every_permission_of_the_content_apps():
    content = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.filter(
            content_type__app_label__in=CONTENT_APPS
        ).values_list("content_type__app_label", "codename")
    }
    assert content
    assert content <= codenames(PUBLISHER_GROUP)


def test_groups_get_no_permissions_of_other_apps():
    for group_name in (EDITOR_GROUP, PUBLISHER_GROUP):
        apps = {name.split(".", 1)[0] for name in codenames(group_name)}
        assert apps <= {*CONTENT_APPS, "authtoken"}, group_name
        assert not any(name.startswith("auth.") for name in codenames(group_name))


def test_groups_get_no_permissions_of_the_test_app():
    # The test-only app has publishable models with publish_ permissions, but is not content.
    assert Permission.objects.filter(content_type__app_label="gating").exists()
    for group_name in (EDITOR_GROUP, PUBLISHER_GROUP):
        assert not any(name.startswith("gating.") for name in codenames(group_name))


def test_groups_may_manage_their_own_api_tokens_only():
    for group_name in (EDITOR_GROUP, PUBLISHER_GROUP):
        tokens = {name for name in codenames(group_name) if name.startswith("authtoken.")}
        assert tokens == {"authtoken.view_token", "authtoken.add_token"}


def test_sync_editorial_groups_is_idempotent():
    before = group_permission_ids()
    group_count = Group.objects.count()
    sync_editorial_groups()
    sync_editorial_groups()
    assert Group.objects.count() == group_count
    assert Group.objects.filter(name=EDITOR_GROUP).count() == 1
    assert group_permission_ids() == before


def test_sync_editorial_groups_recreates_a_deleted_group():
    Group.objects.filter(name=PUBLISHER_GROUP).delete()
    sync_editorial_groups()
    assert "pazhou.publish_organisation" in codenames(PUBLISHER_GROUP)


def test_sync_editorial_groups_removes_permissions_given_by_hand():
    editor = Group.objects.get(name=EDITOR_GROUP)
    editor.permissions.add(
        Permission.objects.get(codename="delete_organisation"),
        Permission.objects.get(codename="publish_gatingparent"),
    )
    sync_editorial_groups()
    permissions = codenames(EDITOR_GROUP)
    assert "pazhou.delete_organisation" not in permissions
    assert "gating.publish_gatingparent" not in permissions


def test_sync_editorial_groups_picks_up_new_permissions_of_content_apps():
    content_type = ContentType.objects.get_for_model(Organisation)
    Permission.objects.create(
        codename="publish_widget", name="Can publish widget", content_type=content_type
    )
    Permission.objects.create(
        codename="change_widget", name="Can change widget", content_type=content_type
    )
    sync_editorial_groups()
    assert "pazhou.change_widget" in codenames(EDITOR_GROUP)
    assert "pazhou.publish_widget" not in codenames(EDITOR_GROUP)
    assert {"pazhou.change_widget", "pazhou.publish_widget"} <= codenames(PUBLISHER_GROUP)


def test_sync_editorial_groups_keeps_members():
    group = Group.objects.get(name=EDITOR_GROUP)
    user = editor_user()
    sync_editorial_groups()
    assert list(group.user_set.all()) == [user]


def test_editor_user_permissions_through_the_group(editor):
    assert editor.has_perm("pazhou.change_organisation")
    assert not editor.has_perm("pazhou.publish_organisation")
    assert not editor.has_perm("pazhou.delete_organisation")


def test_publisher_user_permissions_through_the_group(publisher):
    assert publisher.has_perm("pazhou.change_organisation")
    assert publisher.has_perm("pazhou.publish_organisation")
    assert publisher.has_perm("pazhou.delete_organisation")
    assert not publisher.has_perm("gating.change_gatingparent")
    assert not publisher.has_perm("auth.change_user")
