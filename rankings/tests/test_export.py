"""Edition downloads: CSV and XLSX in the columns the import reads, and the exact round trip."""

import codecs
import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from pazhou.models import PublishingStatus
from pazhou.testing.factories import OrganisationFactory
from rankings.models import Entry
from rankings.spreadsheets import COLUMNS, edition_import
from rankings.tests.factories import CategoryFactory, EditionFactory, EntryFactory, SeriesFactory
from rankings.tests.files import csv_bytes, entry_state, xlsx_rows

pytestmark = pytest.mark.django_db

HEADERS = [column.header for column in COLUMNS]


def download(client, edition, kind, **params):
    return client.get(
        reverse(
            f"rankings:edition-{kind}",
            kwargs={"series": edition.series.slug, "year": edition.year},
        ),
        params,
    )


def csv_table(response):
    content = response.content
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8"), newline="")))


@pytest.fixture
def edition():
    """A published edition filled through the import, with every awkward value it takes."""
    edition = EditionFactory()
    CategoryFactory(edition=edition, name_en="Intelligent manufacturing", name_zh_hans="智能制造")
    CategoryFactory(edition=edition, name_en="B2B trading platform", name_zh_hans="")
    OrganisationFactory(name_en="Huawei", name_zh_hans="华为")
    data = csv_bytes(
        [
            [
                "排名",
                "企业名称",
                "类别",
                "总部",
                "估值",
                "单位",
                "Unit (en)",
                "币种",
                "备注",
                "Notes",
            ],
            ["1", "华为", "智能制造", "深圳", "1,200", "亿元", "100 million", "CNY", "合成", "x"],
            ["=2", "'=Synthetic Formula", "B2B trading platform", "", "0.1", "", "", "", "", ""],
            ["=2", "-Synthetic Minus", "", "@home", "-5", "", "", "USD", "+1", ""],
            ["101–200", "合成科技", "", "", "", "", "", "", "多行\n备注", ""],
            ["101-200", 'Synthetic, Comma "Quoted"', "", "", "12345678.1234", "", "", "", "", ""],
        ]
    )
    result = edition_import(edition=edition, data=data, file_name="seed.csv")
    assert not result.failed, result.problems()
    return edition


def test_csv_download_has_a_bom_the_import_columns_and_escaped_formulae(client, edition):
    response = download(client, edition, "csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{edition.series.slug}-{edition.year}.csv"' in response["Content-Disposition"]
    table = csv_table(response)
    assert table[0] == HEADERS
    by_name = {row[1]: dict(zip(HEADERS, row, strict=True)) for row in table[1:]}
    huawei = by_name["华为"]
    assert huawei["Rank"] == "1"
    assert huawei["Organisation slug"] == "huawei"
    assert huawei["Category"] == "Intelligent manufacturing"  # in the page's language
    assert (huawei["Headquarters"], huawei["Value"], huawei["Unit (zh-Hans)"]) == (
        "深圳",
        "1200",
        "亿元",
    )
    assert (huawei["Unit (en)"], huawei["Currency"], huawei["Notes (zh-Hans)"]) == (
        "100 million",
        "CNY",
        "合成",
    )
    assert by_name["'=Synthetic Formula"]["Rank"] == "'=2"
    minus = by_name["'-Synthetic Minus"]
    assert (minus["Value"], minus["Headquarters"], minus["Notes (zh-Hans)"]) == (
        "'-5",
        "'@home",
        "'+1",
    )
    assert by_name["合成科技"]["Rank"] == "101–200"
    assert by_name["合成科技"]["Notes (zh-Hans)"] == "多行\n备注"


def test_xlsx_download_writes_text_as_text_cells_and_numbers_as_numbers(client, edition):
    response = download(client, edition, "xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = xlsx_rows(response.content)
    assert [value for value, _type in rows[0]] == HEADERS
    by_name = {row[1][0]: dict(zip(HEADERS, row, strict=True)) for row in rows[1:]}
    formula = by_name["=Synthetic Formula"]
    assert (formula["Rank"], formula["Name"]) == (("=2", "s"), ("=Synthetic Formula", "s"))
    assert formula["Value"] == (0.1, "n")
    minus = by_name["-Synthetic Minus"]
    assert (minus["Value"], minus["Headquarters"]) == ((-5, "n"), ("@home", "s"))
    assert (by_name["华为"]["Rank"], by_name["华为"]["Value"]) == ((1, "n"), (1200, "n"))
    assert by_name["合成科技"]["Rank"] == ("101–200", "s")
    assert by_name['Synthetic, Comma "Quoted"']["Value"] == (12345678.1234, "n")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(client, edition, kind):
    # Entries made by hand too: no name as published, a tie without a label, no rank.
    EntryFactory(edition=edition, organisation=OrganisationFactory(name_en="Plain"), rank=7)
    EntryFactory(edition=edition, rank=9, is_tied=True, rank_label="")
    EntryFactory(edition=edition, rank=None, name_as_published="@Handle")
    before = entry_state(edition)
    history = Entry.history.count()

    response = download(client, edition, kind)
    result = edition_import(edition=edition, data=response.content, file_name=f"export.{kind}")

    assert not result.failed, result.problems()
    assert {row.import_type for row in result.rows} == {"skip"}
    assert len(result.rows) == len(before) == 8
    assert entry_state(edition) == before
    assert Entry.history.count() == history


def test_edited_export_imports_the_edits(client, edition):
    table = csv_table(download(client, edition, "csv"))
    for row in table[1:]:
        if row[1] == "华为":
            row[HEADERS.index("Rank")], row[HEADERS.index("Value")] = "3", "'-7.5"

    result = edition_import(edition=edition, data=csv_bytes(table), file_name="edited.csv")

    assert [row.import_type for row in result.rows].count("update") == 1
    entry = edition.entries.get(name_as_published="华为")
    assert (entry.rank, entry.value) == (3, Decimal("-7.5"))


def test_a_draft_edition_is_not_downloadable_by_readers(client, editor):
    edition = EditionFactory(status=PublishingStatus.DRAFT)
    EntryFactory(edition=edition, name_as_published="Synthetic Draft Entry")

    assert download(client, edition, "csv").status_code == 404
    assert download(client, edition, "xlsx").status_code == 404

    client.force_login(editor)
    assert download(client, edition, "csv").status_code == 404  # not without ?preview=1
    response = download(client, edition, "csv", preview="1")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "Synthetic Draft Entry" in response.content.decode("utf-8-sig")
    client.logout()
    assert download(client, edition, "xlsx", preview="1").status_code == 404


def test_a_draft_series_hides_its_editions_downloads(client):
    edition = EditionFactory(series=SeriesFactory(status=PublishingStatus.DRAFT))

    assert download(client, edition, "csv").status_code == 404


def test_downloads_hold_only_visible_entries(client):
    edition = EditionFactory()
    EntryFactory(edition=edition, name_as_published="Synthetic Shown")
    EntryFactory(
        edition=edition,
        name_as_published="Synthetic Hidden",
        organisation=OrganisationFactory(status=PublishingStatus.DRAFT),
    )

    text = download(client, edition, "csv").content.decode("utf-8-sig")
    assert "Synthetic Shown" in text
    assert "Synthetic Hidden" not in text
    names = [row[1][0] for row in xlsx_rows(download(client, edition, "xlsx").content)[1:]]
    assert names == ["Synthetic Shown"]
