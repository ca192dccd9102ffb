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
    trained at run time on the report's own section-labelled paragraphs. Its
    ``domain_score`` is a calibrated probability of being right
    (:mod:`pipeline.domains.calibration`, ``bench/calibrate_domains.py``); below
    :data:`REVIEW_BELOW` (0.7) the label is kept and flagged (``review=True``);
    below the blend threshold ``MIN_SCORE`` the paragraph keeps no domain and is
    flagged. ``domain_evidence`` says which sentence ([start, end] offsets into
    the text) and which lexicon terms decided. A short paragraph (fewer than
    :data:`SHORT_LEMMAS` content words) leans on the other paragraphs of its section.
    Paragraphs about the MGI itself get an honest "none" (``domain=None``,
    ``domain_source="content"``): those of the objective, introduction,
    framework and process sections (:data:`METHOD_ROLES`, ``review=False``), and
    elsewhere those whose words are mostly about the assessment (flagged).
``summary-link``
    Key findings printed as one paragraph per domain with the domains' names as
    labels beside them (decorations such as "ПРАВА МИГРАНТОВ СТРАНИЦА 15"), score
    1.0. (Subheadings naming a domain are ``summary_domain`` sections: ``section``.)
``footnote``
    A footnote explains the sentence that references it, so it takes that
    paragraph's domain and assessment rather than its own (often two-line) text's.

Every paragraph with a domain also gets ``sub_area`` (an id of
``pipeline/data/domains/subareas/<lang>.yaml``, within its domain) and
``sub_area_score`` (:func:`assign_subareas`).

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
import re
from typing import Iterable

import numpy as np

from pipeline.domains.calibration import Calibration, load_calibration
from pipeline.domains.classifier import (
    MIN_SCORE,
    REVIEW_BELOW,
    CentroidModel,
    DomainClassifier,
    DomainPrediction,
    LexiconCentroidClassifier,
    LexiconClassifier,
)
from pipeline.domains.lexicon import Lexicon, Lemmatizer, available_languages, load_lexicon
from pipeline.domains.subareas import Taxonomy, load_taxonomy
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
    "REVIEW_BELOW",
    "Calibration",
    "load_calibration",
    "NO_DOMAIN_KINDS",
    "CONTENT_KINDS",
    "METHOD_ROLES",
    "Taxonomy",
    "load_taxonomy",
    "assign_subareas",
]

log = logging.getLogger(__name__)

#: Kinds that never carry a domain of their own.
NO_DOMAIN_KINDS = frozenset({"heading", "furniture", "bibliography_entry", "table_row", "decoration",
                             "contents_entry"})
