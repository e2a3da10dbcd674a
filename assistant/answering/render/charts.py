"""Charts of the records behind an answer: data rows and a Vega-Lite spec that draws them.

Three shapes, each drawn only from records the answer already cites: counts per group (stacked by
status where the rows have one), a KPI's target against its actual by year, and budget or staff
figures by year. The spec carries no data and no corpus names; the page (or any Vega-Lite client)
draws it with the rows as its values.
"""

import re
from collections import Counter

from assistant.answering.contract import Chart
from assistant.answering.language import Language, pick
from assistant.parsing.models import BudgetFigure, KpiResult

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
BAR_PX = 22  # height per group in a breakdown: every label stays legible however many groups there are
_NUMBER = re.compile(r"[-+]?\d[\d,]*\.?\d*")


def _unit(raw: str | None) -> str:
    """What a raw value prints around its number (3.8% → %)."""
    return _NUMBER.sub("", raw or "").strip() if raw else ""


def group_counts(groups: list[tuple[str, Counter]], title: str, lang: Language) -> Chart:
    """A horizontal bar per group (largest first), split by status when the counters carry statuses."""
    labels = {"group": pick(lang, "分組", "group"), "count": pick(lang, "項數", "count"),
              "status": pick(lang, "辦理等級", "status")}
    data = [{"group": group, "status": status, "count": count, "order": rank}
            for rank, (group, counter) in enumerate(groups) for status, count in sorted(counter.items())]
    stacked = any(row["status"] for row in data)
    encoding: dict = {
        "y": {"field": "group", "type": "nominal", "title": labels["group"], "sort": {"field": "order", "op": "min"}},
        "x": {"field": "count", "type": "quantitative", "title": labels["count"], "aggregate": "sum",
              "axis": {"tickMinStep": 1, "format": "d", "labelOverlap": "greedy"}},
        "tooltip": [{"field": "group", "title": labels["group"]},
                    *([{"field": "status", "title": labels["status"]}] if stacked else []),
                    {"field": "count", "title": labels["count"], "aggregate": "sum"}],
    }
    if stacked:
        encoding["color"] = {"field": "status", "type": "nominal", "title": labels["status"],
                             "legend": {"orient": "bottom", "direction": "vertical"}}
    spec = {"$schema": SCHEMA, "mark": {"type": "bar", "tooltip": True}, "encoding": encoding,
            "height": {"step": BAR_PX}, "width": "container"}
    total = sum(row["count"] for row in data)
    top = groups[0][0] if groups else ""
    description = pick(lang, f"{title}：共 {len(groups)} 組、{total} 項，最多的是{top}。",
                       f"{title}: {len(groups)} groups, {total} in all; the largest is {top}.")
    return Chart(kind="group_counts", title=title, description=description, data=data, spec=spec)


