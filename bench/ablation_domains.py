"""Ablation: how well does the content classifier recover the domain chapters?

Leave-one-chapter-out: for each domain chapter of a report, hide the section
labels of that chapter (body paragraphs and their footnotes), train the content
classifier on the other five chapters only (the summary subsections are hidden
too unless ``--with-summary``), let :func:`pipeline.domains.assign_domains` label
the hidden blocks, and compare with the hidden labels. Body paragraphs are
labelled by content, footnotes by inheritance from their referencing paragraph.
Prints per-chapter accuracy, the overall accuracy and the confusion matrix;
exits 1 below the target.

Then, on the sample (labels in ``tests/data/``), with every section label kept:

* **sub-area accuracy**: the sub-area of every domain-chapter paragraph against
  ``tests/data/subareas/sample.yaml``;
* **outside-chapter accuracy**: domain or none of every body paragraph outside the
  domain chapters and summary subsections against ``tests/data/domains_outside.yaml``
  (strict: the label itself, none included; lenient: the label or no domain);
* **reliability**: predicted probability (``domain_score``) against observed
  accuracy by bin on the leave-one-chapter-out predictions, before calibration
  (the raw blend) and after (the packaged map, ``bench/calibrate_domains.py``).

``--fixtures`` adds leave-one-chapter-out on the report fixtures of other
languages (``tests/fixtures/reports/*.truth.json``, chapter paragraphs labelled
by their sections).

``--legacy`` switches the "no domain" rules off (method sections and method
terms) to show the figures before them.

By default the sample's hand-checked truth is used (tests/truth_tables.py);
``--extracted DIR`` runs on real pipeline output (paragraphs/sections tables).

    .venv/bin/python bench/ablation_domains.py [--extracted extracted] [--with-summary]
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pandas as pd  # noqa: E402
import yaml  # noqa: E402

from pipeline.domains import CONTENT_KINDS, assign_domains  # noqa: E402
from pipeline.models import FootnoteRef, Paragraph, Section  # noqa: E402

TARGET = 0.93
DATA = ROOT / "tests" / "data"
LABELLED_KINDS = CONTENT_KINDS | {"footnote"}


FIXTURES = ROOT / "tests" / "fixtures" / "reports"
#: Truth roles the structure stage also uses; others come from the heading aliases.
STRUCTURE_ROLES = {"domain_chapter", "strength", "gap", "summary_domain", "introduction", "key_findings",
                   "annex", "bibliography", "objective", "framework", "process", "summary"}


def load_truth(footnote_labels: bool = True) -> tuple[list[Paragraph], list[Section], str]:
    import truth_tables as tt

    paragraphs, sections = tt.build(footnote_labels=footnote_labels)
    return paragraphs, sections, "ru"


def load_truth_file(path: Path, footnote_labels: bool = True) -> tuple[list[Paragraph], list[Section], str]:
    """Paragraphs and sections of any truth file (report fixtures), as ``tt.build`` makes the sample's."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    lang = raw["document"]["language"]
    did = Path(path).name.split(".")[0]
    sections, paragraphs = [], []
    for b in raw["blocks"]:
        if b["kind"] != "heading":
            continue
        path_ = b.get("section_path") or []
        role = b.get("role") if b.get("role") in STRUCTURE_ROLES else "other"
        sections.append(Section(did, f"s{b['id']}", f"s{path_[-1]}" if path_ else None, len(path_) + 1,
                                b.get("number"), b["text"], role, b.get("domain"), b.get("assessment"),
                                b["pdf_page"], heading_id=b["id"]))
    for seq, b in enumerate(raw["blocks"]):
        kind = {"decoration": "furniture", "table": "table_row"}.get(b["kind"], b["kind"])
        path_ = b.get("section_path") or []
        sid = f"s{b['id']}" if kind == "heading" else (f"s{path_[-1]}" if path_ else None)
        text = b.get("text") or " | ".join(" | ".join(r) for r in b.get("rows") or ())
        p = Paragraph(did, b["id"], seq, kind, b["pdf_page"], 0, 0, 0, 0, text, section_id=sid,
                      referenced_by=b.get("referenced_by"),
                      footnote_refs=[FootnoteRef(r["number"], r["offset"], 0, r.get("footnote_id"))
                                     for r in b.get("footnote_refs") or ()])
        labelled = kind in ("paragraph", "list_item") or (footnote_labels and kind == "footnote")
        if b.get("domain") and labelled:
            p.domain, p.assessment, p.domain_source, p.domain_score = b["domain"], b.get("assessment"), "section", 1.0
        paragraphs.append(p)
    return paragraphs, name_roles(sections, lang), lang


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.truth.json"))


