"""An edition's indicators with their monitoring values, and the open-data files."""

import csv
import io
from decimal import Decimal

import pytest

from approvals.models import Process
from indicators.models import Indicator, YearlyValue
from indicators.numbers import parse_printed_number
from indicators.services import YearInput, yearly_values_save
from tests.approvals.conftest import user


def indicators_url(edition, suffix="/") -> str:
    return f"/api/v1/strategies/{edition.pk}/indicators{suffix}"


def snapshot_indicators(edition) -> list[dict]:
    content = Process.objects.get(strategy=edition, state="approved").snapshot.content
    return [i for d in content["directions"].values() for i in d["indicators"]]


def record(edition, *, year: int, plan: str, actual: str):
    """The city's editor records a year's plan and actual value of the edition's first
    indicator with monitoring data (through the monitoring service)."""
    indicator = Indicator.objects.filter(direction__strategy=edition).order_by("pk").first()
    yearly_values_save(
        actor=user("almaty.editor"),
        strategy=edition,
        indicator=indicator,
        rows=[
            YearInput(
                year=year,
                plan=parse_printed_number(plan),
                actual=parse_printed_number(actual),
                explanation={"kk": "Жоспар орындалмады.", "ru": "План не выполнен."},
                # Round test figures, far from this index's range: confirmed as typed.
                confirmed=True,
            )
        ],
    )
    return indicator


def test_every_indicator_of_the_snapshot_with_its_milestones(client, edition):
    frozen = snapshot_indicators(edition)
    response = client.get(indicators_url(edition), {"page_size": 500, "lang": "ru"})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert response.json()["count"] == len(frozen) == len(rows)
    by_id = {row["id"]: row for row in rows}
    for indicator in frozen:
        row = by_id[indicator["id"]]
        assert row["name"] == indicator["name"]["ru"]
        assert row["baseline"] == {
            "year": indicator["baseline_year"],
            "value": indicator["baseline_value"],
        }
        assert {str(m["year"]): m["value"] for m in row["milestones"]} == indicator["milestones"]
    # The directions in the Methodology's order.
    slugs = [row["direction"]["slug"] for row in rows]
    order = ["creative_economy", "human_development", "environment", "smartcity", "urban_planning"]
    assert slugs == sorted(slugs, key=order.index)


def test_monitoring_values_come_with_deviation_and_status(client, edition):
    indicator = record(edition, year=2024, plan="100", actual="90")
    rows = client.get(indicators_url(edition), {"year": 2024, "lang": "kk"}).json()["results"]
    row = next(r for r in rows if r["id"] == indicator.pk)
    assert row["yearly"] == [
        {
            "year": 2024,
            "plan": "100",
            "plan_bound": "",
            "actual": "90",
            "actual_bound": "",
            "deviation": "-10",
            "deviation_percent": "-10",
            "status": "off_track" if indicator.good_direction == "up" else "achieved",
            "explanation": "Жоспар орындалмады.",
        }
    ]
    assert row["progress"]["status"]
    assert all(y["year"] == 2024 for r in rows for y in r["yearly"])


def test_the_etag_follows_the_monitoring_values(client, edition):
    first = client.get(indicators_url(edition))
    assert client.get(indicators_url(edition), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    record(edition, year=2024, plan="100", actual="101")
    changed = client.get(indicators_url(edition), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert changed.content != first.content


def test_indicators_are_filtered_ordered_and_paginated(client, edition):
    def names(**query) -> list:
        response = client.get(indicators_url(edition), {"lang": "ru", "page_size": 500, **query})
        assert response.status_code == 200, response.content
        return response.json()["results"]

    environment = names(direction="environment")
    assert environment and {r["direction"]["slug"] for r in environment} == {"environment"}
    goal_11 = names(sdg_goal=11)
    assert goal_11 and all(r["sdg_target"].startswith("11.") for r in goal_11)
    by_name = [r["name"] for r in names(ordering="name")]
    assert by_name == sorted(by_name, key=str.casefold)
    assert [r["name"] for r in names(ordering="-name")] == by_name[::-1]
    page = client.get(indicators_url(edition), {"page_size": 3, "page": 2}).json()
    assert len(page["results"]) == 3 and page["previous"] and page["next"]
    for bad in ({"direction": "sport"}, {"year": 1800}, {"sdg_goal": 0}, {"ordering": "size"}):
        response = client.get(indicators_url(edition), bad)
        assert response.status_code == 400, bad
        assert list(response.json()["details"]) == list(bad)


def test_indicators_as_csv_for_spreadsheets(client, edition):
    record(edition, year=2024, plan="100", actual="90")
    response = client.get(indicators_url(edition, ".csv"), {"lang": "ru"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())  # spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    frozen = snapshot_indicators(edition)
    assert {int(r["indicator"]) for r in rows} == {i["id"] for i in frozen}
    baselines = [r for r in rows if r["series"] == "baseline"]
    assert len(baselines) == len(frozen)
    actual = next(r for r in rows if r["series"] == "actual" and r["year"] == "2024")
    assert (actual["value"], actual["deviation"]) == ("90", "-10")
    assert Decimal(actual["value"]) == 90
    assert {"name", "unit", "source"} <= set(rows[0])
    every = client.get(indicators_url(edition, ".csv")).content.decode("utf-8-sig")
    assert {"name_kk", "name_ru", "name_en"} <= set(next(csv.reader(io.StringIO(every))))
    again = client.get(
        indicators_url(edition, ".csv"), {"lang": "ru"}, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_escaped():
    from api.open_data import _cell

    assert _cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _cell("+7 727") == "'+7 727"
    assert _cell("-3.5") == "-3.5"
    assert _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell(None) == ""


def test_indicators_as_json(client, edition):
    response = client.get(indicators_url(edition, ".json"))
    body = response.json()
    assert body["strategy"] == edition.pk and body["city"] == "almaty"
    assert len(body["indicators"]) == len(snapshot_indicators(edition))
    assert set(body["indicators"][0]["name"]) == {"kk", "ru", "en"}


@pytest.mark.parametrize("suffix", ["/", ".csv", ".json"])
def test_queries_do_not_grow_with_monitoring_values(
    client, edition, suffix, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        client.get(indicators_url(edition, suffix))
    assert YearlyValue.objects.exists()
