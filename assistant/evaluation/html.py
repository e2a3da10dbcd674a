"""The HTML eval report: one file with inline CSS and no scripts, readable offline and attachable anywhere.

Failures come first and open, each with the reasons, the answer, its citations and what retrieval found;
passing questions follow in one compact table.
"""

from html import escape
from typing import TYPE_CHECKING

from assistant.evaluation.headline import COLUMNS, assistant_headline, baseline_headline, target_lines
from assistant.evaluation.scoring import QuestionResult
from assistant.evaluation.summary import METRICS, format_value

if TYPE_CHECKING:  # report.py imports this module to write the page
    from assistant.evaluation.report import EvalReport

CSS = """
body{font-family:system-ui,"Noto Sans TC","PingFang TC",sans-serif;margin:2rem;color:#222;max-width:90rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}td.q{text-align:left}tr.overall{font-weight:bold;background:#f4f4f4}
details{border:1px solid #ddd;border-radius:4px;margin:.5rem 0;padding:.25rem .75rem}summary{cursor:pointer}
.fail{color:#a00}.warn{color:#875c00}.tag{font-family:monospace;background:#eee;padding:0 .3rem;border-radius:3px}
pre{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.5rem;max-height:20rem;overflow:auto}
"""


def _meta(report: "EvalReport") -> str:
    rows = [("created", report.created_at), ("dataset", report.dataset), ("subset", report.subset or "all"),
            ("target", report.target), ("k", str(report.k)), ("index", report.index_version or "–"),
            ("commit", report.git_commit or "–"), ("questions", str(len(report.results))),
            ("failed", str(len(report.failed)))]
    cells = "".join(f"<tr><th>{escape(k)}</th><td class=q>{escape(v)}</td></tr>" for k, v in rows)
    return f"<table>{cells}</table>"


def _summary(report: "EvalReport") -> str:
    head = "<tr><th>type</th><th>n</th>" + "".join(f"<th>{escape(m.label)}</th>" for m in METRICS) + "</tr>"
    rows = []
    for name, summary in report.summary.items():
        data = summary.model_dump()
        cells = "".join(f"<td>{format_value(data[m.key], m)}</td>" for m in METRICS)
        rows.append(f"<tr class='{escape(name)}'><td>{escape(name)}</td><td>{summary.n}</td>{cells}</tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _baselines(report: "EvalReport") -> str:
    if not report.baselines:
        return ""
    ours = assistant_headline(report.results)
    theirs = {name: baseline_headline(run.results) for name, run in report.baselines.items()}
    labels = "".join(f"<th>{escape(label)}</th>" for _, label in COLUMNS)
    head = f"<tr><th>system</th>{labels}<th>build s</th></tr>"
    rows = []
    for name, headline in [("assistant", ours), *theirs.items()]:
        data = headline.model_dump()
        build = report.baselines[name].build_s if name in report.baselines else None
        cells = "".join(f"<td>{'–' if data[c] is None else f'{data[c]:.3f}'}</td>" for c, _ in COLUMNS)
        rows.append(f"<tr><td>{escape(name)}</td>{cells}<td>{'–' if build is None else f'{build:.1f}'}</td></tr>")
    targets = "".join(f"<li>{escape(line)}</li>" for line in target_lines(ours, theirs))
    return f"<h2>Baselines (same questions, same run)</h2><table>{head}{''.join(rows)}</table><ul>{targets}</ul>"


def _question(result: QuestionResult) -> str:
    parts = [f"<p>after: {escape(' → '.join(result.history))}</p>"] if result.history else []
    parts += [f"<div class=fail>✗ {escape(f)}</div>" for f in result.failures]
    parts += [f"<div class=warn>! {escape(w)}</div>" for w in result.warnings]
    response = result.response or {}
    if response:
        parts.append(f"<p>kind <span class=tag>{escape(str(response.get('kind')))}</span> · refused "
                     f"{response.get('refused')} · {len(response.get('items', []))} items · "
                     f"{result.latency_ms or 0:.1f} ms</p><pre>{escape(response.get('answer', ''))}</pre>")
        cites = "".join(f"<li>[{c['id']}] {escape(c['file'])}:{c['line']}-{c['end_line']} "
                        f"<q>{escape(c['quote'][:160])}</q></li>" for c in response.get("citations", []))
        if cites:
            parts.append(f"<ul>{cites}</ul>")
    if result.retrieval:
        parts.append(f"<p>retrieved top k: {escape(', '.join(result.retrieval.top))}</p>")
    return (f"<details open><summary><b>{escape(result.id)}</b> <span class=tag>{escape(result.type)}</span> "
            f"{escape(result.question)}</summary>{''.join(parts)}</details>")


def _passed(report: "EvalReport") -> str:
    rows = "".join(f"<tr><td>{escape(r.id)}</td><td class=q>{escape(r.question)}</td>"
                   f"<td>{r.latency_ms or 0:.1f}</td></tr>" for r in report.results if r.ok)
    return f"<table><tr><th>id</th><th>question</th><th>ms</th></tr>{rows}</table>" if rows else "<p>none</p>"


def render_html(report: "EvalReport") -> str:
    failures = "".join(_question(r) for r in report.failed) or "<p>none</p>"
    return (
        "<!doctype html><html lang=zh-Hant><head><meta charset=utf-8>"
        f"<title>政策問答 eval {escape(report.created_at)}</title><style>{CSS}</style></head><body>"
        f"<h1>政策問答 eval</h1>{_meta(report)}<h2>Summary by question type</h2>{_summary(report)}"
        f"{_baselines(report)}<h2>Failures ({len(report.failed)})</h2>{failures}"
        f"<h2>Passed ({len(report.results) - len(report.failed)})</h2>{_passed(report)}</body></html>"
    )
