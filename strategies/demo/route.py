"""Almaty's demo strategy taken along the approval route (p.14-16) by the route's own services,
as its people would have done it over the past months: public hearings with comments and the
akimat's answers, a return by the ministry with remarks, the editor's answers and revision, a
second submission, the agreements of the ministry and of the Almaty region, the akimat's
recommendation, the consultation with the Presidential Administration and the maslikhat's
session. Each step runs on its own day (strategies.demo.clock), so every date the services check
(a hearing held in the past, a session after the recommendation) is a plausible one."""

import functools
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals import services
from approvals.models import Comment, Hearing, Process, Remark
from core.models import User
from indicators.models import Indicator
from strategies.demo.clock import on_day
from strategies.models import Strategy
from strategies.services import content_update

HEARING_PLACE = "Алматы, Абай даңғылы, 90, Алматы қаласы әкімдігінің мәжіліс залы"
PUBLIC_COUNCIL = "Алматы қаласының Қоғамдық кеңесі"
COMMENTS = [
    (
        "vision",
        "Әлия Сәрсенова",
        "Пайымда қаланың тау бөктеріндегі жасыл белдеуін сақтау туралы нақты айтылса екен.",
        "Ұсыныс ескерілді: пайымның экологиялық басымдығында тау бөктеріндегі жасыл белдеуді "
        "сақтау көрсетілді.",
    ),
    (
        "indicators-urban_planning",
        "Игорь Ким",
        "Предлагаю добавить показатель доли жителей, проживающих в 500 м от остановки "
        "общественного транспорта.",
        "Спасибо. Показатель будет рассмотрен при ежегодной актуализации; сейчас доступность "
        "транспорта измеряется числом ежедневных поездок (ЦУР 11.2).",
    ),
]


@dataclass(frozen=True)
class People:
    editor: User
    ministry: User
    region: User
    secretary: User


def _protocol_pdf(title: str, held_on: date, participants: int) -> SimpleUploadedFile:
    """The hearing's protocol as a real PDF (rendered by WeasyPrint, which the app uses)."""
    return SimpleUploadedFile(
        "protocol.pdf",
        _protocol_bytes(title, held_on, participants),
        content_type="application/pdf",
    )


@functools.cache
def _protocol_bytes(title: str, held_on: date, participants: int) -> bytes:
    from django.utils.html import escape
    from weasyprint import HTML

    html = (
        "<html lang='kk'><body style='font-family: DejaVu Sans'>"
        f"<h1>Қоғамдық тыңдаулар хаттамасы</h1><p>{escape(title)}</p>"
        f"<p>Өткізілген күні: {held_on:%d.%m.%Y}. Орны: {escape(HEARING_PLACE)}.</p>"
        f"<p>{escape(PUBLIC_COUNCIL)}. Қатысушылар саны: {participants}.</p>"
        "</body></html>"
    )
    return HTML(string=html).write_pdf()


def _open_process(strategy: Strategy) -> Process:
    return Process.objects.select_related("current_stage", "snapshot").get(
        strategy=strategy, state=Process.State.IN_PROGRESS
    )


def _submit(strategy: Strategy, people: People, day: date, hearing_days: int) -> Process:
    with on_day(day):
        services.process_submit(
            actor=people.editor, strategy=strategy, hearing_until=day + timedelta(hearing_days)
        )
    return _open_process(strategy)


def _hearings(strategy: Strategy, people: People, start: date, comments: list) -> date:
    """Comments, answers, the record of the hearing and its closing; returns the closing day."""
    process = _open_process(strategy)
    hearing = Hearing.objects.get(stage_run__process=process)
    until = hearing.published_until
    for offset, (section, author, text, _answer) in enumerate(comments, start=2):
        with on_day(start + timedelta(offset)):
            services.comment_add(hearing=hearing, section=section, author_name=author, text=text)
    for comment, (*_rest, answer) in zip(
        Comment.objects.filter(hearing=hearing).order_by("id"), comments, strict=True
    ):
        with on_day(until - timedelta(3)):
            services.comment_answer(actor=people.editor, comment=comment, answer=answer)
    held_on = until - timedelta(1)
    with on_day(held_on):
        services.hearing_record(
            actor=people.editor,
            strategy=strategy,
            held_on=held_on,
            place=HEARING_PLACE,
            public_council=PUBLIC_COUNCIL,
            participants=140,
            protocol=_protocol_pdf(strategy.title_kk, held_on, 140),
        )
    with on_day(until):
        services.hearings_close(actor=people.editor, strategy=strategy)
    return until


