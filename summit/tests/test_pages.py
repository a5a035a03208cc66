"""Summit reader pages with the seed facts: what the source says, in both languages, and no
draft anywhere."""

import pytest
from django.core.management import call_command

from pazhou.models import PublishingStatus
from summit.models import Appearance, Person, Release, Session, Summit

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("load_seed_facts")


def test_seed_creates_the_2023_edition_as_reported(seeded):
    summit = Summit.objects.get(year=2023)
    assert str(summit.start_date) == str(summit.end_date) == "2023-05-30"
    assert "the 30th" in summit.date_note_en
    assert summit.title_zh_hans in (None, "")
    sessions = list(summit.sessions.order_by("order"))
    assert [s.slug for s in sessions] == ["hurun-list-release", "academician-sharing-session"]
    assert all(s.start_time is None and s.room is None for s in sessions)
    speakers = Appearance.objects.filter(session=sessions[1]).order_by("order")
    assert [a.person.name_zh for a in speakers] == ["柴天佑", "谭建荣"]
    report = Release.objects.get(slug="pazhou-industrial-internet-report")
    assert report.session is None and report.publisher is None
    lv = Person.objects.get(slug="lv-nengxing")
    assert lv.name_zh == "" and lv.affiliation.slug == "hurun-report"


def test_seed_rerun_creates_nothing_and_keeps_an_editor_change(seeded):
    session = Session.objects.get(slug="academician-sharing-session")
    session.title_zh_hans = "院士分享会"
    session.save()
    counts = [Summit.objects.count(), Session.objects.count(), Appearance.objects.count()]
    call_command("load_seed_facts")
    assert [Summit.objects.count(), Session.objects.count(), Appearance.objects.count()] == counts
    session.refresh_from_db()
    assert session.title_zh_hans == "院士分享会"


def test_summit_page_shows_programme_people_releases_and_source(client, seeded):
    page = client.get("/en/summits/2023/").content.decode()
    assert "2023 Pazhou Industrial Internet Summit" in page
    assert "time to be announced" in page
    assert page.index("Release of the Hurun") < page.index("Academician sharing session")
    assert "Chai Tianyou" in page and "Tan Jianrong" in page and "Lv Nengxing" in page
    assert "Pazhou Industrial Internet Report" in page
    assert "Asia/Shanghai" in page
    assert "China News Network" in page


def test_person_page_in_chinese_shows_the_chinese_name(client, seeded):
    page = client.get("/zh-hans/people/chai-tianyou/").content.decode()
    assert "<h1>柴天佑</h1>" in page
    assert "中国工程院院士" in page
    assert "Academician sharing session" in page  # no Chinese title given: falls back


def test_home_page_shows_the_latest_summit(client, seeded):
    page = client.get("/en/").content.decode()
    assert 'href="/en/summits/2023/"' in page


def test_search_finds_people_by_either_script_and_full_name(client, seeded):
    for query in ["柴天佑", "chai tianyou", "Tan"]:
        page = client.get("/en/search/", {"q": query}).content.decode()
        assert "/en/people/" in page, query
    assert "/en/people/chai-tianyou/" in client.get("/en/search/", {"q": "柴"}).content.decode()


def test_draft_summit_hides_its_sessions_people_links_and_releases(client, seeded):
    summit = Summit.objects.get(year=2023)
    summit.status = PublishingStatus.DRAFT
    summit.save()
    paths = [
        "/en/summits/2023/",
        "/en/summits/2023/sessions/academician-sharing-session/",
        "/en/summits/2023/releases/pazhou-industrial-internet-report/",
    ]
    for path in paths:
        assert client.get(path).status_code == 404, path
    assert "/summits/2023" not in client.get("/en/summits/").content.decode()
    assert "/summits/2023" not in client.get("/en/").content.decode()
    assert "/summits/2023" not in client.get("/sitemap.xml").content.decode()
    search = client.get("/en/search/", {"q": "academician"}).content.decode()
    assert "/sessions/" not in search
    # The person stays public, without the hidden appearance.
    person_page = client.get("/en/people/chai-tianyou/").content.decode()
    assert "Academician sharing session" not in person_page


def test_draft_session_is_hidden_but_the_summit_stays(client, seeded):
    session = Session.objects.get(slug="hurun-list-release")
    session.status = PublishingStatus.DRAFT
    session.save()
    page = client.get("/en/summits/2023/").content.decode()
    assert "Release of the Hurun" not in page
    # The list release belongs to that session, so it is gated with it.
    assert "hurun-china-industrial-internet-top-2023" not in page
    assert client.get("/en/summits/2023/sessions/hurun-list-release/").status_code == 404


def test_draft_person_is_not_linked_from_sessions(client, seeded):
    person = Person.objects.get(slug="tan-jianrong")
    person.status = PublishingStatus.IN_REVIEW
    person.save()
    page = client.get("/en/summits/2023/sessions/academician-sharing-session/").content.decode()
    assert "Tan Jianrong" not in page
    assert "Chai Tianyou" in page
    assert client.get("/en/people/tan-jianrong/").status_code == 404


def test_organisation_page_lists_its_people_at_the_summit(client, seeded):
    page = client.get("/en/organisations/hurun-report/").content.decode()
    assert "People at the summit" in page
    assert "Lv Nengxing" in page
    assert "/en/summits/2023/sessions/hurun-list-release/" in page
    session = Session.objects.get(slug="hurun-list-release")
    session.status = PublishingStatus.DRAFT
    session.save()
    page = client.get("/en/organisations/hurun-report/").content.decode()
    assert "hurun-list-release" not in page


def test_atom_feed_carries_visible_sessions_and_releases_only(client, seeded):
    Session.objects.filter(slug="hurun-list-release").update(status=PublishingStatus.DRAFT)
    feed = client.get("/en/feeds/latest.atom").content.decode()
    assert "Academician sharing session" in feed
    assert "Pazhou Industrial Internet Report" in feed
    assert "Release of the Hurun" not in feed
    # The list release sits in the hidden session, so it is hidden too.
    assert "hurun-china-industrial-internet-top-2023" not in feed
