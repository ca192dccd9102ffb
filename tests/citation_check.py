"""One check of a labelled citation case, shared by the case files of every language."""

from __future__ import annotations

from pipeline.citations import cite_text

#: Fields a labelled mention may state; each one stated is compared.
OPTIONAL_KEYS = ("year", "date", "act_id")


def check_case(case: dict, lang: str) -> None:
    """Every mention of ``case`` found, in order, with surface, offsets, type, number
    and whatever optional field the label states; nothing else found."""
    text = case["text"]
    got = cite_text(text, lang=lang)
    assert [g["surface"] for g in got] == [m["surface"] for m in case["mentions"]]
    for g, m in zip(got, case["mentions"]):
        assert text[g["start"]:g["end"]] == g["surface"]
        assert g["act_type"] == m["act_type"], g["surface"]
        assert g["number"] == m["number"], g["surface"]
        for key in OPTIONAL_KEYS:
            if key in m:
                assert g[key] == m[key], (g["surface"], key)
