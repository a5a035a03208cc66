"""Spreadsheet import and export of ranking entries: the editors' main tool.

One pipeline serves the admin (django-import-export's upload → preview → confirm) and the
``import_ranking`` command:

1. :func:`read_spreadsheet` turns the bytes of a CSV or XLSX file into a ``tablib.Dataset``
   with this module's column names. It sniffs the format from the content, decodes UTF-8 (with
   or without a BOM), UTF-16 (Excel's "Unicode text") and GB18030/GBK, finds the header row
   (title rows above it are skipped), maps Chinese and English header synonyms, drops blank
   rows and remembers each row's number in the file. Anything that is not a readable table
   raises :class:`SpreadsheetError` with a message for the editor.
2. :class:`EntryResource` imports the rows into one edition. It matches each organisation by
   slug, or by its Chinese or English name or an alias after the site's search normalisation;
   an unknown name creates a published organisation marked "needs review"; an ambiguous name,
   the same organisation twice, a rank that is not a rank or a category the edition does not
   have is an error naming the row and the column. Errors of any row roll back the whole file
   (``rollback_on_validation_errors`` inside a transaction, forced whatever the caller asks).
   Unchanged rows are skipped, so a re-import writes nothing and records no history; every
   row created or changed is saved one by one (no bulk mode) with the file named as the history
   change reason.
3. The export (:func:`edition_export_csv`, :func:`edition_export_xlsx`) writes exactly the
   columns the import reads, through the same resource. CSV is UTF-8 with a BOM, and a cell
   that starts with ``=``, ``+``, ``-`` or ``@`` gets one leading ``'`` against formula
   injection; XLSX writes every text as a text cell. The import strips exactly one ``'`` in
   front of those characters, so export followed by import changes nothing.

A cell that reads as the export would write the entry's current value changes nothing: a rank
cell "=12" leaves an entry that shows "=12" as it is, and a Name cell equal to the
organisation's name leaves an empty "name as published" empty.
"""

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field
from import_export.formats.base_formats import Format
from import_export.results import Error, Result, RowResult

from pazhou.models import Organisation, OrganisationAlias, PublishingStatus
from pazhou.text import ascii_slug, normalise_for_search
from rankings.models import Edition, Entry

# --- Columns ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of the spreadsheet: its name in exported files (``header``), the model
    attribute it fills, and the header texts that name it in files people make."""

    header: str
    attribute: str
    synonyms: tuple = ()
    language: str = ""  # for translated text: the language the column fills


RANK = Column("Rank", "rank", ("排名", "名次", "排行", "rank", "ranking", "position"))
NAME = Column(
    "Name",
    "name_as_published",
    (
        "企业名称",
        "公司名称",
        "机构名称",
        "企业全称",
        "公司全称",
        "企业",
        "公司",
        "机构",
        "名称",
        "name",
        "company",
        "company name",
        "enterprise",
        "enterprise name",
        "organisation",
        "organization",
        "organisation name",
        "organization name",
    ),
)
ORGANISATION = Column(
    "Organisation slug",
    "organisation",
    ("organisation slug", "organization slug", "slug", "机构标识"),
)
CATEGORY = Column("Category", "category", ("类别", "分类", "榜单类别", "category"))
HEADQUARTERS = Column(
    "Headquarters",
    "headquarters_as_published",
    (
        "总部",
        "总部所在地",
        "总部城市",
        "总部地点",
        "所在地",
        "所在城市",
        "城市",
        "headquarters",
        "hq",
        "head office",
        "city",
        "location",
    ),
)
VALUE = Column(
    "Value",
    "value",
    ("价值", "估值", "市值", "企业价值", "企业估值", "value", "valuation", "market value"),
)
UNIT_SYNONYMS = ("单位", "价值单位", "估值单位", "unit", "value unit", "unit of value")
UNIT_ZH = Column("Unit (zh-Hans)", "value_unit_zh_hans", UNIT_SYNONYMS, "zh_hans")
UNIT_EN = Column("Unit (en)", "value_unit_en", UNIT_SYNONYMS, "en")
CURRENCY = Column("Currency", "currency", ("币种", "货币", "currency"))
NOTES_SYNONYMS = ("备注", "说明", "注释", "notes", "note", "remarks", "remark", "comments")
NOTES_ZH = Column("Notes (zh-Hans)", "notes_zh_hans", NOTES_SYNONYMS, "zh_hans")
NOTES_EN = Column("Notes (en)", "notes_en", NOTES_SYNONYMS, "en")

#: Every column, in the order of exported files.
COLUMNS = (
    RANK,
    NAME,
    ORGANISATION,
    CATEGORY,
    HEADQUARTERS,
    VALUE,
    UNIT_ZH,
    UNIT_EN,
    CURRENCY,
    NOTES_ZH,
    NOTES_EN,
)
TEXT_COLUMNS = (HEADQUARTERS, UNIT_ZH, UNIT_EN, NOTES_ZH, NOTES_EN)

# "Notes (en)", "备注（英文）", "Unit [zh-Hans]": a language named after the header.
_LANGUAGE_SUFFIX = re.compile(
    r"^(?P<base>.*?)\s*[(\[]\s*(?P<language>en|english|英文|英语|zh|zh-hans|zh_hans|zh-cn|"
    r"chinese|中文|简体中文|汉语)\s*[)\]]$"
)
_ENGLISH_SUFFIXES = {"en", "english", "英文", "英语"}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def has_cjk(text):
    return bool(_CJK.search(text or ""))


def _header_key(text):
    """A header as compared with the synonyms: normalised, without stray colons and stars."""
    return normalise_for_search(text).strip(" :*")


def _synonym_map():
    mapping = {}
    for column in COLUMNS:
        key = column.header.casefold()
        mapping[key] = column
        for synonym in column.synonyms:
            if column.language and synonym != key:
                continue  # plain "Notes"/"备注" are resolved by the header's script below
            mapping.setdefault(_header_key(synonym), column)
    return mapping


_BY_HEADER = _synonym_map()
_TRANSLATED = {
    "unit": (UNIT_ZH, UNIT_EN, UNIT_SYNONYMS),
    "notes": (NOTES_ZH, NOTES_EN, NOTES_SYNONYMS),
}


_TRANSLATED_KEYS = [
    (zh_column, en_column, {_header_key(s) for s in synonyms})
    for zh_column, en_column, synonyms in _TRANSLATED.values()
]
_REMARK = re.compile(r"^(?P<base>.*?)\s*[(\[][^()\[\]]*[)\]]$")


def _lookup(key):
    if key in _BY_HEADER:
        return _BY_HEADER[key]
    language = ""
    match = _LANGUAGE_SUFFIX.match(key)
    if match:
        key = match["base"]
        language = "en" if match["language"] in _ENGLISH_SUFFIXES else "zh_hans"
        if key in _BY_HEADER:
            return _BY_HEADER[key]
    for zh_column, en_column, keys in _TRANSLATED_KEYS:
        if key in keys:
            language = language or ("zh_hans" if has_cjk(key) else "en")
            return zh_column if language == "zh_hans" else en_column
    return None


def column_for_header(text):
    """The :class:`Column` a header names, or ``None``.

    - Synonyms in Chinese or English, after the search normalisation (so full-width letters,
      Traditional script and case do not matter): "排名", "名次", "Rank" …
    - A remark in brackets after a known header: "估值（亿元）" is the value.
    - The same header in both languages: "排名 Rank", "企业名称/Company".
    - Unit and notes are translated: "Notes (en)" or "备注（英文）" name the language; otherwise
      a header in Chinese ("备注") fills the Chinese column and one in English ("Notes") the
      English one, on the grounds that the header is in the language of the text under it.
    """
    key = _header_key(text)
    if not key:
        return None
    column = _lookup(key)
    if column is None:
        match = _REMARK.match(key)
        if match and match["base"]:
            column = _lookup(match["base"])
    if column is None:
        parts = [part for part in re.split(r"[\s/|]+", key) if part]
        found = [_lookup(part) for part in parts]
        if len(parts) > 1 and None not in found and len(set(found)) == 1:
            column = found[0]
    return column


def column_help():
    """``[(column, the other headers that name it)]``, for the admin's import page."""
    lines = []
    for column in COLUMNS:
        names = [s for s in column.synonyms if s.casefold() != column.header.casefold()]
        if column.language == "zh_hans":
            names = [s for s in names if has_cjk(s)] + ["…（中文）"]
        elif column.language == "en":
            names = [s for s in names if not has_cjk(s)] + ["… (en)", "…（英文）"]
        lines.append((column.header, ", ".join(dict.fromkeys(names))))
    return lines


