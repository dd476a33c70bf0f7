"""Charts of the strategy's numbers, rendered on the server as inline SVG with Matplotlib; the same
SVG serves the browser pages and the PDF (WeasyPrint), so it uses nothing either of them lacks.

The API (stable: the editor, the preview, the public edition, the monitoring page, the PDF and the
monitoring report call these, and only these):

    series_chart(series, *, lang) -> SafeString
        a p.18 ten-year analysis series, as document_json lays it out:
        {"kind": str, "label": {lang: str}, "unit": {lang: str}, "source": {lang: str},
         "values": {"2015": "1.0", ...}} (values: numbers or numeric strings in the unit).
    indicator_chart(indicator, *, lang, history=None, yearly=None) -> SafeString
        a target indicator (p.26) as document_json lays it out: {"name": {lang: str},
        "unit": {lang: str}, "good_direction": "up"|"down", "baseline_year": int|None,
        "baseline_value": number|None, "milestones": {"2030": number, ...}};
        `history`: {year: value} known before the strategy (e.g. a linked p.18 series);
        `yearly`: the monitoring rows [{"year": int, "plan": number|None,
        "actual": number|None, ...}] (indicators.YearlyValue, or the PDF context's rows).
    status_summary_chart(counts_by_status, *, lang, title, statuses=ProgressStatus) -> SafeString
        how many indicators are in each status (e.g. of one direction), {status value: count};
        `statuses` is the choices class whose labels and order the bars take
        (indicators.monitoring.ProgressStatus or YearStatus).
    cities_chart(title, unit, rows, *, lang) -> SafeString
        the ministry's comparison of cities on one p.26 catalogue indicator: per city
        [{"city": str, "baseline": number|None, "latest": number|None,
          "milestone": number|None}], the baseline, the latest actual and the 2030 milestone.
    smartcity_chart(levels, *, lang, years) -> SafeString
        the smart-city self-assessment (2025 reference standard): {(year, sphere): level 1-5}
        for the `years` shown (at most three).
    indicator_data(indicator), series_data(series), yearly_rows(values)
        the same inputs made from model instances (the editor works on rows, not snapshots).

Every chart:
- is an `<svg role="img">` whose first children are a `<title>` and a `<desc>` in `lang`; the
  description states every number drawn, so a screen reader loses nothing (WCAG 2.2, 1.1.1);
- keeps its text as `<text>` in the declared family "Qala Sans": the PDF declares it as its
  shipped DejaVu Sans (publishing/fonts), and static/css/charts.css serves the same file under
  that name to the web pages, so the browser never draws with a wider fallback family;
  Matplotlib lays the text out with DejaVu Sans metrics, the same font, so labels fit in both
  renderers, and titles are wrapped to the figure's width measured in those metrics;
- prints numbers as the language does (django.utils.formats under translation.override: decimal
  comma and a no-break space between thousands in kk and ru), years without grouping;
- uses the Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008), distinguishable in
  every common colour-vision deficiency, and a marker or a dash pattern or a hatch per series, so
  colour is never the only cue;
- is deterministic: the same input gives the same bytes (no dates, no random ids), and its ids
  carry a prefix made from a hash of the input, so several charts on one page never share an id;
- has no script and no external resource (CSP `script-src 'self'`; WeasyPrint fetches nothing).

A chart is rendered once per input and language and kept in the default cache (key: SHA-256 of
the kind, the input, the language and CHART_VERSION); rendering one takes tens of milliseconds.
"""

import hashlib
import io
import json
import re
import threading
from decimal import Decimal, InvalidOperation

import matplotlib
from django.core.cache import cache
from django.utils import formats, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator

from core.local_cache import LocalBytes
from indicators.models import GoodDirection
from indicators.monitoring import ProgressStatus, YearStatus

# Bump when the drawing changes: cached charts of the old drawing are then never served.
CHART_VERSION = "5"
CACHE_SECONDS = 60 * 60 * 24 * 30

