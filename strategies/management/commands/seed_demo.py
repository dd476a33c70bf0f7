"""manage.py seed_demo: demo users (one per role) and the demo strategies: Almaty's approved
through the real approval route, with the real monitoring data of its 2023 Voluntary Local
Review; Astana's a complete draft ready to submit (with the reviewer of its adjacent region and
its maslikhat's secretary); Karaganda's an incomplete draft."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core.models import Membership, Organisation, User
from indicators.imports.service import import_apply, import_upload
from strategies.demo.loader import (
    PLAN_FACT_CSV,
    demo_documents,
    record_demo_roadmap_monitoring,
)
from strategies.demo.route import People, approve_demo_strategy
from strategies.document_json import document_load
from strategies.models import Strategy

Role = Membership.Role

# (username, first name, last name, organisation code, role); the first is the administrator.
DEMO_USERS = [
    ("admin", "Айгерім", "Сейтқали", None, None),
    ("almaty.editor", "Дана", "Нұрланова", "city-akimat-almaty", Role.CITY_EDITOR),
    ("karaganda.editor", "Ерлан", "Жақыпов", "city-akimat-karaganda", Role.CITY_EDITOR),
    ("ministry.reviewer", "Асель", "Бекова", "mne", Role.MINISTRY_REVIEWER),
    (
        "almaty-region.reviewer",
        "Марат",
        "Оспанов",
        "region-akimat-almaty-region",
        Role.ADJACENT_REVIEWER,
    ),
    ("almaty.maslikhat", "Гүлнар", "Әбенова", "city-maslikhat-almaty", Role.MASLIKHAT_SECRETARY),
    ("astana.editor", "Арман", "Тоқтаров", "city-akimat-astana", Role.CITY_EDITOR),
    (
        "akmola-region.reviewer",
        "Жанар",
        "Исмаилова",
        "region-akimat-akmola",
        Role.ADJACENT_REVIEWER,
    ),
    ("astana.maslikhat", "Виктор", "Ли", "city-maslikhat-astana", Role.MASLIKHAT_SECRETARY),
    (
        "karaganda.maslikhat",
        "Сергей",
        "Ким",
        "region-maslikhat-karaganda",
        Role.MASLIKHAT_SECRETARY,
    ),
]
EDITOR_OF = {
    "almaty": "almaty.editor",
    "astana": "astana.editor",
    "karaganda": "karaganda.editor",
}


class Command(BaseCommand):
    help = "Create demo users (one per role) and the demo strategies; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=os.environ.get("DEMO_PASSWORD", "qala-demo-2050"),
            help="Password of newly created demo users (default: $DEMO_PASSWORD or qala-demo-2050).",
        )

    @transaction.atomic
    def handle(self, *args, password: str, **options):
        users = self._users(password)
        for document in demo_documents():
            city_code = document["city"]
            if Strategy.objects.filter(city__code=city_code).exists():
                self.stdout.write(f"{city_code}: a strategy exists already, left as it is")
                continue
            strategy = document_load(document, actor=users[EDITOR_OF[city_code]])
            self.stdout.write(self.style.SUCCESS(f"{city_code}: created “{strategy.title}”"))
            if city_code == "almaty":
                self._approve_and_monitor(strategy, users)

        self.stdout.write(f"\nDemo sign-ins (password of newly created users: {password}):")
        for username, _first, _last, organisation_code, role in DEMO_USERS:
            what = Role(role).label if role else "administrator"
            where = f" — {Organisation.objects.get(code=organisation_code).name}" if role else ""
            self.stdout.write(f"  {username:<24} {what}{where}")

    def _users(self, password: str) -> dict[str, User]:
        users = {}
        for username, first_name, last_name, organisation_code, role in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "email": f"{username}@example.kz",
                    "is_staff": role is None,
                    "is_superuser": role is None,
                },
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
            if role:
                Membership.objects.get_or_create(
                    user=user,
                    role=role,
                    organisation=Organisation.objects.get(code=organisation_code),
                )
            users[username] = user
        return users

    def _approve_and_monitor(self, strategy: Strategy, users: dict[str, User]) -> None:
        """Almaty: the approval route, then the VLR's SDG 11 plan and actual values imported as
        the approved edition's monitoring data, through the importer editors use."""
        editor = users["almaty.editor"]
        approve_demo_strategy(
            strategy,
            People(
                editor=editor,
                ministry=users["ministry.reviewer"],
                region=users["almaty-region.reviewer"],
                secretary=users["almaty.maslikhat"],
            ),
            today=timezone.localdate(),
        )
        strategy.refresh_from_db()
        self.stdout.write(self.style.SUCCESS(f"almaty: {strategy.get_state_display()}"))
        upload, plan = import_upload(
            actor=editor,
            strategy=strategy,
            data=PLAN_FACT_CSV.read_bytes(),
            filename=PLAN_FACT_CSV.name,
        )
        if plan.errors:
            raise CommandError("\n".join(str(problem) for problem in plan.errors))
        counts = import_apply(actor=editor, upload=upload).counts()
        self.stdout.write(
            self.style.SUCCESS(
                f"almaty: monitoring data of the 2023 VLR imported ({counts['indicators']} "
                f"indicators, {counts['values']} indicator-years)"
            )
        )
        recorded = record_demo_roadmap_monitoring(strategy, editor)
        self.stdout.write(
            self.style.SUCCESS(f"almaty: road map monitoring of {recorded} items recorded")
        )