# --- Reading files ----------------------------------------------------------------------------


class SpreadsheetError(Exception):
    """The file as a whole cannot be imported; the message says why, for the editor."""


#: How many non-blank rows may stand above the header row (titles, notes).
HEADER_SEARCH_ROWS = 10
#: Far more than any ranking has; a file beyond it is a mistake (or a zip bomb), not a list.
MAX_ROWS = 50_000
MAX_COLUMNS = 200
#: The admin refuses larger uploads before reading them.
MAX_FILE_SIZE = 20 * 1024 * 1024


def _check_size(rows):
    if len(rows) > MAX_ROWS or len(rows[-1]) > MAX_COLUMNS:
        raise SpreadsheetError(
            _(
                "The file has more than %(rows)d rows or %(columns)d columns; a ranking is "
                "smaller. Check that it is the right file."
            )
            % {"rows": MAX_ROWS, "columns": MAX_COLUMNS}
        )


_FORMULA_START = "=+-@"
_ESCAPED = re.compile(r"^'+[=+\-@]")
_NEEDS_CSV_ESCAPE = re.compile(r"^'*[=+\-@]")


def strip_formula_escape(text):
    """Remove exactly one ``'`` in front of ``= + - @`` (the export's formula escape)."""
    return text[1:] if _ESCAPED.match(text) else text


def escape_formula(text, *, csv_cell):
    """One leading ``'`` where the import would otherwise read the cell differently.

    In CSV every cell that starts with ``= + - @`` is escaped, against formula injection when
    the file is opened in a spreadsheet program. In XLSX the cells are text cells, which never
    run, so only a text that itself starts with ``'`` before those characters needs one more.
    """
    pattern = _NEEDS_CSV_ESCAPE if csv_cell else _ESCAPED
    return "'" + text if pattern.match(text) else text


def _cell_text(value):
    """A cell as text: XLSX numbers without a spurious ".0", dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value)


def _decode(data):
    """Text from bytes: UTF-8 with or without a BOM, UTF-16 with a BOM, else GB18030 (a
    superset of GBK and GB2312, which Excel and WPS write on Chinese Windows)."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8", data[len(codecs.BOM_UTF8) :])]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", data)]
    else:
        candidates = [("utf-8", data), ("gb18030", data)]
    for encoding, raw in candidates:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(
        _(
            "The file is not readable text in UTF-8 or GB18030/GBK, so it is not a CSV file. "
            "Save it from Excel or WPS as “CSV UTF-8” or as XLSX."
        )
    )


def _looks_binary(text):
    sample = text[:4096]
    if "\x00" in sample:
        return True
    # Control characters, and code points that no text uses (unassigned, private, surrogates),
    # are what binary data decoded as text looks like.
    controls = sum(
        1
        for char in sample
        if unicodedata.category(char) in {"Cc", "Cn", "Co", "Cs"} and char not in "\t\r\n"
    )
    return controls > max(2, len(sample) // 100)


def _csv_rows(data):
    text = _decode(data)
    if _looks_binary(text):
        raise SpreadsheetError(
            _("The file is not a spreadsheet: it holds binary data, not CSV or XLSX.")
        )
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",\t;", key=first_line.count) if first_line else ","
    if not first_line.count(delimiter):
        delimiter = ","
    try:
        rows = []
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            _check_size(rows)
        return rows
    except csv.Error as error:
        raise SpreadsheetError(
            _("The CSV file cannot be read: %(problem)s.") % {"problem": error}
        ) from None


