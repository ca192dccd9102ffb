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
* **calibration**: accuracy of the content classifier by score band on the
  leave-one-chapter-out predictions (what ``MIN_SCORE`` is chosen from).

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


def load_truth(footnote_labels: bool = True) -> tuple[list[Paragraph], list[Section], str]:
    import truth_tables as tt

    paragraphs, sections = tt.build(footnote_labels=footnote_labels)
    return paragraphs, sections, "ru"


def name_roles(sections: list[Section], lang: str = "ru") -> list[Section]:
    """Name the roles the truth file leaves "other" (objective, framework, process …)
    the way the structure stage does, from the heading aliases."""
    from pipeline.structure import heading_role

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
    from pipeline import records

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


def run(paragraphs=None, sections=None, lang="ru", with_summary: bool = False) -> pd.DataFrame:
    """One row per hidden block: id, kind, chapter, true, predicted, source, score, review."""
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
        assign_domains(pars, secs, lang)
        for p in pars:
            if p.paragraph_id in ids:
                rows.append(dict(paragraph_id=p.paragraph_id, kind=p.kind, chapter=held_out,
                                 true=truth[p.paragraph_id], pred=p.domain or 0,
                                 source=p.domain_source, score=p.domain_score, review=p.review))
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extracted", type=Path, help="run on real pipeline output in this folder")
    ap.add_argument("--with-summary", action="store_true", help="keep the summary subsections' labels for training")
    ap.add_argument("--target", type=float, default=TARGET)
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--legacy", action="store_true", help="no-domain rules off (before figures)")
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
    df["ok"] = df["true"] == df["pred"]
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
    print("\ncalibration: content predictions by score band (wrong or flagged = not ok)")
    print(calibration(df).to_string())
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
