"""Score layout + structure against a truth file (blocks in reading order).

Usage: python bench/score_structure.py [PDF] [TRUTH] [--show N]

Figures printed (the foundation issue's acceptance criteria):
  - paragraphs/list items of the truth matched by one extracted paragraph at
    rapidfuzz ratio ≥ 95 on normalised text (target ≥ 97 %);
  - footnotes found and linked; footnote text inside body paragraphs;
  - footnote markers glued to words; running headers / page numbers in body text;
  - domain and strength/gap of every paragraph of the domain chapters.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.layout.extract import extract_layout  # noqa: E402
from pipeline.models import DocumentInfo  # noqa: E402
from pipeline.structure.build import build_document  # noqa: E402

SHARED = next(p for p in (ROOT.parent / "shared", Path("/work/shared")) if p.exists())
MATCH = 95.0
BODY_KINDS = {"paragraph", "list_item"}


def norm(text: str) -> str:
    text = text.lower().replace("ё", "е").replace("\u00ad", "")
    text = re.sub(r"[«»“”\"„']", '"', text)
    text = re.sub(r"[–—‑]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def extract(pdf: Path):
    data = pdf.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    info = DocumentInfo(doc_id=sha[:16], file=pdf.name, sha256=sha)
    layout = extract_layout(pdf)
    return build_document(layout, info), layout


def score(pdf: Path, truth_path: Path, show: int = 0) -> dict:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    result, layout = extract(pdf)
    secs = time.perf_counter() - t0
    paras = result.paragraphs
    body = [p for p in paras if p.kind in BODY_KINDS | {"heading", "bibliography_entry", "box", "sidebar"}]
    body_texts = [norm(p.text) for p in body]
    tblocks = [b for b in truth["blocks"] if b["kind"] in BODY_KINDS]
    matched, misses, wrong_domain, wrong_assessment = 0, [], [], []
    for tb in tblocks:
        t = norm(tb["text"])
        hit = process.extractOne(t, body_texts, scorer=fuzz.ratio)
        if hit and hit[1] >= MATCH:
            matched += 1
            p = body[hit[2]]
            if tb.get("domain") is not None or p.domain_source == "section":
                if p.domain != tb.get("domain"):
                    wrong_domain.append((tb["id"], tb.get("domain"), p.domain, t[:60]))
                if p.assessment != tb.get("assessment"):
                    wrong_assessment.append((tb["id"], tb.get("assessment"), p.assessment, t[:60]))
        else:
            misses.append((tb["id"], tb["kind"], hit[1] if hit else 0, t[:90], hit[0][:90] if hit else ""))
    tnotes = [b for b in truth["blocks"] if b["kind"] == "footnote"]
    notes = [p for p in paras if p.kind == "footnote"]
    note_texts = [norm(p.text) for p in notes]
    notes_found = notes_linked = 0
    for tn in tnotes:
        hit = process.extractOne(norm(tn["text"]), note_texts, scorer=fuzz.ratio)
        if hit and hit[1] >= MATCH:
            notes_found += 1
            n = notes[hit[2]]
            if n.referenced_by and n.footnote_number == tn["number"]:
                notes_linked += 1
    body_paras = [p for p in paras if p.kind in BODY_KINDS]
    note_in_body = sum(
        1 for tn in tnotes for p in body_paras if len(tn["text"]) > 25 and norm(tn["text"])[:60] in norm(p.text)
    )
    glued = [p.text[m.start() - 10: m.end() + 5] for p in body_paras
             for m in re.finditer(r"[а-яa-z]{3,}\d{1,2}\b(?![.,]\d)", p.text)]
    furniture_texts = {norm(f.text) for f in layout.furniture if len(f.text) > 8}
    furniture_in_body = sum(1 for p in body_paras for f in furniture_texts if f in norm(p.text))
    domain_paras = [tb for tb in tblocks if tb.get("domain") is not None]
    design = design_figures(truth, paras)
    out = {
        "pdf": pdf.name,
        "seconds": round(secs, 2),
        "truth_paragraphs": len(tblocks),
        "matched": matched,
        "matched_share": round(matched / len(tblocks), 4),
        "footnotes_truth": len(tnotes),
        "footnotes_found": notes_found,
        "footnotes_linked": notes_linked,
        "footnotes_extracted": len(notes),
        "footnote_text_in_body": note_in_body,
        "glued_markers": len(glued),
        "furniture_in_body": furniture_in_body,
        "domain_paragraphs": len(domain_paras),
        "wrong_domain": len(wrong_domain),
        "wrong_assessment": len(wrong_assessment),
        **design,
    }
    if show:
        for m in misses[:show]:
            print("MISS", m)
        for w in (wrong_domain + wrong_assessment)[:show]:
            print("WRONG", w)
        for g in glued[:show]:
            print("GLUED", g)
    return out


def _same_case_heading(block: dict, paras, truth: dict) -> bool:
    """More headings on the block's page with its exact text than the truth has (case
    kept: a tab "INTRODUCTION" is not the chapter heading "Introduction" on its page;
    a decoration repeating a real heading of its page is counted only once too many)."""
    page = block.get("pdf_page", block["page"])

    def same(text: str) -> bool:
        return fuzz.ratio(re.sub(r"\s+", " ", text).strip(), re.sub(r"\s+", " ", block["text"]).strip()) >= MATCH

    got = sum(1 for p in paras if p.kind == "heading" and p.page == page and same(p.text))
    real = sum(1 for b in truth["blocks"] if b["kind"] == "heading" and b.get("pdf_page", b["page"]) == page
               and same(b["text"]))
    return got > real


def design_figures(truth: dict, paras) -> dict:
    """Figures for designed pages: boxes found, decoration/sidebar/contents kept out of the body.

    A decoration or sidebar text "read as a heading" matches an extracted heading; "in the
    body" begins or ends a longer extracted paragraph. A contents entry "in the body"
    matches a paragraph, list item or heading of its page.
    """
    out: dict[str, int] = {}
    heads = [(p.page, norm(p.text)) for p in paras if p.kind == "heading"]
    body = [(p.page, norm(p.text)) for p in paras if p.kind in BODY_KINDS]
    for kind in ("box", "sidebar", "decoration", "contents_entry"):
        blocks = [b for b in truth["blocks"] if b["kind"] == kind]
        if not blocks:
            continue
        out[f"{kind}_truth"] = len(blocks)
        if kind in ("box", "sidebar"):
            mine = [norm(p.text) for p in paras if p.kind == kind]
            out[f"{kind}_found"] = sum(1 for b in blocks if (h := process.extractOne(norm(b["text"]), mine, scorer=fuzz.ratio)) and h[1] >= MATCH)
        if kind in ("sidebar", "decoration"):
            texts = [norm(b["text"]) for b in blocks]
            out[f"{kind}_as_heading"] = sum(1 for b in blocks if _same_case_heading(b, paras, truth))
            out[f"{kind}_in_body"] = sum(
                1 for t in texts if len(t) >= 2 and any(len(p) > len(t) + 10 and (p.startswith(t + " ") or p.endswith(" " + t) or (kind == "sidebar" and len(t) > 20 and t in p)) for _, p in body))
        if kind == "contents_entry":
            pool = [(p.page, norm(p.text)) for p in paras if p.kind in BODY_KINDS | {"heading"}]
            out["contents_in_body"] = sum(
                1 for b in blocks if any(pg == b["page"] and fuzz.ratio(norm(b.get("title") or b["text"]), t) >= 90 for pg, t in pool))
            mine = [(p.text, getattr(p, "target_page", None)) for p in paras if p.kind == "contents_entry"]
            out["contents_found"] = sum(
                1 for b in blocks if any(fuzz.ratio(norm(b.get("title") or b["text"]), norm(t)) >= 90 and tp == b.get("target_page") for t, tp in mine))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf", nargs="?", default=str(SHARED / "corpus" / "mgi-kyrgyzstan-2022-ru.pdf"))
    ap.add_argument("truth", nargs="?", default=str(SHARED / "corpus" / "mgi-kyrgyzstan-2022-ru.truth.json"))
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    print(json.dumps(score(Path(args.pdf), Path(args.truth), args.show), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
