"""The spreadsheet import pipeline (``edition_import``), with real CSV and XLSX files."""

from decimal import Decimal

import pytest

from pazhou.models import Organisation, PublishingStatus
from pazhou.testing.factories import (
    OrganisationAliasFactory,
    OrganisationFactory,
    SourceFactory,
)
from rankings.models import Entry
from rankings.spreadsheets import (
    COLUMNS,
    edition_import,
    import_report_lines,
    parse_rank,
    read_spreadsheet,
)
from rankings.tests.factories import CategoryFactory, EditionFactory, EntryFactory
from rankings.tests.files import counts, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def huawei():
    return OrganisationFactory(name_en="Huawei", name_zh_hans="华为")


@pytest.fixture
def tencent():
    return OrganisationFactory(name_en="Tencent", name_zh_hans="腾讯")


@pytest.fixture
def edition():
    edition = EditionFactory(status=PublishingStatus.DRAFT, source=SourceFactory())
    CategoryFactory(edition=edition, name_en="Intelligent manufacturing", name_zh_hans="智能制造")
    CategoryFactory(edition=edition, name_en="B2B trading platform", name_zh_hans="B2B交易平台")
    return edition


def run(edition, data, *, file_name="list.csv", **kwargs):
    return edition_import(edition=edition, data=data, file_name=file_name, **kwargs)


def problems(result):
    return [(line, column, message) for line, column, message in result.problems()]


def entries(edition):
    return {e.organisation.name_en or e.organisation.name_zh_hans: e for e in edition.entries.all()}


# --- Reading real files ---------------------------------------------------------------------

CHINESE_FILE = [
    ["排名", "企业名称", "类别", "总部", "估值（亿元）", "单位", "币种", "备注"],
    ["1", "华为", "智能制造", "深圳", "1,200", "亿元", "人民币", "合成测试备注"],
    ["=2", "腾讯", "B2B交易平台", "深圳", "800.5", "亿元", "CNY", ""],
]


def test_import_of_a_chinese_utf8_csv_with_bom_creates_the_entries(edition, huawei, tencent):
    result = run(edition, csv_bytes(CHINESE_FILE, encoding="utf-8-sig"))

    assert not result.failed, problems(result)
    rows = entries(edition)
    assert set(rows) == {"Huawei", "Tencent"}
    first = rows["Huawei"]
    assert (first.rank, first.rank_label, first.is_tied) == (1, "", False)
    assert first.category.name_en == "Intelligent manufacturing"
    assert first.headquarters_as_published == "深圳"
    assert first.value == Decimal("1200")
    assert (first.value_unit_zh_hans, first.currency, first.notes_zh_hans) == (
        "亿元",
        "CNY",
        "合成测试备注",
    )
    assert first.name_as_published == "华为"
    second = rows["Tencent"]
    assert (second.rank, second.rank_label, second.is_tied) == (2, "=2", True)
    assert second.value == Decimal("800.5")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_import_reads_csv_in_each_encoding_that_excel_and_wps_write(
    encoding, edition, huawei, tencent
):
    result = run(edition, csv_bytes(CHINESE_FILE, encoding=encoding))

    assert not result.failed, problems(result)
    assert entries(edition)["Huawei"].notes_zh_hans == "合成测试备注"
    assert result.columns[1] == ("Name", "企业名称")


def test_import_reads_tab_separated_unicode_text(edition, huawei, tencent):
    data = csv_bytes(CHINESE_FILE, encoding="utf-16", delimiter="\t")

    result = run(edition, data, file_name="list.txt")

    assert not result.failed, problems(result)
    assert edition.entries.count() == 2


def test_import_reads_xlsx_with_english_headers_and_numbers_stored_as_text(
    edition, huawei, tencent
):
    data = xlsx_bytes(
        [
            ["Rank", "Company", "Category", "Headquarters", "Valuation", "Unit", "Notes"],
            [1, "Huawei", "Intelligent manufacturing", "Shenzhen", "1,200", "100 million", "x"],
            ["=3", "Tencent", "", "Shenzhen", 12.5, "", ""],
        ]
    )

    result = run(edition, data, file_name="list.xlsx")

    assert not result.failed, problems(result)
    rows = entries(edition)
    assert rows["Huawei"].value == Decimal("1200")
    assert rows["Huawei"].value_unit_en == "100 million"
    assert rows["Huawei"].notes_en == "x"
    assert rows["Tencent"].value == Decimal("12.5")
    assert (rows["Tencent"].rank, rows["Tencent"].rank_label) == (3, "=3")


