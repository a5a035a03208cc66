"""A reader in real Chromium goes from the home page to a session, downloads its calendar
file and switches language on the session page."""

from pathlib import Path

import pytest
from django.core.management import call_command
from icalendar import Calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_walks_from_home_to_a_session_and_downloads_its_ics(live_server, page, artifacts):
    call_command("load_seed_facts")
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="2023 Pazhou Industrial Internet Summit").click()
    page.wait_for_url(f"{live_server.url}/en/summits/2023/")
    assert "time to be announced" in page.content()

    page.get_by_role("link", name="Academician sharing session").click()
    session_url = f"{live_server.url}/en/summits/2023/sessions/academician-sharing-session/"
    page.wait_for_url(session_url)
    assert page.locator("h1").inner_text() == "Academician sharing session"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar").click()
    download = download_info.value
    assert download.suggested_filename == "academician-sharing-session.ics"
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert "Chai Tianyou" in str(events[0]["DESCRIPTION"])

    page.get_by_role("link", name="简体中文").click()
    page.wait_for_url(session_url.replace("/en/", "/zh-hans/"))
    assert page.get_by_role("link", name="柴天佑").is_visible()
    assert page.get_by_role("link", name="谭建荣").is_visible()
    page.screenshot(path=str(artifacts / "session-zh-hans.png"), full_page=True)
