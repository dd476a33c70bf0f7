"""The ministry's comparison of cities on the p.26 catalogue indicators: every city of the reference
data takes part (the approved editions through the real route, two drafts under review), the
public sees approved editions only, a ministry reviewer also each city's latest submitted draft,
rows sort and filter through bounded choices, the CSV and the chart say the same, and the page
runs a bounded number of queries however many cities there are."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from approvals import services
from approvals.models import Hearing
from core.models import City, Membership
from indicators.comparison import COMPARED_MILESTONE, CityRow, sort_rows
from indicators.models import Indicator
from indicators.monitoring import Progress, ProgressStatus
from indicators.numbers import PrintedNumber
from indicators.services import YearInput, yearly_values_save
from strategies.document_json import document_dump, document_load
from strategies.models import Strategy
from strategies.selectors import strategy_document
from tests.approvals.conftest import member, protocol, tomorrow, user
from tests.clock import days_pass

pytestmark = pytest.mark.django_db

LIFE = "life-expectancy"
# The page's reads: the form's catalogue and SDG goals, the selector's catalogue, indicators,
# milestones, SDG targets and yearly values (indicators.comparison).
PUBLIC_QUERIES = 7
# A ministry reviewer's: also the session, the user, the header's notifications, the roles
# (comparison.sees_submitted, strategies.permissions.strategy_visibility) and the snapshots.
MINISTRY_QUERIES = 13
# The demo's cities with a strategy already: Almaty (approved), Astana (a complete draft, submitted
# below), Karaganda (an incomplete draft, never submitted: not compared).
DEMO_CITIES = {"almaty", "astana", "karaganda"}
# A city of republican significance also goes to its adjacent region: left under the ministry's
# review, with Astana, as the two submitted drafts.
UNDER_REVIEW = {"astana", "shymkent"}


def lean_document(city_code: str, number: int) -> dict:
    """Almaty's complete document for another city, with only the catalogue indicators (and one
    more where a direction has none), the life expectancy baseline and 2030 milestone set apart
    per city."""
    content = document_dump(
        strategy_document(Strategy.objects.get(city__code="almaty", state="draft").pk)
    )
    content.update(city=city_code, settlements=[])
    for direction in content["directions"].values():
        kept = [i for i in direction["indicators"] if i["recommended"]]
        direction["indicators"] = kept or direction["indicators"][:1]
        for indicator in direction["indicators"]:
            indicator.pop("id", None)
            indicator.pop("uid", None)
            if indicator["recommended"] == LIFE:
                indicator["baseline_value"] = str(Decimal(68) + number)
                indicator["milestones"][str(COMPARED_MILESTONE)] = str(Decimal(71) + number)
    return content


def submit_with_hearing(strategy, editor) -> None:
    services.process_submit(
        actor=editor, strategy=strategy, hearing_until=tomorrow(), new_hearings=True
    )
    services.hearing_record(
        actor=editor, strategy=strategy, held_on=timezone.localdate(), place="Әкімдік",
        public_council="Қоғамдық кеңес", participants=40, protocol=protocol(),
    )  # fmt: skip


def on_page(strategy) -> dict:
    process = strategy.processes.get(state="in_progress")
    return {"snapshot_number": process.snapshot.number, "stage": process.current_stage.kind}


@pytest.fixture
def every_city(db, settings, tmp_path):
    """Every city of the reference data: 17 approved editions (Almaty's and 16 regional centres'
    through the real route), Astana and Shymkent under the ministry's review, Karaganda's draft.
    The life expectancy of each approved regional centre has an actual value of 2025, the year
    after its baseline."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    cities = list(City.objects.exclude(code__in=DEMO_CITIES - UNDER_REVIEW).order_by("code"))
    assert len(cities) + len(DEMO_CITIES - UNDER_REVIEW) == City.objects.count() == 20
    editors, strategies = {}, {}
    for number, city in enumerate(cities):
        if city.code == "astana":
            editor = user("astana.editor")
            strategy = Strategy.objects.get(city=city, state="draft")
        else:
            editor = member(
                f"{city.code}.cmp", f"city-akimat-{city.code}", Membership.Role.CITY_EDITOR
            )
            strategy = document_load(lean_document(city.code, number), actor=editor)
        submit_with_hearing(strategy, editor)
        editors[city.code], strategies[city.code] = editor, strategy
    days_pass(1)
    ministry = user("ministry.reviewer")
    today = timezone.localdate()
    for city in cities:
        strategy, editor = strategies[city.code], editors[city.code]
        services.hearings_close(actor=editor, strategy=strategy)
        if city.code in UNDER_REVIEW:
            continue
        services.stage_agree(actor=ministry, strategy=strategy, **on_page(strategy))
        number = on_page(strategy)["snapshot_number"]
        services.maslikhat_recommend(
            actor=editor, strategy=strategy, snapshot_number=number, recommended_on=today,
            recommendation="Әкімдік ұсынады.", consulted_on=today,
            consultation_reference="ҚР Президенті Әкімшілігі, 01-12/345",
        )  # fmt: skip
        secretary = member(
            f"{city.code}.secretary", city.maslikhat.code, Membership.Role.MASLIKHAT_SECRETARY
        )
        services.maslikhat_approve(
            actor=secretary, strategy=strategy, snapshot_number=number, session_on=today,
            decision_number="12/34-VIII",
        )  # fmt: skip
        strategy.refresh_from_db()
        assert strategy.state == Strategy.State.APPROVED
        life = Indicator.objects.get(direction__strategy=strategy, recommended__code=LIFE)
        yearly_values_save(
            actor=editor, strategy=strategy, indicator=life,
            rows=[YearInput(year=2025, plan=PrintedNumber(life.baseline_value + 1),
                            actual=PrintedNumber(life.baseline_value + Decimal("1.5")))],
        )  # fmt: skip
    assert Hearing.objects.count() >= 18
    return strategies


