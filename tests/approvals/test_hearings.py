"""Public hearings against absurd and hostile input: the comment period and the hearing date in
their windows, the end of an open hearing corrected by the akimat, bounded counts and texts,
invisible comments refused, a comment form sent twice stored once, hidden comments hidden from
everyone but the akimat, and staff named to the public by organisation and role only."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from approvals import services
from approvals.models import Comment, Hearing
from core.exceptions import Conflict, InvalidInput, PermissionDenied
from core.models import AuditEvent
from tests.approvals.conftest import bring, protocol, tomorrow, user
from tests.clock import days_pass

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
EDITOR = "almaty.editor"


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English; the comment limit starts afresh."""
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


def url(name, strategy, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"approvals:{name}", args=[strategy.pk, *args])


def hearing_of(strategy) -> Hearing:
    return Hearing.objects.get(
        stage_run__process__strategy=strategy, stage_run__state="in_progress"
    )


def record(strategy, **changes):
    values = {
        "held_on": TODAY(), "place": "Алматы, Абай даңғылы, 90", "public_council": "Қоғамдық кеңес",
        "participants": 140, "protocol": protocol(),
    }  # fmt: skip
    return services.hearing_record(actor=user(EDITOR), strategy=strategy, **{**values, **changes})


def field_error(refused, field: str) -> str:
    return " ".join(str(message) for message in refused.value.details[field])


# --- the comment period ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (0, "at least one whole day"),  # ends on the day of publication
        (-1, "at least one whole day"),
        (91, "at most 90 days"),
        (None, "at most 90 days"),  # 9999-12-31, which locked a strategy for good
    ],
)
def test_a_comment_period_outside_its_window_is_refused_at_submission(almaty, days, message):
    end = date(9999, 12, 31) if days is None else TODAY() + timedelta(days=days)
    with pytest.raises(InvalidInput) as refused:
        services.process_submit(actor=user(EDITOR), strategy=almaty, hearing_until=end)
    assert message in field_error(refused, "hearing_until")
    almaty.refresh_from_db()
    assert almaty.state == "draft"
    assert not Hearing.objects.filter(stage_run__process__strategy=almaty).exists()


@pytest.mark.parametrize("days", [1, 90])
def test_a_comment_period_of_one_to_90_days_is_accepted(almaty, days):
    services.process_submit(
        actor=user(EDITOR), strategy=almaty, hearing_until=TODAY() + timedelta(days=days)
    )
    assert hearing_of(almaty).published_until == TODAY() + timedelta(days=days)


