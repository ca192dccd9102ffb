"""Acts named by a common noun phrase ("the asylum law") resolve to the act they name.

The case files check what is found (``tests/data/citations/cases.yaml``); these
tests check that the lower-case phrase is keyed like the act's title, whether the
title is "Law on Asylum", "On Asylum" or "Asylum Law" (see
:mod:`pipeline.citations.common_names`).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.citations import cite_text, extract_citations


def _ids(text: str) -> dict[str, str]:
    return {r["surface"]: r["act_id"] for r in cite_text(text, lang="en")}


@pytest.mark.parametrize("text,full,short", [
    ("The Law on Asylum in the Republic of Moldova (2008) sets the procedure. The asylum law also grants "
     "humanitarian protection.", "Law on Asylum in the Republic of Moldova (2008)", "asylum law"),
    ("The asylum law grants humanitarian protection. Law No. 270 of 18 December 2008 on Asylum in the "
     "Republic of Moldova sets the procedure.",
     "Law No. 270 of 18 December 2008 on Asylum in the Republic of Moldova", "asylum law"),
    ("The Migration Law (2018) applies; the migration law also covers students.", "Migration Law (2018)",
     "migration law"),
    ("The Immigration Act 2014 applies; the immigration act requires a visa.", "Immigration Act 2014",
     "immigration act"),
    ("The Labour Code (2004) applies, and the labour code bans forced labour.", "Labour Code (2004)",
     "labour code"),
])
def test_lower_case_phrase_resolves_to_the_titled_act(text, full, short):
    ids = _ids(text)
    assert ids[short] == ids[full] and ids[full]


def test_phrases_of_different_subjects_are_different_acts():
    ids = _ids("The asylum law and the citizenship law were both amended in 2019.")
    assert ids["asylum law"] != ids["citizenship law"]


@pytest.mark.parametrize("title", ["On Asylum", "Law on Asylum", "Asylum Law"])
def test_lower_case_phrase_resolves_to_a_user_registry_act(tmp_path, title):
    path = tmp_path / "acts.csv"
    path.write_text(f"act_id,act_type,number,date,title\nmd-asylum,law,270,2008-12-18,{title}\n",
                    encoding="utf-8")
    par = SimpleNamespace(paragraph_id="p1", kind="paragraph", page=1, cells=None,
                          text="Moldova's asylum law grants complementary protection.")
    rows, _acts = extract_citations([par], "doc", "en", registry_files=[path])
    assert [(r["surface"], r["act_id"]) for r in rows] == [("asylum law", "md-asylum")]
