"""The domain stage's TF-IDF model gives scikit-learn's ``TfidfVectorizer`` numbers.

The model exists so that workers need not import scikit-learn (and SciPy's statistics
package) at run time; these tests keep it equal to the library it stands in for.
"""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from pipeline.domains import load_lexicon
from pipeline.domains.tfidf import TfidfModel
from tests.conftest import CORPUS


def _sklearn(fit: list[str], apply: list[str]) -> tuple[np.ndarray, np.ndarray]:
    vec = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, min_df=1)
    return vec.fit_transform(fit).toarray(), vec.transform(apply).toarray()


def _ours(fit: list[str], apply: list[str]) -> tuple[np.ndarray, np.ndarray]:
    model = TfidfModel()
    return model.fit_transform(fit), model.transform(apply)


CASES = [
    # (fit documents, documents to transform)
    (["право мигрант", "мигрант мигрант труд", "граница виза"], ["мигрант труд", "виза виза граница"]),
    # an empty document, a document of unknown words only, repeated words (sublinear tf)
    (["a b c", "", "c c c c d"], ["", "x y z", "d d d d d d d d"]),
    # one document only: every idf is 1
    (["only one document here"], ["one here one"]),
    # a word in every document gets the smallest idf
    (["w a", "w b", "w c", "w d"], ["w", "a b w"]),
]


@pytest.mark.parametrize("fit,apply", CASES)
def test_equal_to_sklearn(fit, apply):
    want_fit, want_apply = _sklearn(fit, apply)
    got_fit, got_apply = _ours(fit, apply)
    np.testing.assert_allclose(got_fit, want_fit, rtol=0, atol=1e-12)
    np.testing.assert_allclose(got_apply, want_apply, rtol=0, atol=1e-12)


@pytest.mark.parametrize("fit,apply", CASES[:2])
def test_a_different_weighting_is_caught(fit, apply):
    """Negative control: plain term frequency (no sublinear tf) is not what we compute."""
    vec = TfidfVectorizer(analyzer=str.split, sublinear_tf=False)
    want = vec.fit_transform(fit).toarray()
    assert not np.allclose(TfidfModel().fit_transform(fit), want)


def test_equal_to_sklearn_on_the_sample_report():
    """The sample's paragraphs, lemmatised as the domain stage does, fitted and applied."""
    truth = json.loads((CORPUS / "mgi-kyrgyzstan-2022-ru.truth.json").read_text(encoding="utf-8"))
    lem = load_lexicon("ru").lemmatizer
    docs = [" ".join(lem.lemmas(b["text"])) for b in truth["blocks"] if b["kind"] == "paragraph"]
    assert len(docs) > 50
    fit, apply = docs[: len(docs) // 2], docs[len(docs) // 2:]
    want_fit, want_apply = _sklearn(fit, apply)
    got_fit, got_apply = _ours(fit, apply)
    np.testing.assert_allclose(got_fit, want_fit, rtol=0, atol=1e-12)
    np.testing.assert_allclose(got_apply, want_apply, rtol=0, atol=1e-12)


def test_domain_stage_does_not_import_sklearn():
    """Importing and running the domain stage's model leaves scikit-learn unimported."""
    import subprocess

    code = ("import sys; from pipeline.domains.classifier import CentroidModel; "
            "from pipeline.domains import load_lexicon; m = CentroidModel(load_lexicon('en')); "
            "m.fit(['border control visas', 'health care for migrants'], [6, 4]); "
            "m.similarities(['visas at the border']); print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
