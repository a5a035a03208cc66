"""Server-rendered SVG charts: well-formed, named for screen readers, proportional, escaped and
self-contained."""

import re
from xml.etree import ElementTree

from rankings.charts import Bar, RankPoint, bar_chart_svg, rank_history_svg, shorten, text_width


def parse(svg):
    return ElementTree.fromstring(str(svg))


def test_bar_chart_is_an_image_named_by_its_title_and_description():
    svg = parse(
        bar_chart_svg(
            [Bar("Platforms", 4), Bar("Making", 2)],
            chart_id="c1",
            title="Entries by category",
            description="6 entries.",
        )
    )

    assert svg.tag == "svg"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find("title").get("id") == "c1-title"
    assert svg.find("title").text == "Entries by category"
    assert svg.find("desc").text == "6 entries."


def test_bar_lengths_are_proportional_to_the_values():
    svg = parse(
        bar_chart_svg(
            [Bar("Four", 4), Bar("Two", 2), Bar("None", 0)], chart_id="c", title="t", description=""
        )
    )

    widths = [float(rect.get("width")) for rect in svg.iter("rect")]
    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0
    labels = [group.find("title").text for group in svg.iter("g")]
    assert labels == ["Four: 4", "Two: 2", "None: 0"]


def test_bar_chart_escapes_every_text():
    svg = bar_chart_svg(
        [Bar('<script>alert("x")</script> & Co', 1)],
        chart_id="c",
        title="A <b>title</b>",
        description="D & E",
    )

    assert "<script>" not in svg
    assert "<b>" not in svg
    tree = parse(svg)
    assert tree.find("title").text == "A <b>title</b>"
    assert tree.find("g/title").text == '<script>alert("x")</script> & Co: 1'


def test_long_labels_are_shortened_in_the_drawing_but_whole_in_the_tooltip():
    label = "A very long category name that would not fit next to its bar"
    tree = parse(bar_chart_svg([Bar(label, 3)], chart_id="c", title="t", description=""))

    drawn = tree.find("g/text").text
    assert drawn.endswith("…") and len(drawn) < len(label)
    assert tree.find("g/title").text == f"{label}: 3"


def test_text_width_counts_chinese_characters_double():
    assert text_width("abc") == 3
    assert text_width("华为") == 4
    assert shorten("智能制造工业互联网平台企业", 10) == "智能制造…"
    assert shorten("short", 10) == "short"


def test_charts_reference_nothing_outside_the_page():
    svgs = [
        bar_chart_svg([Bar("x", 1)], chart_id="a", title="t", description=""),
        rank_history_svg([RankPoint(2101, "1", 1)], chart_id="b", title="t", description=""),
    ]
    for svg in svgs:
        assert not re.search(r"(href|src)=", svg)
        assert "<script" not in svg


def test_rank_history_puts_better_ranks_higher_and_joins_consecutive_ranks():
    points = [RankPoint(2101, "5", 5), RankPoint(2102, "=2", 2), RankPoint(2103, "1", 1)]
    tree = parse(rank_history_svg(points, chart_id="r", title="History", description="d"))

    assert tree.get("role") == "img"
    circles = [(float(c.get("cx")), float(c.get("cy"))) for c in tree.iter("circle")]
    assert [x for x, _y in circles] == sorted(x for x, _y in circles)
    assert circles[0][1] > circles[1][1] > circles[2][1]  # rank 1 is at the top
    assert len(list(tree.iter("polyline"))) == 1
    labels = [group.find("text").text for group in tree.iter("g")]
    assert labels == ["5", "=2", "1"]
    years = [t.text for t in tree.iter("text") if t.text and t.text.isdigit() and len(t.text) == 4]
    assert years == ["2101", "2102", "2103"]


def test_rank_history_breaks_the_line_where_an_edition_has_no_rank():
    points = [
        RankPoint(2101, "3", 3),
        RankPoint(2102, "not listed", None, listed=False),
        RankPoint(2103, "listed, no rank", None),
        RankPoint(2104, "2", 2),
    ]
    tree = parse(rank_history_svg(points, chart_id="r", title="t", description="d"))

    assert list(tree.iter("polyline")) == []
    circles = list(tree.iter("circle"))
    assert len(circles) == 3  # nothing drawn for the year it was not listed
    hollow = [c for c in circles if c.get("fill") == "#fff"]
    assert len(hollow) == 1
    assert any(t.text == "no rank" for t in tree.iter("text"))


def test_rank_history_with_one_edition_draws_one_centred_point():
    tree = parse(
        rank_history_svg([RankPoint(2101, "7", 7)], chart_id="r", title="t", description="d")
    )

    [circle] = tree.iter("circle")
    assert float(circle.get("cx")) == float(tree.get("width")) / 2