def test_import_reads_only_the_first_sheet_and_says_so(edition, huawei):
    data = xlsx_bytes([["排名", "企业名称"], [1, "华为"]], extra_sheets=["说明"])

    result = run(edition, data, file_name="list.xlsx")

    assert not result.failed
    assert "“榜单”" in str(result.sheet_note)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1", (1, "", False)),
        ("1.0", (1, "", False)),
        ("１", (1, "", False)),
        ("=3", (3, "=3", True)),
        ("3=", (3, "3=", True)),
        ("101-200", (101, "101-200", False)),
        ("101–200", (101, "101–200", False)),
        ("", (None, "", False)),
    ],
)
def test_import_reads_the_ways_ranks_are_written(cell, expected, edition, huawei):
    result = run(edition, csv_bytes([["排名", "企业名称"], [cell, "华为"]]))

    assert not result.failed, problems(result)
    entry = edition.entries.get()
    assert (entry.rank, entry.rank_label, entry.is_tied) == expected


def test_import_skips_title_rows_blank_rows_and_unknown_columns(edition, huawei, tencent):
    data = csv_bytes(
        [
            ["2100胡润合成测试榜单", "", ""],
            ["", "", ""],
            ["序号", "名次", "公司名称"],
            ["1", "1", "华为"],
            ["", "", ""],
            ["2", "2", "腾讯"],
            ["", "", ""],
            ["", "", ""],
            ["3", "", ""],
        ]
    )

    result = run(edition, data)

    assert not result.failed, problems(result)
    assert [row.line for row in result.rows] == [4, 6]
    assert result.ignored_columns == ["序号"]
    assert edition.entries.count() == 2


def test_import_strips_exactly_one_formula_escape(edition):
    data = csv_bytes([["排名", "企业名称"], ["'=1", "'=Synthetic"], ["2", "''-Quoted"]])

    result = run(edition, data)

    assert not result.failed, problems(result)
    names = set(edition.entries.values_list("name_as_published", flat=True))
    assert names == {"=Synthetic", "'-Quoted"}
    assert edition.entries.get(rank=1).rank_label == "=1"


# --- Matching organisations -----------------------------------------------------------------


def test_organisations_match_by_either_name_alias_traditional_script_and_full_width(
    edition, huawei, tencent
):
    rootcloud = OrganisationFactory(name_en="Rootcloud", name_zh_hans="树根互联")
    OrganisationAliasFactory(organisation=rootcloud, name="Treeroot Internet")
    before = Organisation.objects.count()

    result = run(
        edition,
        csv_bytes(
            [
                ["排名", "企业名称"],
                ["1", "華為"],
                ["2", "ＴＥＮＣＥＮＴ"],
                ["3", " treeroot  internet "],
            ]
        ),
    )

    assert not result.failed, problems(result)
    assert Organisation.objects.count() == before
    assert {e.organisation for e in edition.entries.all()} == {huawei, tencent, rootcloud}
    assert edition.entries.get(organisation=huawei).name_as_published == "華為"


def test_an_unknown_name_creates_a_published_organisation_marked_for_review(edition, huawei):
    result = run(edition, csv_bytes([["排名", "企业名称"], ["1", "合成新星科技"], ["2", "华为"]]))

    assert not result.failed, problems(result)
    created = Organisation.objects.get(name_zh_hans="合成新星科技")
    assert created.status == PublishingStatus.PUBLISHED
    assert created.needs_review is True
    assert created.source == edition.source
    assert created.slug == "hechengxinxingkeji"
    assert [row.line for row in result.new_organisation_rows] == [2]
    assert "(new organisation, marked for review)" in "\n".join(import_report_lines(result))


def test_an_unknown_english_name_becomes_the_english_name(edition):
    run(edition, csv_bytes([["Rank", "Company"], ["1", "Synthetic Widgets Ltd"]]))

    created = Organisation.objects.get(needs_review=True)
    assert created.name_en == "Synthetic Widgets Ltd"
    assert created.slug == "synthetic-widgets-ltd"