def reliability(df: pd.DataFrame, column: str = "score", bins=(0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)) -> pd.DataFrame:
    """Predicted probability against observed accuracy by bin (content labels only)."""
    body = df[df.kind.isin(CONTENT_KINDS) & (df.source == "content") & (df.pred != 0)].copy()
    body["bin"] = pd.cut(body[column].astype(float), list(bins), right=False)
    out = body.groupby("bin", observed=True).agg(n=("ok", "size"), predicted=(column, "mean"),
                                                 observed=("ok", "mean"))
    return out.round(3)


def expected_calibration_error(df: pd.DataFrame, column: str = "score") -> float:
    t = reliability(df, column)
    return float((t.n * (t.predicted - t.observed).abs()).sum() / max(1, t.n.sum()))


def name_roles(sections: list[Section], lang: str = "ru") -> list[Section]:
    """Name the roles the truth file leaves "other" (objective, framework, process …)
    the way the structure stage does, from the heading aliases."""
    from pipeline.structure.headings import heading_role

    for s in sections:
        if s.role == "other":
            role, _ = heading_role(s.title, lang)
            if role != "other":
                s.role = role
    return sections


def subarea_labels() -> dict[str, str]:
    return yaml.safe_load((DATA / "subareas" / "sample.yaml").read_text(encoding="utf-8"))


def outside_labels() -> dict[str, int | None]:
    raw = yaml.safe_load((DATA / "domains_outside.yaml").read_text(encoding="utf-8"))
    return {pid: d for group in raw.values() for pid, d in group.items()}


def sample_assigned() -> dict[str, Paragraph]:
    """The sample's truth with section roles named, every label assigned."""
    from pipeline.domains import assign_domains

    paragraphs, sections, lang = load_truth(footnote_labels=False)
    assign_domains(paragraphs, name_roles(sections, lang), lang)
    return {p.paragraph_id: p for p in paragraphs}


def subarea_frame(assigned: dict[str, Paragraph] | None = None) -> pd.DataFrame:
    assigned = assigned or sample_assigned()
    return pd.DataFrame([dict(paragraph_id=pid, true=label, pred=assigned[pid].sub_area,
                              score=assigned[pid].sub_area_score) for pid, label in subarea_labels().items()])


def outside_frame(assigned: dict[str, Paragraph] | None = None) -> pd.DataFrame:
    assigned = assigned or sample_assigned()
    rows = []
    for pid, label in outside_labels().items():
        p = assigned[pid]
        rows.append(dict(paragraph_id=pid, true=label or 0, pred=p.domain or 0, source=p.domain_source,
                         score=p.domain_score, review=p.review))
    df = pd.DataFrame(rows)
    df["strict"] = df["true"] == df["pred"]
    df["lenient"] = df["strict"] | (df["pred"] == 0)
    return df


def calibration(df: pd.DataFrame, bands=(0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)) -> pd.DataFrame:
    """Accuracy of content predictions by score band (leave-one-chapter-out rows)."""
    body = df[df.kind.isin(CONTENT_KINDS)].copy()
    body["band"] = pd.cut(body["score"].astype(float), list(bands), right=False)
    return body.groupby("band", observed=True).agg(n=("ok", "size"), accuracy=("ok", "mean")).round(3)


def legacy() -> None:
    """Switch the "no domain" rules off (figures before them)."""
    import pipeline.domains as dom

    dom.METHOD_ROLES = frozenset()
    dom.METHOD_MIN = float("inf")