# The family the SVG text asks for: the PDF's declared family (publishing.fonts.BODY_FAMILY,
# DejaVu Sans shipped in publishing/fonts), then DejaVu Sans, the web pages' first family.
FONT_FAMILY = "'Qala Sans', 'DejaVu Sans', sans-serif"

# Okabe-Ito palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#8C8C8C"  # "no data": a neutral, outside the palette on purpose

# Status colours and hatches (a hatch per status: colour is not the only cue).
STATUS_STYLE = {
    ProgressStatus.ACHIEVED: (OKABE_ITO["bluish_green"], ""),
    ProgressStatus.ON_TRACK: (OKABE_ITO["blue"], "//"),
    ProgressStatus.ACCELERATION_NEEDED: (OKABE_ITO["orange"], "\\\\"),
    ProgressStatus.LIMITED_PROGRESS: (OKABE_ITO["yellow"], "||"),
    ProgressStatus.DETERIORATION: (OKABE_ITO["vermillion"], "xx"),
    ProgressStatus.NOT_ENOUGH_DATA: (GREY, "--"),
    YearStatus.AT_RISK: (OKABE_ITO["orange"], "\\\\"),
    YearStatus.OFF_TRACK: (OKABE_ITO["vermillion"], "xx"),
    YearStatus.NO_DATA: (GREY, "--"),
}

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",  # text stays <text>, in our family
        "svg.hashsalt": "qala",  # Matplotlib's own ids from a fixed salt: deterministic
        "font.family": ["DejaVu Sans"],
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#555555",
        "axes.grid": True,
        "axes.axisbelow": True,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "hatch.linewidth": 0.8,
        "svg.image_inline": True,
        "text.parse_math": False,  # a "$" in a name is a dollar, not mathematics
    }
)
# rcParams are global: one chart is drawn at a time (threaded web workers).
_DRAWING = threading.Lock()


# ---------------------------------------------------------------- numbers


def as_decimal(value) -> Decimal | None:
    """A finite Decimal from a stored or JSON value (str, int, float, Decimal); None for an
    empty, unreadable or infinite one."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _plain(number: Decimal | None) -> str | None:
    """A number as the chart's cache key holds it: 2401.4 whether stored as 2401.4000 or not."""
    return None if number is None else format(number.normalize(), "f")


def format_number(value, lang: str) -> str:
    """`value` as `lang` prints it: "2 401,4" in kk and ru (no-break space), "2,401.4" in en;
    trailing zeros dropped (18, not 18,0000). "—" for a missing value."""
    number = as_decimal(value)
    if number is None:
        return "—"
    plain = Decimal(format(number.normalize(), "f"))
    with translation.override(lang):
        return formats.number_format(plain, use_l10n=True, force_grouping=True)


def _tick_formatter(lang: str) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: format_number(round(Decimal(str(float(x))), 6), lang))


def _year_locator(axes):
    """Years on the axis: every fifth year across the milestones (2030, 2035 ...), fewer labels
    than years on a shorter span, whole years only."""
    low, high = axes.get_xlim()
    return MultipleLocator(5) if high - low > 15 else MaxNLocator(integer=True)


def _year_formatter() -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: str(round(x)))


# ---------------------------------------------------------------- SVG


ID_ATTR = re.compile(r'\sid="([^"]+)"')
REFERENCE = re.compile(r'(xlink:href="#|url\(#)([^")]+)')


