"""Score a scanner-like scan of the sample against the sample's truth (the OCR issue's figures).

The sample is drawn as a scanner would store it (:mod:`scanlike`: 200 dpi, skewed,
noisy, JPEG), read with OCR, and scored as :mod:`score_structure` scores a PDF:

* paragraphs of the truth matched by one extracted paragraph (target >= 0.95);
* footnotes found (target >= 0.95) and footnote text left in the body (target 0);
* strength/gap right on the domain-chapter paragraphs (target >= 0.97; an unmatched
  paragraph counts as wrong in ``assessment_right_share``, unlike score_structure's
  ``wrong_assessment``, which counts matched paragraphs only);
* table rows: the legislation table's rows found as ``table_row`` (truth: 40);
* citations in prose (paragraphs, list items): precision and recall of the
  (page, act type, number, year) keys against the born-digital run of the sample.

With ``--show N`` the truth's footnotes not found (with the closest extracted note)
and those left in body paragraphs are printed too. ``--reuse-ocr`` keeps each page's
OCR words in ``--keep`` and reads them back on the next run (for work on the layout
rules after OCR; delete the cache when the OCR itself changes).

Usage: ``python bench/score_scanned.py [--pages 7-13] [--show N] [--keep DIR] [--reuse-ocr]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import score_structure  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402
from scanlike import page_range, scanner_scan  # noqa: E402
from score_structure import SHARED, norm  # noqa: E402

from pipeline.layout import ocr  # noqa: E402
from pipeline.layout import extract_layout  # noqa: E402
from pipeline.models import DocumentInfo  # noqa: E402
from pipeline.structure import build_document  # noqa: E402

SAMPLE = SHARED / "corpus" / "mgi-kyrgyzstan-2022-ru.pdf"
TRUTH = SHARED / "corpus" / "mgi-kyrgyzstan-2022-ru.truth.json"
PROSE_KINDS = {"paragraph", "list_item"}
#: A table row of the truth is found when an extracted row's cells match this well (ratio).
ROW_MATCH = 90.0
WORKERS = 2


def _cached_ocr_page(cache_dir: Path, page, lang):
    """``ocr.ocr_page`` with its words kept per page in ``cache_dir`` (pickles)."""
    import pickle

    path = cache_dir / f"ocr-p{page.page_number:03d}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    words = ocr.ocr_page(page, lang)
    path.write_bytes(pickle.dumps(words))
    return words


def _cached_ocr(cache_dir: Path):
    import functools

    return functools.partial(_cached_ocr_page, cache_dir)


def _document(pdf: Path, use_ocr: bool, ocr_fn=None):
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    layout = extract_layout(pdf, ocr=(ocr_fn or ocr.ocr_page) if use_ocr else None, workers=WORKERS, lang="ru")
    return build_document(layout, DocumentInfo(doc_id=sha[:16], file=pdf.name, sha256=sha)), layout


def _citation_keys(result, page_map: dict[int, int] | None = None) -> set[tuple]:
    from pipeline.citations import extract_citations

    cits, _ = extract_citations(result.paragraphs, result.document.doc_id, "ru")
    keys = set()
    for c in cits:
        if c["paragraph_kind"] in PROSE_KINDS:
            page = page_map.get(c["page"], c["page"]) if page_map else c["page"]
            keys.add((page, c.get("act_type"), c.get("number"), c.get("year")))
    return keys


def table_figures(paras, truth: dict) -> dict:
    """Rows of the truth's tables found as table rows (cells joined, fuzzy-matched)."""
    want = [" | ".join(norm(c) for c in row if c) for t in truth["blocks"] if t["kind"] == "table"
            for row in t["rows"]]
    got = [" | ".join(norm(c) for c in (p.cells or []) if c) for p in paras if p.kind == "table_row"]
    found = sum(1 for w in want if any(fuzz.ratio(w, g) >= ROW_MATCH for g in got))
    return {"table_rows_truth": len(want), "table_rows_extracted": len(got), "table_rows_found": found}


