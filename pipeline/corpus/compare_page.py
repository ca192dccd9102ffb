"""The comparison page: ``compare/<a>__<b>/compare.html``, one self-contained file.

It looks like the review pages (:mod:`pipeline.review`, whose stylesheet it
inlines): a header with both reports, then one section per domain with the acts
cited in both reports, only in the first, only in the second; the findings that
moved between "well-developed" and "potential for further development" side by
side; the new and dropped findings; and the second report's summary of changes
with the chapter paragraphs each of its paragraphs was linked to. Paragraphs link
to their document's review page when that page exists, so the page has no dead
links however the folder was made. Everything from a report is escaped.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from string import Template

import pandas as pd

from pipeline.output.records import is_present

#: Review pages are ``<out>/<doc_id>/<REPORT_NAME>``; this page is two folders below ``<out>``.
REPORT_NAME = "report.html"
#: Finding statuses shown in collapsed lists after the moved ones, with their labels.
LISTED = (("new_strength", "New strengths"), ("new_gap", "New gaps"), ("dropped", "Dropped (in the first only)"),
          ("same", "Unchanged"))
STATUS_LABEL = {"both": "In both", "only_a": "Only in the first", "only_b": "Only in the second"}
OUTSIDE_NAME = "Outside the domain chapters"
#: Said of an act one report cites in this domain and the other names elsewhere.
ELSEWHERE = {"only_a": "the second report names it elsewhere", "only_b": "the first report names it elsewhere"}


def _asset(name: str) -> str:
    return resources.files("pipeline.review").joinpath(name).read_text(encoding="utf-8")


def _e(value) -> str:
    return html.escape("" if value is None or not is_present(value) else str(value), quote=True)


class _Links:
    """Links to review pages that exist (relative to the comparison page)."""

    def __init__(self, out: Path, doc_ids: tuple[str, str]) -> None:
        self.have = {d for d in doc_ids if (Path(out) / d / REPORT_NAME).is_file()}

    def page(self, doc_id: str) -> str | None:
        return f"../../{doc_id}/{REPORT_NAME}" if doc_id in self.have else None

    def paragraph(self, doc_id: str, pid: str | None) -> str | None:
        base = self.page(doc_id)
        return f"{base}#p-{pid}" if base and pid else None


def _card(doc: dict, which: str, cls: str, link: str | None) -> str:
    rows = [("Country", f"{doc.get('country_name') or ''} ({doc.get('country') or '?'})"),
            ("Year", doc.get("year")), ("Round", doc.get("round")), ("Language", doc.get("language")),
            ("File", Path(str(doc.get("file") or "")).name), ("doc_id", doc.get("doc_id"))]
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    review = f' <a class="src" href="{_e(link)}">review page</a>' if link else ""
    return (f'<div class="report-card {cls}"><h2><span class="which">{_e(which)}</span>'
            f'{_e(doc.get("title") or doc.get("doc_id"))}{review}</h2><dl>{dl}</dl></div>')


def _label(doc: dict) -> str:
    parts = [str(doc[k]) for k in ("round", "year", "language") if doc.get(k)]
    return " ".join(parts) or str(doc.get("doc_id"))


def _overview(cmp, names: dict[int, str]) -> str:
    counts = cmp.act_counts()
    f = cmp.findings
    head = ("<thead><tr><th>Domain</th><th>Acts in both</th><th>Only first</th><th>Only second</th>"
            "<th>Moved</th><th>New strengths</th><th>New gaps</th><th>Dropped</th></tr></thead>")
    body = []
    for d in counts.index:
        fd = f[f["domain"] == d] if len(f) else f
        n = {s: int((fd["status"] == s).sum()) if len(fd) else 0 for s in ("moved", "new_strength", "new_gap", "dropped")}
        c = counts.loc[d]
        body.append(f'<tr><td><a href="#d{d}">{d}. {_e(names.get(d, OUTSIDE_NAME))}</a></td>'
                    f'<td>{c["both"]}</td><td>{c["only_a"]}</td><td>{c["only_b"]}</td>'
                    f'<td>{n["moved"]}</td><td>{n["new_strength"]}</td><td>{n["new_gap"]}</td><td>{n["dropped"]}</td></tr>')
    return f'<table class="overview">{head}<tbody>{"".join(body)}</tbody></table>'


def _acts(df: pd.DataFrame) -> str:
    cols = []
    for status in ("both", "only_a", "only_b"):
        sub = df[df["status"] == status] if len(df) else df
        items = []
        for r in sub.itertuples(index=False):
            meta = ", ".join(str(v) for v in (r.act_type, f"No. {r.number}" if is_present(r.number) else None,
                                               r.year) if v is not None and is_present(v))
            elsewhere = (f' <span class="elsewhere">{_e(ELSEWHERE[status])}</span>'
                         if status != "both" and r.report_status == "both" else "")
            items.append(f'<li title="{_e(r.corpus_act_id)}">{_e(r.title)} '
                         f'<span class="n">{_e(meta)} · {r.mentions_a}/{r.mentions_b}</span>{elsewhere}</li>')
        inner = f"<ul>{''.join(items)}</ul>" if items else '<p class="none">none</p>'
        cols.append(f'<div class="{status}"><h4>{_e(STATUS_LABEL[status])} ({len(items)})</h4>{inner}</div>')
    return f'<div class="acts3">{"".join(cols)}</div>'


def _blk(cmp, links: _Links, doc: dict, pid, assessment, domain: int) -> str:
    if not is_present(pid) or not pid:
        return '<p class="empty">—</p>'
    info = cmp.paragraphs.get(pid, {})
    link = links.paragraph(doc["doc_id"], pid)
    src = f' <a class="src" href="{_e(link)}">p. {_e(info.get("page"))}</a>' if link else \
        f' <span class="pg">p. {_e(info.get("page"))}</span>'
    badge = f'<span class="badge {_e(assessment)}">{_e(assessment)}</span>' if is_present(assessment) else ""
    return (f'<div class="blk d{domain} {_e(assessment)}" data-paragraph="{_e(pid)}">{badge}'
            f'{_e(info.get("text", ""))}{src}</div>')


def _findings(cmp, links: _Links, df: pd.DataFrame, domain: int) -> str:
    out = []
    moved = df[df["status"] == "moved"] if len(df) else df
    out.append(f'<h3 class="status-moved">Findings that moved ({len(moved)})</h3>')
    for r in moved.itertuples(index=False):
        out.append(_pair(cmp, links, r, domain))
    for status, label in LISTED:
        sub = df[df["status"] == status] if len(df) else df
        if not len(sub):
            continue
        pairs = "".join(_pair(cmp, links, r, domain) for r in sub.itertuples(index=False))
        out.append(f'<details class="more {status}"><summary>{_e(label)} ({len(sub)})</summary>{pairs}</details>')
    return "".join(out)


def _pair(cmp, links: _Links, r, domain: int) -> str:
    shared = json.loads(r.shared_acts) if is_present(r.shared_acts) and r.shared_acts else []
    why = []
    if is_present(r.score):
        why.append(f"score {r.score:.0f}")
    if shared:
        why.append("shared acts: " + ", ".join(shared))
    note = f'<p class="why">{_e(" · ".join(why))}</p>' if why else ""
    return (f'<div class="pair">{_blk(cmp, links, cmp.doc_a, r.paragraph_a, r.assessment_a, domain)}'
            f'{_blk(cmp, links, cmp.doc_b, r.paragraph_b, r.assessment_b, domain)}{note}</div>')


def _changes(cmp, links: _Links, df: pd.DataFrame, domain: int) -> str:
    if not len(df):
        return ""
    docs = {cmp.doc_a["doc_id"]: cmp.doc_a, cmp.doc_b["doc_id"]: cmp.doc_b}
    items = []
    for (doc_id, pid), g in df.groupby(["doc_id", "paragraph_id"], sort=False):
        doc = docs[doc_id]
        linked = [x for x in g["linked_paragraph_id"] if is_present(x)]
        targets = []
        for x, s in zip(g["linked_paragraph_id"], g["score"]):
            if not is_present(x):
                continue
            href = links.paragraph(doc_id, x)
            page = cmp.paragraphs.get(x, {}).get("page")
            label = f"p. {page} ({s:.0f})" if is_present(s) else f"p. {page}"
            targets.append(f'<a class="src" href="{_e(href)}">{_e(label)}</a>' if href else f"<span>{_e(label)}</span>")
        found = "→ " + " ".join(targets) if linked else "→ no chapter paragraph found"
        items.append(f'{_blk(cmp, links, doc, pid, None, domain)}<p class="why">{found}</p>')
    return (f'<details class="more changes" open><summary>Summary of changes ({len(items)} paragraphs)</summary>'
            f'{"".join(items)}</details>')


def render_comparison(cmp, path: Path, out: Path) -> Path:
    """Write the comparison page of ``cmp`` to ``path``; ``out`` is the records folder (for review links)."""
    from pipeline.output.evidence import domain_names
    from pipeline.output.records import write_text_atomic

    names = domain_names("en")
    links = _Links(out, (cmp.doc_a["doc_id"], cmp.doc_b["doc_id"]))
    country = cmp.doc_b.get("country_name") or cmp.doc_a.get("country_name") or cmp.doc_b.get("country") or "?"
    title = f"{country}: {_label(cmp.doc_a)} → {_label(cmp.doc_b)}"
    sections, nav = [], []
    for d in (1, 2, 3, 4, 5, 6, 0):
        acts = cmp.acts[cmp.acts["domain"] == d] if len(cmp.acts) else cmp.acts
        finds = cmp.findings[cmp.findings["domain"] == d] if len(cmp.findings) else cmp.findings
        ch = cmp.changes[cmp.changes["domain"] == d] if len(cmp.changes) else cmp.changes
        if d == 0 and len(cmp.changes):  # summary paragraphs not grouped by domain
            ch = cmp.changes[cmp.changes["domain"].isna()]
        name = names.get(d, OUTSIDE_NAME)
        nav.append(f'<a class="flt d{d}" href="#d{d}">{d}. {_e(name)}</a>')
        body = [f'<h2><span class="chip d{d}">{d}</span> {_e(name)}</h2>', "<h3>Acts</h3>", _acts(acts)]
        if d:
            body.append(_findings(cmp, links, finds, d))
        body.append(_changes(cmp, links, ch, d))
        sections.append(f'<section class="domain d{d}" id="d{d}">{"".join(body)}</section>')
    page = Template(_asset("compare.html")).substitute(
        title=_e(title),
        css=_asset("review.css") + "\n" + _asset("compare.css"),
        reports=_card(cmp.doc_a, "first", "a", links.page(cmp.doc_a["doc_id"]))
        + _card(cmp.doc_b, "second", "b", links.page(cmp.doc_b["doc_id"])),
        notes=_e(" · ".join(cmp.notes) or "Acts are matched through the corpus act registry (act_links); "
                 "mention counts are first/second."),
        overview=_overview(cmp, names),
        nav="".join(nav),
        body="\n".join(sections),
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, page)
    return path
