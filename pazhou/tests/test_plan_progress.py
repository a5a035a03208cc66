"""Honest progress (pazhou.services): it exists only with a target (with its baseline) and a
measurement dated after the baseline; it is bounded to 0–100 %; its status is measured against
the straight line from the baseline to the target's date."""

import datetime
from decimal import Decimal

import pytest

from pazhou.models import DatePrecision, Direction, Figure, FigureKind, Indicator, ProgressStatus
from pazhou.services import (
    figure_latest,
    indicator_current_target,
    indicator_progress,
    target_progress,
)

YEAR = DatePrecision.YEAR


def year(value):
    return datetime.date(value, 1, 1)


def target(value=200, baseline=100, by=2030, since=2020, pk=1):
    return Figure(
        pk=pk,
        kind=FigureKind.TARGET,
        value=Decimal(value),
        date=year(by),
        date_precision=YEAR,
        baseline_value=Decimal(baseline),
        baseline_date=year(since),
        baseline_date_precision=YEAR,
    )


def measured(value, in_year, pk=None, kind=FigureKind.MEASUREMENT):
    return Figure(
        pk=pk or in_year, kind=kind, value=Decimal(value), date=year(in_year), date_precision=YEAR
    )


def progress(measurements, direction=Direction.HIGHER_IS_BETTER, **target_kwargs):
    return target_progress(
        target=target(**target_kwargs), measurements=measurements, direction=direction
    )


def test_no_target_means_no_progress_at_all():
    indicator = Indicator(direction=Direction.HIGHER_IS_BETTER)
    figures = [measured(150, 2025), measured(400, 2022, kind=FigureKind.CLAIM)]
    assert indicator_progress(indicator=indicator, figures=figures) is None


def test_target_without_measurement_is_no_data():
    result = progress([])
    assert result.status == ProgressStatus.NO_DATA
    assert result.percent is None
    assert result.latest is None


def test_measurements_up_to_the_baseline_do_not_count():
    result = progress([measured(90, 2019), measured(100, 2020)])
    assert result.status == ProgressStatus.NO_DATA
    assert result.percent is None


def test_claims_and_expectations_never_count_as_measurements():
    indicator = Indicator(direction=Direction.HIGHER_IS_BETTER)
    figures = [
        target(),
        measured(190, 2025, kind=FigureKind.CLAIM),
        measured(195, 2026, kind=FigureKind.EXPECTATION),
    ]
    result = indicator_progress(indicator=indicator, figures=figures, today=year(2026))
    assert result.status == ProgressStatus.NO_DATA
    assert result.percent is None


def test_at_or_above_the_straight_line_is_on_track():
    # Baseline 100 at the end of 2020, target 200 at the end of 2030: 150 is due by end 2025.
    result = progress([measured(160, 2025)])
    assert result.status == ProgressStatus.ON_TRACK
    assert result.percent == Decimal("60.0")
    assert abs(result.expected - Decimal(150)) < Decimal("0.2")


def test_below_the_straight_line_is_behind():
    result = progress([measured(130, 2022), measured(140, 2025)])
    assert result.status == ProgressStatus.BEHIND
    assert result.percent == Decimal("40.0")
    assert result.latest.value == Decimal(140)


def test_progress_is_bounded_to_100_beyond_the_target():
    result = progress([measured(260, 2027)])
    assert result.status == ProgressStatus.ACHIEVED
    assert result.percent == Decimal("100.0")
    assert result.beyond_target is True


def test_progress_is_bounded_to_0_below_the_baseline():
    result = progress([measured(80, 2024)])
    assert result.percent == Decimal("0.0")
    assert result.status == ProgressStatus.BEHIND


def test_target_met_on_its_date_is_achieved():
    result = progress([measured(200, 2030)])
    assert result.status == ProgressStatus.ACHIEVED
    assert result.percent == Decimal("100.0")
    assert result.beyond_target is False