def _clean_svg(raw: str, prefix: str, title: str, desc: str) -> str:
    """Matplotlib's SVG made inline and accessible: no XML prolog, metadata or global style;
    only the ids that are referenced, prefixed; our font family; role, title and description."""
    svg = raw[raw.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'<style type="text/css">.*?</style>\s*', "", svg, flags=re.S)
    referenced = {match[2] for match in REFERENCE.finditer(svg)}
    svg = ID_ATTR.sub(lambda m: f' id="{prefix}-{m[1]}"' if m[1] in referenced else "", svg)
    svg = REFERENCE.sub(lambda m: f"{m[1]}{prefix}-{m[2]}", svg)
    svg = svg.replace("font-family: 'DejaVu Sans'", f"font-family: {FONT_FAMILY}")
    svg = re.sub(r"\n\s*", "\n", svg)  # the indentation is bytes for nothing
    root_end = svg.index(">") + 1
    root = svg[:root_end]
    width = re.search(r'width="([\d.]+)pt"', root)[1]
    height = re.search(r'height="([\d.]+)pt"', root)[1]
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'version="1.1" class="chart" id="{prefix}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" width="{width}pt" height="{height}pt" '
        f'viewBox="0 0 {width} {height}" style="max-width: 100%; height: auto">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>'
    )
    return opening + svg[root_end:].strip()


_LOCAL = LocalBytes(limit=32 * 1024 * 1024)  # about 10 KiB a chart


def _render(kind: str, payload: dict, lang: str, draw) -> SafeString:
    """The cached SVG of one chart; `draw(lang)` returns (figure, title, description)."""
    digest = hashlib.sha256(
        json.dumps([CHART_VERSION, kind, payload, lang], sort_keys=True, default=str).encode()
    ).hexdigest()
    key = f"chart:{digest}"
    # A page may hold hundreds of charts (the monitoring page, the preview): those this worker
    # drew or read before cost no round trip to the shared cache (the key names the content).
    svg = _LOCAL.get(key)
    if svg is not None:
        return mark_safe(svg)  # noqa: S308 - as below
    svg = cache.get(key)
    if svg is None:
        with translation.override(lang), _DRAWING:
            figure, title, desc = draw(lang)
            buffer = io.StringIO()
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        svg = _clean_svg(buffer.getvalue(), f"chart-{digest[:12]}", title, desc)
        cache.set(key, svg, CACHE_SECONDS)
    _LOCAL.put(key, svg)
    return mark_safe(svg)  # noqa: S308 - every text in it is escaped (Matplotlib, _clean_svg)


def _text(texts, lang: str) -> str:
    if isinstance(texts, dict):
        return (texts.get(lang) or "").strip()
    return (texts or "").strip()


def _figure(width: float = 6.4, height: float = 3.2) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


POINT = 1 / 72  # inch
TITLE_SIZE = 9  # points
TITLE_INSET = 8  # points from the figure's left edge to the title
TITLE_RIGHT = 8  # points kept free at the figure's right edge


def text_width(text: str, size: float) -> float:
    """The advance of `text` set in DejaVu Sans at `size` points, in points (kerned), measured with
    the font Matplotlib lays the chart out with: the browser (static/css/charts.css serves
    publishing/fonts/DejaVuSans.ttf as "Qala Sans") and the PDF draw it with the same metrics."""
    font = get_font(findfont(FontProperties(family="DejaVu Sans")))
    font.set_size(size, 72)
    font.set_text(text, 0.0)
    return font.get_width_height()[0] / 64