_NOT_XLSX = _(
    "The file is a ZIP archive but not a readable Excel workbook (XLSX). Save it as XLSX or CSV "
    "and import that."
)


def _xlsx_rows(data):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise SpreadsheetError(_NOT_XLSX) from None
    try:
        if not workbook.worksheets:
            raise SpreadsheetError(_("The workbook has no worksheet."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs write a wrong size; read every row
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(value) for value in row])
            _check_size(rows)
        note = ""
        if len(workbook.worksheets) > 1:
            note = _(
                "Only the first sheet, “%(sheet)s”, was read; the workbook has %(count)d sheets."
            ) % {"sheet": sheet.title, "count": len(workbook.worksheets)}
    except SpreadsheetError:
        raise
    except Exception:  # a damaged workbook fails in many ways inside openpyxl
        raise SpreadsheetError(_NOT_XLSX) from None
    finally:
        workbook.close()
    return rows, note


def _sniff(data):
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            _(
                "This is an old Excel 97–2003 workbook (.xls). Save it as XLSX or CSV and import "
                "that."
            )
        )
    if data.startswith(b"%PDF"):
        raise SpreadsheetError(_("The file is a PDF, not a spreadsheet (CSV or XLSX)."))
    return "csv"


def _find_header(rows):
    """(index of the header row, its columns) among the first non-blank rows."""
    looked_at = 0
    first = None
    for index, (_line, cells) in enumerate(rows):
        if not any(cells):
            continue
        if first is None:
            first = cells
        columns = [column_for_header(cell) for cell in cells]
        if NAME in columns or ORGANISATION in columns:
            return index, columns
        looked_at += 1
        if looked_at >= HEADER_SEARCH_ROWS:
            break
    raise SpreadsheetError(
        _(
            "The file has no column of organisation names. Head that column 企业名称, 公司名称, "
            "Company or Name. The first row reads: %(row)s."
        )
        % {"row": ", ".join(f"“{cell}”" for cell in (first or []) if cell)}
    )


def read_spreadsheet(data):
    """A ``tablib.Dataset`` with this module's column headers, from CSV or XLSX bytes.

    The dataset carries ``line_numbers`` (each row's number in the file, as a spreadsheet
    program shows it), ``source_headers`` (column header → the header as the file writes it),
    ``ignored_columns`` and ``sheet_note``. Raises :class:`SpreadsheetError`.
    """
    if not data or not data.strip() or not data.strip(codecs.BOM_UTF8 + b" \t\r\n"):
        raise SpreadsheetError(_("The file is empty."))
    if _sniff(data) == "xlsx":
        raw_rows, sheet_note = _xlsx_rows(data)
    else:
        raw_rows, sheet_note = _csv_rows(data), ""
    rows = [
        (line, [strip_formula_escape(cell.strip()) for cell in row])
        for line, row in enumerate(raw_rows, start=1)
    ]
    if not any(any(cells) for _line, cells in rows):
        raise SpreadsheetError(_("The file is empty."))
    header_index, columns = _find_header(rows)
    header_cells = rows[header_index][1]

    positions, source_headers, ignored = [], {}, []
    for position, (column, text) in enumerate(zip(columns, header_cells, strict=True)):
        if column is None:
            if text:
                ignored.append(text)
            continue
        if column.header in source_headers:
            raise SpreadsheetError(
                _(
                    "The columns “%(first)s” and “%(second)s” are both read as “%(column)s”. "
                    "Keep one of them, or rename the other."
                )
                % {"first": source_headers[column.header], "second": text, "column": column.header}
            )
        source_headers[column.header] = text
        positions.append((position, column))

    dataset = tablib.Dataset(headers=[column.header for _position, column in positions])
    line_numbers = []
    for line, cells in rows[header_index + 1 :]:
        values = [cells[position] if position < len(cells) else "" for position, _c in positions]
        if not any(values):
            continue  # blank rows, also those with only an ignored column such as 序号
        dataset.append(values)
        line_numbers.append(line)
    if not line_numbers:
        raise SpreadsheetError(_("The file has a header row but no rows of data."))
    dataset.line_numbers = line_numbers
    dataset.source_headers = source_headers
    dataset.ignored_columns = ignored
    dataset.sheet_note = sheet_note
    return dataset


class SpreadsheetFormat(Format):
    """The admin's one import format: CSV or XLSX, told apart by content, decoded here (so
    GB18030 works as well as UTF-8, which the library's text formats would not do)."""

    def __init__(self, encoding=None):
        self.encoding = encoding

    def get_title(self):
        return gettext("CSV or XLSX")

    def create_dataset(self, in_stream):
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return read_spreadsheet(in_stream)

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def get_extension(self):
        return "csv"

    def can_import(self):
        return True


# --- Cell values ------------------------------------------------------------------------------

_PLAIN_RANK = re.compile(r"^(?:第)?(\d+)(?:\.0+)?(?:名)?$")
_TIED_RANK = re.compile(r"^(?:=(\d+)|(\d+)=|[tT](\d+)|并列(?:第)?(\d+)(?:名)?)$")
_RANGE_RANK = re.compile(r"^(\d+)\s*[-‐‑‒–—~～至到]\s*(\d+)$")


@dataclass(frozen=True)
class ParsedRank:
    rank: int | None
    label: str
    is_tied: bool


