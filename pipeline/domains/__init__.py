"""Domain mapping: one MGI domain (1–6) or none for every paragraph.

Labels come from three sources, most trusted first (``domain_source``):

``section``
    The paragraph lies in a domain chapter or a domain's part of the summary; the
    structure stage sets these (score 1.0). They are never overridden; when the
    structure stage left a paragraph of such a section unlabelled, the label is
    inherited here from the section tree.
``content``
    Everywhere else (introduction, key findings, annexes) a classifier reads the
    text: by default :class:`~pipeline.domains.classifier.LexiconCentroidClassifier`,
    trained at run time on the report's own section-labelled paragraphs. Below
    its threshold the paragraph keeps no domain and gets ``review=True``.
``footnote``
    A footnote explains the sentence that references it, so it takes that
    paragraph's domain and assessment rather than its own (often two-line) text's.

Headings, furniture, bibliography entries and table rows get no domain: they are
navigation or reference lists, not statements about a domain.

Plugging in another classifier (anything with ``fit`` and ``predict``)::

    class Keywords:
        def fit(self, texts, domains): pass
        def predict(self, texts):
            return [DomainPrediction(6, 0.9) if "border" in t else DomainPrediction(None, 0.0, review=True)
                    for t in texts]

    assign_domains(paragraphs, sections, "en", classifier=Keywords())

A lexicon for a new language is a new file ``pipeline/data/domains/<lang>.yaml``
(same keys as ``en.yaml``); no engine code changes.
"""

from __future__ import annotations

import logging
from typing import Iterable

from pipeline.domains.classifier import (
    MIN_SCORE,
    CentroidModel,
    DomainClassifier,
    DomainPrediction,
    LexiconCentroidClassifier,
    LexiconClassifier,
)
from pipeline.domains.lexicon import Lexicon, Lemmatizer, available_languages, load_lexicon
from pipeline.models import Paragraph, Section

__all__ = [
    "assign_domains",
    "default_classifier",
    "DomainClassifier",
    "DomainPrediction",
    "LexiconCentroidClassifier",
    "LexiconClassifier",
    "CentroidModel",
    "Lexicon",
    "Lemmatizer",
    "load_lexicon",
    "available_languages",
    "MIN_SCORE",
    "NO_DOMAIN_KINDS",
    "CONTENT_KINDS",
]

log = logging.getLogger(__name__)

#: Kinds that never carry a domain of their own.
NO_DOMAIN_KINDS = frozenset({"heading", "furniture", "bibliography_entry", "table_row", "decoration",
                             "contents_entry"})
#: Kinds whose text is classified when no section label applies.
CONTENT_KINDS = frozenset({"paragraph", "list_item", "box", "sidebar"})
#: Section roles whose domain (and assessment) paragraphs inherit.
DOMAIN_ROLES = frozenset({"domain_chapter", "strength", "gap", "summary_domain"})