def assessment_right(paras, truth: dict) -> float:
    """Share of the truth's domain-chapter paragraphs matched with the right strength/gap.

    Stricter than score_structure's ``wrong_assessment``: a paragraph not matched
    (split, merged, misread) counts as wrong too.
    """
    from rapidfuzz import process

    body = [p for p in paras if p.kind in score_structure.BODY_KINDS | {"heading", "bibliography_entry"}]
    texts = [norm(p.text) for p in body]
    want = [tb for tb in truth["blocks"] if tb["kind"] in score_structure.BODY_KINDS and tb.get("domain") is not None]
    right = 0
    for tb in want:
        hit = process.extractOne(norm(tb["text"]), texts, scorer=fuzz.ratio)
        if hit and hit[1] >= score_structure.MATCH and body[hit[2]].assessment == tb.get("assessment"):
            right += 1
    return round(right / max(1, len(want)), 4)


def show_footnotes(paras, truth: dict, show: int) -> None:
    """Print the truth's footnotes not found (closest extracted note) and those left in the body."""
    from rapidfuzz import process

    notes = [p for p in paras if p.kind == "footnote"]
    texts = [norm(p.text) for p in notes]
    body = [p for p in paras if p.kind in score_structure.BODY_KINDS]
    shown = 0
    for tn in (b for b in truth["blocks"] if b["kind"] == "footnote"):
        want = norm(tn["text"])
        hit = process.extractOne(want, texts, scorer=fuzz.ratio) if texts else None
        if not hit or hit[1] < score_structure.MATCH:
            got = notes[hit[2]] if hit else None
            print("NOTE MISSED", tn.get("pdf_page", tn["page"]), tn["number"], want[:80])
            if got is not None:
                print("   closest", got.page, got.footnote_number, round(hit[1]), hit[0][:80])
            shown += 1
        for p in body:
            if len(tn["text"]) > 25 and want[:60] in norm(p.text):
                print("NOTE IN BODY", tn.get("pdf_page", tn["page"]), tn["number"], "->", p.page, p.kind,
                      norm(p.text)[:100])
        if shown >= show:
            break


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=page_range, default=None, help="sample pages to scan (default: all)")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--keep", type=Path, default=Path("/tmp/score_scanned"))
    ap.add_argument("--no-citations", action="store_true")
    ap.add_argument("--reuse-ocr", action="store_true", help="keep/reuse each page's OCR words in --keep")
    args = ap.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    tag = f"{args.pages[0]}-{args.pages[-1]}" if args.pages else "all"
    scan = args.keep / f"scan-{tag}.pdf"
    if not scan.exists():
        scanner_scan(SAMPLE, args.pages, scan)
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    if args.pages:  # keep only the truth of the scanned pages, renumbered
        pmap = {p: i + 1 for i, p in enumerate(args.pages)}
        truth["blocks"] = [dict(b, page=pmap[b.get("pdf_page", b["page"])])
                           for b in truth["blocks"] if b.get("pdf_page", b["page"]) in pmap]
        tpath = args.keep / f"truth-{tag}.json"
        tpath.write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    else:
        pmap, tpath = None, TRUTH
    t0 = time.perf_counter()
    cache: dict = {}

    def extract(pdf: Path):
        ocr_fn = None
        if args.reuse_ocr:
            (args.keep / f"ocr-{tag}").mkdir(exist_ok=True)
            ocr_fn = _cached_ocr(args.keep / f"ocr-{tag}")
        cache["doc"] = _document(pdf, True, ocr_fn)
        return cache["doc"]

    score_structure.extract = extract
    out = score_structure.score(scan, tpath, args.show)
    out["seconds_total"] = round(time.perf_counter() - t0, 1)
    result, layout = cache["doc"]
    out["ocr_pages"] = len(layout.ocr_pages)
    out["assessment_right_share"] = assessment_right(result.paragraphs, truth)
    out.update(table_figures(result.paragraphs, truth))
    if args.show:
        show_footnotes(result.paragraphs, truth, args.show)
    if not args.no_citations:
        born, _ = _document(SAMPLE, False)
        want = _citation_keys(born)
        if pmap:
            want = {(pmap[k[0]], *k[1:]) for k in want if k[0] in pmap}
        got = _citation_keys(result)
        hit = len(want & got)
        out["citations_prose_born"] = len(want)
        out["citations_prose_scan"] = len(got)
        out["citations_prose_P"] = round(hit / max(1, len(got)), 4)
        out["citations_prose_R"] = round(hit / max(1, len(want)), 4)
        if args.show:
            for k in sorted(got - want, key=str)[: args.show]:
                print("EXTRA CIT", k)
            for k in sorted(want - got, key=str)[: args.show]:
                print("MISSED CIT", k)
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