def parse_rank(text):
    """A rank cell as (rank, rank as published, tied).

    "1", "1.0", "１", "第1名" → rank 1 with no label; "=3", "3=", "T3", "并列3" → rank 3, tied,
    labelled as written; "101-200" or "101–200" → rank 101, labelled as written; "" → no rank.
    Raises ``ValueError`` for anything else.
    """
    label = unicodedata.normalize("NFKC", text).strip()
    compact = re.sub(r"\s+", "", label)
    if not compact:
        return ParsedRank(None, "", False)
    match = _PLAIN_RANK.match(compact)
    if match:
        return ParsedRank(_positive(match[1], text), "", False)
    match = _TIED_RANK.match(compact)
    if match:
        number = next(group for group in match.groups() if group)
        return ParsedRank(_positive(number, text), label, True)
    match = _RANGE_RANK.match(compact)
    if match:
        first, last = _positive(match[1], text), _positive(match[2], text)
        if last < first:
            raise ValueError(
                _("“%(text)s” is not a rank: the range runs backwards.") % {"text": text}
            )
        return ParsedRank(first, label, False)
    raise ValueError(
        _("“%(text)s” is not a rank. Write a whole number (12), a tie (=12) or a range (101–200).")
        % {"text": text}
    )


def _positive(digits, text):
    number = int(digits)
    if number < 1:
        raise ValueError(_("“%(text)s” is not a rank: ranks start at 1.") % {"text": text})
    return number


def parse_value(text):
    """ "1,200", "1 200.5", "１２００" → a Decimal; "" → ``None``. Raises ``ValueError``."""
    compact = re.sub(r"[\s,_]", "", unicodedata.normalize("NFKC", text))
    if not compact:
        return None
    try:
        value = Decimal(compact)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValueError(
            _("“%(text)s” is not a number. Give the unit in the unit column, not here.")
            % {"text": text}
        )
    return value


def format_value(value):
    """A Decimal as the export writes it: no exponent, no trailing zeros ("1200", "12.5")."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return "0" if text in {"-0", ""} else text


CURRENCY_NAMES = {
    "人民币": "CNY",
    "元": "CNY",
    "rmb": "CNY",
    "美元": "USD",
    "us$": "USD",
    "$": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "hk$": "HKD",
    "欧元": "EUR",
    "€": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
    "新台币": "TWD",
    "澳门元": "MOP",
}


def parse_currency(text):
    """An ISO 4217 code from "CNY", "cny", "人民币", "RMB" …; "" → "". Raises ``ValueError``."""
    compact = unicodedata.normalize("NFKC", text).strip()
    if not compact:
        return ""
    code = CURRENCY_NAMES.get(compact.casefold())
    if code:
        return code
    if re.fullmatch(r"[A-Za-z]{3}", compact):
        return compact.upper()
    raise ValueError(
        _("“%(text)s” is not a currency. Write an ISO 4217 code such as CNY, USD or HKD.")
        % {"text": text}
    )


# --- Organisations ----------------------------------------------------------------------------


class OrganisationIndex:
    """Every organisation's names, aliases and slug, normalised, in memory for one import.

    Matching never guesses: a name that normalises to the names of two organisations is
    ambiguous. Organisations the import creates are added, so the same new name twice in one
    file is caught as a duplicate.
    """

    def __init__(self):
        self.by_name = defaultdict(set)
        self.by_slug = {}
        self.slug_of = {}
        self.labels = {}
        self.slugs = set()
        for pk, slug, name_en, name_zh in Organisation.objects.values_list(
            "pk", "slug", "name_en", "name_zh_hans"
        ):
            self._add(pk, slug, name_en, name_zh)
        for organisation_id, name in OrganisationAlias.objects.values_list(
            "organisation_id", "name"
        ):
            key = normalise_for_search(name)
            if key:
                self.by_name[key].add(organisation_id)

    def _add(self, pk, slug, name_en, name_zh):
        self.by_slug[slug] = pk
        self.slug_of[pk] = slug
        self.slugs.add(slug)
        self.labels[pk] = " / ".join(n for n in (name_zh, name_en) if n) or slug
        for name in (name_en, name_zh):
            key = normalise_for_search(name)
            if key:
                self.by_name[key].add(pk)

    def match(self, name):
        """The ids of the organisations ``name`` may mean."""
        return sorted(self.by_name.get(normalise_for_search(name), ()))

    def describe(self, pk):
        return f"{self.labels.get(pk, pk)} ({self.slug_of.get(pk, '')})"

    def free_slug(self, name_en, name_zh):
        """The slug the organisation's own ``save()`` would choose, without a query per row."""
        base = (ascii_slug(name_en) or ascii_slug(name_zh) or "organisation")[:76] or "item"
        if base not in self.slugs:
            return base
        number = 2
        while f"{base}-{number}" in self.slugs:
            number += 1
        return f"{base}-{number}"

    def create(self, name, *, source, change_reason):
        """A new published organisation named as the file names it, marked for review."""
        names = {"name_zh_hans": name} if has_cjk(name) else {"name_en": name}
        organisation = Organisation(
            slug=self.free_slug(names.get("name_en"), names.get("name_zh_hans")),
            status=PublishingStatus.PUBLISHED,
            needs_review=True,
            source=source,
            **names,
        )
        organisation._change_reason = change_reason  # for its history, where it has one
        organisation.save()
        self._add(
            organisation.pk,
            organisation.slug,
            names.get("name_en"),
            names.get("name_zh_hans"),
        )
        return organisation


# --- The resource -----------------------------------------------------------------------------


class EntryField(Field):
    """A resource field whose value for comparison (``get_value``, which decides whether a row
    is unchanged) and whose text in files (``export``) are functions of the entry. Rows are read
    by :meth:`EntryResource.import_instance`, which needs the edition and the whole row, so the
    fields never write to the entry themselves."""

    def __init__(self, column, *, get, render=None):
        super().__init__(attribute=column.attribute, column_name=column.header)
        self.column = column
        self._get = get
        self._render = render or get

    def get_value(self, instance):
        return self._get(instance)

    def export(self, instance, **kwargs):
        return self._render(instance)

    def save(self, instance, row, is_m2m=False, **kwargs):  # pragma: no cover - never called
        raise NotImplementedError("EntryResource.import_instance reads the rows.")


def _text(attribute):
    return lambda entry: getattr(entry, attribute, None) or ""


def _organisation_name(entry):
    organisation = entry.organisation if entry.organisation_id else None
    return entry.name_as_published or (organisation.name if organisation else "")