def test_target_date_passed_short_of_target_is_missed():
    result = progress([measured(150, 2025), measured(180, 2031)])
    assert result.status == ProgressStatus.MISSED
    assert result.percent == Decimal("80.0")


def test_measured_on_the_target_date_short_of_target_is_missed():
    assert progress([measured(199, 2030)]).status == ProgressStatus.MISSED


def test_target_reached_only_after_its_date_is_missed_not_achieved():
    result = progress([measured(150, 2030), measured(220, 2032)])
    assert result.status == ProgressStatus.MISSED
    assert result.percent == Decimal("100.0")


def test_without_a_measurement_after_the_date_status_is_as_of_the_latest_one():
    # The target's date has passed, but the site knows nothing after 2025: behind as of 2025.
    result = progress([measured(140, 2025)], by=2026)
    assert result.status == ProgressStatus.BEHIND


def test_lower_is_better_on_track():
    lower = Direction.LOWER_IS_BETTER
    result = progress([measured(70, 2025)], direction=lower, value=50, baseline=100)
    # (70 − 100) / (50 − 100) = 60 %; the straight line is at 75 by 2025, and 70 is below it.
    assert result.percent == Decimal("60.0")
    assert result.status == ProgressStatus.ON_TRACK


def test_lower_is_better_behind():
    lower = Direction.LOWER_IS_BETTER
    result = progress([measured(90, 2025)], direction=lower, value=50, baseline=100)
    assert result.percent == Decimal("20.0")
    assert result.status == ProgressStatus.BEHIND


def test_lower_is_better_achieved_and_bounded():
    lower = Direction.LOWER_IS_BETTER
    result = progress([measured(30, 2027)], direction=lower, value=50, baseline=100)
    assert result.status == ProgressStatus.ACHIEVED
    assert result.percent == Decimal("100.0")
    assert result.beyond_target is True


def test_lower_is_better_worse_than_baseline_is_zero():
    lower = Direction.LOWER_IS_BETTER
    result = progress([measured(120, 2025)], direction=lower, value=50, baseline=100)
    assert result.percent == Decimal("0.0")
    assert result.status == ProgressStatus.BEHIND


def test_lower_is_better_missed():
    lower = Direction.LOWER_IS_BETTER
    result = progress([measured(60, 2031)], direction=lower, value=50, baseline=100)
    assert result.status == ProgressStatus.MISSED


def test_percent_is_rounded_to_one_decimal():
    assert progress([measured(133, 2025)]).percent == Decimal("33.0")
    assert progress([measured(Decimal("133.35"), 2025)]).percent == Decimal("33.4")


def test_current_target_is_the_next_one_not_yet_due():
    early, late = target(by=2025, pk=1), target(value=300, by=2035, pk=2)
    assert indicator_current_target(targets=[late, early], today=year(2024)) is early
    assert indicator_current_target(targets=[late, early], today=datetime.date(2027, 3, 1)) is late
    assert indicator_current_target(targets=[late, early], today=year(2040)) is late
    assert indicator_current_target(targets=[], today=year(2040)) is None


def test_indicator_progress_uses_the_visible_figures_given():
    indicator = Indicator(direction=Direction.HIGHER_IS_BETTER)
    figures = [target(), measured(160, 2025), measured(400, 2026, kind=FigureKind.CLAIM)]
    result = indicator_progress(indicator=indicator, figures=figures, today=year(2026))
    assert result.status == ProgressStatus.ON_TRACK
    assert result.latest.value == Decimal(160)


def test_latest_figure_is_the_most_recent_of_any_kind():
    figures = [measured(160, 2025), measured(400, 2026, kind=FigureKind.CLAIM), target()]
    assert figure_latest(figures=figures).value == Decimal(400)
    assert figure_latest(figures=[]) is None


@pytest.mark.parametrize("status", list(ProgressStatus))
def test_every_status_has_a_label(status):
    assert str(status.label)
