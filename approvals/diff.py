"""What changed between two snapshots: section by section, block by block, cell by cell.

Both snapshots are read through the same document view (strategies.rendering), then each section
is cut into groups (an indicator, a series, a case...), each group into fields (a milestone year,
a series year, a rich text, a list), and each field into blocks (a paragraph, a list item, a
table cell). Alignment comes first: groups in the order of their keys (an indicator by its
identity), fields by key, blocks as sequences of whole texts. Only the blocks whose text differs
are compared word by word, so words never run across blocks ("города.Второй", "1020") and the
cost grows with the changes rather than with the document.
"""

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from html.parser import HTMLParser

from django.db import models
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from indicators.models import Indicator
from strategies.models import (
    AnalysisSeries,
    EducationInstitution,
    EvidenceItem,
    ImplementationMechanism,
    InternationalCase,
    RoadmapItem,
    SphereAssessment,
    Strategy,
    Vision,
)
from strategies.models.document import Analysis
from strategies.rendering import document_view, section_title
from strategies.sections import SECTIONS_BY_SLUG

_TOKENS = re.compile(r"\s+|[^\s]+")
_LETTER = re.compile(r"[^\W\d_]")
Block = tuple[str, str]  # (label, text): "paragraph 2", "…"


@dataclass
class Field:
    """A value of a group (a title, a milestone, a rich text): `source` as the view holds it,
    cut into blocks (`split`) only when it differs from its counterpart's."""

    key: str
    label: str
    source: str | tuple[str, ...]
    split: Callable[[str | tuple[str, ...]], list[Block]]

    @cached_property
    def blocks(self) -> list[Block]:
        return self.split(self.source)


@dataclass
class Group:
    """A thing of its own in a section: an indicator, a series, a case. `key` aligns it with its
    counterpart in the other snapshot; `identities` (an indicator's identity and id) say that
    it is the same thing whatever its place or its text, and never another one."""

    key: str
    label: str
    fields: list[Field] = field(default_factory=list)
    identities: frozenset[str] = frozenset()

    def same_as(self, other: "Group") -> bool:
        if self.identities or other.identities:
            return bool(self.identities & other.identities)
        return self.key == other.key


@dataclass(frozen=True)
class Change:
    """One block that differs: where it is (`label`), how (changed, added, removed), and its
    text with removed words in <del> and added words in <ins> (HTML-escaped)."""

    label: str
    kind: str
    html: SafeString