def _organisation_slug(entry):
    return entry.organisation.slug if entry.organisation_id else ""


def _category_name(entry):
    return entry.category.name if entry.category_id else ""


class EntryImportResult(Result):
    """The library's result, with what the preview and the command report need."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = None
        self.file_name = ""
        self.dry_run = False
        self.columns = []  # [(column header, header as in the file)]
        self.ignored_columns = []
        self.sheet_note = ""

    @property
    def failed(self):
        return self.has_errors() or self.has_validation_errors()

    def count(self, import_type):
        return self.totals[import_type]

    @property
    def new_organisation_rows(self):
        return [row for row in self.rows if getattr(row, "new_organisation", False)]

    def problems(self):
        """``[(row number or None, column or None, message)]``: file errors, then each row's."""
        found = [(None, None, str(error.error)) for error in self.base_errors]
        for invalid in self.invalid_rows:
            for column, messages in invalid.error_dict.items():
                for message in messages:
                    found.append(
                        (invalid.number, None if column == NON_FIELD_ERRORS else column, message)
                    )
        for error_row in self.error_rows:
            for error in error_row.errors:
                found.append((error_row.number, None, str(error.error)))
        return found


@contextmanager
def _statement_journals_in_memory(using=DEFAULT_DB_ALIAS):
    """On SQLite, keep the journal of each row's savepoint in memory, not in a temporary file:
    the library wraps every row in a savepoint, and a file per savepoint nearly halves the
    speed of an import. SQLite takes the setting only outside a transaction, so it is skipped
    inside one; the connection's setting is restored afterwards."""
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA temp_store")
        previous = cursor.fetchone()[0]
        cursor.execute("PRAGMA temp_store = MEMORY")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA temp_store = {int(previous)}")


