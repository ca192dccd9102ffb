"""A static review page per document: read the report, check every label by eye.

``extracted/<doc_id>/report.html`` is one self-contained file (CSS, JavaScript and
data inlined, no network access) so that it opens offline and can be mailed. It
shows the report's blocks in reading order with section headings, tints each
paragraph by its domain and marks strengths and gaps, highlights citations (a
click shows the canonical act and its other mentions), links footnotes both
ways, offers a filter by domain, and draws mentions per domain and assessment as
an inline SVG chart.

The HTML is rendered here, server-side, so the page reads fine even with
JavaScript off; the script (``review.js``) only adds the filter and the act panel.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from string import Template

import pandas as pd

from pipeline.output.records import is_present as _present

#: Blocks not shown: page furniture is layout noise, not report content.
HIDDEN_KINDS = frozenset({"furniture"})
#: Assessments drawn in the chart, in stacking order.
CHART_ASSESSMENTS = ("strength", "gap", "none")
#: Chart geometry (SVG user units).
CHART_BAR_HEIGHT = 22
CHART_GAP = 8
CHART_LABEL_WIDTH = 330
CHART_BAR_WIDTH = 420
#: A paragraph's domain score is shown when it came from the content classifier
#: and is below this (a hint that a reviewer should look).
LOW_SCORE = 0.5
UI = {
    "strength": "strength", "gap": "gap", "none": "no assessment", "review": "review",
    "all": "All", "no_domain": "No domain", "page": "p.",
}


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def render_report(doc_id: str, tables: dict[str, pd.DataFrame], path: Path) -> Path:
    """Write the review page of one document.

    Args:
        doc_id: The document to render.
        tables: ``documents``, ``sections``, ``paragraphs``, ``citations``, ``acts``
            (and optionally ``evidence``) with the columns of :mod:`pipeline.output.schema`.
        path: Where to write the page (parents are created).

    Returns:
        ``path``.
    """
    from pipeline.output.evidence import build_evidence, domain_names

    pars = _rows(tables.get("paragraphs"), doc_id)
    pars.sort(key=lambda r: (r.get("seq") is None, r.get("seq") or 0))
    sections = _rows(tables.get("sections"), doc_id)
    cits = _rows(tables.get("citations"), doc_id)
    acts = {r["act_id"]: r for r in _rows(tables.get("acts"), doc_id)}
    docs = _rows(tables.get("documents"), doc_id)
    doc = docs[0] if docs else {"doc_id": doc_id}
    names = domain_names(doc.get("language"))
    evidence = tables.get("evidence")
    if evidence is None or not len(evidence):
        evidence = build_evidence({"paragraphs": tables["paragraphs"], "citations": tables.get("citations"),
                                   "acts": tables.get("acts")})
    evidence = evidence[evidence["doc_id"] == doc_id] if len(evidence) else evidence

    by_par: dict[str, list[dict]] = {}
    for c in cits:
        by_par.setdefault(c["paragraph_id"], []).append(c)
    par_by_id = {p["paragraph_id"]: p for p in pars}
    act_data = _act_data(cits, acts, par_by_id)

    blocks = (_block(p, by_par.get(p["paragraph_id"], []), par_by_id, names)
              for p in pars if p.get("kind") not in HIDDEN_KINDS)
    counts = _counts(pars)
    fields = dict(
        lang=html.escape(str(doc.get("language") or "")),
        title=html.escape(str(doc.get("title") or _basename(doc.get("file")) or doc_id)),
        file=html.escape(_basename(doc.get("file"))),
        doc_id=html.escape(doc_id),
        pages=html.escape(str(doc.get("pages") or "")),
        css=_asset("review.css"),
        js=_asset("review.js"),
        filters=_filters(names, counts) + _subarea_filter(pars),
        toc=_toc(sections, {p["paragraph_id"] for p in pars}),
        chart=chart_svg(evidence, names),
        stats=html.escape(_stats(pars, cits, acts)),
        data=_script_json({"acts": act_data, "domains": {str(k): v for k, v in names.items()}}),
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_page(path, Template(_asset("template.html")), fields, blocks)
    return path


#: Stands for the body in the page's template, which is written around it (see :func:`_write_page`).
BODY_MARK = "\x00mgi-review-body\x00"


def _write_page(path: Path, template: Template, fields: dict, blocks) -> None:
    """Write the page: ``template`` filled with ``fields`` and a body of ``blocks``, one per line, streamed.

    The body of a long report's page is megabytes of HTML: joined, put in the template
    and encoded, it was held three times over at once (about 40 MB for 500 pages, the
    parent's peak, issue #14). Written atomically, as ``write_text_atomic`` writes text.
    """
    from pipeline.output.atomic import atomic_path, write_text_atomic

    page = template.substitute(fields, body=BODY_MARK)
    if page.count(BODY_MARK) != 1:  # the mark met in the report's text: filled whole, as before
        write_text_atomic(path, template.substitute(fields, body="\n".join(blocks)))
        return
    head, _, tail = page.partition(BODY_MARK)
    del page
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", errors="backslashreplace") as fh:
        fh.write(head)
        for i, block in enumerate(blocks):
            if i:
                fh.write("\n")
            fh.write(block)
        fh.write(tail)


def chart_svg(evidence: pd.DataFrame, names: dict[int, str]) -> str:
    """Horizontal stacked bars: citations per domain, split by assessment."""
    totals = {d: {a: 0 for a in CHART_ASSESSMENTS} for d in range(1, 7)}
    if evidence is not None and len(evidence):
        for d, a, n in zip(evidence["domain"], evidence["assessment"], evidence["mentions"]):
            if _present(d) and int(d) in totals and a in CHART_ASSESSMENTS:
                totals[int(d)][a] += int(n)
    peak = max((sum(v.values()) for v in totals.values()), default=0) or 1
    step = CHART_BAR_HEIGHT + CHART_GAP
    height = step * len(totals) + 30
    width = CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             "<title>Citations per domain and assessment</title>"]
    for i, (d, split) in enumerate(totals.items()):
        y = i * step
        parts.append(f'<text x="{CHART_LABEL_WIDTH - 8}" y="{y + CHART_BAR_HEIGHT * 0.7:.0f}" '
                     f'text-anchor="end" class="lbl">{d}. {html.escape(names.get(d, ""))}</text>')
        x = CHART_LABEL_WIDTH
        for a in CHART_ASSESSMENTS:
            w = CHART_BAR_WIDTH * split[a] / peak
            if split[a]:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{CHART_BAR_HEIGHT}" '
                             f'class="bar d{d} {a}"><title>{html.escape(names.get(d, ""))}: '
                             f'{split[a]} {UI[a]}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + CHART_BAR_HEIGHT * 0.7:.0f}" class="num">'
                     f'{sum(split.values())}</text>')
    ly = step * len(totals) + 14
    for j, a in enumerate(CHART_ASSESSMENTS):
        lx = CHART_LABEL_WIDTH + j * 140
        parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" class="bar legend {a}"/>'
                     f'<text x="{lx + 18}" y="{ly}" class="lbl">{UI[a]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def mark_up(text: str, citations: list[dict], footnote_refs: list[dict], pid: str) -> str:
    """Escape ``text`` and insert citation highlights and footnote markers by offset.

    Overlapping citations keep the first (longest at equal start); a marker at the
    end of a citation goes after its closing tag, as in print ("Law No. N¹").
    """
    events = []
    last_end = -1
    for c in sorted(citations, key=lambda c: (int(c["start"]), -int(c["end"]))):
        s, e = int(c["start"]), int(c["end"])
        if s < last_end or not (0 <= s < e <= len(text)):
            continue
        last_end = e
        act = html.escape(str(c.get("act_id") or ""), quote=True)
        events.append((s, 2, f'<mark class="cite" tabindex="0" data-act="{act}" '
                             f'id="c-{html.escape(str(c.get("citation_id")), quote=True)}">'))
        events.append((e, 0, "</mark>"))
    for r in footnote_refs:
        off = min(max(int(r.get("offset") or 0), 0), len(text))
        fid = r.get("footnote_id")
        label = html.escape(_s(r.get("number")))
        ref_id = f'ref-{html.escape(pid, quote=True)}-{label}'
        inner = (f'<a href="#p-{html.escape(fid, quote=True)}" class="fnref">{label}</a>' if fid
                 else label)
        events.append((off, 1, f'<sup id="{ref_id}">{inner}</sup>'))
    events.sort(key=lambda e: (e[0], e[1]))
    out, pos = [], 0
    for off, _, tag in events:
        out.append(html.escape(text[pos:off]))
        out.append(tag)
        pos = off
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _block(p: dict, citations: list[dict], par_by_id: dict[str, dict], names: dict[int, str]) -> str:
    pid = str(p["paragraph_id"])
    kind = p.get("kind") or "paragraph"
    text = str(p.get("text") or "")
    refs = _json(p.get("footnote_refs")) or []
    domain = int(p["domain"]) if _present(p.get("domain")) else 0
    assessment = p.get("assessment") if _present(p.get("assessment")) else None
    review = bool(p.get("review")) if _present(p.get("review")) else False
    page = p.get("page")
    sub_area = str(p["sub_area"]) if _present(p.get("sub_area")) else ""
    attrs = (f'id="p-{html.escape(pid, quote=True)}" data-domain="{domain}" '
             f'data-assessment="{assessment or "none"}" data-review="{str(review).lower()}" '
             f'data-page="{page if _present(page) else ""}" data-subarea="{html.escape(sub_area, quote=True)}"')
    if kind == "heading":
        level = min(max(int(p["level"]) if _present(p.get("level")) else 2, 1), 4) + 1
        return f'<h{level} class="heading" {attrs}>{mark_up(text, citations, refs, pid)}</h{level}>'
    badges = []
    if domain:
        src = p.get("domain_source") or ""
        score = p.get("domain_score")
        tip = f"{names.get(domain, '')} · {src}" + (f" · {float(score):.2f}" if _present(score) else "")
        low = " low" if src == "content" and _present(score) and float(score) < LOW_SCORE else ""
        badges.append(f'<span class="chip d{domain}{low}" title="{html.escape(tip, quote=True)}">'
                      f'{domain}</span>')
    if sub_area:
        badges.append(f'<span class="badge subarea" title="sub-area">{html.escape(sub_area)}</span>')
    if assessment:
        badges.append(f'<span class="badge {assessment}">{UI.get(assessment, assessment)}</span>')
    if review:
        badges.append(f'<span class="badge review">{UI["review"]}</span>')
    body = mark_up(text, citations, refs, pid)
    extra = ""
    if kind == "footnote":
        num = _s(p.get("footnote_number"))
        src = p.get("referenced_by")
        back = ""
        if _present(src) and src in par_by_id:
            back = (f' <a class="backref" href="#ref-{html.escape(str(src), quote=True)}-{num}" '
                    f'title="back to the text">↩</a>')
        body = f'<span class="fnnum">{html.escape(num)}</span> {body}{back}'
    cls = f"blk {kind} d{domain}" + (f" {assessment}" if assessment else "")
    pg = f'<span class="pg">{UI["page"]} {page}</span>' if _present(page) else ""
    if _present(p.get("page_end")) and p.get("page_end") != page:
        pg = f'<span class="pg">{UI["page"]} {page}–{p["page_end"]}</span>'
    tag = "li" if kind == "list_item" else "div"
    return f'<{tag} class="{cls}" {attrs}>{pg}<span class="badges">{"".join(badges)}</span>{body}{extra}</{tag}>'


def _act_data(cits: list[dict], acts: dict[str, dict], par_by_id: dict[str, dict]) -> dict:
    out: dict[str, dict] = {}
    for c in sorted(cits, key=lambda c: (par_by_id.get(c["paragraph_id"], {}).get("seq") or 0, c["start"])):
        aid = c.get("act_id")
        if not _present(aid):
            continue
        a = acts.get(aid, {})
        entry = out.setdefault(aid, {
            "type": _s(a.get("act_type") or c.get("act_type")), "number": _s(a.get("number") or c.get("number")),
            "year": _s(a.get("year") or c.get("year")), "title": _s(a.get("title") or c.get("title")),
            "date": _s(a.get("date") or c.get("date")), "mentions": []})
        par = par_by_id.get(c["paragraph_id"], {})
        entry["mentions"].append({
            "cid": f"c-{c.get('citation_id')}", "pid": c["paragraph_id"], "surface": _s(c.get("surface")),
            "page": _s(c.get("page") if _present(c.get("page")) else par.get("page")),
            "domain": int(par["domain"]) if _present(par.get("domain")) else 0})
    return out


def _toc(sections: list[dict], shown: set[str]) -> str:
    """Contents: the top two levels of the section tree, linked to their headings."""
    items = []
    for s in sections:
        level = int(s["level"]) if _present(s.get("level")) else 1
        hid = s.get("heading_id")
        if level > 2 or hid not in shown:
            continue
        dom = f' <span class="chip d{int(s["domain"])}">{int(s["domain"])}</span>' if _present(s.get("domain")) else ""
        items.append(f'<li class="toc{level}"><a href="#p-{html.escape(str(hid), quote=True)}">'
                     f'{html.escape(str(s.get("title") or ""))}</a>{dom}</li>')
    return f'<ol class="toc">{"".join(items)}</ol>' if items else ""


def _subarea_filter(pars: list[dict]) -> str:
    """A select of the sub-areas present (with counts); empty when no paragraph has one."""
    counts: dict[str, int] = {}
    for p in pars:
        if _present(p.get("sub_area")) and p.get("kind") not in HIDDEN_KINDS:
            counts[str(p["sub_area"])] = counts.get(str(p["sub_area"]), 0) + 1
    if not counts:
        return ""
    options = ['<option value="">all sub-areas</option>'] + [
        f'<option value="{html.escape(k, quote=True)}">{html.escape(k)} ({n})</option>'
        for k, n in sorted(counts.items(), key=lambda kv: (kv[0].split(".")[0], kv[0]))]
    return f'<label class="revonly">sub-area <select id="subarea-filter">{"".join(options)}</select></label>'


def _filters(names: dict[int, str], counts: dict) -> str:
    buttons = [f'<button type="button" class="flt on" data-domain="all">{UI["all"]}</button>']
    for d, name in names.items():
        buttons.append(f'<button type="button" class="flt d{d}" data-domain="{d}" title="{html.escape(name, quote=True)}">'
                       f'{d}. {html.escape(name)} <small>({counts.get(d, 0)})</small></button>')
    buttons.append(f'<button type="button" class="flt d0" data-domain="0">{UI["no_domain"]} '
                   f'<small>({counts.get(0, 0)})</small></button>')
    buttons.append('<label class="revonly"><input type="checkbox" id="review-only"> '
                   f'only flagged for review <small>({counts.get("review", 0)})</small></label>')
    return "".join(buttons)


def _counts(pars: list[dict]) -> dict:
    out: dict = {"review": 0}
    for p in pars:
        if p.get("kind") in ("heading",) or p.get("kind") in HIDDEN_KINDS:
            continue
        d = int(p["domain"]) if _present(p.get("domain")) else 0
        out[d] = out.get(d, 0) + 1
        out["review"] += bool(p.get("review")) if _present(p.get("review")) else 0
    return out


def _stats(pars: list[dict], cits: list[dict], acts: dict) -> str:
    n = sum(1 for p in pars if p.get("kind") not in HIDDEN_KINDS | {"heading"})
    return f"{n} blocks · {len(cits)} citations · {len(acts)} acts"


def _rows(df: pd.DataFrame | None, doc_id: str) -> list[dict]:
    if df is None or not len(df):
        return []
    part = df[df["doc_id"] == doc_id]
    return [{k: (None if not _present(v) else v) for k, v in r.items()} for r in part.to_dict("records")]


def _basename(path) -> str:
    """File name only: the page may be mailed, the input folder's path is noise."""
    return Path(str(path)).name if _present(path) and path else ""


def _json(v):
    if v is None or isinstance(v, (list, dict)):
        return v
    try:
        return json.loads(v)
    except (TypeError, ValueError):
        return None


def _s(v) -> str:
    if not _present(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def _script_json(data) -> str:
    """JSON safe inside ``<script>`` (no ``</script>`` or ``<!--`` can close it early)."""
    return (json.dumps(data, ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