#: Kinds whose text is classified when no section label applies.
CONTENT_KINDS = frozenset({"paragraph", "list_item", "box", "sidebar"})
#: Section roles whose domain (and assessment) paragraphs inherit.
DOMAIN_ROLES = frozenset({"domain_chapter", "strength", "gap", "summary_domain"})
#: Section roles (pipeline/structure.py) about the MGI itself: its objective, the
#: introduction, the conceptual framework (MiGOF), the MGI process. Their
#: paragraphs get an honest "no domain" (``domain_source="content"``,
#: ``domain=None``) instead of a forced one: they name the domains in passing
#: (the MiGOF principles list all six) without saying anything about one.
METHOD_ROLES = frozenset({"objective", "introduction", "framework", "process"})
#: Confidence of that "none" (the section role is strong evidence, not proof). A
#: classifier whose threshold is stricter than this flags those paragraphs too.
METHOD_SECTION_SCORE = 0.95
#: Outside those sections, a paragraph whose method-term hits (MGI, MiGOF, report,
#: indicators … ``method_terms`` of the sub-area file) reach ``METHOD_MIN`` and at
#: least ``METHOD_RATIO`` times its domain-lexicon hits is about the assessment
#: itself ("The MGI assessment consists of about 90 indicators …", "This annex
#: summarises …"): no domain, flagged for review (there the section does not
#: back the "none"). On the sample this catches exactly the two such paragraphs
#: (key findings preamble, COVID annex preamble) and none of the six domain
#: descriptions of the key findings, which also speak of "indicators".
METHOD_MIN = 3.0
METHOD_RATIO = 0.5
#: Section roles of a report's summaries; their domain labels (decorations such as
#: "ПРАВА МИГРАНТОВ СТРАНИЦА 15" printed beside one paragraph per domain) link
#: paragraphs to domains (``domain_source="summary-link"``).
SUMMARY_ROLES = frozenset({"key_findings", "summary"})
#: A trailing page reference of a domain label ("… СТРАНИЦА 15", "(Page 15)").
_PAGE_REF = re.compile(r"[\s(]*(?:страница|стр\.?|page|página|pagina|p\.)\s*\d+\s*\)?\s*$", re.IGNORECASE)
#: A content paragraph with fewer content words than this leans on its section
#: (English stems keep function words, so a one-line English sentence has 9-10):
#: its own distribution weighs ``n_lemmas / SHORT_LEMMAS`` and the distribution of
#: the other paragraphs of its section (section labels one-hot, content
#: paragraphs their own blend, nearer and longer ones weighing more) the rest.
SHORT_LEMMAS = 8


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
    for p in paragraphs:
        p.domain_evidence = None
        if p.domain_source == "summary-link":
            _clear(p)  # relinked below: the links depend only on this run's input
    _link_summary_labels(paragraphs, sections, lang)
    targets = [p for p in paragraphs
               if p.domain_source not in ("section", "summary-link") and p.kind in CONTENT_KINDS]
    footnotes = [p for p in paragraphs if p.domain_source != "section" and p.kind == "footnote"]
    referrer = _referrers(paragraphs)
    orphans = [f for f in footnotes if referrer.get(f.paragraph_id) not in by_id]

    method_section = _method_sections(sections)
    min_score = float(getattr(classifier, "min_score", MIN_SCORE)) if classifier is not None else MIN_SCORE
    for p in [p for p in targets if p.section_id in method_section]:
        _honest_none(p, METHOD_SECTION_SCORE, review=METHOD_SECTION_SCORE < min_score)
    targets = [p for p in targets if p.section_id not in method_section]

    to_classify = targets + orphans
    if to_classify:
        if classifier is None:
            classifier = default_classifier(lang)
        if classifier is None:
            preds = [DomainPrediction(None, 0.0, review=True) for _ in to_classify]
        else:
            classifier.fit([p.text for p in train], [int(p.domain) for p in train])
            preds = classifier.predict([p.text for p in to_classify])
            preds = _lean_on_neighbours(to_classify, preds, paragraphs, classifier)
        for p, pred in zip(to_classify, preds):
            p.domain = pred.domain
            p.domain_source = "content" if pred.domain else None
            p.domain_score = float(pred.score)
            p.review = bool(pred.review or pred.domain is None)
            p.assessment = None  # strength/gap is only ever said by the section tree
            p.domain_evidence = getattr(pred, "evidence", None) if pred.domain else None
        _about_the_assessment(to_classify, lang, classifier)

    for f in footnotes:
        src = by_id.get(referrer.get(f.paragraph_id, ""))
        if src is None:
            continue
        if src.kind in NO_DOMAIN_KINDS:
            _clear(f)  # a note on a heading or a table row is reference matter, like its anchor
            continue
        if _is_honest_none(src):  # a note on a paragraph about the MGI itself: none, like its anchor
            _honest_none(f, src.domain_score, src.review)
            f.domain_source = "footnote"
            continue
        f.domain = src.domain
        f.assessment = src.assessment if src.domain else None
        f.domain_source = "footnote" if src.domain else None
        f.domain_score = src.domain_score if src.domain_score is not None else (1.0 if src.domain else 0.0)
        f.review = bool(src.review) or src.domain is None

    assign_subareas(paragraphs, lang, referrer)