def wrap_to_width(text: str, width: float, size: float = TITLE_SIZE) -> list[str]:
    """`text` broken into lines none wider than `width` points at `size` points: at spaces, and
    inside a word only where the word alone is wider than the line."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:  # a word wider than the line is cut where it reaches the edge
            if line and text_width(line + char, size) > width:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines or [""]


def _figure_title(figure: Figure, title: str) -> None:
    """The title at the top left of a constrained-layout figure, wrapped to the figure's width
    (Matplotlib neither wraps nor narrows a title wider than the figure: it runs off the edge)."""
    width = figure.get_size_inches()[0] / POINT
    lines = wrap_to_width(title, width - TITLE_INSET - TITLE_RIGHT)
    figure.suptitle("\n".join(lines), x=TITLE_INSET / width, ha="left", fontsize=TITLE_SIZE)


def _fixed_layout(figure: Figure, axes, title: str, lang: str, *, legend: bool) -> None:
    """Margins computed from what the line charts hold, instead of Matplotlib's constrained
    layout, which lays every text out twice and doubles the time a chart takes: the title wrapped
    to the width at the top, the y tick labels' width at the left, the year labels and the legend
    (three entries a row) at the bottom. Sizes in points of DejaVu Sans (9 pt, legend 8 pt),
    widths measured in its metrics (text_width)."""
    width, height = (size / POINT for size in figure.get_size_inches())
    lines = wrap_to_width(title, width - TITLE_INSET - TITLE_RIGHT)
    figure.text(
        TITLE_INSET / width, 1 - 6 / height, "\n".join(lines), va="top", fontsize=TITLE_SIZE
    )
    low, high = axes.get_ylim()
    formatter = axes.yaxis.get_major_formatter()
    ticks = [formatter(t, None) for t in axes.yaxis.get_major_locator()() if low <= t <= high]
    label_width = max((text_width(t, 9) for t in ticks), default=6)
    handles, labels = axes.get_legend_handles_labels()
    rows = -(-len(handles) // 3) if legend and handles else 0
    if rows:
        figure.legend(handles, labels, loc="lower center", ncols=3, fontsize=8, frameon=False)
    figure.subplots_adjust(
        left=(label_width + 14) / width,
        right=1 - 12 / width,
        top=1 - (len(lines) * 11 + 14) / height,
        bottom=(24 + rows * 14 + 4) / height,
    )


# ---------------------------------------------------------------- series (p.18)


def series_chart(series: dict, *, lang: str) -> SafeString:
    """The line chart of one p.18 ten-year series (layout in the module docstring)."""
    from strategies.models import AnalysisSeries

    values = sorted(
        (int(year), number)
        for year, value in (series.get("values") or {}).items()
        if (number := as_decimal(value)) is not None
    )
    payload = {
        "kind": series.get("kind"),
        "label": _text(series.get("label"), lang),
        "unit": _text(series.get("unit"), lang),
        "source": _text(series.get("source"), lang),
        "values": [(year, _plain(value)) for year, value in values],
    }

    def draw(lang):
        try:
            kind = str(AnalysisSeries.Kind(payload["kind"]).label)
        except ValueError:
            kind = str(payload["kind"] or "")
        title = capfirst(kind) + (f": {payload['label']}" if payload["label"] else "")
        if payload["unit"]:
            title += f" ({payload['unit']})"
        figure = Figure(figsize=(6.4, 2.8))
        axes = figure.add_subplot()
        if values:
            axes.plot(
                [year for year, _v in values],
                [float(value) for _y, value in values],
                color=OKABE_ITO["blue"],
                marker="o",
                linewidth=1.8,
            )
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.xaxis.set_major_formatter(_year_formatter())
        axes.yaxis.set_major_formatter(_tick_formatter(lang))
        axes.margins(y=0.15)
        _fixed_layout(figure, axes, title, lang, legend=False)
        described = "; ".join(f"{year}: {format_number(value, lang)}" for year, value in values)
        desc = f"{_('Values by year')}: {described or '—'}."
        if payload["source"]:
            desc += f" {_('Source')}: {payload['source']}."
        return figure, title, desc

    return _render("series", payload, lang, draw)


def series_data(series) -> dict:
    """A strategies.AnalysisSeries row (its values prefetched) as series_chart takes it."""
    return {
        "kind": series.kind,
        "label": _translations(series, "label"),
        "unit": _translations(series, "unit"),
        "source": _translations(series, "source"),
        "values": {str(v.year): str(v.value) for v in series.values.all()},
    }


def _translations(row, field: str) -> dict[str, str]:
    return {lang: getattr(row, f"{field}_{lang}", "") or "" for lang in ("kk", "ru", "en")}


# ---------------------------------------------------------------- indicators (p.26, p.17)


def indicator_chart(
    indicator: dict,
    *,
    lang: str,
    history: dict | None = None,
    yearly: list[dict] | None = None,
) -> SafeString:
    """An indicator's line chart: its history where known, the baseline, the milestones to 2050
    (p.26) and the yearly plan against the actual value (p.17); layout in the module docstring."""
    milestones = sorted(
        (int(year), number)
        for year, value in (indicator.get("milestones") or {}).items()
        if (number := as_decimal(value)) is not None
    )
    baseline_year = indicator.get("baseline_year")
    baseline = as_decimal(indicator.get("baseline_value"))
    known = sorted(
        (int(year), number)
        for year, value in (history or {}).items()
        if (number := as_decimal(value)) is not None
    )
    rows = sorted(
        (
            int(row["year"]),
            as_decimal(row.get("plan")),
            as_decimal(row.get("actual")),
        )
        for row in yearly or []
    )
    payload = {
        "name": _text(indicator.get("name"), lang),
        "unit": _text(indicator.get("unit"), lang),
        "good_direction": indicator.get("good_direction"),
        "baseline": [baseline_year, _plain(baseline)],
        "milestones": [(y, _plain(v)) for y, v in milestones],
        "history": [(y, _plain(v)) for y, v in known],
        "yearly": [(y, _plain(p), _plain(a)) for y, p, a in rows],
    }

    def draw(lang):
        title = payload["name"] + (f", {payload['unit']}" if payload["unit"] else "")
        figure = Figure(figsize=(6.4, 3.4))
        axes = figure.add_subplot()
        said = []
        if known:
            axes.plot(
                [y for y, _v in known], [float(v) for _y, v in known],
                color=OKABE_ITO["reddish_purple"], linestyle=":", marker="x", linewidth=1.5,
                label=capfirst(_("history")),
            )  # fmt: skip
            said.append(
                f"{capfirst(_('history'))}: "
                + "; ".join(f"{y}: {format_number(v, lang)}" for y, v in known)
            )
        has_baseline = baseline_year is not None and baseline is not None
        if milestones:
            path = ([(baseline_year, baseline)] if has_baseline else []) + milestones
            axes.plot(
                [y for y, _v in path], [float(v) for _y, v in path],
                color=OKABE_ITO["blue"], linestyle="--", marker="s", linewidth=1.5,
                label=capfirst(_("milestones")),
            )  # fmt: skip
            said.append(
                f"{capfirst(_('milestones'))}: "
                + "; ".join(f"{y}: {format_number(v, lang)}" for y, v in milestones)
            )
        if has_baseline:
            axes.plot(
                [baseline_year], [float(baseline)],
                color=OKABE_ITO["black"], marker="D", linestyle="none", markersize=7,
                label=capfirst(_("baseline")),
            )  # fmt: skip
            said.insert(0, f"{capfirst(_('baseline'))} {baseline_year}: "
                        f"{format_number(baseline, lang)}")  # fmt: skip
        plans = [(y, p) for y, p, _a in rows if p is not None]
        actuals = [(y, a) for y, _p, a in rows if a is not None]
        if plans:
            axes.plot(
                [y for y, _v in plans], [float(v) for _y, v in plans],
                color=OKABE_ITO["orange"], linestyle="-.", marker="^", linewidth=1.5,
                label=capfirst(_("plan")),
            )  # fmt: skip
        if actuals:
            axes.plot(
                [y for y, _v in actuals], [float(v) for _y, v in actuals],
                color=OKABE_ITO["bluish_green"], linestyle="-", marker="o", linewidth=2,
                label=capfirst(_("actual")),
            )  # fmt: skip
        if rows:
            said.append(
                f"{capfirst(_('plan'))} / {_('actual')}: "
                + "; ".join(
                    f"{y}: {format_number(p, lang)} / {format_number(a, lang)}" for y, p, a in rows
                )
            )
        good = (
            _("higher is better")
            if payload["good_direction"] == GoodDirection.UP
            else _("lower is better")
        )
        said.append(capfirst(str(good)))
        axes.xaxis.set_major_locator(_year_locator(axes))
        axes.xaxis.set_major_formatter(_year_formatter())
        axes.yaxis.set_major_formatter(_tick_formatter(lang))
        axes.margins(y=0.15)
        _fixed_layout(figure, axes, title, lang, legend=True)
        return figure, title, ". ".join(said) + "."

    return _render("indicator", payload, lang, draw)


def indicator_data(indicator) -> dict:
    """An indicators.Indicator row (milestones prefetched) as indicator_chart takes it."""
    return {
        "name": _translations(indicator, "name"),
        "unit": _translations(indicator, "unit"),
        "good_direction": indicator.good_direction,
        "recommended": indicator.recommended.code if indicator.recommended_id else None,
        "baseline_year": indicator.baseline_year,
        "baseline_value": indicator.baseline_value,
        "milestones": {str(m.year): m.value for m in indicator.milestones.all()},
    }


def yearly_rows(values) -> list[dict]:
    """indicators.YearlyValue rows as indicator_chart's `yearly`."""
    return [{"year": v.year, "plan": v.plan, "actual": v.actual} for v in values]


