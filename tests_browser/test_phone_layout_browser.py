"""Every kind of reader page fits a phone's width in real Chromium: nothing forces the reader
to scroll sideways (wide tables scroll inside their own box), in both languages."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/{lang}/",
    "/{lang}/summits/2023/",
    "/{lang}/summits/2023/schedule/",
    "/{lang}/summits/2023/sessions/academician-sharing-session/",
    "/{lang}/people/",
    "/{lang}/rankings/hurun-china-industrial-internet-top/2023/",
    "/{lang}/plans/pazhou-internet-innovation-cluster-industrial-development-plan/",
    "/{lang}/places/pazhou-experimental-zone/",
    "/{lang}/organisations/tencent/",
]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_reader_pages_fit_a_phone_screen(live_server, page, artifacts, lang):
    call_command("load_seed_facts")
    for template in PAGES:
        path = template.format(lang=lang)
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} is {overflow}px wider than the phone screen"
        assert page.locator("h1").first.is_visible(), path
    page.goto(f"{live_server.url}/{lang}/summits/2023/schedule/")
    page.screenshot(path=str(artifacts / f"schedule-phone-{lang}.png"), full_page=True)
