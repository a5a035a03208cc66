"""``manage.py import_ranking FILE --series SLUG --year YYYY [--dry-run]``.

The admin's spreadsheet import, from the command line: the same reading, matching and checks
(:mod:`rankings.spreadsheets`). It prints a report of every row, and when anything fails it
writes nothing and exits with status 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rankings.models import Edition, Series
from rankings.spreadsheets import edition_import, import_report_lines


class Command(BaseCommand):
    help = (
        "Import a ranking spreadsheet (CSV or XLSX) into an existing edition: all rows or none. "
        "Prints a report of every row and exits with status 1 if any row or the file has an "
        "error."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV or XLSX file.")
        parser.add_argument("--series", required=True, help="The slug of the ranking series.")
        parser.add_argument("--year", required=True, type=int, help="The year of the edition.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and print the report, but write nothing.",
        )

    def handle(self, *args, file, series, year, dry_run, **options):
        edition = self._edition(series, year)
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(problem)s") % {"file": file, "problem": error.strerror}
            ) from None

        result = edition_import(edition=edition, data=data, file_name=path.name, dry_run=dry_run)
        self.stdout.write("\n".join(import_report_lines(result)))
        if result.failed:
            raise CommandError(_("Nothing was imported: the file has errors (see above)."))
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(_("Imported.")))

    def _edition(self, series_slug, year):
        series = Series.objects.filter(slug=series_slug).first()
        if series is None:
            known = ", ".join(Series.objects.values_list("slug", flat=True)) or "—"
            raise CommandError(
                _("There is no ranking series “%(series)s”. Series: %(known)s.")
                % {"series": series_slug, "known": known}
            )
        edition = Edition.objects.filter(series=series, year=year).first()
        if edition is None:
            years = ", ".join(str(y) for y in series.editions.values_list("year", flat=True))
            raise CommandError(
                _(
                    "The series “%(series)s” has no %(year)s edition; create it in the admin "
                    "first. Its editions: %(years)s."
                )
                % {"series": series_slug, "year": year, "years": years or "—"}
            )
        return edition
