"""The publishing base: ``visible()``, parent gating, states, ``for_user()`` and locking.

The small models of the test-only app ``gating`` (pazhou/testing/gating/models.py) stand in for
real content: GatingParent ← GatingChild (required parent) ← GatingGrandchild (optional parent).
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.db import transaction
from django.utils import timezone

from pazhou.models import Organisation
from pazhou.publishing import PublishingStatus, StaleVersionError
from pazhou.testing.factories import OrganisationFactory, UserFactory
from pazhou.testing.gating.models import GatingChild, GatingGrandchild, GatingParent

pytestmark = pytest.mark.django_db

PUBLISHED = PublishingStatus.PUBLISHED
DRAFT = PublishingStatus.DRAFT
REVIEW = PublishingStatus.IN_REVIEW


def make_parent(title="parent", **kwargs):
    kwargs.setdefault("status", PUBLISHED)
    return GatingParent.objects.create(title=title, **kwargs)


def make_child(parent, title="child", **kwargs):
    kwargs.setdefault("status", PUBLISHED)
    return GatingChild.objects.create(parent=parent, title=title, **kwargs)


def make_grandchild(child, title="grandchild", **kwargs):
    kwargs.setdefault("status", PUBLISHED)
    return GatingGrandchild.objects.create(child=child, title=title, **kwargs)


def visible_titles(model, **kwargs):
    return set(model.objects.visible(**kwargs).values_list("title", flat=True))


# visible(): the item's own state ------------------------------------------------------------


def test_visible_excludes_draft():
    make_parent("draft", status=DRAFT)
    make_parent("live")
    assert visible_titles(GatingParent) == {"live"}


def test_visible_excludes_in_review():
    make_parent("review", status=REVIEW)
    assert visible_titles(GatingParent) == set()


def test_visible_includes_published_with_empty_publish_at():
    make_parent("live", publish_at=None, unpublish_at=None)
    assert visible_titles(GatingParent) == {"live"}


def test_visible_includes_published_with_past_publish_at():
    make_parent("past", publish_at=timezone.now() - timedelta(days=1))
    assert visible_titles(GatingParent) == {"past"}


def test_visible_excludes_published_with_future_publish_at():
    make_parent("scheduled", publish_at=timezone.now() + timedelta(hours=1))
    assert visible_titles(GatingParent) == set()


def test_visible_includes_scheduled_item_once_its_time_has_come():
    publish_at = timezone.now() + timedelta(days=2)
    make_parent("scheduled", publish_at=publish_at)
    assert visible_titles(GatingParent, now=publish_at - timedelta(seconds=1)) == set()
    assert visible_titles(GatingParent, now=publish_at) == {"scheduled"}
    assert visible_titles(GatingParent, now=publish_at + timedelta(days=1)) == {"scheduled"}


def test_visible_excludes_draft_even_after_its_publish_at():
    make_parent("draft", status=DRAFT, publish_at=timezone.now() - timedelta(days=1))
    assert visible_titles(GatingParent) == set()


def test_visible_includes_published_with_future_unpublish_at():
    make_parent("ending", unpublish_at=timezone.now() + timedelta(days=1))
    assert visible_titles(GatingParent) == {"ending"}


def test_visible_excludes_published_with_past_unpublish_at():
    make_parent("expired", unpublish_at=timezone.now() - timedelta(minutes=1))
    assert visible_titles(GatingParent) == set()


def test_visible_excludes_item_from_the_moment_of_its_unpublish_at():
    unpublish_at = timezone.now() + timedelta(days=3)
    make_parent("ending", unpublish_at=unpublish_at)
    assert visible_titles(GatingParent, now=unpublish_at - timedelta(seconds=1)) == {"ending"}
    assert visible_titles(GatingParent, now=unpublish_at) == set()


def test_visible_window_between_publish_at_and_unpublish_at():
    start = timezone.now() + timedelta(days=1)
    end = start + timedelta(days=7)
    make_parent("window", publish_at=start, unpublish_at=end)
    assert visible_titles(GatingParent, now=start - timedelta(hours=1)) == set()
    assert visible_titles(GatingParent, now=start + timedelta(days=3)) == {"window"}
    assert visible_titles(GatingParent, now=end + timedelta(hours=1)) == set()


def test_visible_defaults_to_the_current_time():
    make_parent("past", publish_at=timezone.now() - timedelta(seconds=5))
    make_parent("future", publish_at=timezone.now() + timedelta(minutes=5))
    assert visible_titles(GatingParent) == {"past"}


# visible(): parent gating -------------------------------------------------------------------


def test_visible_child_of_live_parent_is_shown():
    make_child(make_parent())
    assert visible_titles(GatingChild) == {"child"}


def test_visible_child_of_draft_parent_is_hidden():
    make_child(make_parent(status=DRAFT))
    assert visible_titles(GatingChild) == set()


def test_visible_child_of_in_review_parent_is_hidden():
    make_child(make_parent(status=REVIEW))
    assert visible_titles(GatingChild) == set()


def test_visible_child_of_scheduled_parent_appears_with_the_parent():
    publish_at = timezone.now() + timedelta(days=1)
    make_child(make_parent(publish_at=publish_at))
    assert visible_titles(GatingChild) == set()
    assert visible_titles(GatingChild, now=publish_at + timedelta(minutes=1)) == {"child"}


def test_visible_child_of_expired_parent_is_hidden():
    make_child(make_parent(unpublish_at=timezone.now() - timedelta(days=1)))
    assert visible_titles(GatingChild) == set()


def test_visible_draft_child_of_live_parent_is_hidden():
    make_child(make_parent(), status=DRAFT)
    assert visible_titles(GatingChild) == set()


def test_visible_children_are_gated_per_parent():
    live = make_parent("live")
    draft = make_parent("draft", status=DRAFT)
    make_child(live, "of live")
    make_child(draft, "of draft")
    assert visible_titles(GatingChild) == {"of live"}


def test_visible_grandchild_of_live_chain_is_shown():
    make_grandchild(make_child(make_parent()))
    assert visible_titles(GatingGrandchild) == {"grandchild"}


def test_visible_grandchild_is_hidden_when_the_grandparent_is_draft():
    make_grandchild(make_child(make_parent(status=DRAFT)))
    assert visible_titles(GatingGrandchild) == set()


def test_visible_grandchild_is_hidden_when_the_grandparent_is_scheduled():
    publish_at = timezone.now() + timedelta(days=1)
    make_grandchild(make_child(make_parent(publish_at=publish_at)))
    assert visible_titles(GatingGrandchild) == set()
    assert visible_titles(GatingGrandchild, now=publish_at) == {"grandchild"}


def test_visible_grandchild_is_hidden_when_the_grandparent_has_expired():
    make_grandchild(make_child(make_parent(unpublish_at=timezone.now() - timedelta(hours=1))))
    assert visible_titles(GatingGrandchild) == set()


def test_visible_grandchild_is_hidden_when_its_parent_is_draft():
    make_grandchild(make_child(make_parent(), status=DRAFT))
    assert visible_titles(GatingGrandchild) == set()


def test_visible_grandchild_without_parent_depends_on_its_own_state_only():
    make_parent("unrelated draft", status=DRAFT)
    make_grandchild(None, "orphan live")
    make_grandchild(None, "orphan draft", status=DRAFT)
    make_grandchild(None, "orphan scheduled", publish_at=timezone.now() + timedelta(days=1))
    make_grandchild(None, "orphan expired", unpublish_at=timezone.now() - timedelta(days=1))
    assert visible_titles(GatingGrandchild) == {"orphan live"}


def test_visible_mixes_orphans_and_gated_grandchildren():
    make_grandchild(None, "orphan")
    make_grandchild(make_child(make_parent()), "gated live")
    make_grandchild(make_child(make_parent(status=DRAFT)), "gated hidden")
    assert visible_titles(GatingGrandchild) == {"orphan", "gated live"}


def test_visible_count_uses_only_visible_rows():
    live = make_parent("live")
    draft = make_parent("draft", status=DRAFT)
    for parent in (live, live, draft):
        make_child(parent)
    assert GatingChild.objects.visible().count() == 2
    assert GatingChild.objects.count() == 3


def test_visible_gating_runs_in_one_query(django_assert_num_queries):
    for _ in range(3):
        make_grandchild(make_child(make_parent()))
    with django_assert_num_queries(1):
        assert len(list(GatingGrandchild.objects.visible())) == 3


# is_visible() and publishing_state ----------------------------------------------------------


def test_is_visible_true_for_live_item():
    assert make_parent().is_visible() is True


def test_is_visible_false_for_draft():
    assert make_parent(status=DRAFT).is_visible() is False


def test_is_visible_follows_the_parent_chain():
    parent = make_parent()
    grandchild = make_grandchild(make_child(parent))
    assert grandchild.is_visible() is True
    parent.status = DRAFT
    parent.save()
    assert grandchild.is_visible() is False


def test_is_visible_accepts_a_moved_clock():
    publish_at = timezone.now() + timedelta(days=1)
    parent = make_parent(publish_at=publish_at)
    assert parent.is_visible() is False
    assert parent.is_visible(now=publish_at + timedelta(seconds=1)) is True


@pytest.mark.parametrize(
    ("status", "publish_delta", "unpublish_delta", "expected"),
    [
        (DRAFT, None, None, "draft"),
        (REVIEW, None, None, "review"),
        (DRAFT, timedelta(days=1), None, "draft"),
        (PUBLISHED, None, None, "live"),
        (PUBLISHED, timedelta(days=-1), None, "live"),
        (PUBLISHED, timedelta(days=1), None, "scheduled"),
        (PUBLISHED, None, timedelta(days=1), "live"),
        (PUBLISHED, None, timedelta(days=-1), "expired"),
        (PUBLISHED, timedelta(days=-2), timedelta(days=-1), "expired"),
    ],
)
def test_publishing_state_reports_state(status, publish_delta, unpublish_delta, expected):
    now = timezone.now()
    item = make_parent(
        status=status,
        publish_at=now + publish_delta if publish_delta else None,
        unpublish_at=now + unpublish_delta if unpublish_delta else None,
    )
    assert item.publishing_state == expected


# for_user() ---------------------------------------------------------------------------------


def user_with_permissions(*codenames):
    user = UserFactory()
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return type(user).objects.get(pk=user.pk)  # a fresh copy, without a permission cache


def test_for_user_with_change_permission_sees_drafts():
    make_parent("draft", status=DRAFT)
    make_parent("live")
    user = user_with_permissions("change_gatingparent")
    assert set(GatingParent.objects.for_user(user).values_list("title", flat=True)) == {
        "draft",
        "live",
    }


def test_for_user_anonymous_sees_only_visible():
    make_parent("draft", status=DRAFT)
    make_parent("live")
    assert set(GatingParent.objects.for_user(AnonymousUser()).values_list("title", flat=True)) == {
        "live"
    }


def test_for_user_none_sees_only_visible():
    make_parent("draft", status=DRAFT)
    assert GatingParent.objects.for_user(None).count() == 0


def test_for_user_without_change_permission_sees_only_visible():
    make_parent("draft", status=DRAFT)
    make_parent("live")
    user = user_with_permissions("view_gatingparent", "publish_gatingparent")
    assert set(GatingParent.objects.for_user(user).values_list("title", flat=True)) == {"live"}


def test_for_user_permission_is_per_model():
    parent = make_parent()
    make_child(parent, "draft child", status=DRAFT)
    user = user_with_permissions("change_gatingparent")
    assert GatingChild.objects.for_user(user).count() == 0


def test_for_user_editor_sees_draft_organisations(editor):
    OrganisationFactory(name_en="Draft Works", status=DRAFT)
    OrganisationFactory(name_en="Live Works")
    names = set(Organisation.objects.for_user(editor).values_list("name_en", flat=True))
    assert names == {"Draft Works", "Live Works"}


def test_for_user_staff_without_groups_does_not_see_draft_organisations():
    OrganisationFactory(name_en="Draft Works", status=DRAFT)
    assert Organisation.objects.for_user(UserFactory()).count() == 0


# Optimistic locking -------------------------------------------------------------------------


def test_save_new_item_starts_at_version_one():
    assert make_parent().version == 1


def test_save_bumps_version():
    item = make_parent()
    item.title = "changed"
    item.save()
    assert item.version == 2
    item.refresh_from_db()
    assert item.version == 2
    item.save()
    item.refresh_from_db()
    assert item.version == 3


def test_save_with_update_fields_bumps_version():
    item = make_parent("before")
    item.title = "after"
    item.save(update_fields=["title"])
    item.refresh_from_db()
    assert (item.title, item.version) == ("after", 2)


def test_save_stale_copy_raises_and_keeps_the_first_save():
    item = make_parent("original")
    first = GatingParent.objects.get(pk=item.pk)
    second = GatingParent.objects.get(pk=item.pk)
    first.title = "first"
    first.save()
    second.title = "second"
    # The savepoint keeps the test's transaction usable after the error (see the report).
    with pytest.raises(StaleVersionError) as raised, transaction.atomic():
        second.save()
    assert raised.value.expected_version == 1
    assert raised.value.instance is second
    item.refresh_from_db()
    assert (item.title, item.version) == ("first", 2)


def test_save_stale_copy_keeps_its_own_version():
    item = make_parent()
    stale = GatingParent.objects.get(pk=item.pk)
    item.save()
    with pytest.raises(StaleVersionError), transaction.atomic():
        stale.save()
    assert stale.version == 1


def test_save_stale_copy_with_update_fields_raises():
    item = make_parent("original")
    stale = GatingParent.objects.get(pk=item.pk)
    item.title = "first"
    item.save(update_fields=["title"])
    stale.title = "second"
    with pytest.raises(StaleVersionError), transaction.atomic():
        stale.save(update_fields=["title"])
    item.refresh_from_db()
    assert (item.title, item.version) == ("first", 2)


def test_save_after_refresh_succeeds():
    item = make_parent()
    stale = GatingParent.objects.get(pk=item.pk)
    item.save()
    stale.refresh_from_db()
    stale.title = "rebased"
    stale.save()
    item.refresh_from_db()
    assert (item.title, item.version) == ("rebased", 3)


def test_save_of_deleted_row_raises_stale_version():
    item = make_parent()
    copy = GatingParent.objects.get(pk=item.pk)
    item.delete()
    copy.title = "resurrected"
    with pytest.raises(StaleVersionError), transaction.atomic():
        copy.save()
    assert not GatingParent.objects.filter(title="resurrected").exists()


def test_save_locking_applies_to_organisations():
    organisation = OrganisationFactory()
    stale = Organisation.objects.get(pk=organisation.pk)
    organisation.name_en = "Renamed"
    organisation.save()
    stale.name_en = "Overwritten"
    with pytest.raises(StaleVersionError), transaction.atomic():
        stale.save()
    organisation.refresh_from_db()
    assert (organisation.name_en, organisation.version) == ("Renamed", 2)