def test_an_ambiguous_name_is_a_row_error_never_a_guess(edition):
    first = OrganisationFactory(name_en="Synthetic Group North", name_zh_hans="合成集团北")
    second = OrganisationFactory(name_en="Synthetic Group South", name_zh_hans="合成集团南")
    OrganisationAliasFactory(organisation=first, name="合成集团")
    OrganisationAliasFactory(organisation=second, name="合成集团")
    before = counts()

    result = run(edition, csv_bytes([["排名", "企业名称"], ["1", "合成集团"]]))

    assert result.failed
    [(line, column, message)] = problems(result)
    assert (line, column) == (2, "企业名称")
    assert first.slug in message and second.slug in message
    assert counts() == before


def test_a_slug_column_settles_an_ambiguous_name(edition):
    first = OrganisationFactory(name_en="Synthetic Twin", name_zh_hans="合成双子")
    OrganisationFactory(name_en="Synthetic Twin Two", name_zh_hans="合成双子")

    result = run(
        edition,
        csv_bytes([["排名", "企业名称", "Organisation slug"], ["1", "合成双子", first.slug]]),
    )

    assert not result.failed, problems(result)
    assert edition.entries.get().organisation == first


def test_the_same_organisation_twice_is_an_error_naming_both_rows(edition, huawei):
    before = counts()

    result = run(edition, csv_bytes([["排名", "公司名称"], ["1", "华为"], ["2", "Huawei"]]))

    assert result.failed
    [(line, column, message)] = problems(result)
    assert (line, column) == (3, "公司名称")
    assert "row 2" in message
    assert counts() == before


def test_the_same_new_name_twice_is_an_error_and_creates_nothing(edition):
    before = counts()

    result = run(edition, csv_bytes([["排名", "企业名称"], ["1", "合成重复"], ["2", "合成重复 "]]))

    assert result.failed
    assert [(line, column) for line, column, _m in problems(result)] == [(3, "企业名称")]
    assert counts() == before


# --- Bad input: row errors and file errors, and nothing written -----------------------------


def test_row_errors_name_the_row_and_the_column_as_the_file_heads_it(edition, huawei, tencent):
    xiaomi = OrganisationFactory(name_en="Xiaomi", name_zh_hans="小米")
    before = counts()
    data = csv_bytes(
        [
            ["名次", "企业名称", "分类", "估值", "币种"],
            ["1", "华为", "智能制造", "1,200", "CNY"],
            ["first", "腾讯", "", "", ""],
            ["3", "小米", "Robots", "a lot", "yuan?"],
            ["4", "合成新公司", "", "", ""],
        ]
    )

    result = run(edition, data)

    assert result.failed
    found = {(line, column): message for line, column, message in problems(result)}
    assert set(found) == {(3, "名次"), (4, "分类"), (4, "估值"), (4, "币种")}
    assert "“first” is not a rank" in found[(3, "名次")]
    assert "no category “Robots”" in found[(4, "分类")]
    assert "Intelligent manufacturing" in found[(4, "分类")]
    assert "“a lot” is not a number" in found[(4, "估值")]
    assert counts() == before
    assert not Entry.objects.filter(organisation=xiaomi).exists()
    assert not Organisation.objects.filter(name_zh_hans="合成新公司").exists()


def test_a_value_with_too_many_decimals_is_an_error_of_its_column(edition, huawei):
    result = run(edition, csv_bytes([["排名", "企业名称", "价值"], ["1", "华为", "1.123456"]]))

    assert [(line, column) for line, column, _m in problems(result)] == [(2, "价值")]
    assert not edition.entries.exists()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\r\n\r\n", "The file is empty."),
        ("排名,企业名称\n".encode(), "no rows of data"),
        ("排名,价值\n1,2\n".encode(), "no column of organisation names"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "Excel 97"),
        (b"PK\x03\x04not really a workbook", "not a readable Excel workbook"),
        ("排名,企业名称\n1,华为\n".encode() + b"\x80\x81\xfe", "not readable text"),
        ("排名,企业名称,名次\n1,华为,1\n".encode(), "both read as “Rank”"),
    ],
)
def test_file_errors_name_the_problem_and_write_nothing(data, expected, edition, huawei):
    before = counts()

    result = run(edition, data)

    assert result.failed
    [(line, column, message)] = problems(result)
    assert line is None and column is None
    assert expected in message
    assert counts() == before