def assign_subareas(paragraphs: list[Paragraph], lang: str, referrer: dict[str, str] | None = None) -> None:
    """Give every paragraph with a domain its MGI sub-area and score, in place.

    The sub-area is chosen among the domain's sub-areas of the language's taxonomy
    (:mod:`pipeline.domains.subareas`); footnotes that took their domain from the
    referencing paragraph take its sub-area too. Without a domain (or a taxonomy)
    ``sub_area`` and ``sub_area_score`` are None.
    """
    try:
        tax = load_taxonomy(lang)
    except FileNotFoundError:
        tax = None
    by_id = {p.paragraph_id: p for p in paragraphs}
    referrer = _referrers(paragraphs) if referrer is None else referrer
    for p in paragraphs:
        p.sub_area = p.sub_area_score = None
        if p.domain and tax is not None and p.domain_source != "footnote":
            p.sub_area, p.sub_area_score = tax.classify(p.text, int(p.domain))
            if p.sub_area is None:
                p.sub_area_score = None
    for p in paragraphs:
        if p.domain_source == "footnote" and p.domain:
            src = by_id.get(referrer.get(p.paragraph_id, ""))
            if src is not None and src.domain == p.domain:
                p.sub_area, p.sub_area_score = src.sub_area, src.sub_area_score


def _link_summary_labels(paragraphs: list[Paragraph], sections: list[Section], lang: str) -> None:
    """Key findings that print one paragraph per domain with the domain's name as a
    label (a decoration or furniture block, not a heading) take that domain.

    The labels come either all after the paragraphs (the sample: six domain
    descriptions, then six labels "ПРАВА МИГРАНТОВ СТРАНИЦА 15" … in the same
    order) or each before its paragraph. Only a complete pairing links: k ≥ 2
    labels of distinct domains, each directly followed by its paragraph, or a
    block of all six labels directly after six paragraphs (with one label lost,
    pairing by position would shift every domain).
    Subheadings naming a domain are headings: the structure stage makes them
    ``summary_domain`` sections, whose paragraphs take the domain as ``section``.
    """
    from pipeline.structure.headings import heading_role

    summary = {s.section_id for s in sections if s.role in SUMMARY_ROLES}
    if not summary:
        return
    by_section: dict[str, list[Paragraph]] = {}
    for p in paragraphs:
        if p.section_id in summary:
            by_section.setdefault(p.section_id, []).append(p)
    for items in by_section.values():
        items.sort(key=lambda p: p.seq)
        seq: list[tuple[str, Paragraph, int | None]] = []
        for p in items:
            if p.kind in CONTENT_KINDS and p.domain_source != "section":
                seq.append(("text", p, None))
            elif p.kind in NO_DOMAIN_KINDS and p.kind != "heading":
                role, dom = heading_role(_PAGE_REF.sub("", p.text).strip(), lang)
                if role in ("domain_name", "summary_domain", "domain_chapter") and dom:
                    seq.append(("label", p, int(dom)))
        labels = [i for i, (k, _, _) in enumerate(seq) if k == "label"]
        doms = [seq[i][2] for i in labels]
        if len(labels) < 2 or len(set(doms)) != len(doms):
            continue
        pairs = []
        if all(i + 1 < len(seq) and seq[i + 1][0] == "text" for i in labels):  # label, paragraph, label …
            pairs = [(seq[i + 1][1], seq[i][2]) for i in labels]
        else:
            first, k = labels[0], len(labels)
            if sorted(doms) != list(range(1, 7)):
                continue  # a block of labels pairs by position only when all six are there
            before = seq[first - k:first] if first >= k else []
            run = seq[first:first + k]
            if before and all(x[0] == "text" for x in before) and all(x[0] == "label" for x in run):
                pairs = [(t[1], lab[2]) for t, lab in zip(before, run)]
        for p, d in pairs:
            p.domain, p.domain_source, p.domain_score = d, "summary-link", 1.0
            p.assessment, p.review, p.domain_evidence = None, False, None


