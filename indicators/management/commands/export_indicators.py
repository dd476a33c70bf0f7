"""manage.py export_indicators STRATEGY_ID --format csv|xlsx --output FILE: the yearly values in
one of the import layouts (importing the file back changes nothing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.exports import export_csv, export_xlsx
from strategies.models import Strategy


class Command(BaseCommand):
    help = "Export a strategy's yearly plan/actual values as a long CSV or a wide XLSX."

    def add_arguments(self, parser):
        parser.add_argument("strategy_id", type=int)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument(
            "--language", choices=["kk", "ru"], default="ru", help="Language of the XLSX labels."
        )

    def handle(self, *args, strategy_id: int, format: str, output: Path, language: str, **options):
        strategy = Strategy.objects.filter(pk=strategy_id).first()
        if strategy is None:
            raise CommandError(f"No strategy {strategy_id}.")
        data = export_csv(strategy) if format == "csv" else export_xlsx(strategy, lang=language)
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror}") from error
        self.stdout.write(self.style.SUCCESS(f"{output}: {len(data)} bytes"))