# ---------------------------------------------------------------- monitoring summary


def status_summary_chart(
    counts_by_status: dict[str, int], *, lang: str, title: str, statuses=ProgressStatus
) -> SafeString:
    """A horizontal bar per status of `statuses` (all of them, in their order, zeros included)
    with its count written beside it; the bars' colours and hatches follow STATUS_STYLE."""
    payload = {
        "title": str(title),
        "statuses": statuses.__name__,
        "counts": [(s, int(counts_by_status.get(s, 0))) for s in statuses.values],
    }

    def draw(lang):
        labels = [capfirst(str(statuses(s).label)) for s, _n in payload["counts"]]
        counts = [n for _s, n in payload["counts"]]
        figure = _figure(6.4, 0.42 * len(labels) + 0.8)
        axes = figure.add_subplot()
        positions = list(range(len(labels)))[::-1]
        for position, (status, count) in zip(positions, payload["counts"], strict=True):
            colour, hatch = STATUS_STYLE.get(status, (GREY, ""))
            axes.barh(
                position, count, color=colour, hatch=hatch, edgecolor="#333333", linewidth=0.6
            )
            axes.text(count, position, f" {format_number(count, lang)}", va="center", fontsize=8)
        axes.set_yticks(positions, labels)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.xaxis.set_major_formatter(_tick_formatter(lang))
        axes.set_xlim(0, max([*counts, 1]) * 1.15)
        axes.grid(axis="y", visible=False)
        _figure_title(figure, payload["title"])
        described = "; ".join(
            f"{label}: {format_number(count, lang)}"
            for label, count in zip(labels, counts, strict=True)
        )
        desc = f"{_('Indicators by status')}: {described}."
        return figure, payload["title"], desc

    return _render("status", payload, lang, draw)


