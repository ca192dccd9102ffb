"""``<out>/index.html``: one static entry page for every report of a run.

A reviewer opening the output folder needs to see, before reading any single
report, which reports there are (country, year, round, language), which ones
failed and why, how each one's findings split over the six domains, how the
countries compare domain by domain, and which international conventions each
country's reports cite. This page shows exactly that and links each report to
its review page (``<doc_id>/report.html``, written by :mod:`pipeline.review`).

Like the review pages it is one self-contained file: CSS and JavaScript are
inlined (``pipeline/review/index.css``, ``index.js``), charts are inline SVG, and
nothing is fetched, so the folder can be zipped and mailed. Everything is
rendered here, server-side, so the page reads fine with JavaScript off; the
script only sorts and filters the list. Every text that comes from a report
(titles, file names, error messages) is escaped: PDFs are untrusted input.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path
from string import Template
from urllib.parse import quote

import pandas as pd

from pipeline.corpus.matrix import (DOMAINS, FINDING_KINDS, UNKNOWN_COUNTRY, build_evidence_matrix,
                                    instrument_matrix)
from pipeline.output.records import is_present as _present

INDEX_NAME = "index.html"
REPORT_NAME = "report.html"
#: Heat-map geometry (SVG user units).
CELL_W, CELL_H, LABEL_W, HEAD_H = 150, 46, 190, 46
#: Per-document bars: width of one bar, bar gap, height.
MINI_BAR, MINI_GAP, MINI_H = 5, 4, 26


def _asset(name: str) -> str:
    return resources.files("pipeline.review").joinpath(name).read_text(encoding="utf-8")


def _e(value) -> str:
    """Escaped text of a cell ("" for a missing value); quotes escaped too, for attributes."""
    if not _present(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return html.escape(str(value), quote=True)


def write_index(out: Path, tables: dict[str, pd.DataFrame], matrix: pd.DataFrame | None = None) -> Path:
    """Write ``out/index.html``.

    Args:
        out: The output folder (review pages are looked for in ``out/<doc_id>/``).
        tables: ``documents`` and ``paragraphs``; ``citations`` and ``acts`` for
            the instruments table; ``act_links``/``corpus_acts`` are used when
            present (acts counted as corpus acts) and not needed otherwise.
        matrix: The evidence matrix when the caller has it; built otherwise.

    Returns:
        The path of the page.
    """
    from pipeline.output.evidence import domain_names
    from pipeline.output.records import write_text_atomic

    out = Path(out)
    names = domain_names("en")
    if matrix is None:
        matrix = build_evidence_matrix(tables)
    docs = tables.get("documents")
    docs = docs if docs is not None else pd.DataFrame(columns=["doc_id", "status"])
    per_doc = _domain_counts(tables.get("paragraphs"))
    rows = "\n".join(_report_row(r, per_doc, names, out) for r in _sorted_docs(docs))
    n_failed = int((docs["status"].astype(object) == "failed").sum()) if "status" in docs else 0
    countries = matrix["country"].nunique() if len(matrix) else 0
    summary = (f"{len(docs)} reports · {countries} countries · {n_failed} failed")
    page = Template(_asset("index.html")).substitute(
        css=_asset("review.css") + "\n" + _asset("index.css"),
        js=_asset("index.js"),
        summary=html.escape(summary),
        rows=rows,
        domain_heads="".join(f'<th scope="col" title="{_e(names[d])}">{d}</th>' for d in DOMAINS),
        legend=_legend(names),
        heatmap=heatmap_svg(matrix, names),
        instruments=instrument_table(instrument_matrix(tables), matrix),
    )
    path = out / INDEX_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, page)
    return path


def _sorted_docs(docs: pd.DataFrame) -> list[dict]:
    """Documents by country name, year, then file; failed ones last."""
    rows = [{k: (v if _present(v) else None) for k, v in r.items()} for r in docs.to_dict("records")]
    return sorted(rows, key=lambda r: (r.get("status") == "failed", str(r.get("country_name") or "~"),
                                       r.get("year") or 0, _basename(r.get("file"))))


def _domain_counts(pars: pd.DataFrame | None) -> dict[str, dict]:
    """doc_id → {"n": finding paragraphs, (domain, assessment): count}."""
    if pars is None or not len(pars):
        return {}
    f = pars[pars["kind"].isin(FINDING_KINDS)]
    out: dict[str, dict] = {str(d): {"n": int(n)} for d, n in f.groupby("doc_id").size().items()}
    f = f[f["domain"].notna() & f["assessment"].notna()]
    for (doc, dom, ass), n in f.groupby(["doc_id", "domain", "assessment"]).size().items():
        out.setdefault(str(doc), {"n": 0})[(int(dom), str(ass))] = int(n)
    return out


def _report_row(doc: dict, per_doc: dict[str, dict], names: dict[int, str], out: Path) -> str:
    """One ``<tr>`` of the report list; a link only when the review page exists."""
    doc_id = str(doc.get("doc_id") or "")
    status = str(doc.get("status") or "")
    counts = per_doc.get(doc_id, {"n": 0})
    country = doc.get("country_name") or doc.get("country") or ""
    label = _e(country) or f'<span class="muted">{_e(_basename(doc.get("file")))}</span>'
    page = out / doc_id / REPORT_NAME
    if doc_id and (out / doc_id).resolve().parent == out.resolve() and page.is_file():
        label = f'<a href="{quote(doc_id)}/{REPORT_NAME}">{label}</a>'
    where = " · ".join(_e(v) for v in (doc.get("level"), doc.get("place")) if v)
    title = f'<div class="doctitle" title="{_e(doc.get("title"))}">{_e(doc.get("title"))}</div>' \
        if doc.get("title") else ""
    err = f'<div class="error">{_e(doc.get("error"))}</div>' if doc.get("error") and status != "ok" else ""
    cells = [
        (str(country or "~"), f'{label}{title}<div class="file">{_e(_basename(doc.get("file")))}</div>'),
        (where, where),
        (str(doc.get("year") or ""), _e(doc.get("year"))),
        (str(doc.get("round") or ""), _e(doc.get("round"))),
        (str(doc.get("language") or ""), _e(doc.get("language"))),
        (status, f'<span class="status {_e(status)}">{_e(status)}</span>{err}'),
        (str(counts["n"]), str(counts["n"])),
    ]
    tds = "".join(f'<td data-sort="{_e(key)}">{val}</td>' for key, val in cells)
    bars = mini_bars_svg(counts, names, str(country or doc_id)) if status != "failed" else ""
    return (f'<tr data-status="{_e(status)}" data-doc="{_e(doc_id)}">{tds}'
            f'<td class="bars">{bars}</td></tr>')


def mini_bars_svg(counts: dict, names: dict[int, str], label: str) -> str:
    """Six pairs of small bars (strength, gap) for one document, scaled to its own peak."""
    peak = max([counts.get((d, a), 0) for d in DOMAINS for a in ("strength", "gap")] + [1])
    width = len(DOMAINS) * (2 * MINI_BAR + MINI_GAP)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="mini" role="img" width="{width}" '
             f'height="{MINI_H}" viewBox="0 0 {width} {MINI_H}"><title>{_e(label)}: strength and gap '
             f'paragraphs per domain</title>']
    for i, d in enumerate(DOMAINS):
        x = i * (2 * MINI_BAR + MINI_GAP)
        parts.append(f'<rect x="{x}" y="{MINI_H - 1}" width="{2 * MINI_BAR}" height="1" class="axis d{d}"/>')
        for j, a in enumerate(("strength", "gap")):
            n = counts.get((d, a), 0)
            h = (MINI_H - 2) * n / peak
            parts.append(f'<rect x="{x + j * MINI_BAR}" y="{MINI_H - 1 - h:.1f}" width="{MINI_BAR}" '
                         f'height="{h:.1f}" class="bar {a}"><title>{d}. {_e(names.get(d, ""))}: '
                         f'{n} {a}{"s" if n != 1 else ""}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)


def heatmap_svg(matrix: pd.DataFrame, names: dict[int, str]) -> str:
    """Countries × domains: cell shade by findings, bars for strengths and gaps, acts below.

    The shade (total findings relative to the busiest cell) shows where reports
    say most; the two bars show the balance of strengths and gaps on one scale
    for the whole chart, so countries compare directly.
    """
    if matrix is None or not len(matrix):
        return '<p class="muted">No country with extracted paragraphs.</p>'
    countries = list(dict.fromkeys(matrix["country"]))
    cell = {(r.country, int(r.domain)): r for r in matrix.itertuples()}
    peak = max(int(matrix["strengths"].max()), int(matrix["gaps"].max()), 1)
    total_peak = max(int((matrix["strengths"] + matrix["gaps"]).max()), 1)
    width = LABEL_W + CELL_W * len(DOMAINS)
    height = HEAD_H + CELL_H * len(countries)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart heat" role="img" '
             f'aria-labelledby="heat-title heat-desc" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}">',
             '<title id="heat-title">Strength and gap paragraphs per country and domain</title>',
             '<desc id="heat-desc">One row per country, one column per MGI domain; each cell shows the '
             'strength (green) and gap (orange) paragraphs of the country\'s reports and the acts cited '
             'in the domain.</desc>']
    for i, d in enumerate(DOMAINS):
        x = LABEL_W + i * CELL_W
        head = f"{d}. {names.get(d, '')}"
        parts.append(f'<g class="head"><title>{d}. {_e(names.get(d, ""))}</title>'
                     f'<rect x="{x + 2}" y="4" width="{CELL_W - 4}" height="{HEAD_H - 8}" class="dhead d{d}"/>'
                     f'<text y="{HEAD_H / 2 - 3:.0f}" class="lbl">{_tspans(head, x + 8)}'
                     f'</text></g>')
    for k, c in enumerate(countries):
        y = HEAD_H + k * CELL_H
        first = cell.get((c, DOMAINS[0]))
        name = first.country_name if first is not None and _present(first.country_name) else (
            "Unknown country" if c == UNKNOWN_COUNTRY else c)
        parts.append(f'<text x="{LABEL_W - 10}" y="{y + CELL_H / 2 + 4:.0f}" text-anchor="end" class="lbl">'
                     f'{_e(_clip(str(name), 22))} ({_e(c)})</text>')
        for i, d in enumerate(DOMAINS):
            r = cell.get((c, d))
            s, g = (int(r.strengths), int(r.gaps)) if r is not None else (0, 0)
            acts, intl = (int(r.acts), int(r.instruments)) if r is not None else (0, 0)
            x = LABEL_W + i * CELL_W
            shade = 0.08 + 0.5 * (s + g) / total_peak
            bw = CELL_W - 62
            tip = (f"{name} — {d}. {names.get(d, '')}: {s} strengths, {g} gaps, "
                   f"{acts} acts, {intl} international instruments")
            parts.append(
                f'<g class="cell" data-country="{_e(c)}" data-domain="{d}"><title>{_e(tip)}</title>'
                f'<rect x="{x + 2}" y="{y + 2}" width="{CELL_W - 4}" height="{CELL_H - 4}" rx="3" '
                f'class="bg" style="fill-opacity:{shade:.2f}"/>'
                f'<rect x="{x + 8}" y="{y + 8}" width="{bw * s / peak:.1f}" height="9" class="bar strength"/>'
                f'<text x="{x + 12 + bw * s / peak:.1f}" y="{y + 16}" class="num">{s}</text>'
                f'<rect x="{x + 8}" y="{y + 20}" width="{bw * g / peak:.1f}" height="9" class="bar gap"/>'
                f'<text x="{x + 12 + bw * g / peak:.1f}" y="{y + 28}" class="num">{g}</text>'
                f'<text x="{x + 8}" y="{y + 40}" class="small">{acts} acts · {intl} intl</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def instrument_table(grid: pd.DataFrame, matrix: pd.DataFrame) -> str:
    """Instruments × countries as an HTML table: ✓ and the mention count where cited."""
    if grid is None or not len(grid):
        return '<p class="muted">No international instrument is cited.</p>'
    countries = [c for c in grid.columns if c != "name"]
    cname = {}
    if matrix is not None and len(matrix):
        cname = {c: n for c, n in zip(matrix["country"], matrix["country_name"]) if _present(n)}
    head = "".join(f'<th scope="col" title="{_e(cname.get(c, c))}">{_e(c)}</th>' for c in countries)
    body = []
    for act_id, r in grid.iterrows():
        cells = []
        for c in countries:
            n = int(r[c])
            cells.append(f'<td class="yes" title="{_e(cname.get(c, c))}: {n} mention{"s" if n != 1 else ""}">'
                         f'✓ <small>{n}</small></td>' if n else '<td class="no"></td>')
        body.append(f'<tr><th scope="row">{_e(r["name"])}<div class="file">{_e(act_id)}</div></th>'
                    f'{"".join(cells)}</tr>')
    return (f'<table class="grid instruments"><thead><tr><th scope="col">Instrument</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _legend(names: dict[int, str]) -> str:
    items = "".join(f'<li><span class="chip d{d}">{d}</span> {_e(names.get(d, ""))}</li>' for d in DOMAINS)
    return (f'<ul class="legend">{items}<li><span class="sw strength"></span> strengths</li>'
            f'<li><span class="sw gap"></span> gaps</li></ul>')


def _tspans(text: str, x: float, width: int = 20, lines: int = 2) -> str:
    """``text`` wrapped on words into at most ``lines`` SVG lines (SVG text does not wrap)."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines - 1] + [_clip(" ".join(out[lines - 1:]), width)]
    if len(out) == 1:
        return f'<tspan x="{x}" dy="7">{_e(out[0])}</tspan>'
    return "".join(f'<tspan x="{x}" dy="{0 if i == 0 else 15}">{_e(t)}</tspan>' for i, t in enumerate(out))


def _clip(text: str, n: int) -> str:
    """Shortened for an SVG label (SVG text does not wrap); the full text is in the title."""
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _basename(path) -> str:
    """File name only: the input folder's path is noise on a mailed page."""
    return Path(str(path)).name if _present(path) and path else ""
