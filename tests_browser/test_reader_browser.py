"""A reader in real Chromium: home page, language switch, and nothing loaded from elsewhere."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_switches_language_and_keeps_the_reader_on_the_page(live_server, page, artifacts):
    call_command("load_seed_facts")
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(request.url.split("/")[2]))

    page.goto(f"{live_server.url}/en/")
    assert page.locator("h1").first.inner_text() == "Pazhou Industrial Internet"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Rootcloud").is_visible()

    page.get_by_role("link", name="简体中文").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.get_by_role("link", name="树根互联").is_visible()
    page.screenshot(path=str(artifacts / "home-zh-hans.png"), full_page=True)

    # On an organisation page the switcher leads to the same organisation.
    page.get_by_role("link", name="树根互联").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/organisations/rootcloud/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_server.url}/en/organisations/rootcloud/")
    assert page.locator("h1").inner_text() == "Rootcloud"
    assert "Treeroot Internet" in page.content()

    live_host = live_server.url.split("/")[2]
    assert requested_hosts == {live_host}, f"requests left the site: {requested_hosts}"


def test_skip_link_takes_keyboard_focus_to_the_content(live_server, page):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