def load_extracted(out: Path) -> tuple[list[Paragraph], list[Section], str]:
    """Paragraph and Section objects of the first document in an extracted folder."""
    from pipeline.output import records

    docs = records.read_table(out, "documents")
    doc_id = docs.doc_id.iloc[0]
    lang = docs.language.iloc[0] if len(docs) and pd.notna(docs.language.iloc[0]) else "auto"
    pars = records.read_table(out, "paragraphs")
    secs = records.read_table(out, "sections")
    paragraphs = []
    for r in records.frame_records(pars[pars.doc_id == doc_id]):
        refs = json.loads(r.pop("footnote_refs") or "[]")
        cells = json.loads(r.pop("cells") or "null")
        p = Paragraph(**{k: v for k, v in r.items() if k in Paragraph.__slots__})
        p.footnote_refs = [FootnoteRef(**x) for x in refs]
        p.cells = cells
        paragraphs.append(p)
    sections = [Section(**{k: v for k, v in r.items() if k in Section.__slots__})
                for r in records.frame_records(secs[secs.doc_id == doc_id])]
    return paragraphs, sections, lang


def chapters(paragraphs: list[Paragraph], sections: list[Section]) -> dict[int, set[str]]:
    """Domain → ids of the section-labelled blocks under that domain chapter.

    A footnote belongs to the chapter of the paragraph that references it.
    """
    by_id = {s.section_id: s for s in sections}

    def chapter_of(section_id):
        seen = set()
        while section_id in by_id and section_id not in seen:
            seen.add(section_id)
            s = by_id[section_id]
            if s.role == "domain_chapter":
                return s.domain
            section_id = s.parent_id
        return None

    out: dict[int, set[str]] = {}
    for p in paragraphs:
        if p.kind in CONTENT_KINDS and p.domain_source == "section":
            d = chapter_of(p.section_id)
            if d:
                out.setdefault(int(d), set()).add(p.paragraph_id)
    inside = {pid: d for d, ids in out.items() for pid in ids}
    refs = {r.footnote_id: p.paragraph_id for p in paragraphs for r in p.footnote_refs if r.footnote_id}
    for p in paragraphs:
        src = p.referenced_by or refs.get(p.paragraph_id)
        if p.kind == "footnote" and src in inside and p.domain:
            out[inside[src]].add(p.paragraph_id)
    return out


def run(paragraphs=None, sections=None, lang="ru", with_summary: bool = False,
        calibration=None) -> pd.DataFrame:
    """One row per hidden block: id, kind, chapter, true, predicted, source, score, raw, review.

    ``raw`` is the uncalibrated blend of content labels (= ``score`` otherwise);
    ``calibration`` replaces the packaged map (``Calibration.identity()``: raw scores).
    """
    from pipeline.domains import LexiconCentroidClassifier
    if paragraphs is None:
        paragraphs, sections, lang = load_truth()
    chaps = chapters(paragraphs, sections)
    in_chapters = set().union(*chaps.values()) if chaps else set()
    truth = {p.paragraph_id: p.domain for p in paragraphs}
    rows = []
    for held_out, ids in sorted(chaps.items()):
        pars = copy.deepcopy(paragraphs)
        secs = copy.deepcopy(sections)
        hide = set(ids)
        if not with_summary:
            hide |= {p.paragraph_id for p in pars if p.domain and p.kind in LABELLED_KINDS
                     and p.paragraph_id not in in_chapters}
        for p in pars:
            if p.paragraph_id in hide or (p.kind == "footnote" and p.domain_source != "section"):
                p.domain = p.assessment = p.domain_source = p.domain_score = None
        for s in secs:  # hide the section tree's labels too, or they would be inherited
            if s.domain == held_out or (not with_summary and s.role == "summary_domain"):
                s.domain, s.assessment, s.role = None, None, "other"
        clf = LexiconCentroidClassifier(lang, calibration=calibration) if calibration is not None else None
        assign_domains(pars, secs, lang, classifier=clf)
        for p in pars:
            if p.paragraph_id in ids:
                rows.append(dict(paragraph_id=p.paragraph_id, kind=p.kind, chapter=held_out,
                                 true=truth[p.paragraph_id], pred=p.domain or 0,
                                 source=p.domain_source, score=p.domain_score, review=p.review))
    df = pd.DataFrame(rows)
    if not df.empty:
        df["ok"] = df["true"] == df["pred"]
    return df