class EntryResource(resources.ModelResource):
    """Rows of a spreadsheet as the entries of one edition (``EntryResource(edition=…)``)."""

    rank = EntryField(
        RANK,
        get=lambda entry: (entry.rank, entry.rank_label, entry.is_tied),
        render=lambda entry: entry.display_rank,
    )
    name = EntryField(NAME, get=_text("name_as_published"), render=_organisation_name)
    organisation = EntryField(
        ORGANISATION, get=lambda entry: entry.organisation_id, render=_organisation_slug
    )
    category = EntryField(CATEGORY, get=lambda entry: entry.category_id, render=_category_name)
    headquarters = EntryField(HEADQUARTERS, get=_text("headquarters_as_published"))
    value = EntryField(
        VALUE, get=lambda entry: entry.value, render=lambda entry: format_value(entry.value)
    )
    unit_zh_hans = EntryField(UNIT_ZH, get=_text("value_unit_zh_hans"))
    unit_en = EntryField(UNIT_EN, get=_text("value_unit_en"))
    currency = EntryField(CURRENCY, get=_text("currency"))
    notes_zh_hans = EntryField(NOTES_ZH, get=_text("notes_zh_hans"))
    notes_en = EntryField(NOTES_EN, get=_text("notes_en"))

    class Meta:
        model = Entry
        name = _("Ranking entries of one edition")
        fields = (
            "rank",
            "name",
            "organisation",
            "category",
            "headquarters",
            "value",
            "unit_zh_hans",
            "unit_en",
            "currency",
            "notes_zh_hans",
            "notes_en",
        )
        import_order = fields
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        # The library's diff deep-copies every entry (with its edition and organisation) and
        # renders an HTML diff per row; the snapshot in get_or_init_instance does both jobs,
        # deciding "unchanged" and showing old → new in the preview, at a fraction of the cost.
        skip_diff = True
        use_bulk = False  # bulk mode skips save(), and with it the history of each row
        use_transactions = True
        clean_model_instances = True
        store_instance = True

    def __init__(self, edition=None, **kwargs):
        super().__init__(**kwargs)
        self.edition = edition

    @classmethod
    def get_result_class(cls):
        return EntryImportResult

    # --- Whole-file checks ----------------------------------------------------------------

    def check_dataset(self, dataset):
        """A message when the file cannot be imported into the edition at all, else ``""``."""
        if self.edition is None:
            return gettext("Choose the edition to import into.")
        headers = set(dataset.headers or ())
        if not headers & {NAME.header, ORGANISATION.header}:
            return gettext(
                "The file has no column of organisation names. Head that column 企业名称, "
                "公司名称, Company or Name."
            )
        if self.edition.is_ranked and RANK.header not in headers:
            return gettext(
                "The edition is ranked, but the file has no rank column. Head it 排名, 名次 or "
                "Rank, or mark the edition as unranked."
            )
        if not len(dataset):
            return gettext("The file has a header row but no rows of data.")
        return ""

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        """Import all rows or none: ``use_transactions`` and
        ``rollback_on_validation_errors`` are always on, whoever calls."""
        self._file_name = kwargs.get("file_name") or ""
        self._dry_run = bool(dry_run)
        problem = self.check_dataset(dataset)
        if problem:
            result = self.get_result_class()()
            result.append_base_error(self.get_error_result_class()(SpreadsheetError(problem)))
            self._describe(result, dataset)
            return result
        with _statement_journals_in_memory(self.get_db_connection_name()):
            return super().import_data(
                dataset,
                dry_run=dry_run,
                raise_errors=raise_errors,
                use_transactions=True,
                collect_failed_rows=collect_failed_rows,
                rollback_on_validation_errors=True,
                **kwargs,
            )

    def _describe(self, result, dataset):
        headers = getattr(dataset, "source_headers", None) or {}
        result.edition = self.edition
        result.file_name = self._file_name
        result.dry_run = self._dry_run
        result.columns = [(h, headers.get(h, h)) for h in (dataset.headers or ())]
        result.ignored_columns = list(getattr(dataset, "ignored_columns", []))
        result.sheet_note = getattr(dataset, "sheet_note", "")

    def before_import(self, dataset, **kwargs):
        self._source_headers = getattr(dataset, "source_headers", None) or {}
        self._line_numbers = getattr(dataset, "line_numbers", None)
        self._present = set(dataset.headers or ())
        self._index = OrganisationIndex()
        self._organisations = {}
        self._seen = {}
        self._existing = {}
        for entry in Entry.objects.filter(edition=self.edition).select_related(
            "organisation", "category"
        ):
            entry.edition = self.edition
            self._existing[entry.organisation_id] = entry
            self._organisations[entry.organisation_id] = entry.organisation
        self._prefetch_organisations(dataset)
        self._categories = defaultdict(list)
        self._category_names = []
        for category in self.edition.categories.all():
            self._category_names.append(category.name)
            for name in {category.name_en, category.name_zh_hans}:
                if normalise_for_search(name):
                    self._categories[normalise_for_search(name)].append(category)
        file_name = kwargs.get("file_name") or gettext("a spreadsheet")
        # The history's change reason holds 100 characters.
        self._change_reason = (gettext("Imported from %(file)s") % {"file": file_name})[:100]

    def _prefetch_organisations(self, dataset):
        """Load the organisations the rows name in one query rather than one per row."""
        wanted = set()
        for values in dataset:
            row = dict(zip(dataset.headers, values, strict=False))
            slug = self._cell(row, ORGANISATION)
            if slug:
                wanted.add(self._index.by_slug.get(slug.casefold()))
                continue
            matches = self._index.match(self._cell(row, NAME) or "")
            if len(matches) == 1:
                wanted.add(matches[0])
        wanted -= {None, *self._organisations}
        self._organisations.update(Organisation.objects.in_bulk(wanted))

    def after_import(self, dataset, result, **kwargs):
        """Rows carry their number in the file, as a spreadsheet program shows it.

        ``ModelResource.after_import`` is not called: it resets the table's id sequence, which
        only matters when a file gives ids (this one never does) and could move the sequence
        under a concurrent insert on PostgreSQL."""
        self._describe(result, dataset)
        for row_result, line in zip(result.rows, self._line_numbers or (), strict=False):
            row_result.line = line
        for invalid in result.invalid_rows:
            invalid.number = self._line(invalid.number)
        for error_row in result.error_rows:
            error_row.number = self._line(error_row.number)

    def _line(self, row_number):
        if self._line_numbers and 0 < row_number <= len(self._line_numbers):
            return self._line_numbers[row_number - 1]
        return row_number + 1  # a dataset made elsewhere: its header is row 1

    def _label(self, column):
        """The column as the file heads it, to name it in an error."""
        return self._source_headers.get(column.header, column.header)

    # --- Rows -------------------------------------------------------------------------------

    def before_import_row(self, row, **kwargs):
        self._row_number = kwargs.get("row_number", 0)
        self._row_errors = {}
        self._new_organisation = None
        self._before = None

    def get_or_init_instance(self, instance_loader, row):
        """The entry of the row's organisation in this edition, existing or new."""
        organisation = self._resolve_organisation(row)
        if organisation is None:
            return Entry(edition=self.edition), True
        line = self._line(self._row_number)
        if organisation.pk in self._seen:
            column = NAME if NAME.header in self._present else ORGANISATION
            self._row_errors[self._label(column)] = gettext(
                "%(organisation)s is already on row %(row)s; an organisation appears once in an "
                "edition."
            ) % {
                "organisation": self._index.describe(organisation.pk),
                "row": self._seen[organisation.pk],
            }
            return Entry(edition=self.edition, organisation=organisation), True
        self._seen[organisation.pk] = line
        existing = self._existing.get(organisation.pk)
        if existing is not None:
            self._before = self._snapshot(existing)
            return existing, False
        return Entry(edition=self.edition, organisation=organisation), True

    def _snapshot(self, entry):
        """Each column's value (to compare) and text (to show), before the row is read."""
        return [(field.get_value(entry), field.export(entry)) for field in self.get_import_fields()]

    def _cell(self, row, column):
        if column.header not in self._present:
            return None
        return _cell_text(row.get(column.header)).strip()

    def _resolve_organisation(self, row):
        slug = self._cell(row, ORGANISATION)
        name = self._cell(row, NAME)
        if slug:
            pk = self._index.by_slug.get(slug.casefold())
            if pk is None:
                self._row_errors[self._label(ORGANISATION)] = gettext(
                    "No organisation has the slug “%(slug)s”."
                ) % {"slug": slug}
                return None
            return self._organisation(pk)
        if not name:
            column = NAME if name is not None else ORGANISATION
            self._row_errors[self._label(column)] = gettext(
                "The name is empty: every row needs the organisation's name."
            )
            return None
        matches = self._index.match(name)
        if len(matches) > 1:
            self._row_errors[self._label(NAME)] = gettext(
                "“%(name)s” matches %(count)d organisations: %(matches)s. Add an “Organisation "
                "slug” column to say which, or tell the organisations apart by their names and "
                "aliases."
            ) % {
                "name": name,
                "count": len(matches),
                "matches": "; ".join(self._index.describe(pk) for pk in matches),
            }
            return None
        if matches:
            return self._organisation(matches[0])
        max_length = Organisation._meta.get_field("name").max_length
        if len(name) > max_length:
            self._row_errors[self._label(NAME)] = gettext(
                "No organisation is called “%(name)s”, and the name is too long (over %(max)d "
                "characters) for a new one."
            ) % {"name": name, "max": max_length}
            return None
        organisation = self._index.create(
            name, source=self.edition.source, change_reason=self._change_reason
        )
        self._organisations[organisation.pk] = organisation
        self._new_organisation = organisation
        return organisation

    def _organisation(self, pk):
        if pk not in self._organisations:
            self._organisations[pk] = Organisation.objects.get(pk=pk)
        return self._organisations[pk]

    def import_instance(self, instance, row, **kwargs):
        """Read the row's cells into the entry; errors are keyed by the file's column name."""
        errors = dict(self._row_errors)
        for column, reader in (
            (RANK, self._read_rank),
            (NAME, self._read_name),
            (CATEGORY, self._read_category),
            (VALUE, self._read_value),
            (CURRENCY, self._read_currency),
            *((column, self._read_text) for column in TEXT_COLUMNS),
        ):
            text = self._cell(row, column)
            if text is None:
                continue  # a column the file does not have leaves the field as it is
            try:
                reader(instance, column, text)
            except ValueError as error:
                errors.setdefault(self._label(column), str(error))
        if errors:
            raise ValidationError(errors)

    def _read_rank(self, entry, column, text):
        current = unicodedata.normalize("NFKC", entry.display_rank)
        if entry.pk and unicodedata.normalize("NFKC", text) == current:
            return  # reads as the entry already does
        parsed = parse_rank(text)
        if parsed.rank is not None and self.edition.is_ranked is False:
            raise ValueError(
                gettext(
                    "The edition is marked unranked, so the rank stays empty; mark the edition "
                    "as ranked to import ranks."
                )
            )
        entry.rank, entry.rank_label, entry.is_tied = parsed.rank, parsed.label, parsed.is_tied

    def _read_name(self, entry, column, text):
        if entry.pk and not entry.name_as_published and entry.organisation_id:
            organisation = entry.organisation
            known = {
                normalise_for_search(organisation.name_en),
                normalise_for_search(organisation.name_zh_hans),
            }
            if normalise_for_search(text) in known:
                return  # the organisation's own name, as the export writes it
        if text or entry.pk:
            entry.name_as_published = text

    def _read_category(self, entry, column, text):
        if not text:
            entry.category = None
            return
        found = self._categories.get(normalise_for_search(text), [])
        if len(found) == 1:
            entry.category = found[0]
            return
        if len(found) > 1:
            raise ValueError(
                gettext("“%(text)s” names more than one category of this edition.") % {"text": text}
            )
        if self._category_names:
            raise ValueError(
                gettext("The edition has no category “%(text)s”. Its categories are: %(names)s.")
                % {"text": text, "names": ", ".join(self._category_names)}
            )
        raise ValueError(
            gettext(
                "The edition has no category “%(text)s”: it has no categories yet. Add them to "
                "the edition first."
            )
            % {"text": text}
        )

    def _read_value(self, entry, column, text):
        value = parse_value(text)
        if value != entry.value:
            entry.value = value

    def _read_currency(self, entry, column, text):
        entry.currency = parse_currency(text)

    def _read_text(self, entry, column, text):
        if text != (getattr(entry, column.attribute) or ""):
            setattr(entry, column.attribute, text)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: an existing entry whose every column compares equal to its snapshot.
        A new entry is never unchanged."""
        if import_validation_errors or instance.pk is None or self._before is None:
            return False
        values = [field.get_value(instance) for field in self.get_import_fields()]
        return values == [value for value, _text in self._before]

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The row's own errors, else the model's field checks (lengths, digits), keyed by
        the file's column names. Uniqueness is this resource's own check (one organisation
        once per file), so no query per row is needed for it."""
        errors = dict(import_validation_errors or {})
        if not errors:
            try:
                instance.clean_fields(exclude=["edition", "organisation", "category"])
            except ValidationError as error:
                by_attribute = {column.attribute: column for column in COLUMNS}
                by_attribute.update(rank_label=RANK, is_tied=RANK)
                for attribute, messages in error.message_dict.items():
                    column = by_attribute.get(attribute)
                    label = self._label(column) if column else attribute
                    errors.setdefault(label, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance._change_reason = self._change_reason
        user = kwargs.get("user")
        if user is not None and getattr(user, "is_authenticated", False):
            instance._history_user = user

    def after_import_row(self, row, row_result, **kwargs):
        """For the preview: each column's text, with the old text where it changed."""
        row_result.new_organisation = self._new_organisation is not None
        instance = row_result.instance
        # An entry is shown only with its organisation: say so when that one is not live.
        row_result.organisation_not_live = (
            instance is not None and instance.organisation.publishing_state != "live"
        )
        cells = []
        for index, field in enumerate(self.get_import_fields()):
            text = field.export(instance) if instance is not None else ""
            old = None
            if self._before is not None and field.get_value(instance) != self._before[index][0]:
                old = self._before[index][1]
            cells.append((text, old))
        row_result.cells = cells

    # --- Export ---------------------------------------------------------------------------

    def export_rows(self, entries):
        """``(headers, rows)`` with every cell as the text the import reads back."""
        fields = self.get_export_fields()
        headers = [field.column_name for field in fields]
        rows = [[field.export(entry) for field in fields] for entry in entries]
        return headers, rows


# --- Services ---------------------------------------------------------------------------------


def edition_entries_editable(*, edition, user):
    """Whether ``user`` may import into, or change the entries of, ``edition``.

    Editors work on editions that are not published; once an edition is published (live,
    scheduled or expired), changing its list is a Publisher's decision, as any change to live
    content is (DESIGN.md: changes to live content wait for review).
    """
    if user is None:
        return True  # the management command: whoever runs it has the database anyway
    if not (
        user.has_perm("rankings.add_entry")
        and user.has_perm("rankings.change_entry")
        and user.has_perm("pazhou.add_organisation")
    ):
        return False
    if edition.status != PublishingStatus.PUBLISHED:
        return True
    return user.has_perm("rankings.publish_edition")


def editions_with_editable_entries(*, user):
    """The editions whose entries ``user`` may import or change (see
    :func:`edition_entries_editable`)."""
    editions = Edition.objects.select_related("series").order_by("series__slug", "-year")
    if not (
        user.has_perm("rankings.add_entry")
        and user.has_perm("rankings.change_entry")
        and user.has_perm("pazhou.add_organisation")
    ):
        return editions.none()
    if user.has_perm("rankings.publish_edition"):
        return editions
    return editions.exclude(status=PublishingStatus.PUBLISHED)


@_statement_journals_in_memory()
@transaction.atomic
def edition_import(*, edition, data, file_name, user=None, dry_run=False):
    """Import the CSV or XLSX file ``data`` (bytes) into ``edition``: all rows or none.

    Returns an :class:`EntryImportResult`; a file that cannot be read comes back as a result
    with one file error rather than an exception, so every caller reports the same way.
    """
    try:
        dataset = read_spreadsheet(data)
    except SpreadsheetError as error:
        result = EntryImportResult()
        result.append_base_error(Error(error))
        result.edition, result.file_name, result.dry_run = edition, file_name, dry_run
        return result
    resource = EntryResource(edition=edition)
    return resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        file_name=file_name,
        user=user,
    )