# ---------------------------------------------------------------- smart city


def smartcity_chart(levels: dict, *, lang: str, years: list) -> SafeString:
    """The smart-city self-assessment across the eight spheres of the 2025 reference standard,
    a bar per year assessed (the last three at most; `years` may be [None] for a document frozen
    before years were kept), levels 1-5."""
    from strategies.models import SmartCitySphere

    years = list(years)[-3:] or [None]
    spheres = list(SmartCitySphere.values)
    payload = {
        "years": years,
        "levels": [[year, sphere, levels.get((year, sphere))] for year in years
                   for sphere in spheres],
    }  # fmt: skip
    styles = [
        (OKABE_ITO["sky_blue"], "//"),
        (OKABE_ITO["orange"], "||"),
        (OKABE_ITO["blue"], ""),
    ][-len(years) :]

    def draw(lang):
        title = _("Self-assessment of digitalization by sphere")
        labels = [capfirst(str(SmartCitySphere(s).label)) for s in spheres]
        figure = _figure(6.4, 0.36 * len(spheres) * max(1, len(years) * 0.6) + 1)
        axes = figure.add_subplot()
        height = 0.8 / len(years)
        described, labelled = [], set()
        for i, sphere in enumerate(spheres):
            said = []
            for j, year in enumerate(years):
                level = levels.get((year, sphere))
                if level is None:
                    continue
                colour, hatch = styles[j]
                axes.barh(
                    len(spheres) - 1 - i + 0.4 - height * (j + 0.5),
                    level,
                    height=height,
                    color=colour,
                    hatch=hatch,
                    edgecolor="#333333",
                    linewidth=0.5,
                    label=str(year) if year and year not in labelled else None,
                )
                labelled.add(year)
                said.append(f"{year}: {level}" if year else str(level))
            described.append(f"{labels[i]}: {', '.join(said) or '—'}")
        axes.set_yticks(list(range(len(spheres)))[::-1], labels)
        axes.set_xlim(0, 5)
        axes.set_xticks([1, 2, 3, 4, 5])
        axes.grid(axis="y", visible=False)
        if labelled - {None}:  # a legend entry per year drawn
            axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=3, fontsize=8)
        _figure_title(figure, title)
        return figure, title, "; ".join(described) + "."

    return _render("smartcity", payload, lang, draw)