def _revise_vision(strategy: Strategy, people: People) -> None:
    """The editor's revision after the ministry's remark on the vision."""
    vision = strategy.vision
    addition = {
        "kk": "<p>Пайым «Қазақстан-2050» Стратегиясының мақсаттарына қызмет етеді: адами "
        "капитал, бәсекеге қабілетті экономика және тұрақты қала ортасы.</p>",
        "ru": "<p>Видение служит целям Стратегии «Казахстан-2050»: человеческий капитал, "
        "конкурентоспособная экономика и устойчивая городская среда.</p>",
    }
    content_update(
        actor=people.editor,
        row=vision,
        expected_version=vision.version,
        changes={
            f"text_{lang}": (getattr(vision, f"text_{lang}") or "") + text
            for lang, text in addition.items()
        },
    )


def approve_demo_strategy(strategy: Strategy, people: People, *, today: date) -> None:
    """Take a complete draft from submission to the maslikhat's approval, over the 150 days
    before `today`. Raises whatever a service refuses (the demo must pass the real rules)."""
    start = today - timedelta(150)
    process = _submit(strategy, people, start, hearing_days=30)
    closed = _hearings(strategy, people, start, COMMENTS)

    # The ministry returns the draft with remarks on the vision and on an indicator.
    recycling = Indicator.objects.get(
        direction__strategy=strategy, name_ru__startswith="Доля переработки и утилизации ТБО"
    )
    with on_day(closed + timedelta(10)):
        services.stage_return(
            actor=people.ministry,
            strategy=strategy,
            snapshot_number=process.snapshot.number,
            stage="central",
            remarks=[
                services.RemarkInput(
                    "section:vision",
                    "Уточните, каким целям Стратегии «Казахстан-2050» служит видение (п.12).",
                ),
                services.RemarkInput(
                    f"indicator:{recycling.pk}",
                    "Обоснуйте достижимость 40 % переработки ТБО к 2030 году.",
                ),
            ],
        )
    answers = {
        "section": (
            Remark.Response.ACCEPTED,
            "Принято: в видение добавлена связь с целями Стратегии «Казахстан-2050».",
        ),
        "indicator": (
            Remark.Response.NOT_ACCEPTED,
            "Значение сохранено: с 2019 по 2022 год доля выросла с 9,96 до 18 % (ДЛО Алматы "
            "2023), строятся два мусоросортировочных комплекса.",
        ),
    }
    with on_day(closed + timedelta(15)):
        for remark in Remark.objects.filter(strategy=strategy, response=""):
            response, answer = answers["indicator" if remark.indicator_id else "section"]
            services.remark_answer(
                actor=people.editor,
                remark=remark,
                snapshot_number=process.snapshot.number,
                response=response,
                answer=answer,
            )
        _revise_vision(strategy, people)

    # The revised draft goes round again: from its stage the ministry, the region, the maslikhat.
    second = closed + timedelta(20)
    process = _submit(strategy, people, second, hearing_days=10)
    day = second
    if process.current_stage.kind == "hearings":
        day = _hearings(strategy, people, second, [])
        process = _open_process(strategy)
    number = process.snapshot.number
    for offset, (reviewer, stage) in enumerate(
        [(people.ministry, "central"), (people.region, "adjacent")], start=1
    ):
        with on_day(day + timedelta(5 * offset)):
            services.stage_agree(
                actor=reviewer, strategy=strategy, snapshot_number=number, stage=stage
            )
    recommended = day + timedelta(14)
    with on_day(recommended):
        services.maslikhat_recommend(
            actor=people.editor,
            strategy=strategy,
            snapshot_number=number,
            recommended_on=recommended,
            recommendation="Алматы қаласының әкімдігі Стратегияны мәслихат сессиясының "
            "қарауына ұсынады.",
            consulted_on=recommended - timedelta(2),
            consultation_reference="ҚР Президенті Әкімшілігі, 2025 ж. хат № 01-12/345",
        )
    session = min(recommended + timedelta(16), timezone.localdate())
    with on_day(session):
        services.maslikhat_approve(
            actor=people.secretary,
            strategy=strategy,
            snapshot_number=number,
            session_on=session,
            decision_number="45/312-VIII",
        )
