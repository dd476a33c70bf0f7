"""One address of every kind of page, per user, with the demo brought to every state a page
depends on (by the route's own services): the accessibility and layout runs visit them all."""

from approvals.models import Hearing
from approvals.services import RemarkInput, comment_add, process_submit, stage_return
from core.models import Membership, User
from indicators.models import Indicator
from strategies.document_json import document_dump, document_load
from strategies.models import Strategy
from strategies.selectors import strategy_document
from tests.approvals.conftest import member, on_page, through_hearings, tomorrow
from tests.browser.conftest import PASSWORD


def user(username: str) -> User:
    return User.objects.get(username=username)


def pages_in_every_state() -> dict[str | None, list[str]]:
    """Bring the demo's strategies to every state a page depends on (with the route's own
    services) and list, per signed-in user (None: the anonymous visitor), one address of each
    kind of page."""
    almaty = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
    approved = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
    astana = Strategy.objects.get(city__code="astana")
    karaganda = Strategy.objects.get(city__code="karaganda")
    almaty_editor = user("almaty.editor")

    # Astana: through its hearings, before the ministry (whose page offers the decision forms).
    through_hearings(astana, user("astana.editor"))
    # Almaty's amendment: through its hearings to the ministry, which returns it with a remark.
    through_hearings(almaty, almaty_editor)
    review = f"/strategies/{almaty.pk}/approval/review/"
    stage_return(
        actor=user("ministry.reviewer"), strategy=almaty, **on_page(almaty),
        remarks=[RemarkInput("section:vision", "Уточните связь со Стратегией «Казахстан-2050».")],
    )  # fmt: skip
    # A copy of it for Pavlodar (a regional centre): submitted, in its public hearing, with a
    # comment.
    pavlodar_editor = member("pavlodar.editor", "city-akimat-pavlodar", Membership.Role.CITY_EDITOR)
    pavlodar_editor.set_password(PASSWORD)
    pavlodar_editor.save()
    content = document_dump(strategy_document(approved.pk))
    content.update(city="pavlodar", settlements=[])
    pavlodar = document_load(content, actor=pavlodar_editor)
    process_submit(actor=pavlodar_editor, strategy=pavlodar, hearing_until=tomorrow())
    hearing = Hearing.objects.get(
        stage_run__process__strategy=pavlodar, stage_run__state="in_progress"
    )
    comment_add(hearing=hearing, section="vision", author_name="Әлия", text="Саябақ керек.")
    snapshots = list(approved.snapshots.order_by("number").values_list("number", flat=True))
    indicator = Indicator.objects.filter(direction__strategy=approved).first()

    editor_sections = [f"/strategies/{karaganda.pk}/edit/{slug}/" for slug in (
        "general", "analysis", "series", "institutions", "evidence", "swot", "cases", "vision",
        "direction-creative_economy", "indicators-human_development", "mechanism", "smartcity",
    )]  # fmt: skip
    # Almaty's long lists are listed by name, one item's form open at a time (a p.18 series with
    # its year grid, a road-map item with its indicators' checkboxes).
    series, roadmap = almaty.series.first(), almaty.roadmap.first()
    return {
        None: [
            "/",
            "/public/",
            f"/public/{approved.pk}/",
            f"/public/{pavlodar.pk}/hearing/",
            f"/strategies/{approved.pk}/approval/timeline/",
            "/accounts/login/",
            "/accounts/password_reset/",
        ],
        "karaganda.editor": [
            "/",
            f"/strategies/{karaganda.pk}/",
            *editor_sections,
            f"/strategies/{karaganda.pk}/preview/",
            f"/strategies/{karaganda.pk}/history/",
            "/notifications/",
        ],
        "almaty.editor": [
            "/",
            f"/strategies/{almaty.pk}/",
            f"/strategies/{almaty.pk}/approval/remarks/",
            f"/strategies/{almaty.pk}/approval/timeline/",
            f"/strategies/{almaty.pk}/edit/vision/",
            f"/strategies/{almaty.pk}/edit/series/",
            f"/strategies/{almaty.pk}/edit/series/?open=series-{series.pk}",
            f"/strategies/{almaty.pk}/edit/smartcity/?open=roadmap-{roadmap.pk}",
            f"/strategies/{approved.pk}/",
            f"/strategies/{approved.pk}/monitoring/",
            f"/strategies/{approved.pk}/monitoring/indicators/{indicator.pk}/",
            f"/strategies/{approved.pk}/monitoring/import/",
            f"/strategies/{approved.pk}/approval/diff/?from={snapshots[0]}&to={snapshots[-1]}",
            f"/strategies/{approved.pk}/history/",
        ],
        "astana.editor": [
            "/",
            f"/strategies/{astana.pk}/",
            f"/strategies/{astana.pk}/edit/vision/",  # read-only while in approval
        ],
        "pavlodar.editor": [f"/strategies/{pavlodar.pk}/approval/hearing/"],
        "ministry.reviewer": [
            "/",
            f"/strategies/{astana.pk}/approval/review/",  # the decision and return forms
            f"/strategies/{approved.pk}/approval/review/",
            review,
        ],
        "almaty.maslikhat": ["/"],
    }