def _export_entries(edition, entries):
    return entries.filter(edition=edition).select_related("organisation", "category")


def edition_export_csv(*, edition, entries):
    """The entries as CSV bytes: UTF-8 with a BOM (so Excel shows Chinese), formulae escaped."""
    headers, rows = EntryResource(edition=edition).export_rows(_export_entries(edition, entries))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([escape_formula(cell, csv_cell=True) for cell in row])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _float_if_exact(text):
    """The number for an XLSX number cell, when a float holds it exactly; else ``None``."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    number = float(value)
    if Decimal(repr(number)) != value:
        return None
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def edition_export_xlsx(*, edition, entries):
    """The entries as XLSX bytes. Plain ranks and values are number cells; everything else,
    ties such as "=12" included, is a text cell (``data_type = "s"``), which never runs as a
    formula, so nothing needs escaping."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    headers, rows = EntryResource(edition=edition).export_rows(_export_entries(edition, entries))
    workbook = Workbook(write_only=True)
    title = re.sub(r"[\[\]:*?/\\]", "-", f"{edition.series.slug}-{edition.year}")[:31]
    sheet = workbook.create_sheet(title=title or "entries")
    rank_index, value_index = headers.index(RANK.header), headers.index(VALUE.header)

    def text_cell(text):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", text))
        cell.data_type = "s"
        return cell

    sheet.append([text_cell(header) for header in headers])
    for row in rows:
        cells = []
        for index, text in enumerate(row):
            number = None
            if index == rank_index and text.isdigit() and text.isascii():
                number = int(text)
            elif index == value_index and text:
                number = _float_if_exact(text)
            if number is not None:
                cells.append(number)
            else:
                cells.append(text_cell(escape_formula(text, csv_cell=False)) if text else None)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Reports ----------------------------------------------------------------------------------


