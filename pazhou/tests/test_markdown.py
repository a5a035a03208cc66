"""Markdown rendering with nh3, and the ``markdown`` and ``partial_date`` template filters."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from pazhou.templatetags.pazhou import markdown, partial_date
from pazhou.text import render_markdown

# render_markdown: what is removed -----------------------------------------------------------


def test_render_markdown_removes_script_and_its_content():
    html = render_markdown("Hello <script>alert('x')</script> world")
    assert "<script" not in html
    assert "alert" not in html
    assert "Hello" in html and "world" in html


def test_render_markdown_removes_style_and_its_content():
    html = render_markdown("<style>body { display: none }</style>Text")
    assert "<style" not in html
    assert "display" not in html
    assert "<p>Text</p>" in html


def test_render_markdown_removes_event_handlers():
    html = render_markdown('<a href="https://example.org/" onclick="steal()">link</a>')
    assert "onclick" not in html
    assert "steal" not in html
    assert 'href="https://example.org/"' in html


def test_render_markdown_removes_javascript_links():
    html = render_markdown("[click](javascript:alert(1)) and <a href='javascript:alert(2)'>b</a>")
    assert "javascript" not in html.lower()
    assert "click" in html


def test_render_markdown_removes_data_and_other_schemes():
    html = render_markdown("[d](data:text/html,boom) [f](ftp://example.org/file)")
    assert "data:" not in html
    assert "ftp:" not in html


def test_render_markdown_removes_images_and_iframes():
    html = render_markdown(
        '<img src="x" onerror="alert(1)"><iframe src="https://e.org"></iframe>ok'
    )
    assert "<img" not in html
    assert "onerror" not in html
    assert "<iframe" not in html
    assert "ok" in html


def test_render_markdown_removes_style_class_and_target_attributes():
    html = render_markdown(
        '<a href="https://example.org/" target="_blank" class="x" style="color:red">l</a>'
    )
    assert re.search(r"target|class=|style=", html) is None


def test_render_markdown_escapes_html_in_code():
    html = render_markdown("```\n<b>bold?</b>\n```")
    assert "<pre><code>&lt;b&gt;bold?&lt;/b&gt;" in html


def test_render_markdown_drops_top_level_heading_tag_but_keeps_text():
    # The page has its own <h1>; a text's headings start at <h2>.
    html = render_markdown("# Title\n\nBody")
    assert "<h1" not in html
    assert "Title" in html


# render_markdown: what is kept --------------------------------------------------------------


def test_render_markdown_keeps_headings():
    html = render_markdown("## Aims\n\n### 目标\n\n#### Detail")
    assert "<h2>Aims</h2>" in html
    assert "<h3>目标</h3>" in html
    assert "<h4>Detail</h4>" in html


def test_render_markdown_keeps_lists():
    html = render_markdown("- one\n- two\n\n1. first\n2. second")
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html


def test_render_markdown_links_get_rel():
    html = render_markdown('[Hurun](https://www.hurun.net/ "Hurun Report")')
    assert html == (
        '<p><a href="https://www.hurun.net/" title="Hurun Report" '
        'rel="noopener noreferrer nofollow">Hurun</a></p>'
    )


def test_render_markdown_keeps_mailto_links():
    html = render_markdown("[write](mailto:editor@example.org)")
    assert 'href="mailto:editor@example.org"' in html


def test_render_markdown_keeps_emphasis_quotes_and_tables():
    html = render_markdown("**bold** *it*\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<strong>bold</strong>" in html
    assert "<em>it</em>" in html
    assert "<blockquote>" in html
    assert "<th>a</th>" in html and "<td>2</td>" in html


def test_render_markdown_keeps_chinese_text():
    assert render_markdown("琶洲工业互联网") == "<p>琶洲工业互联网</p>"


@pytest.mark.parametrize("text", ["", None])
def test_render_markdown_empty_input_gives_empty_string(text):
    assert render_markdown(text) == ""


def test_render_markdown_footnote_links_reach_their_target():
    html = render_markdown("A claim.[^1]\n\n[^1]: The source.")
    targets = re.findall(r'href="#([^"]+)"', html)
    assert targets
    for target in targets:
        assert f'id="{target}"' in html


# The markdown filter ------------------------------------------------------------------------


def test_markdown_filter_renders_safe_html_in_templates():
    template = Template("{% load pazhou %}{{ text|markdown }}")
    html = template.render(Context({"text": "## Plan\n\n<script>x()</script>*now*"}))
    assert "<h2>Plan</h2>" in html
    assert "<em>now</em>" in html
    assert "<script" not in html and "&lt;script" not in html


def test_markdown_filter_is_not_escaped_twice():
    html = Template("{% load pazhou %}{{ text|markdown }}").render(Context({"text": "a & b"}))
    assert html == "<p>a &amp; b</p>"


def test_markdown_filter_empty_gives_empty_string():
    assert markdown("") == ""
    assert Template("{% load pazhou %}{{ missing|markdown }}").render(Context({})) == ""


# The partial_date filter --------------------------------------------------------------------

DATE = datetime.date(2016, 5, 9)


@pytest.mark.parametrize(
    ("precision", "english", "chinese"),
    [
        ("year", "2016", "2016年"),
        ("month", "May 2016", "2016年5月"),
        ("day", "9 May 2016", "2016年5月9日"),
    ],
)
def test_partial_date_shows_only_the_given_precision(precision, english, chinese):
    with translation.override("en"):
        assert partial_date(DATE, precision) == english
    with translation.override("zh-hans"):
        assert partial_date(DATE, precision) == chinese


def test_partial_date_defaults_to_day():
    with translation.override("en"):
        assert partial_date(DATE) == "9 May 2016"


def test_partial_date_year_never_shows_month_or_day():
    with translation.override("en"):
        assert partial_date(datetime.date(2016, 1, 1), "year") == "2016"


def test_partial_date_empty_gives_empty_string():
    assert partial_date(None, "year") == ""
    assert partial_date("", "day") == ""


def test_partial_date_in_a_template():
    template = Template("{% load pazhou %}{{ d|partial_date:'year' }} · {{ d|partial_date:p }}")
    context = Context({"d": datetime.date(2023, 6, 6), "p": "month"})
    with translation.override("en"):
        assert template.render(context) == "2023 · June 2023"
    with translation.override("zh-hans"):
        assert template.render(context) == "2023年 · 2023年6月"
