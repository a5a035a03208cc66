from pazhou.models import Organisation
from pazhou.testing.factories import OrganisationFactory


def test_home_page_lists_a_published_organisation(client, db):
    OrganisationFactory(name_en="Smoke Works")
    response = client.get("/en/")
    assert "Smoke Works" in response.content.decode()
    assert Organisation.objects.visible().count() == 1