def assign_domains(paragraphs: list[Paragraph], sections: list[Section], lang: str,
                   classifier: DomainClassifier | None = None) -> None:
    """Give every paragraph a domain label, a source and a score, in place.

    Args:
        paragraphs: One document's paragraphs in reading order.
        sections: That document's section tree.
        lang: ``ru``, ``en``, ``es``, ``fr``, ``pt`` … (``auto`` guesses from the text).
        classifier: Any :class:`DomainClassifier`; default: lexicon + centroid
            model of ``lang``. It is fitted here on the section-labelled text.

    Mutates paragraphs; leaves ``domain_source == "section"`` labels untouched.
    """
    if lang in (None, "", "auto"):
        lang = guess_language(p.text for p in paragraphs)
    by_id = {p.paragraph_id: p for p in paragraphs}
    _inherit_from_sections(paragraphs, sections)

    for p in paragraphs:
        if p.domain_source != "section" and p.kind in NO_DOMAIN_KINDS:
            _clear(p)

    train = [p for p in paragraphs
             if p.domain_source == "section" and p.domain and p.kind in CONTENT_KINDS | {"footnote"}]
    targets = [p for p in paragraphs if p.domain_source != "section" and p.kind in CONTENT_KINDS]
    footnotes = [p for p in paragraphs if p.domain_source != "section" and p.kind == "footnote"]
    referrer = _referrers(paragraphs)
    orphans = [f for f in footnotes if referrer.get(f.paragraph_id) not in by_id]

    to_classify = targets + orphans
    if to_classify:
        if classifier is None:
            classifier = default_classifier(lang)
        if classifier is None:
            preds = [DomainPrediction(None, 0.0, review=True) for _ in to_classify]
        else:
            classifier.fit([p.text for p in train], [int(p.domain) for p in train])
            preds = classifier.predict([p.text for p in to_classify])
        for p, pred in zip(to_classify, preds):
            p.domain = pred.domain
            p.domain_source = "content" if pred.domain else None
            p.domain_score = float(pred.score)
            p.review = bool(pred.review or pred.domain is None)
            p.assessment = None  # strength/gap is only ever said by the section tree

    for f in footnotes:
        src = by_id.get(referrer.get(f.paragraph_id, ""))
        if src is None:
            continue
        if src.kind in NO_DOMAIN_KINDS:
            _clear(f)  # a note on a heading or a table row is reference matter, like its anchor
            continue
        f.domain = src.domain
        f.assessment = src.assessment if src.domain else None
        f.domain_source = "footnote" if src.domain else None
        f.domain_score = src.domain_score if src.domain_score is not None else (1.0 if src.domain else 0.0)
        f.review = bool(src.review) or src.domain is None


def default_classifier(lang: str) -> DomainClassifier | None:
    """The packaged classifier for ``lang``, or None when there is no lexicon for it."""
    try:
        return LexiconCentroidClassifier(lang)
    except FileNotFoundError:
        log.warning("no domain lexicon for language %r: content paragraphs are flagged for review", lang)
        return None


def guess_language(texts: Iterable[str]) -> str:
    """The language of ``texts`` for ``--lang auto`` (:func:`pipeline.lexicon.detect_language`)."""
    from pipeline.lexicon import LANGUAGE_SAMPLE, detect_language

    sample, size = [], 0
    for t in texts:
        sample.append(t)
        size += len(t)
        if size >= LANGUAGE_SAMPLE:
            break
    return detect_language(" ".join(sample))


def _clear(p: Paragraph) -> None:
    p.domain = None
    p.domain_source = None
    p.domain_score = None
    p.assessment = None
    p.review = False


def _referrers(paragraphs: list[Paragraph]) -> dict[str, str]:
    """Footnote id → id of the paragraph that references it.

    ``referenced_by`` on the footnote wins; the ``footnote_refs`` of body
    paragraphs fill the gaps (either side may be the only one the structure
    stage managed to link).
    """
    out: dict[str, str] = {}
    for p in paragraphs:
        for ref in p.footnote_refs or ():
            fid = ref.footnote_id if not isinstance(ref, dict) else ref.get("footnote_id")
            if fid:
                out.setdefault(fid, p.paragraph_id)
    for p in paragraphs:
        if p.kind == "footnote" and p.referenced_by:
            out[p.paragraph_id] = p.referenced_by
    return out


def _inherit_from_sections(paragraphs: list[Paragraph], sections: list[Section]) -> None:
    """Label body paragraphs of domain sections the structure stage left unlabelled.

    Footnotes are skipped: their section is where they are printed, not what they
    annotate, so they follow their referencing paragraph instead.
    """
    by_id = {s.section_id: s for s in sections}

    def label(section_id: str | None) -> tuple[int | None, str | None]:
        domain = assessment = None
        seen = set()
        while section_id and section_id in by_id and section_id not in seen:
            seen.add(section_id)
            s = by_id[section_id]
            if s.role in DOMAIN_ROLES or s.domain:
                domain = domain or s.domain
                assessment = assessment or s.assessment
            section_id = s.parent_id
        return domain, assessment

    for p in paragraphs:
        if p.domain_source == "section" or p.kind not in CONTENT_KINDS:
            continue
        domain, assessment = label(p.section_id)
        if domain:
            p.domain, p.assessment = domain, assessment
            p.domain_source, p.domain_score, p.review = "section", 1.0, False