def run_raw_and_calibrated(paragraphs=None, sections=None, lang="ru") -> pd.DataFrame:
    """:func:`run` with the packaged map, plus the raw blend of each row (``raw``)."""
    from pipeline.domains import Calibration

    cal = run(paragraphs, sections, lang)
    raw = run(paragraphs, sections, lang, calibration=Calibration.identity())
    cal["raw"] = raw["score"].values
    assert (cal["pred"].values == raw["pred"].values).all(), "calibration must not change labels"
    return cal


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extracted", type=Path, help="run on real pipeline output in this folder")
    ap.add_argument("--with-summary", action="store_true", help="keep the summary subsections' labels for training")
    ap.add_argument("--target", type=float, default=TARGET)
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--legacy", action="store_true", help="no-domain rules off (before figures)")
    ap.add_argument("--fixtures", action="store_true", help="also leave-one-chapter-out on the report fixtures")
    args = ap.parse_args(argv)
    if args.legacy:
        legacy()
    t0 = time.perf_counter()
    pars, secs, lang = load_extracted(args.extracted) if args.extracted else load_truth()
    df = run(pars, secs, lang, args.with_summary)
    elapsed = time.perf_counter() - t0
    if df.empty:
        print("no section-labelled domain chapters found")
        return 1
    from pipeline.domains import Calibration

    df["raw"] = run(pars, secs, lang, args.with_summary, calibration=Calibration.identity())["score"].values
    body = df[df.kind.isin(CONTENT_KINDS)]
    print(f"{args.extracted or 'sample truth'}: leave-one-chapter-out, training on "
          f"{'other chapters + summary' if args.with_summary else 'other chapters only'} ({elapsed:.1f} s)")
    print(df.groupby("chapter").agg(blocks=("ok", "size"), accuracy=("ok", "mean"),
                                    flagged=("review", "sum")).round(3).to_string())
    print(f"\nbody paragraphs (content): {body.ok.mean():.1%} of {len(body)}")
    print(f"all incl. footnotes (inherited): {df.ok.mean():.1%} of {len(df)}")
    print("\nconfusion matrix (rows: true domain, columns: predicted; 0 = no domain / review)")
    print(pd.crosstab(df["true"], df["pred"], rownames=["true"], colnames=["pred"]).to_string())
    if args.show_errors:
        print(df[~df.ok].to_string())
    print("\nreliability of content labels (LOCO): before calibration (raw blend)")
    print(reliability(df, "raw").to_string())
    print("after calibration (domain_score)")
    print(reliability(df, "score").to_string())
    print(f"expected calibration error: raw {expected_calibration_error(df, 'raw'):.3f}, "
          f"calibrated {expected_calibration_error(df, 'score'):.3f}")
    if args.fixtures:
        frames = []
        for f in fixture_files():
            fp, fs, fl = load_truth_file(f)
            fd = run_raw_and_calibrated(fp, fs, fl)
            fd["report"] = f.name.split(".")[0]
            frames.append(fd)
        fx = pd.concat(frames, ignore_index=True)
        print("\nreport fixtures, leave-one-chapter-out:")
        print(fx.groupby("report").agg(blocks=("ok", "size"), accuracy=("ok", "mean"),
                                       flagged=("review", "sum")).round(3).to_string())
        print("reliability on the fixtures: raw")
        print(reliability(fx, "raw").to_string())
        print("calibrated")
        print(reliability(fx, "score").to_string())
    ok = df.ok.mean() >= args.target
    print(f"\naccuracy {df.ok.mean():.1%} {'>=' if ok else '<'} target {args.target:.0%}")
    if not args.extracted:
        assigned = sample_assigned()
        sub = subarea_frame(assigned)
        sub["ok"] = sub["true"] == sub["pred"]
        print(f"\nsub-area accuracy (domain chapters): {sub.ok.mean():.1%} of {len(sub)}")
        if args.show_errors:
            print(sub[~sub.ok].to_string())
        out = outside_frame(assigned)
        print(f"outside the chapters: strict {out.strict.mean():.1%}, right or none {out.lenient.mean():.1%} "
              f"of {len(out)} (flagged {int(out.review.sum())})")
        if args.show_errors:
            print(out[~out.strict].to_string())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