@dataclass
class SectionDiff:
    slug: str
    title: str
    changes: list[Change]

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def word_diff(old: str, new: str) -> SafeString:
    """The newer text, removed words in <del>, added words in <ins> (HTML-escaped). A value
    (a number, a date: no letters) or a text replaced as a whole reads "old → new"."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    opcodes = difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes()
    whole = not any(op == "equal" for op, *_ in opcodes) or not (
        _LETTER.search(old) and _LETTER.search(new)
    )
    if whole and old and new:
        return mark_safe(f"<del>{escape(old)}</del> → <ins>{escape(new)}</ins>")  # noqa: S308
    parts = []
    for op, a1, a2, b1, b2 in opcodes:
        if op == "equal":
            parts.append(escape("".join(after[b1:b2])))
            continue
        removed, added = "".join(before[a1:a2]), "".join(after[b1:b2])
        if removed.strip():
            parts.append(f"<del>{escape(removed)}</del>")
        if removed.strip() and added.strip():
            parts.append(" ")
        if added.strip():
            parts.append(f"<ins>{escape(added)}</ins>")
        elif added:
            parts.append(escape(added))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def snapshot_diff(old_content: dict, new_content: dict, lang: str) -> list[SectionDiff]:
    """Every section of the newer snapshot in the document's order, with its changed blocks,
    read in `lang` (labels too)."""
    with translation.override(lang):
        old = _sections(document_view(old_content, lang, charts=False))
        new = _sections(document_view(new_content, lang, charts=False))
        return [
            SectionDiff(slug, title, _compare_groups(old.get(slug, ("", []))[1], groups))
            for slug, (title, groups) in new.items()
        ]


# --- alignment ---------------------------------------------------------------------------------


def _aligned(old: list, new: list, key) -> list[tuple[object | None, object | None]]:
    """Pairs (old item, new item) in the newer order: items with equal keys are paired, as are
    items replaced at the same place (in order); the rest is added (None, new) or removed
    (old, None)."""
    matcher = difflib.SequenceMatcher(
        a=[key(x) for x in old], b=[key(x) for x in new], autojunk=False
    )
    pairs = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        olds, news = old[a1:a2], new[b1:b2]
        common = min(len(olds), len(news)) if op in ("equal", "replace") else 0
        pairs += list(zip(olds[:common], news[:common], strict=True))
        pairs += [(item, None) for item in olds[common:]]
        pairs += [(None, item) for item in news[common:]]
    return pairs


def _label(*parts: str) -> str:
    return " · ".join(str(part) for part in parts if part)


def _paired_groups(old: list[Group], new: list[Group]) -> list[tuple]:
    """(old, new) groups in the newer order. Aligned by key first, as blocks are; then a group
    with an identity is paired only with the same thing (an indicator removed here and another
    added there are not one changed indicator), and a group that moved, shown as removed at one
    place and added at another, is paired at its new place."""
    pairs = []
    for before, after in _aligned(old, new, key=lambda g: g.key):
        if (
            before
            and after
            and not before.same_as(after)
            and (before.identities or after.identities)
        ):
            pairs += [(before, None), (None, after)]
        else:
            pairs.append((before, after))
    removed = [before for before, after in pairs if after is None]
    joined = set()
    for index, (before, after) in enumerate(pairs):
        if before is None:
            match = next((g for g in removed if g.same_as(after) and id(g) not in joined), None)
            if match is not None:
                joined.add(id(match))
                pairs[index] = (match, after)
    return [
        (before, after) for before, after in pairs if not (after is None and id(before) in joined)
    ]


def _compare_groups(old: list[Group], new: list[Group]) -> list[Change]:
    changes = []
    for before, after in _paired_groups(old, new):
        group = after or before
        old_fields = {f.key: f for f in before.fields} if before else {}
        new_keys = {f.key for f in after.fields} if after else set()
        fields = [(old_fields.get(f.key), f) for f in after.fields] if after else []
        fields += [(f, None) for f in old_fields.values() if f.key not in new_keys]
        for old_field, new_field in fields:
            if old_field and new_field and old_field.source == new_field.source:
                continue
            changes += _compare_blocks(group.label, old_field, new_field)
    return changes


def _compare_blocks(group_label: str, old: Field | None, new: Field | None) -> list[Change]:
    field_label = (new or old).label
    changes = []
    pairs = _aligned(old.blocks if old else [], new.blocks if new else [], key=lambda b: b[1])
    for before, after in pairs:
        if before and after:
            if before[1] != after[1]:
                label = _label(group_label, field_label, after[0])
                changes.append(Change(label, "changed", word_diff(before[1], after[1])))
        elif after:
            if after[1]:
                label = _label(group_label, field_label, after[0])
                html = mark_safe(f"<ins>{escape(after[1])}</ins>")  # noqa: S308 - escaped
                changes.append(Change(label, "added", html))
        elif before[1]:
            label = _label(group_label, field_label, before[0])
            html = mark_safe(f"<del>{escape(before[1])}</del>")  # noqa: S308 - escaped
            changes.append(Change(label, "removed", html))
    return changes


# --- cutting a document view into groups, fields and blocks -----------------------------------


class _BlockParser(HTMLParser):
    """Text of each paragraph, heading, list item and table cell of sanitised rich text."""

    CELLS = {"td", "th"}
    BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote", "caption", *CELLS}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.counts = {"paragraph": 0, "item": 0}
        self.row = self.column = 0

    def flush(self, kind: str = "paragraph") -> None:
        text = " ".join("".join(self.text).split())
        self.text = []
        if not text:
            return
        if kind == "cell":
            label = _("row %(row)s, column %(column)s") % {"row": self.row, "column": self.column}
        else:
            self.counts[kind] += 1
            number = self.counts[kind]
            label = (_("item %(n)s") if kind == "item" else _("paragraph %(n)s")) % {"n": number}
        self.blocks.append((label, text))

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.row, self.column = self.row + 1, 0
        if tag in self.CELLS:
            self.column += 1
        if tag in self.BLOCKS:
            self.flush()
        elif tag == "br":
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag == "table":
            self.flush()
            self.row = 0
        if tag in self.BLOCKS:
            self.flush("cell" if tag in self.CELLS else "item" if tag == "li" else "paragraph")

    def handle_data(self, data):
        self.text.append(data)


def html_blocks(html: str) -> list[Block]:
    """The blocks of rich text in order, each with its place ("paragraph 2", "item 3",
    "row 2, column 1")."""
    parser = _BlockParser()
    parser.feed(str(html or ""))
    parser.close()
    parser.flush()
    return parser.blocks


@cache
def _verbose_name(model: type[models.Model], name: str, lang: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _name(model: type[models.Model], name: str) -> str:
    """A field's name as a reader knows it (its verbose name, in the active language)."""
    return _verbose_name(model, name, translation.get_language())