def row_action_label(row_result):
    return {
        RowResult.IMPORT_TYPE_NEW: gettext("new"),
        RowResult.IMPORT_TYPE_UPDATE: gettext("changed"),
        RowResult.IMPORT_TYPE_SKIP: gettext("unchanged"),
        RowResult.IMPORT_TYPE_INVALID: gettext("error"),
        RowResult.IMPORT_TYPE_ERROR: gettext("error"),
    }.get(row_result.import_type, row_result.import_type or "")


def import_summary(result):
    """One line: how many rows are new, changed, unchanged or wrong."""
    return gettext(
        "New: %(new)d. Changed: %(changed)d. Unchanged: %(unchanged)d. With errors: "
        "%(errors)d. New organisations, marked for review: %(organisations)d."
    ) % {
        "new": result.count(RowResult.IMPORT_TYPE_NEW),
        "changed": result.count(RowResult.IMPORT_TYPE_UPDATE),
        "unchanged": result.count(RowResult.IMPORT_TYPE_SKIP),
        "errors": len(result.invalid_rows) + len(result.error_rows),
        "organisations": len(result.new_organisation_rows),
    }


def import_report_lines(result):
    """The import's report as lines of text, for the command (the admin shows a table)."""
    lines = []
    if result.edition is not None:
        lines.append(
            gettext("Edition: %(edition)s. File: %(file)s.")
            % {"edition": result.edition, "file": result.file_name}
        )
    if result.columns:
        lines.append(
            gettext("Columns read: %(columns)s.")
            % {
                "columns": ", ".join(
                    header if header == source else f"{source} → {header}"
                    for header, source in result.columns
                )
            }
        )
    if result.ignored_columns:
        lines.append(
            gettext("Columns not read: %(columns)s.")
            % {"columns": ", ".join(result.ignored_columns)}
        )
    if result.sheet_note:
        lines.append(str(result.sheet_note))
    errors_by_row = defaultdict(list)
    for line, column, message in result.problems():
        if line is None:
            lines.append(gettext("File error: %(message)s") % {"message": message})
        else:
            errors_by_row[line].append((column, message))
    for row_result in result.rows:
        line = getattr(row_result, "line", None)
        if row_result.is_valid():
            name = str(row_result.instance or row_result.object_repr or "")
            if row_result.instance is not None:
                name = _organisation_name(row_result.instance) or name
            flag = ""
            if getattr(row_result, "new_organisation", False):
                flag = " " + gettext("(new organisation, marked for review)")
            elif getattr(row_result, "organisation_not_live", False):
                flag = " " + gettext("(the organisation is not live, so readers do not see it)")
            lines.append(
                gettext("Row %(row)s: %(action)s: %(name)s")
                % {"row": line, "action": row_action_label(row_result), "name": name}
                + flag
            )
        for column, message in errors_by_row.pop(line, []) if line is not None else []:
            lines.append(_row_error_line(line, column, message))
    for line, problems in sorted(errors_by_row.items()):
        for column, message in problems:
            lines.append(_row_error_line(line, column, message))
    if not result.base_errors:
        lines.append(import_summary(result))
    return lines


def _row_error_line(line, column, message):
    if column:
        return gettext("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": line,
            "column": column,
            "message": message,
        }
    return gettext("Row %(row)s: %(message)s") % {"row": line, "message": message}


def tmp_storage_class_name():
    """Where the admin keeps an uploaded file between preview and confirm: the shared cache
    when it is Redis (so any machine behind the load balancer can confirm), else a temporary
    file (one machine)."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if "redis" in backend.lower():
        return "import_export.tmp_storages.CacheStorage"
    return "import_export.tmp_storages.TempFolderStorage"
