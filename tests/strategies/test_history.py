"""What is stored when something happens reads in the reader's language when it is read: the
history of changes, the approval audit trail, what a remark points at, notification links."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from approvals import services as route
from approvals.models import Notification, Remark
from approvals.tasks import send_notification_emails
from core.models import AuditEvent
from strategies.models import AnalysisSeries, RoadmapItem
from strategies.services import content_create
from tests.approvals.conftest import bring, on_page, through_hearings, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, almaty_editor):
    client.force_login(almaty_editor)
    return client


def get(client, name: str, strategy, lang: str) -> str:
    with translation.override(lang):
        url = reverse(name, args=[strategy.pk] if strategy else [])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_history_names_every_event_and_field_in_the_readers_language(
    editor_client, almaty, almaty_editor
):
    with translation.override("kk"):  # made on /kk/
        content_create(
            actor=almaty_editor, model=AnalysisSeries, parent={"strategy": almaty},
            values={"kind": AnalysisSeries.Kind.values[0], "label_ru": "Новый ряд"},
            year_values=("values", {2015: 7.2}),
        )  # fmt: skip
        content_create(
            actor=almaty_editor, model=RoadmapItem, parent={"strategy": almaty},
            values={"title_ru": "Цифровой акимат", "sphere": "governance", "status": "planned"},
        )  # fmt: skip
    html = get(editor_client, "strategies:history", almaty, "ru")
    for raw in (">content.created", "values.2015", ">governance<", ">planned<", "title_ru"):
        assert raw not in html, raw
    assert "Значение ряда, 2015" in html and "7,2" in html  # the year, the decimal comma
    assert "управление городом" in html and "запланировано" in html  # choice labels
    assert "Название [ru]" in html or "Инициатива [ru]" in html

    english = get(editor_client, "strategies:history", almaty, "en")
    assert "Added the road map item “Цифровой акимат”" in english
    assert "Series value, 2015" in english and "city governance" in english


def test_the_history_page_costs_the_same_queries_however_long_it_is(
    editor_client, almaty, almaty_editor, django_assert_max_num_queries
):
    for n in range(30):
        content_create(
            actor=almaty_editor, model=RoadmapItem, parent={"strategy": almaty},
            values={"title_ru": f"Инициатива {n}", "sphere": "safety"},
        )  # fmt: skip
    with django_assert_max_num_queries(15):
        get(editor_client, "strategies:history", almaty, "ru")


def test_approval_events_read_as_sentences_on_the_timeline(client, almaty):
    bring(almaty, "central")
    client.force_login(user("ministry.reviewer"))
    html = get(client, "approvals:timeline", almaty, "en")
    assert "approval.submitted" not in html.replace('data-event="approval.submitted"', "")
    assert "Submitted the draft as snapshot #1; public hearings until" in html
    assert "Closed the public hearings of snapshot #1" in html


def test_a_remark_made_on_kk_reads_in_the_readers_language(client, almaty):
    through_hearings(almaty, user("almaty.editor"))
    indicator = almaty.directions.get(kind=3).indicators.first()
    with translation.override("kk"):
        route.stage_return(
            actor=user("ministry.reviewer"), strategy=almaty, **on_page(almaty),
            remarks=[
                route.RemarkInput("section:vision", "Нақтылаңыз."),
                route.RemarkInput(f"indicator:{indicator.pk}", "Негіздеңіз."),
            ],
        )  # fmt: skip
    assert Remark.objects.filter(strategy=almaty, target_label="Пайым").exists()  # as stored
    client.force_login(user("almaty.editor"))
    russian = get(client, "approvals:remarks", almaty, "ru")
    assert "<strong>Видение</strong>" in russian and "<strong>Пайым</strong>" not in russian
    assert f"Индикатор: {indicator.name_ru}" in russian
    english = get(client, "approvals:timeline", almaty, "en")
    assert "<strong>Vision</strong>" in english and f"Indicator: {indicator.name_en}" in english


def test_a_notification_links_to_the_page_in_the_readers_language(client, almaty):
    with translation.override("kk"):
        bring(almaty, "central")
    ministry = user("ministry.reviewer")
    notification = Notification.objects.filter(user=ministry, strategy=almaty).latest("id")
    assert not notification.url.startswith("/kk/")  # stored without a language
    client.force_login(ministry)
    html = get(client, "approvals:notifications", None, "ru").replace("&quot;", "")
    with translation.override("ru"):
        timeline = reverse("approvals:timeline", args=[almaty.pk])
    assert f'href="{timeline}"' in html

    mail.outbox.clear()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
    send_notification_emails([notification.pk])
    body = mail.outbox[0].body
    assert f"/kk{notification.url}" in body and f"/ru{notification.url}" in body


def test_an_event_keeps_its_target_in_every_language(almaty, almaty_editor):
    with translation.override("kk"):
        content_create(
            actor=almaty_editor, model=RoadmapItem, parent={"strategy": almaty},
            values={"title_kk": "Цифрлық әкімдік", "title_ru": "Цифровой акимат", "sphere": "safety"},
        )  # fmt: skip
    event = AuditEvent.objects.filter(event_type="content.created").latest("id")
    assert event.extra["target_names"]["ru"] == "Цифровой акимат"
    assert event.extra["target_names"]["kk"] == "Цифрлық әкімдік"


def test_a_monitoring_event_names_the_indicator_and_the_year(editor_client, almaty_approved):
    from decimal import Decimal

    from indicators.models import YearlyValue
    from indicators.numbers import PrintedNumber
    from indicators.services import YearInput, yearly_values_save

    value = YearlyValue.objects.filter(city=almaty_approved.city).order_by("year").first()
    indicator = almaty_approved.directions.get(indicators__uid=value.indicator_uid).indicators.get(
        uid=value.indicator_uid
    )
    yearly_values_save(
        actor=user("almaty.editor"), strategy=almaty_approved, indicator=indicator,
        rows=[YearInput(value.year, PrintedNumber(Decimal("22.5")), PrintedNumber(Decimal("18.5")),
                        explanation={"ru": "Задержка.", "kk": "Кешігу."}, version=value.version)],
    )  # fmt: skip
    html = get(editor_client, "strategies:history", almaty_approved, "en")
    assert f"Changed the plan and actual values of {value.year} for “{indicator.name_en}”" in html
