"""Real spreadsheet files for the import tests, made in the test: CSV bytes in a given encoding
and XLSX workbooks written with openpyxl, as Excel and WPS would save them. All synthetic."""

import csv
import io

import openpyxl

from pazhou.models import Organisation
from rankings.models import Entry


def csv_bytes(rows, *, encoding="utf-8-sig", delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n", delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, *, text_cells=True, extra_sheets=()):
    """An XLSX workbook. Strings are text cells, as Excel stores typed text (so "=3" stays
    "=3"); numbers stay numbers."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "榜单"
    for row in rows:
        sheet.append(row)
    if text_cells:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    for title in extra_sheets:
        workbook.create_sheet(title).append(["other"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_rows(data):
    """The cells of an XLSX file's first sheet as (value, data_type) pairs."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [[(cell.value, cell.data_type) for cell in row] for row in workbook.worksheets[0]]


def counts():
    """What a failed import must leave as it was."""
    return {"entries": Entry.objects.count(), "organisations": Organisation.objects.count()}


def entry_state(edition):
    """Every stored field of an edition's entries, to compare before and after."""
    return list(
        Entry.objects.filter(edition=edition)
        .order_by("pk")
        .values(
            "pk",
            "organisation_id",
            "category_id",
            "rank",
            "rank_label",
            "is_tied",
            "value",
            "value_unit_en",
            "value_unit_zh_hans",
            "currency",
            "name_as_published",
            "headquarters_as_published",
            "notes_en",
            "notes_zh_hans",
        )
    )
