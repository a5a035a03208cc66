"""The organisation and source admin, for Editors and Publishers."""

import pytest
from django.urls import reverse

from pazhou.models import Organisation, PublishingStatus
from pazhou.testing.factories import OrganisationAliasFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:pazhou_organisation_changelist")


def change_form_data(organisation, **overrides):
    data = {
        "name_en": organisation.name_en,
        "name_zh_hans": organisation.name_zh_hans or "",
        "slug": organisation.slug,
        "kind": organisation.kind,
        "ownership": "",
        "hq_region": "",
        "hq_province_en": "",
        "hq_province_zh_hans": "",
        "hq_city_en": "",
        "hq_city_zh_hans": "",
        "hq_district_en": "",
        "hq_district_zh_hans": "",
        "description_en": "",
        "description_zh_hans": "",
        "website": "",
        "founded_year": "",
        "status": organisation.status,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
        # The district plans' presence inline (pazhou.admin.PresenceByOrganisationInline).
        "presences-TOTAL_FORMS": "0",
        "presences-INITIAL_FORMS": "0",
        "presences-MIN_NUM_FORMS": "0",
        "presences-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_admin_search_finds_by_either_language_alias_and_traditional_script(client, editor):
    huawei = OrganisationFactory(name_en="Huawei", name_zh_hans="华为")
    rootcloud = OrganisationFactory(name_en="Rootcloud", name_zh_hans="树根互联")
    OrganisationAliasFactory(organisation=rootcloud, name="Treeroot Internet")
    client.force_login(editor)
    for term, expected in [("華為", huawei), ("huawei", huawei), ("treeroot", rootcloud)]:
        page = client.get(CHANGELIST, {"q": term}).content.decode()
        assert f"/{expected.pk}/change/" in page, term
        other = rootcloud if expected == huawei else huawei
        assert f"/{other.pk}/change/" not in page, term


def test_admin_change_form_offers_view_on_site_and_alias_inline(client, publisher):
    organisation = OrganisationFactory(name_en="Form Co")
    client.force_login(publisher)
    page = client.get(reverse("admin:pazhou_organisation_change", args=[organisation.pk]))
    html = page.content.decode()
    assert "View on site" in html
    assert 'name="aliases-TOTAL_FORMS"' in html
    assert 'name="name_zh_hans"' in html


def test_editor_cannot_choose_published_in_the_admin(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:pazhou_organisation_add")).content.decode()
    assert '<option value="review">' in html
    assert '<option value="published">' not in html
    assert 'name="publish_at' not in html


def test_editor_post_of_published_status_is_refused_and_nothing_is_written(client, editor):
    organisation = OrganisationFactory(name_en="Draft Co", status=PublishingStatus.DRAFT)
    client.force_login(editor)
    response = client.post(
        reverse("admin:pazhou_organisation_change", args=[organisation.pk]),
        change_form_data(organisation, status="published"),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.status == PublishingStatus.DRAFT
    assert organisation.version == 1


def test_editor_can_submit_for_review_and_the_version_rises(client, editor):
    organisation = OrganisationFactory(name_en="Review Co", status=PublishingStatus.DRAFT)
    client.force_login(editor)
    response = client.post(
        reverse("admin:pazhou_organisation_change", args=[organisation.pk]),
        change_form_data(organisation, status="review", name_zh_hans="审核公司"),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == PublishingStatus.IN_REVIEW
    assert organisation.name_zh_hans == "审核公司"
    assert organisation.version == 2


def test_publisher_can_publish_in_the_admin(client, publisher):
    organisation = OrganisationFactory(name_en="Publish Co", status=PublishingStatus.IN_REVIEW)
    client.force_login(publisher)
    response = client.post(
        reverse("admin:pazhou_organisation_change", args=[organisation.pk]),
        change_form_data(organisation, status="published"),
    )
    assert response.status_code == 302
    assert Organisation.objects.visible().filter(pk=organisation.pk).exists()


def test_editor_cannot_delete_organisations(client, editor):
    organisation = OrganisationFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:pazhou_organisation_delete", args=[organisation.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_source_admin_lists_sources_for_editors(client, editor):
    from pazhou.testing.factories import SourceFactory

    SourceFactory(citation="Synthetic Gazette, 2 March 2024")
    client.force_login(editor)
    page = client.get(reverse("admin:pazhou_source_changelist")).content.decode()
    assert "Synthetic Gazette, 2 March 2024" in page


def test_admin_is_branded(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Pazhou Industrial Internet" in page