def kpi_trend(records: list[KpiResult], lang: Language) -> Chart | None:
    """Target against actual by year for each KPI (one panel per KPI); None unless some KPI has two years."""
    labels = {"target": pick(lang, "目標值", "target"), "actual": pick(lang, "實際值", "actual")}
    data = []
    for r in records:
        for measure, value, raw in (("target", r.target, r.target_raw), ("actual", r.actual, r.actual_raw)):
            if value is not None:
                data.append({"kpi": r.kpi_name, "year": r.year_roc, "measure": labels[measure], "value": value,
                             "raw": raw, "unit": _unit(raw), "achievement": r.achievement_raw or ""})
    years = Counter(row["kpi"] for row in {(row["kpi"], row["year"]): row for row in data}.values())
    if not years or max(years.values()) < 2:
        return None
    year_title, value_title = pick(lang, "年度（民國）", "year (ROC)"), pick(lang, "數值", "value")
    layer = {
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": year_title, "axis": {"labelAngle": 0}},
            "y": {"field": "value", "type": "quantitative", "title": value_title, "scale": {"zero": False}},
            "color": {"field": "measure", "type": "nominal", "title": None, "legend": {"orient": "bottom"},
                      "sort": [labels["target"], labels["actual"]]},
            "tooltip": [{"field": "kpi", "title": pick(lang, "指標", "KPI")},
                        {"field": "year", "title": year_title}, {"field": "measure", "title": None},
                        {"field": "raw", "title": value_title},
                        {"field": "achievement", "title": pick(lang, "達成度", "achievement")}]},
        "layer": [{"mark": {"type": "line", "strokeWidth": 2}},
                  {"mark": {"type": "point", "filled": True, "size": 70}},
                  {"mark": {"type": "text", "dy": -10, "fontSize": 11}, "encoding": {"text": {"field": "raw"}}}],
    }
    names = list(dict.fromkeys(row["kpi"] for row in data))
    if len(names) == 1:
        spec = {"$schema": SCHEMA, "width": "container", "height": 220, **layer}
        title = pick(lang, f"「{names[0]}」歷年目標值與實際值", f"「{names[0]}」: target and actual by year")
    else:
        spec = {"$schema": SCHEMA, "facet": {"field": "kpi", "type": "nominal", "title": None},
                "columns": 2, "spec": {"width": 260, "height": 160, **layer},
                "resolve": {"scale": {"y": "independent"}}}
        title = pick(lang, f"{len(names)} 項KPI歷年目標值與實際值", f"{len(names)} KPIs: target and actual by year")
    span = sorted({row["year"] for row in data})
    description = pick(lang, f"{title}，{span[0]}–{span[-1]}年，共 {len(data)} 個數值。",
                       f"{title}, ROC {span[0]}–{span[-1]}, {len(data)} values.")
    return Chart(kind="kpi_trend", title=title, description=description, data=data, spec=spec)


def budget_trend(figures: list[BudgetFigure], lang: Language) -> Chart | None:
    """Each table row's figures by year, one panel per unit; None unless some row has two years."""
    data = [{"year": r.year_roc, "item": r.item, "value": r.value, "raw": r.value_raw,
             "unit": r.unit or pick(lang, "（未註明單位）", "(no unit)"), "agency": r.agency}
            for r in figures if r.value is not None]
    per_row = Counter(row["item"] for row in data)
    if not per_row or max(per_row.values()) < 2:
        return None
    year_title = pick(lang, "年度（民國）", "year (ROC)")
    bars = {
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": year_title, "axis": {"labelAngle": 0}},
            "xOffset": {"field": "item"},
            "y": {"field": "value", "type": "quantitative", "title": None},
            "color": {"field": "item", "type": "nominal", "title": None, "legend": {"orient": "bottom"}},
            "tooltip": [{"field": "item", "title": pick(lang, "項目", "row")}, {"field": "year", "title": year_title},
                        {"field": "raw", "title": pick(lang, "數值", "value")},
                        {"field": "unit", "title": pick(lang, "單位", "unit")}]},
    }
    units = list(dict.fromkeys(row["unit"] for row in data))
    agencies = "、".join(dict.fromkeys(row["agency"] for row in data))
    title = pick(lang, f"{agencies}歷年預算與人力", f"{agencies}: budget and staff by year")
    if len(units) == 1:
        spec = {"$schema": SCHEMA, "width": "container", "height": 220, **bars}
        spec["encoding"]["y"]["title"] = units[0]
    else:
        spec = {"$schema": SCHEMA, "facet": {"field": "unit", "type": "nominal", "title": None},
                "columns": 2, "spec": {"width": 260, "height": 160, **bars},
                "resolve": {"scale": {"y": "independent", "color": "independent"}}}
    span = sorted({row["year"] for row in data})
    description = pick(lang, f"{title}，{span[0]}–{span[-1]}年，共 {len(data)} 個數字。",
                       f"{title}, ROC {span[0]}–{span[-1]}, {len(data)} figures.")
    return Chart(kind="budget_trend", title=title, description=description, data=data, spec=spec)
