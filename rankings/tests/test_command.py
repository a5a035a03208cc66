"""``manage.py import_ranking``: the admin's pipeline from the command line."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pazhou.models import Organisation
from pazhou.testing.factories import OrganisationFactory
from rankings.tests.factories import EditionFactory
from rankings.tests.files import counts, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory()


@pytest.fixture
def huawei():
    return OrganisationFactory(name_en="Huawei", name_zh_hans="华为")


def import_ranking(path, edition, *extra):
    out = StringIO()
    call_command(
        "import_ranking",
        str(path),
        "--series",
        edition.series.slug,
        "--year",
        str(edition.year),
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_command_imports_and_prints_the_row_report(tmp_path, edition, huawei):
    path = tmp_path / "合成榜单.xlsx"
    path.write_bytes(xlsx_bytes([["排名", "企业名称"], [1, "华为"], ["=2", "合成命令科技"]]))

    output = import_ranking(path, edition)

    assert "Row 2: new: 华为" in output
    assert "Row 3: new: 合成命令科技 (new organisation, marked for review)" in output
    assert (
        "New: 2. Changed: 0. Unchanged: 0. With errors: 0. New organisations, marked for review: 1."
        in output
    )
    assert "Columns read: 排名 → Rank, 企业名称 → Name." in output
    assert edition.entries.count() == 2
    record = edition.entries.get(organisation=huawei).history.get()
    assert record.history_change_reason == "Imported from 合成榜单.xlsx"

    again = import_ranking(path, edition)
    assert "Row 2: unchanged: 华为" in again


def test_dry_run_prints_the_report_and_writes_nothing(tmp_path, edition, huawei):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([["排名", "企业名称"], ["1", "华为"], ["2", "合成干跑"]]))
    before = counts()

    output = import_ranking(path, edition, "--dry-run")

    assert "Row 3: new: 合成干跑 (new organisation, marked for review)" in output
    assert "Dry run: nothing was written." in output
    assert counts() == before


def test_failure_exits_non_zero_with_the_report_and_writes_nothing(tmp_path, edition, huawei):
    path = tmp_path / "list.csv"
    path.write_bytes(
        csv_bytes([["排名", "企业名称"], ["1", "华为"], ["x", "合成坏行"], ["3", "华为"]])
    )
    before = counts()
    out = StringIO()

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_ranking",
            str(path),
            "--series",
            edition.series.slug,
            "--year",
            str(edition.year),
            stdout=out,
        )

    report = out.getvalue()
    assert "Row 3, column “排名”: “x” is not a rank" in report
    assert "Row 4, column “企业名称”: 华为 / Huawei (huawei) is already on row 2" in report
    assert counts() == before
    assert not Organisation.objects.filter(name_zh_hans="合成坏行").exists()


def test_a_file_error_is_reported(tmp_path, edition):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    out = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_ranking", str(path), "--series", edition.series.slug, "--year",
            str(edition.year), stdout=out,
        )  # fmt: skip

    assert "File error: The file is empty." in out.getvalue()


def test_the_edition_must_exist(tmp_path, edition):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([["排名", "企业名称"], ["1", "华为"]]))

    with pytest.raises(CommandError, match=f"has no 1999 edition.*{edition.year}"):
        call_command("import_ranking", str(path), "--series", edition.series.slug, "--year", "1999")
    with pytest.raises(CommandError, match="no ranking series “no-such-list”"):
        call_command("import_ranking", str(path), "--series", "no-such-list", "--year", "2100")


def test_a_missing_file_is_a_clear_error(tmp_path, edition):
    with pytest.raises(CommandError, match="Cannot read"):
        import_ranking(tmp_path / "missing.csv", edition)
