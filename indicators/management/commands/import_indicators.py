"""manage.py import_indicators STRATEGY_ID FILE [--direction KIND] [--dry-run]: the browser's
import from the console (the same reading, preview and all-or-nothing apply), as the operator."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core.exceptions import ApplicationError
from indicators.imports.service import (
    ImportPlan,
    import_apply,
    import_plan,
    import_upload,
    read_table,
)
from indicators.numbers import format_printed_number
from strategies.models import DirectionKind, Strategy

ACTIONS = {"created": "+", "changed": "~", "unchanged": "="}


def print_plan(write, plan: ImportPlan) -> None:
    """The preview as text: one line per indicator-year, then the problems and the counts."""
    for entry in plan.indicators:
        write(
            f"{'NEW ' if entry.created else ''}{entry.name}"
            + (f", {entry.unit}" if entry.unit else "")
        )
        for value in entry.values:
            data = value.data
            plan_text = format_printed_number(data["plan"], data["plan_bound"])
            actual_text = format_printed_number(data["actual"], data["actual_bound"])
            write(f"  {ACTIONS[value.action]} {value.year}: {plan_text} / {actual_text}")
    for problem in plan.problems:
        write(f"{'warning' if problem.warning else 'ERROR'}: {problem}")
    counts = plan.counts()
    write(
        f"{counts['indicators']} indicators ({counts['indicators_created']} new), "
        f"{counts['values']} indicator-years: {counts['created']} to add, "
        f"{counts['changed']} to change, {counts['unchanged']} as they are; "
        f"{len(plan.errors)} errors"
    )


class Command(BaseCommand):
    help = "Import an indicator table (long CSV or wide XLSX) into a strategy, after its preview."

    def add_arguments(self, parser):
        parser.add_argument("strategy_id", type=int)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--direction",
            choices=[kind.slug for kind in DirectionKind],
            help="Direction of indicators the draft does not have yet.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the preview and write nothing."
        )

    def handle(self, *args, strategy_id: int, file: Path, direction, dry_run: bool, **options):
        translation.activate("ru")
        strategy = Strategy.objects.filter(pk=strategy_id).first()
        if strategy is None:
            raise CommandError(f"No strategy {strategy_id}.")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        kind = DirectionKind.from_slug(direction).value if direction else None
        try:
            if dry_run:
                plan = import_plan(strategy=strategy, table=read_table(data), direction_kind=kind)
            else:
                upload, plan = import_upload(
                    actor=None,
                    strategy=strategy,
                    data=data,
                    filename=file.name,
                    direction_kind=kind,
                )
        except ApplicationError as error:
            raise CommandError(str(error.message)) from error
        print_plan(self.stdout.write, plan)
        if plan.errors:
            raise CommandError("The file has errors; nothing was imported.")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        try:
            import_apply(actor=None, upload=upload)
        except ApplicationError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(self.style.SUCCESS("Imported."))