def _value(key: str, label: str, text) -> Field:
    return Field(key, label, "" if text is None else str(text), lambda value: [("", value)])


def _rich(key: str, label: str, html) -> Field:
    return Field(key, label, str(html or ""), html_blocks)


def _numbered(texts: tuple[str, ...]) -> list[Block]:
    return [(_("item %(n)s") % {"n": n}, text) for n, text in enumerate(texts, start=1)]


def _items(key: str, label: str, texts: list[str], numbered: bool = True) -> Field:
    """A list (problems, settlements...): its items aligned as a sequence, numbered or not."""
    split = _numbered if numbered else lambda values: [("", text) for text in values]
    return Field(key, label, tuple(texts), split)


def _fields(model: type[models.Model], item: dict, keys: dict[str, str] | tuple) -> list[Field]:
    """A field per key of a view's item, named as the model names it (`keys` maps a view's key
    to the model's field where they differ); rich text is cut into its blocks, dates read in the
    reader's format."""
    mapping = keys if isinstance(keys, dict) else {key: key for key in keys}
    fields = []
    for key, name in mapping.items():
        value = item[key]
        if isinstance(value, SafeString):
            fields.append(_rich(key, _name(model, name), value))
        else:
            fields.append(
                _value(key, _name(model, name), _date(value) if isinstance(value, date) else value)
            )
    return fields


def _sections(view: dict) -> dict[str, tuple[str, list[Group]]]:
    """Section slug (strategies.sections) → (title, groups), in the document's order."""
    vision = view["vision"]
    sections = {
        "general": [
            Group(
                "",
                "",
                [
                    *_fields(Strategy, view, ("title",)),
                    _items(
                        "settlements", _name(Strategy, "settlements"), view["settlements"], False
                    ),
                ],
            )
        ],
        "analysis": [Group("", "", _fields(Analysis, view, ("narrative", "institutions_summary")))],
        "series": [_series_group(s) for s in view["series"]],
        "institutions": [
            Group(
                f"{i['kind']}:{i['name']}",
                i["name"],
                _fields(
                    EducationInstitution,
                    i,
                    ("name", "kind", "students", "description", "rankings"),
                ),
            )
            for i in view["institutions"]
        ],
        "evidence": [
            Group(
                f"{e['kind']}:{e['title']}",
                e["title"],
                _fields(EvidenceItem, e, ("title", "kind", "held_on", "participants", "summary")),
            )
            for e in view["evidence"]
        ],
        "swot": [
            Group(str(label), capfirst(str(label)), [_items("items", "", items)])
            for label, items in view["swot"]
        ],
        "cases": [
            Group(
                c["city"],
                ", ".join(filter(None, [c["city"], c["country"]])),
                _fields(
                    InternationalCase,
                    c,
                    {"city": "city_name", **{k: k for k in ("country", "practice", "conclusion")}},
                ),
            )
            for c in view["cases"]
        ],
        "vision": [
            Group(
                "",
                "",
                [
                    *_fields(Vision, vision, ("text", "desired_results", "priorities")),
                    _items("documents", _name(Vision, "documents"), vision["documents"], False),
                ],
            )
        ],
    }
    labels = _indicator_labels()
    for direction in view["directions"]:
        problems = [f"{p['text']} ({p['factor']})" for p in direction["problems"]]
        sections[f"direction-{direction['slug']}"] = [
            Group(
                "",
                "",
                [
                    _rich("situation", _("Current situation"), direction["current_situation"]),
                    _items("problems", _("Problems"), problems),
                    _items("solutions", _("Solutions"), direction["solutions"]),
                ],
            )
        ]
        sections[f"indicators-{direction['slug']}"] = [
            _indicator_group(i, view["milestone_years"], labels) for i in direction["indicators"]
        ]
    sections["mechanism"] = [
        Group(
            "",
            "",
            _fields(
                ImplementationMechanism,
                view["mechanism"],
                ("responsible_bodies", "reporting_frequency", "procedure"),
            ),
        )
    ]
    sections["smartcity"] = _smartcity_groups(view["smartcity"])
    return {
        slug: (section_title(slug), groups)
        for slug in SECTIONS_BY_SLUG
        if (groups := sections.get(slug)) is not None
    }