def page(client, lang="ru", **params):
    with translation.override(lang):
        url = reverse("indicators:comparison")
    return client.get(url, params)


def test_every_city_compared_in_a_bounded_number_of_queries(client, every_city):
    # The public: the 17 approved editions, in a fixed number of queries.
    with CaptureQueriesContext(connection) as public_queries:
        response = page(client, indicator=LIFE)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-source="approved"') == 17
    assert 'data-source="submitted"' not in html
    assert len(public_queries) <= PUBLIC_QUERIES, [q["sql"][:90] for q in public_queries]

    # A ministry reviewer: also Astana's and Shymkent's drafts under review, said so on the page.
    client.force_login(user("ministry.reviewer"))
    with CaptureQueriesContext(connection) as ministry_queries:
        response = page(client, indicator=LIFE)
    html = response.content.decode()
    assert html.count('data-source="approved"') == 17
    assert html.count('data-source="submitted"') == 2
    assert 'tr data-city="shymkent" data-source="submitted"' in html
    assert '<option value="all" selected>' in html  # the editions shown, chosen in the form
    assert "для проверяющих министерства" in html or "ministry reviewers" in html
    # The session, the user, the header's notifications and the reviewer's memberships on top
    # of the public page's reads and the snapshots: nothing per city.
    assert len(ministry_queries) <= MINISTRY_QUERIES, [q["sql"][:90] for q in ministry_queries]


def test_rows_sort_filter_and_download_as_shown(client, every_city):
    # Sorted by baseline, descending: each city's life expectancy baseline was set apart.
    html = page(client, indicator=LIFE, sort="baseline", order="desc").content.decode()
    rows = [part.split('"', 1)[0] for part in html.split('<tr data-city="')[1:]]
    baselines = {
        code: strategy.directions.get(kind=2).indicators.get(recommended__code=LIFE).baseline_value
        for code, strategy in every_city.items()
        if code not in UNDER_REVIEW
    }
    baselines["almaty"] = Indicator.objects.get(
        direction__strategy__city__code="almaty",
        direction__strategy__state="approved",
        recommended__code=LIFE,
    ).baseline_value
    assert rows == sorted(baselines, key=lambda code: (-baselines[code], code))[: len(rows)]
    assert len(rows) == 17

    # Filtered by direction: human development holds life expectancy, the environment does not.
    assert f'data-indicator="{LIFE}"' in page(client, direction=2).content.decode()
    assert f'data-indicator="{LIFE}"' not in page(client, direction=3).content.decode()
    # Filtered by SDG goal: Almaty's life expectancy serves target 3.4.
    assert f'data-indicator="{LIFE}"' in page(client, goal=3).content.decode()
    assert f'data-indicator="{LIFE}"' not in page(client, goal=11).content.decode()

    # The chart: one per compared indicator, in Russian, with the numbers in Russian format.
    chart = html.split('<figure class="chart-figure">', 1)[1].split("</figure>", 1)[0]
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert "Ожидаемая продолжительность жизни" in chart
    assert "69,5" in chart  # a 2024 actual value (68 + 1 + 1,5 ... per city), decimal comma

    # The CSV: the same rows in the same order, numbers as Russian prints them.
    with translation.override("ru"):
        url = reverse("indicators:comparison_csv")
    response = client.get(url, {"indicator": LIFE, "sort": "baseline", "order": "desc"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["city"] for row in table] == [City.objects.get(code=code).name_ru for code in rows]
    first = table[0]
    assert first["indicator_code"] == LIFE and first["edition"] == "approved"
    assert "," in first["baseline_value"] or first["baseline_value"].isdigit()
    assert first["latest_year"] == "2025" and first["status"] == "on_track"


def test_choices_are_bounded_and_drafts_are_the_ministrys(client, almaty_editor):
    assert page(client, sort="name; drop table").status_code == 400
    assert page(client, goal="18").status_code == 400
    assert page(client, direction="9").status_code == 400
    assert page(client, indicator="<script>").status_code == 400
    # Submitted drafts: a visitor and a city editor are refused (403), the ministry is not.
    assert page(client, source="all").status_code == 403
    client.force_login(almaty_editor)
    assert page(client, source="all").status_code == 403
    assert page(client, source="approved").status_code == 200
    client.force_login(user("ministry.reviewer"))
    assert page(client, source="all").status_code == 200
    assert page(client, source="approved").status_code == 200


def test_the_demo_compares_nothing_until_a_second_city_is_approved(client, almaty_approved):
    html = page(client, lang="en").content.decode()
    assert "data-empty" in html
    assert "Used by one city only" in html


def test_rows_without_the_sorted_value_come_last():
    def row(city, value):
        return CityRow(
            city=city, city_code=city, strategy_id=1, source="approved", snapshot_number=None,
            name="", unit="", sdg_target=None, goal=None, good_direction="up",
            baseline_year=2023, baseline_value=value, latest_year=None, latest_value=None,
            milestone=None, progress=Progress(ProgressStatus.NOT_ENOUGH_DATA),
        )  # fmt: skip

    rows = [row("b", Decimal(2)), row("a", None), row("c", Decimal(1))]
    assert [r.city for r in sort_rows(rows, "baseline")] == ["c", "b", "a"]
    assert [r.city for r in sort_rows(rows, "baseline", descending=True)] == ["b", "c", "a"]
    assert [r.city for r in sort_rows(rows, "city", descending=True)] == ["c", "b", "a"]
