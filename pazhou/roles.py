"""The Editor and Publisher groups, kept in step with the models after every migration.

- Editors create, change and view content and submit it for review.
- Publishers can do everything Editors can, and also publish, schedule, unpublish, revert and
  delete (the ``publish_<model>`` and ``delete_<model>`` permissions).

The handler runs on ``post_migrate``, so the permissions of apps and models added later are
picked up without a data migration.
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission

EDITOR_GROUP = "Editor"
PUBLISHER_GROUP = "Publisher"
CONTENT_APPS = ("pazhou", "summit", "rankings")


def content_permissions():
    """(editor permissions, publisher permissions) for every model of the content apps."""
    editor, publisher = [], []
    for permission in Permission.objects.filter(
        content_type__app_label__in=CONTENT_APPS
    ).select_related("content_type"):
        action = permission.codename.split("_", 1)[0]
        if action in {"view", "add", "change"}:
            editor.append(permission)
            publisher.append(permission)
        elif action in {"delete", "publish"}:
            publisher.append(permission)
    return editor, publisher


def sync_editorial_groups(**kwargs):
    """Create the groups if needed and give each exactly its permissions."""
    if not global_apps.is_installed("django.contrib.auth"):
        return
    editor_permissions, publisher_permissions = content_permissions()
    extra = Permission.objects.filter(
        content_type__app_label="authtoken", codename__in=["view_token", "add_token"]
    )
    editor, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    editor.permissions.set([*editor_permissions, *extra])
    publisher, _ = Group.objects.get_or_create(name=PUBLISHER_GROUP)
    publisher.permissions.set([*publisher_permissions, *extra])
