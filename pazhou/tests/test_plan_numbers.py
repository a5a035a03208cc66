"""Numbers read naturally in both languages from one stored value (pazhou.numbers), and the
figure sentences built on them (pazhou.templatetags.plans)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from pazhou.models import Comparator, DatePrecision, FigureKind
from pazhou.numbers import format_number, format_quantity, format_unit, round_significant
from pazhou.templatetags.plans import approx_quantity, figure_statement_text, source_label
from pazhou.testing.factories import (
    FigureFactory,
    IndicatorFactory,
    OrganisationFactory,
    SourceFactory,
    TargetFactory,
)


@pytest.mark.parametrize(
    ("value", "unit", "english", "chinese"),
    [
        (Decimal("400000000000"), "yuan", "400 billion yuan", "4000亿元"),
        (Decimal("1500000000000"), "yuan", "1.5 trillion yuan", "1.5万亿元"),
        (Decimal("2500000000"), "yuan", "2.5 billion yuan", "25亿元"),
        (Decimal("30000000"), "yuan", "30 million yuan", "3000万元"),
        (Decimal("50"), "enterprises", "50 enterprises", "50家"),
        (Decimal("1"), "enterprises", "1 enterprise", "1家"),
        (Decimal("50"), "headquarters", "50 headquarters", "50家"),
        (Decimal("12.5"), "percent", "12.5%", "12.5%"),
        (Decimal("1.25"), "square_km", "1.25 km²", "1.25平方公里"),
        (Decimal("3"), "projects", "3 projects", "3个项目"),
    ],
)
def test_format_quantity_reads_naturally_in_both_languages(value, unit, english, chinese):
    assert format_quantity(value, unit, language="en") == english
    assert format_quantity(value, unit, language="zh-hans") == chinese


def test_format_quantity_uses_the_active_language_by_default():
    with translation.override("zh-hans"):
        assert format_quantity(Decimal("400000000000"), "yuan") == "4000亿元"
    with translation.override("en"):
        assert format_quantity(Decimal("400000000000"), "yuan") == "400 billion yuan"


@pytest.mark.parametrize(
    ("comparator", "english", "chinese"),
    [
        (Comparator.EXACTLY, "400 billion yuan", "4000亿元"),
        (Comparator.MORE_THAN, "more than 400 billion yuan", "超过4000亿元"),
        (Comparator.AT_LEAST, "at least 400 billion yuan", "不少于4000亿元"),
        (Comparator.LESS_THAN, "less than 400 billion yuan", "少于4000亿元"),
        (Comparator.AT_MOST, "at most 400 billion yuan", "不超过4000亿元"),
        (Comparator.ABOUT, "about 400 billion yuan", "约4000亿元"),
    ],
)
def test_format_quantity_comparators(comparator, english, chinese):
    value = Decimal("400000000000")
    assert format_quantity(value, "yuan", comparator=comparator, language="en") == english
    assert format_quantity(value, "yuan", comparator=comparator, language="zh-hans") == chinese


def test_format_number_never_rounds_a_value_away():
    # 123,456,789 fits no scale with two decimals or fewer: it is written out in full.
    assert format_number(Decimal("123456789"), language="en") == "123,456,789"
    assert format_number(Decimal("123456789"), language="zh-hans") == "123,456,789"


def test_format_number_trims_the_stored_decimal_places():
    assert format_number(Decimal("50.0000"), language="en") == "50"
    assert format_number(Decimal("400000000000.0000"), language="zh-hans") == "4000亿"


def test_format_number_keeps_the_sign():
    assert format_quantity(Decimal("-2.5"), "percent", language="en") == "-2.5%"
    assert format_number(Decimal("-3000000000"), language="en") == "-3 billion"


def test_format_number_does_not_scale_small_numbers():
    assert format_number(Decimal("9999"), language="en") == "9,999"
    assert format_number(Decimal("10000"), language="zh-hans") == "1万"
    assert format_number(Decimal("10000"), language="en") == "10,000"


def test_round_significant_for_computed_values_only():
    assert round_significant(Decimal("133.333333")) == Decimal("133")
    assert round_significant(Decimal("123456789")) == Decimal("1.23E+8")
    assert format_number(round_significant(Decimal("123456789")), language="zh-hans") == "1.23亿"
    assert round_significant(Decimal("0")) == 0


def test_approx_quantity_says_about_only_when_rounded():
    with translation.override("en"):
        assert approx_quantity(Decimal("133.3333"), "yuan") == "about 133 yuan"
        assert approx_quantity(Decimal("150"), "yuan") == "150 yuan"


def test_format_unit_alone():
    assert format_unit("yuan", language="en") == "yuan"
    assert format_unit("yuan", language="zh-hans") == "元"
    assert format_unit("enterprises", language="zh-hans") == "家"


@pytest.mark.django_db
def test_claim_statement_says_what_it_is_by_whom_and_when():
    publisher = OrganisationFactory(name_en="China News Network", name_zh_hans="中国新闻网")
    source = SourceFactory(publisher=publisher, date=datetime.date(2023, 6, 6))
    figure = FigureFactory(
        kind=FigureKind.CLAIM,
        comparator=Comparator.MORE_THAN,
        value=Decimal("400000000000"),
        date=datetime.date(2022, 1, 1),
        date_precision=DatePrecision.YEAR,
        source=source,
    )
    with translation.override("en"):
        text = figure_statement_text(figure, "yuan")
    assert text == (
        "reported: more than 400 billion yuan in 2022 "
        "(a claim in China News Network, 2023; not a measurement)"
    )
    with translation.override("zh-hans"):
        chinese = figure_statement_text(figure, "yuan")
    assert "超过4000亿元" in chinese
    assert "2022年" in chinese
    assert "中国新闻网" in chinese


@pytest.mark.django_db
def test_target_statement_names_the_plan_and_the_baseline():
    target = TargetFactory(
        value=Decimal("500000000000"),
        baseline_value=Decimal("300000000000"),
        indicator__plan__title_en="Growth Plan",
    )
    with translation.override("en"):
        text = figure_statement_text(target, "yuan", plan=target.indicator.plan)
    assert text.startswith("target: 500 billion yuan by 2030 (a target set by Growth Plan")
    assert "from 300 billion yuan in 2020" in text


@pytest.mark.django_db
def test_measurement_statement_on_a_day_and_for_a_period():
    measured = FigureFactory(
        value=Decimal("42"),
        date=datetime.date(2023, 5, 30),
        date_precision=DatePrecision.DAY,
        indicator=IndicatorFactory(unit="enterprises"),
    )
    with translation.override("en"):
        assert figure_statement_text(measured, "enterprises").startswith(
            "measured: 42 enterprises on 30 May 2023 (a measurement, in"
        )
    period = FigureFactory(period_start=datetime.date(2021, 1, 1), date=datetime.date(2022, 1, 1))
    with translation.override("en"):
        assert "from 2021 to 2022" in figure_statement_text(period, "yuan")


@pytest.mark.django_db
def test_source_label_hides_a_draft_publisher():
    draft = OrganisationFactory(name_en="Secret Press", status="draft")
    source = SourceFactory(publisher=draft, citation="A public citation", date=None)
    assert source_label(source) == "A public citation"
