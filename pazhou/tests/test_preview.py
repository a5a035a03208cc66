"""?preview=1 on reader URLs: Editors and Publishers see drafts and pending changes; nobody
else does."""

import pytest

from pazhou.models import PublishingStatus
from pazhou.revisions import revision_save_pending
from pazhou.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def page(organisation, language="en"):
    return f"/{language}/organisations/{organisation.slug}/"


def test_preview_of_a_draft_for_an_editor_in_both_languages(client, editor):
    draft = OrganisationFactory(
        name_en="Draft Co", name_zh_hans="草稿公司", status=PublishingStatus.DRAFT
    )
    client.force_login(editor)

    english = client.get(page(draft) + "?preview=1")
    chinese = client.get(page(draft, "zh-hans") + "?preview=1")

    assert "Draft Co" in english.content.decode()
    assert "Preview:" in english.content.decode()
    assert english["Cache-Control"] == "private, no-store"
    assert english["X-Robots-Tag"] == "noindex"
    assert "草稿公司" in chinese.content.decode()


def test_preview_of_a_draft_is_404_for_anonymous_readers(client):
    draft = OrganisationFactory(name_en="Draft Co", status=PublishingStatus.DRAFT)

    response = client.get(page(draft) + "?preview=1")

    assert response.status_code == 404
    assert "Draft Co" not in response.content.decode()


def test_draft_without_preview_is_404_even_for_an_editor(client, editor):
    draft = OrganisationFactory(name_en="Draft Co", status=PublishingStatus.DRAFT)
    client.force_login(editor)

    assert client.get(page(draft)).status_code == 404


def test_preview_shows_the_pending_change_and_readers_the_live_version(client, editor):
    live = OrganisationFactory(name_en="Live Co")
    live.name_en = "Pending Name Co"
    revision_save_pending(instance=live, user=editor)
    client.force_login(editor)

    preview = client.get(page(live) + "?preview=1").content.decode()
    client.logout()
    public = client.get(page(live) + "?preview=1")

    assert "Pending Name Co" in preview
    assert "Pending Name Co" not in public.content.decode()
    assert "Live Co" in public.content.decode()
    assert "Preview:" not in public.content.decode()
    assert "private" not in public.get("Cache-Control", "")