def _lean_on_neighbours(targets: list[Paragraph], preds: list[DomainPrediction],
                        paragraphs: list[Paragraph], classifier) -> list[DomainPrediction]:
    """Short paragraphs take the domain distribution of their section into account.

    A paragraph of ``n`` content words (``0 < n < SHORT_LEMMAS``) is decided on
    ``w · own + (1 - w) · section`` with ``w = n / SHORT_LEMMAS``: ``section`` is the
    mean of the other paragraphs of its section, one-hot for section labels and
    the blended distribution (of their own text) for content paragraphs given a
    domain, weighted by 1 / (1 + distance in reading order) and, for content
    paragraphs, by their own length share. Without such neighbours, or with a
    classifier that cannot re-decide a distribution, nothing changes.
    """
    decide = getattr(classifier, "decide", None)
    if decide is None:
        return preds
    from pipeline.domains.lexicon import DOMAINS

    pred_of = {p.paragraph_id: pr for p, pr in zip(targets, preds)}
    by_section: dict[str | None, list[Paragraph]] = {}
    for p in paragraphs:
        if p.kind in CONTENT_KINDS:
            by_section.setdefault(p.section_id, []).append(p)
    out = list(preds)
    for i, (p, pred) in enumerate(zip(targets, preds)):
        n = getattr(pred, "n_lemmas", None)
        if n is None or n <= 0 or n >= SHORT_LEMMAS or p.section_id is None:
            continue
        prior, total = np.zeros(len(DOMAINS)), 0.0
        for q in by_section.get(p.section_id, ()):
            if q is p:
                continue
            if q.domain_source in ("section", "summary-link") and q.domain:
                dist = np.eye(len(DOMAINS))[int(q.domain) - 1]
            else:
                qp = pred_of.get(q.paragraph_id)
                if qp is None or not qp.domain or not qp.scores:
                    continue
                dist = np.array([qp.scores.get(d, 0.0) for d in DOMAINS])
            w = 1.0 / (1.0 + abs(q.seq - p.seq))
            if q.domain_source not in ("section", "summary-link"):
                w *= min(1.0, (qp.n_lemmas or 0) / SHORT_LEMMAS)  # short neighbours say little
            prior += w * dist
            total += w
        if not total:
            continue
        own = np.array([pred.scores.get(d, 0.0) for d in DOMAINS]) if any(pred.scores.values()) \
            else np.full(len(DOMAINS), 1.0 / len(DOMAINS))
        weight = n / SHORT_LEMMAS
        new = decide(weight * own + (1 - weight) * prior / total)
        new.n_lemmas = n
        if new.domain:
            ev = classifier.evidence(p.text, new.domain) if hasattr(classifier, "evidence") else {}
            new.evidence = dict(ev or {}, neighbours=round(1 - weight, 4))
        out[i] = new
    return out


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


def _honest_none(p: Paragraph, score: float | None, review: bool = False) -> None:
    """No domain, decided (``domain_source="content"``): the paragraph is about the MGI itself."""
    p.domain_evidence = None
    p.domain = None
    p.domain_source = "content"
    p.domain_score = score
    p.assessment = None
    p.review = bool(review)


def _is_honest_none(p: Paragraph) -> bool:
    return p.domain is None and p.domain_source == "content"


def _method_sections(sections: list[Section]) -> set[str]:
    """Ids of the sections under a :data:`METHOD_ROLES` section (and no domain section)."""
    by_id = {s.section_id: s for s in sections}
    out = set()
    for s in sections:
        sid, seen = s.section_id, set()
        while sid in by_id and sid not in seen:
            seen.add(sid)
            cur = by_id[sid]
            if cur.role in DOMAIN_ROLES or cur.domain:
                break
            if cur.role in METHOD_ROLES:
                out.add(s.section_id)
                break
            sid = cur.parent_id
    return out


def _about_the_assessment(paragraphs: list[Paragraph], lang: str, classifier) -> None:
    """Turn content labels of paragraphs about the assessment itself into a flagged none."""
    try:
        tax = load_taxonomy(lang)
        lexicon = getattr(classifier, "lexicon", None) or load_lexicon(lang)
    except FileNotFoundError:
        return
    for p in paragraphs:
        if p.kind == "footnote":
            continue
        lemmas = tax.lemmatizer.lemmas(p.text)
        method = tax.method_score(lemmas)
        if method < METHOD_MIN:
            continue
        domain_hits = sum(lexicon.score(lemmas).values())
        if method >= METHOD_RATIO * domain_hits:
            _honest_none(p, round(method / (method + domain_hits + 1.0), 4), review=True)


def _clear(p: Paragraph) -> None:
    p.domain_evidence = None
    p.domain = None
    p.domain_source = None
    p.domain_score = None
    p.assessment = None
    p.review = False
    p.sub_area = None
    p.sub_area_score = None


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
