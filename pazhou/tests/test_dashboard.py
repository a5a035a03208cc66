"""The admin index as a dashboard, and the recent-changes page for Publishers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pazhou.models import PublishingStatus
from pazhou.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
RECENT = reverse("admin-recent-changes")


def section(html, heading_id):
    """The HTML of one dashboard section."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_dashboard_lists_items_in_review_and_pending_changes(client, editor, publisher):
    OrganisationFactory(name_en="Waiting Co", status=PublishingStatus.IN_REVIEW)
    OrganisationFactory(name_en="Draft Co", status=PublishingStatus.DRAFT)
    live = OrganisationFactory(name_en="Live Co")
    client.force_login(editor)
    from pazhou.revisions import revision_save_pending

    live.name_en = "Live Co Renamed"
    revision_save_pending(instance=live, user=editor)
    client.force_login(publisher)

    review = section(client.get(INDEX).content.decode(), "dashboard-review")

    assert "Waiting Co" in review
    assert "Live Co" in review and editor.username in review
    assert "Draft Co" not in review


def test_dashboard_lists_what_goes_live_or_off_in_the_next_seven_days(client, publisher):
    now = timezone.now()
    OrganisationFactory(name_en="Soon Co", publish_at=now + timedelta(days=2))
    OrganisationFactory(name_en="Later Co", publish_at=now + timedelta(days=20))
    OrganisationFactory(name_en="Ending Co", unpublish_at=now + timedelta(days=3))
    client.force_login(publisher)

    scheduled = section(client.get(INDEX).content.decode(), "dashboard-scheduled")

    assert "Soon Co" in scheduled
    assert "Ending Co" in scheduled
    assert "Later Co" not in scheduled


def test_dashboard_lists_recently_changed_items_newest_first(client, editor):
    OrganisationFactory(name_en="Older Co")
    OrganisationFactory(name_en="Newer Co")
    client.force_login(editor)

    recent = section(client.get(INDEX).content.decode(), "dashboard-recent")

    assert recent.index("Newer Co") < recent.index("Older Co")
    assert RECENT not in recent  # the site-wide log is for Publishers


def test_recent_changes_page_is_for_publishers_only(client, editor, publisher):
    client.force_login(editor)
    assert client.get(RECENT).status_code == 403
    client.force_login(publisher)
    html = client.get(RECENT).content.decode()
    assert "Recent changes" in html


def test_dashboard_needs_login(client):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_dashboard_lists_indicators_whose_latest_figure_is_over_a_year_old(client, publisher):
    import datetime

    from pazhou.testing.factories import FigureFactory, IndicatorFactory, TargetFactory

    today = timezone.localdate()
    stale = IndicatorFactory(name_en="Stale Revenue")
    FigureFactory(indicator=stale, date=today - timedelta(days=400))
    fresh = IndicatorFactory(name_en="Fresh Revenue")
    FigureFactory(indicator=fresh, date=today - timedelta(days=400))
    FigureFactory(indicator=fresh, date=today - timedelta(days=30))
    targeted = TargetFactory(date=datetime.date(today.year + 5, 1, 1)).indicator
    targeted.name_en = "Old Measurement With Future Target"
    targeted.save()
    FigureFactory(indicator=targeted, date=today - timedelta(days=800))
    client.force_login(publisher)

    stale_section = section(client.get(INDEX).content.decode(), "dashboard-stale")

    assert "Stale Revenue" in stale_section
    assert "Old Measurement With Future Target" in stale_section
    assert "Fresh Revenue" not in stale_section


def test_dashboard_pending_changes_cost_the_same_queries_however_many(client, editor, publisher):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pazhou.revisions import revision_save_pending

    def hold(count):
        for organisation in OrganisationFactory.create_batch(count):
            organisation.name_en = f"{organisation.name_en} renamed"
            revision_save_pending(instance=organisation, user=editor)

    client.force_login(publisher)
    hold(1)
    with CaptureQueriesContext(connection) as one:
        client.get(INDEX)
    hold(8)
    with CaptureQueriesContext(connection) as nine:
        html = client.get(INDEX).content.decode()

    assert html.count("renamed") == 0  # the live names are listed, not the pending ones
    assert len(nine) == len(one)