def test_a_ranked_edition_needs_a_rank_column(edition, huawei):
    result = run(edition, csv_bytes([["企业名称"], ["华为"]]))

    assert "no rank column" in problems(result)[0][2]
    assert not edition.entries.exists()


def test_an_unranked_edition_takes_names_without_ranks_but_refuses_ranks(huawei, tencent):
    edition = EditionFactory(is_ranked=False)

    assert not run(edition, csv_bytes([["企业名称"], ["华为"]])).failed
    result = run(edition, csv_bytes([["排名", "企业名称"], ["", "华为"], ["1", "腾讯"]]))

    assert [(line, column) for line, column, _m in problems(result)] == [(3, "排名")]


def test_dry_run_reports_what_would_happen_and_writes_nothing(edition, huawei):
    before = counts()

    result = run(
        edition, csv_bytes([["排名", "企业名称"], ["1", "华为"], ["2", "合成干跑"]]), dry_run=True
    )

    assert not result.failed
    assert [row.import_type for row in result.rows] == ["new", "new"]
    assert [row.line for row in result.new_organisation_rows] == [3]
    assert counts() == before


# --- Re-import and history ------------------------------------------------------------------


def test_reimport_of_the_same_file_changes_nothing_and_records_no_history(edition, huawei, tencent):
    data = csv_bytes(CHINESE_FILE + [["3", "合成第三名", "", "", "", "", "", ""]])
    run(edition, data)
    history = Entry.history.count()
    organisations = Organisation.objects.count()

    result = run(edition, data)

    assert not result.failed
    assert [row.import_type for row in result.rows] == ["skip", "skip", "skip"]
    assert Entry.history.count() == history
    assert Organisation.objects.count() == organisations


def test_each_created_or_changed_row_is_in_the_history_with_the_file_named(edition, huawei):
    run(
        edition,
        csv_bytes([["排名", "企业名称", "备注"], ["1", "华为", "旧备注"]]),
        file_name="a.csv",
    )
    run(
        edition,
        csv_bytes([["排名", "企业名称", "备注"], ["1", "华为", "新备注"]]),
        file_name="b.csv",
    )

    entry = edition.entries.get()
    records = list(entry.history.order_by("history_date", "history_id"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert [r.history_change_reason for r in records] == [
        "Imported from a.csv",
        "Imported from b.csv",
    ]
    assert [r.notes_zh_hans for r in records] == ["旧备注", "新备注"]
    delta = records[1].diff_against(records[0])
    assert delta.changed_fields == ["notes_zh_hans"]


def test_a_chinese_field_edit_appears_in_the_history():
    entry = EntryFactory(notes_zh_hans="初稿")
    edition = entry.edition

    entry.notes_zh_hans = "修改后的合成备注"
    entry.save()
    edition.title_zh_hans = "修改后的合成标题"
    edition.save()

    assert entry.history.first().notes_zh_hans == "修改后的合成备注"
    assert edition.history.first().title_zh_hans == "修改后的合成标题"
    assert entry.history.first().diff_against(entry.history.last()).changed_fields == [
        "notes_zh_hans"
    ]


def test_columns_the_file_lacks_are_left_as_they_are(edition, huawei):
    category = edition.categories.first()
    EntryFactory(edition=edition, organisation=huawei, rank=5, category=category, notes_en="kept")

    result = run(edition, csv_bytes([["排名", "企业名称"], ["4", "华为"]]))

    assert [row.import_type for row in result.rows] == ["update"]
    entry = edition.entries.get()
    assert (entry.rank, entry.category, entry.notes_en) == (4, category, "kept")


def test_the_dataset_columns_are_exactly_the_known_columns():
    dataset = read_spreadsheet(csv_bytes([[column.header for column in COLUMNS], ["1"] * 11]))

    assert dataset.headers == [column.header for column in COLUMNS]


def test_parse_rank_refuses_what_is_not_a_rank():
    for text in ["abc", "0", "1.5", "200-101", "top 10"]:
        with pytest.raises(ValueError):
            parse_rank(text)


def test_the_report_flags_an_organisation_that_is_not_live(edition):
    OrganisationFactory(name_en="Synthetic Draft Co", status=PublishingStatus.DRAFT)

    result = run(edition, csv_bytes([["Rank", "Company"], ["1", "Synthetic Draft Co"]]))

    assert "(the organisation is not live, so readers do not see it)" in "\n".join(
        import_report_lines(result)
    )
