"""Table-driven citation cases (``tests/data/citations/cases.yaml``).

Each case lists every act mention of its text with the exact surface, the act type,
the canonical number and (where the text states it) the adoption year; cases with
no mentions are negatives (look-alikes: school numbers, gazette issues, page
references, generic words). The file is data so that a scorer can reuse it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from citation_check import check_case

CASES_FILE = Path(__file__).parent / "data" / "citations" / "cases.yaml"
#: Cases written for countries and sources the sample report does not cover
#: (held-out style: other countries' MGI reports, in Russian and English).
UNSEEN_FILE = Path(__file__).parent / "data" / "citations" / "unseen.yaml"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
UNSEEN = yaml.safe_load(UNSEEN_FILE.read_text(encoding="utf-8"))
PARAMS = [
    pytest.param(lang, case, id=f"{tag}{lang}-{i:03d}-{'neg' if not case['mentions'] else 'pos'}")
    for tag, data in (("", CASES), ("unseen-", UNSEEN))
    for lang, cases in data.items()
    for i, case in enumerate(cases)
]


def test_case_file_size():
    flat = [c for cases in CASES.values() for c in cases]
    negatives = [c for c in flat if not c["mentions"]]
    assert len(flat) >= 150
    assert len(negatives) >= 40


def test_unseen_file_size():
    flat = [c for cases in UNSEEN.values() for c in cases]
    assert len(flat) >= 60
    assert len([c for c in flat if not c["mentions"]]) >= 20
    assert set(UNSEEN) == {"ru", "en"}


@pytest.mark.parametrize("lang,case", PARAMS)
def test_case(lang, case):
    check_case(case, lang)