"""manage.py render_pdf STRATEGY_ID --lang kk|ru [--snapshot N] --output FILE: the PDF made by the
same code as the workers' (publishing.pdf.build_pdf), synchronously, for operators and scripts."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from approvals.models import Snapshot
from core.i18n import DRAFTING_LANGUAGES
from publishing.pdf import build_pdf
from publishing.selectors import render_input
from strategies.models import Strategy


class Command(BaseCommand):
    help = (
        "Render the PDF of a strategy (its live working draft, or snapshot N) in Kazakh or "
        "Russian into FILE, as the workers do; prints the pages and the seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("strategy_id", type=int)
        parser.add_argument("--lang", required=True, choices=DRAFTING_LANGUAGES)
        parser.add_argument(
            "--snapshot", type=int, help="Snapshot number (default: the live working draft)."
        )
        parser.add_argument("--output", required=True, type=Path, help="Where to write the PDF.")

    def handle(
        self, *args, strategy_id: int, lang: str, snapshot: int | None, output: Path, **options
    ):
        started = time.perf_counter()
        strategy = Strategy.objects.select_related("city").filter(pk=strategy_id).first()
        if strategy is None:
            raise CommandError(f"No strategy {strategy_id}.")
        frozen = None
        if snapshot is not None:
            frozen = Snapshot.objects.filter(strategy=strategy, number=snapshot).first()
            if frozen is None:
                raise CommandError(f"Strategy {strategy_id} has no snapshot {snapshot}.")
        draft_content, context = render_input(strategy, frozen, lang)
        built = build_pdf(frozen.content if frozen else draft_content, context, lang)
        try:
            output.write_bytes(built.data)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{output}: {built.pages} pages, {len(built.data)} bytes, {seconds:.1f} s "
            f"(WeasyPrint {built.weasyprint_seconds:.1f} s)"
        )