# ---------------------------------------------------------------- comparison of cities


def cities_chart(title: str, unit: str, rows: list[dict], *, lang: str) -> SafeString:
    """Grouped horizontal bars, a group per city in the order of `rows` (the table's order, top
    down): its baseline, its latest actual value and its 2030 milestone (a missing one drawn as
    no bar and said as "—"); each measure with its own colour and hatch. `title` is the chart's
    title as given; `unit` labels the value axis."""
    payload = {
        "title": str(title),
        "unit": str(unit or ""),
        "rows": [
            [
                str(row["city"]),
                *(
                    str(number) if (number := as_decimal(row.get(key))) is not None else None
                    for key in ("baseline", "latest", "milestone")
                ),
            ]
            for row in rows
        ],
    }
    measures = (
        ("baseline", OKABE_ITO["black"], ".."),
        ("latest actual value", OKABE_ITO["bluish_green"], ""),
        ("2030 milestone", OKABE_ITO["blue"], "//"),
    )

    def draw(lang):
        labels = {
            "baseline": capfirst(_("baseline")),
            "latest actual value": capfirst(_("latest actual value")),
            "2030 milestone": capfirst(_("2030 milestone")),
        }
        cities = [row[0] for row in payload["rows"]]
        figure = _figure(6.4, 0.5 * max(len(cities), 1) + 1.2)
        axes = figure.add_subplot()
        height = 0.8 / len(measures)
        described = []
        for i, (city, *values) in enumerate(payload["rows"]):
            centre = len(cities) - 1 - i
            said = []
            for j, ((name, colour, hatch), value) in enumerate(zip(measures, values, strict=True)):
                if value is not None:
                    axes.barh(
                        centre + 0.4 - height * (j + 0.5), float(value), height=height,
                        color=colour, hatch=hatch, edgecolor="#333333", linewidth=0.5,
                    )  # fmt: skip
                said.append(f"{labels[name].lower()} {format_number(value, lang)}")
            described.append(f"{city}: {', '.join(said)}")
        axes.set_yticks(list(range(len(cities)))[::-1], cities)
        axes.xaxis.set_major_formatter(_tick_formatter(lang))
        axes.axvline(0, color="#555555", linewidth=0.8)
        axes.grid(axis="y", visible=False)
        if payload["unit"]:
            axes.set_xlabel(payload["unit"])
        _figure_title(figure, payload["title"])
        # Below the plot, across the figure (a legend anchored to the axes narrows them), every
        # measure in its order whether or not a city has it.
        figure.legend(
            handles=[
                Patch(facecolor=colour, hatch=hatch, edgecolor="#333333", label=labels[name])
                for name, colour, hatch in measures
            ],
            loc="outside lower center", ncols=3, fontsize=8,
        )  # fmt: skip
        return figure, payload["title"], "; ".join(described) + "."

    return _render("cities", payload, lang, draw)


__all__ = [
    "cities_chart",
    "format_number",
    "indicator_chart",
    "indicator_data",
    "series_chart",
    "series_data",
    "smartcity_chart",
    "status_summary_chart",
    "yearly_rows",
]