def test_the_akimat_corrects_the_end_of_an_open_hearing_within_the_same_window(almaty):
    editor = user(EDITOR)
    services.process_submit(actor=editor, strategy=almaty, hearing_until=TODAY() + timedelta(60))
    for wrong, message in [
        (date(9999, 12, 31), "at most 90 days"),
        (TODAY() + timedelta(days=91), "at most 90 days"),
        (TODAY(), "at least one whole day"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            services.hearing_period_change(actor=editor, strategy=almaty, hearing_until=wrong)
        assert message in field_error(refused, "hearing_until")
    with pytest.raises((PermissionDenied, Conflict)):  # 403 vs 409: the permission matrix
        services.hearing_period_change(
            actor=user("ministry.reviewer"), strategy=almaty, hearing_until=tomorrow()
        )
    assert hearing_of(almaty).published_until == TODAY() + timedelta(60)

    services.hearing_period_change(actor=editor, strategy=almaty, hearing_until=tomorrow())

    assert hearing_of(almaty).published_until == tomorrow()
    event = AuditEvent.objects.get(event_type="approval.hearing_period_changed")
    assert event.actor == editor
    assert event.extra["old"] == {"published_until": str(TODAY() + timedelta(60))}
    assert event.extra["new"] == {"published_until": str(tomorrow())}
    # The shortened hearing closes once its new period has ended.
    record(almaty)
    days_pass(1)
    assert services.hearings_close(actor=editor, strategy=almaty).current_stage.kind == "central"
    with pytest.raises(Conflict):  # no open hearing any more
        services.hearing_period_change(
            actor=editor, strategy=almaty, hearing_until=TODAY() + timedelta(days=5)
        )


def test_the_90_days_count_from_publication_not_from_the_correction(almaty):
    editor = user(EDITOR)
    services.process_submit(actor=editor, strategy=almaty, hearing_until=tomorrow())
    days_pass(10)
    with pytest.raises(InvalidInput):
        services.hearing_period_change(
            actor=editor, strategy=almaty, hearing_until=TODAY() + timedelta(days=85)
        )
    services.hearing_period_change(
        actor=editor, strategy=almaty, hearing_until=TODAY() + timedelta(days=80)
    )


def test_the_hearing_page_corrects_the_period_and_shows_a_refusal_at_the_field(client, almaty):
    bring(almaty, "hearings")
    client.force_login(user(EDITOR))
    page = client.get(url("hearing", almaty)).content.decode()
    assert 'name="action" value="period"' in page
    assert f'max="{(TODAY() + timedelta(days=90)).isoformat()}"' in page

    refused = client.post(
        url("hearing", almaty), {"action": "period", "hearing_until": "9999-12-31"}
    )

    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'aria-invalid="true"' in html and "at most 90 days" in html
    assert hearing_of(almaty).published_until == tomorrow()
    later = TODAY() + timedelta(days=30)
    changed = client.post(url("hearing", almaty), {"action": "period", "hearing_until": later})
    assert changed.status_code == 302 and hearing_of(almaty).published_until == later


# --- submission page ---------------------------------------------------------------------------


def test_an_invalid_submit_date_shows_the_form_with_the_error_at_the_field(client, almaty):
    client.force_login(user(EDITOR))
    form = client.get(url("submit", almaty)).content.decode()
    assert f'min="{tomorrow().isoformat()}"' in form and "data-confirm=" in form

    for value, message in [
        ("9999-12-31", "at most 90 days"),
        (TODAY().isoformat(), "at least one whole day"),
        ("31.02.2027", "Enter a valid date."),
        ("", "This field is required."),
    ]:
        response = client.post(url("submit", almaty), {"hearing_until": value})
        assert response.status_code == 400, value
        html = response.content.decode()
        assert message in html and 'aria-invalid="true"' in html, value
    almaty.refresh_from_db()
    assert almaty.state == "draft"

    response = client.post(url("submit", almaty), {"hearing_until": tomorrow().isoformat()})
    assert response.status_code == 302 and response.url == url("hearing", almaty)


def test_closing_the_hearings_and_submitting_ask_for_confirmation(client, almaty):
    client.force_login(user(EDITOR))
    overview = client.get(reverse("strategies:overview", args=[almaty.pk])).content.decode()
    assert url("submit", almaty) in overview
    bring(almaty, "hearings")
    page = client.get(url("hearing", almaty)).content.decode()
    assert 'value="close"' in page and "data-confirm=" in page.split('value="close"')[1]


# --- the record of the hearing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("held_on", "message"),
    [
        (lambda: tomorrow(), "in the future"),
        (lambda: date(2099, 1, 1), "in the future"),
        (lambda: TODAY() - timedelta(days=1), "before the draft was published"),
        (lambda: date(1800, 1, 1), "before the draft was published"),
    ],
)
def test_a_hearing_is_held_between_the_publication_and_today(almaty, held_on, message):
    bring(almaty, "hearings")
    with pytest.raises(InvalidInput) as refused:
        record(almaty, held_on=held_on())
    assert message in field_error(refused, "held_on")
    assert hearing_of(almaty).held_on is None


@pytest.mark.parametrize("participants", [0, -5, 100_001, 2_147_483_648, 10**20])
def test_participants_are_counted_from_1_to_100_000(almaty, participants):
    bring(almaty, "hearings")
    with pytest.raises(InvalidInput) as refused:
        record(almaty, participants=participants)
    assert "from 1 to 100000" in field_error(refused, "participants")
    assert hearing_of(almaty).participants is None


def record_form(**changes) -> dict:
    """The hearing's record form as an editor fills it, with `changes`."""
    return {
        "action": "record", "held_on": TODAY().isoformat(), "place": "Алматы",
        "public_council": "Кеңес", "participants": "12", "protocol": protocol(), **changes,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("participants", "100000000000000000000", "At most 6 digits"),
        ("participants", "2147483648", "At most 6 digits"),
        ("participants", "100001", "The largest value here is 100,000."),
        ("participants", "0", "The smallest value here is 1."),
        ("participants", "²", "Enter a number, such as 12,000."),
        ("participants", "1.5", "Enter a whole number, without a fractional part."),
        ("held_on", "2099-01-01", "in the future"),
        ("place", "\u200b\u200b\u200b", "This field is required."),
        ("public_council", "Кеңес\x00" + "ш" * 300, "At most 300 characters"),
    ],
)
def test_the_record_form_refuses_bad_values_at_the_field(client, almaty, field, value, message):
    bring(almaty, "hearings")
    client.force_login(user(EDITOR))
    response = client.post(url("hearing", almaty), record_form(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert hearing_of(almaty).recorded_at is None


def test_text_of_the_record_is_stored_in_its_canonical_form(almaty):
    bring(almaty, "hearings")
    hearing = record(
        almaty, place="  Алматы,\u200b Абай\x00 даңғылы,   90 ", public_council="Кеңес"
    )
    assert hearing.place == "Алматы, Абай даңғылы, 90"


# --- comments and answers ----------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["\u200b\u200b\u200b", "\u3164", "\u2060\u200c", " \x00 "])
def test_a_comment_of_invisible_characters_is_refused_at_the_field(client, almaty, blank):
    bring(almaty, "hearings")
    page = client.get(url("public_hearing", almaty)).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    response = client.post(
        url("public_hearing", almaty), {"section": "vision", "text": blank, "token": token}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    with pytest.raises(InvalidInput) as refused:
        services.comment_add(
            hearing=hearing_of(almaty), section="vision", author_name="", text=blank
        )
    assert field_error(refused, "text") == "Write your comment."
    assert hearing_of(almaty).comments.count() == 1  # the one bring() wrote


def test_an_answer_of_invisible_characters_or_a_megabyte_is_refused_at_the_field(client, almaty):
    bring(almaty, "hearings")
    comment = hearing_of(almaty).comments.get()
    client.force_login(user(EDITOR))
    for answer, message in [
        ("\u200b\u3164", "This field is required."),
        ("Жауап " * 200_000, "At most 5000 characters"),
    ]:
        response = client.post(
            url("hearing", almaty), {"action": "answer", "comment": comment.pk, "answer": answer}
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html and f'id="answer-{comment.pk}-answer"' in html
    comment.refresh_from_db()
    assert comment.answer == "" and comment.answered_at is None
    with pytest.raises(InvalidInput) as refused:
        services.comment_answer(actor=user(EDITOR), comment=comment, answer="ж" * 5001)
    assert "At most 5000 characters" in field_error(refused, "answer")


def test_a_nul_byte_in_an_answer_is_removed_not_a_500(client, almaty):
    bring(almaty, "hearings")
    comment = hearing_of(almaty).comments.get()
    client.force_login(user(EDITOR))
    response = client.post(
        url("hearing", almaty),
        {"action": "answer", "comment": comment.pk, "answer": "Жасыл\x00 белдеу."},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.answer == "Жасыл белдеу."


def test_the_same_comment_form_sent_twice_stores_one_comment(client, almaty):
    bring(almaty, "hearings")
    page = client.get(url("public_hearing", almaty)).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    data = {"section": "swot", "author_name": "Әлия", "text": "Су тапшылығы.", "token": token}

    first = client.post(url("public_hearing", almaty), data)
    second = client.post(url("public_hearing", almaty), data)

    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Comment.objects.filter(section="swot").count() == 1
    # Another comment written on the same (kept) page is not lost: it comes back in the form,
    # which carries a new token.
    again = client.post(url("public_hearing", almaty), {**data, "text": "Тағы бір пікір."})
    assert again.status_code == 400
    html = again.content.decode()
    assert "already used for another comment" in html and "Тағы бір пікір." in html
    assert f'value="{token}"' not in html


def test_a_comment_form_without_its_token_is_refused(client, almaty):
    bring(almaty, "hearings")
    response = client.post(url("public_hearing", almaty), {"section": "swot", "text": "Пікір"})
    assert response.status_code == 400
    assert "The form has expired" in response.content.decode()


# --- hidden comments ---------------------------------------------------------------------------


ABUSE = "Бұл жерде балағат сөз тұр, оны ешкім көрмеуі тиіс."


def test_a_hidden_comment_is_shown_to_the_akimat_only(client, almaty):
    bring(almaty, "hearings")
    hearing = hearing_of(almaty)
    abusive = services.comment_add(hearing=hearing, section="swot", author_name="", text=ABUSE)
    services.comment_answer(actor=user(EDITOR), comment=abusive, hidden=True)

    client.force_login(user("ministry.reviewer"))
    assert ABUSE not in client.get(url("hearing", almaty)).content.decode()
    client.force_login(user(EDITOR))
    assert ABUSE in client.get(url("hearing", almaty)).content.decode()
    client.logout()
    assert ABUSE not in client.get(url("public_hearing", almaty)).content.decode()


def test_the_timeline_never_copies_a_hidden_comment(client, almaty):
    bring(almaty, "hearings")
    abusive = services.comment_add(
        hearing=hearing_of(almaty), section="swot", author_name="", text=ABUSE
    )
    services.comment_answer(actor=user(EDITOR), comment=abusive, answer="Жауап.")
    services.comment_answer(actor=user(EDITOR), comment=abusive, hidden=True)
    # An event written before the rule, which copied the text of the comment.
    legacy = AuditEvent.objects.filter(event_type="approval.comment_answered").first()
    AuditEvent.objects.filter(pk=legacy.pk).update(target_repr=ABUSE[:80])

    for reader in ("ministry.reviewer", EDITOR):
        client.force_login(user(reader))
        html = client.get(url("timeline", almaty)).content.decode()
        assert ABUSE[:20] not in html
        assert f"public comment #{abusive.pk}" in html


# --- names on the public timeline --------------------------------------------------------------


STAFF_NAMES = ["Нұрланова", "Бекова", "Оспанов", "Әбенова"]


def test_the_public_reads_organisations_and_roles_on_the_timeline_never_staff_names(client, almaty):
    bring(almaty, "approved")

    public = client.get(url("timeline", almaty)).content.decode()

    for name in STAFF_NAMES:
        assert name not in public
    assert "city editor" in public and "ministry reviewer" in public
    assert "maslikhat secretary" in public
    client.force_login(user("ministry.reviewer"))
    signed_in = client.get(url("timeline", almaty)).content.decode()
    for name in STAFF_NAMES:
        assert name in signed_in


def test_the_hearing_page_and_the_timeline_read_as_many_queries_for_many_comments(client, almaty):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    bring(almaty, "hearings")
    client.force_login(user(EDITOR))

    def queries(name):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(name, almaty)).status_code == 200
        return len(captured.captured_queries)

    few = {name: queries(name) for name in ("hearing", "timeline")}
    for n in range(6):
        comment = services.comment_add(
            hearing=hearing_of(almaty),
            section="swot",
            author_name=f"Оқырман {n}",
            text=f"Пікір {n}",
        )
        services.comment_answer(actor=user(EDITOR), comment=comment, answer=f"Жауап {n}")
    assert {name: queries(name) for name in ("hearing", "timeline")} == few


@pytest.mark.parametrize("action", ["record", "period", "answer", "hide", "close"])
def test_whoever_never_acts_on_the_hearing_is_refused_before_the_form_is_read(
    client, almaty, action
):
    bring(almaty, "hearings")
    client.force_login(user("ministry.reviewer"))
    response = client.post(url("hearing", almaty), {"action": action, "participants": "10**20"})
    assert response.status_code == 403
    client.force_login(user("karaganda.editor"))  # may not even see the draft
    assert client.post(url("hearing", almaty), {"action": action}).status_code == 404
    client.force_login(user("ministry.reviewer"))
    assert client.post(url("submit", almaty), {"hearing_until": "9999-12-31"}).status_code == 403


def test_participants_are_read_as_typed_with_thousands_separated(client, almaty):
    bring(almaty, "hearings")
    client.force_login(user(EDITOR))
    response = client.post(url("hearing", almaty, lang="ru"), record_form(participants="1 500"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert hearing_of(almaty).participants == 1500