def _date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _series_group(series: dict) -> Group:
    label = ": ".join(filter(None, [capfirst(series["kind"]), series["label"]]))
    return Group(
        f"{series['kind']}:{series['label']}",
        f"{label} ({series['unit']})" if series["unit"] else label,
        [
            _value("label", _name(AnalysisSeries, "label"), series["label"]),
            _value("unit", _name(AnalysisSeries, "unit"), series["unit"]),
            *(_value(str(year), str(year), value) for year, value in series["values"]),
            _value("source", _name(AnalysisSeries, "source"), series["source"]),
        ],
    )


def _indicator_labels() -> dict[str, str]:
    """The names of an indicator's fields, once for all the indicators of a document."""
    labels = {
        name: _name(Indicator, name)
        for name in ("name", "unit", "good_direction", "source", "collection_tool")
    }
    labels |= {
        "recommended": _name(Indicator, "recommended"),
        "sdg_target": _name(Indicator, "sdg_target"),
        "baseline": _("Baseline"),
        "benchmarks": _("Benchmarks"),
    }
    return labels


def _indicator_group(indicator: dict, years, labels: dict[str, str]) -> Group:
    baseline = indicator["baseline_value"]
    if indicator["baseline_year"]:
        baseline = f"{baseline or '—'} ({indicator['baseline_year']})"
    identities = frozenset(
        f"{name}:{indicator[name]}" for name in ("uid", "id") if indicator[name] is not None
    )
    sdg = ": ".join(filter(None, [indicator["sdg_target"], indicator["sdg_target_title"]]))
    values = {
        **{name: indicator[name] for name in ("name", "unit", "good_direction")},
        "baseline": baseline,
        **{str(year): value for year, value in zip(years, indicator["milestones"], strict=True)},
        **{name: indicator[name] for name in ("source", "collection_tool", "recommended")},
        "sdg_target": sdg,
    }
    benchmarks = [f"{b['city']} ({b['year']}): {b['value']}" for b in indicator["benchmarks"]]
    return Group(
        f"indicator:{indicator['uid'] or indicator['id'] or indicator['name']}",
        indicator["name"],
        [
            *(_value(key, labels.get(key, key), value) for key, value in values.items()),
            _items("benchmarks", labels["benchmarks"], benchmarks, numbered=False),
        ],
        identities,
    )


def _smartcity_groups(smartcity: dict) -> list[Group]:
    return [
        Group("", "", [_value("group", _("Group of the city"), smartcity["group"])]),
        *(
            Group(
                f"sphere:{a['sphere']}",
                capfirst(a["sphere"]),
                _fields(SphereAssessment, a, ("level", "comment")),
            )
            for a in smartcity["assessments"]
        ),
        *(
            Group(
                f"roadmap:{r['title']}",
                r["title"],
                [
                    *_fields(
                        RoadmapItem,
                        r,
                        (
                            *("title", "initiative", "sphere", "responsible", "deadline", "cost"),
                            *("status", "reason"),
                        ),
                    ),
                    _items(
                        "indicators",
                        _name(RoadmapItem, "indicators"),
                        r.get("indicators", []),
                        False,
                    ),
                ],
            )
            for r in smartcity["roadmap"]
        ),
    ]
