"""Citations in Spanish, French and Portuguese, and international instruments with one
act id in every language.

* ``tests/data/citations/{es,fr,pt}.yaml``: labelled cases in the format of
  ``cases.yaml`` (plus ``date`` and, for instruments, ``act_id``); ``xfail`` marks a
  known miss, labelled with what is right;
* ``tests/data/citations/instruments.yaml``: one instrument named in several
  languages resolves to the same id;
* a language without citation data is named in a warning, never read in silence.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml

from citation_check import check_case
from pipeline.citations import cite_text
from pipeline.citations.instruments import instruments

DATA = Path(__file__).parent / "data" / "citations"
LANGS = ("es", "fr", "pt")
CASES = {lang: yaml.safe_load((DATA / f"{lang}.yaml").read_text(encoding="utf-8"))[lang] for lang in LANGS}
INSTRUMENT_CASES = yaml.safe_load((DATA / "instruments.yaml").read_text(encoding="utf-8"))


def _param(lang, i, case):
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
    return pytest.param(lang, case, id=f"{lang}-{i:03d}-{'neg' if not case['mentions'] else 'pos'}", marks=marks)


PARAMS = [_param(lang, i, c) for lang in LANGS for i, c in enumerate(CASES[lang])]


@pytest.mark.parametrize("lang", LANGS)
def test_case_file_size(lang):
    cases = CASES[lang]
    assert len(cases) >= 60
    assert len([c for c in cases if not c["mentions"]]) * 3 >= len(cases)


@pytest.mark.parametrize("lang,case", PARAMS)
def test_case(lang, case):
    check_case(case, lang)


@pytest.mark.parametrize("case", INSTRUMENT_CASES, ids=lambda c: f"{c['lang']}-{c['ids'][0]}")
def test_instrument_same_id_in_every_language(case):
    got = cite_text(case["text"], lang=case["lang"])
    assert [g["act_id"] for g in got] == case["ids"]
    assert all(g["resolution"] == "instrument" for g in got)


def test_every_instrument_language_is_covered():
    ids = {c["ids"][0] for c in INSTRUMENT_CASES if len(c["ids"]) == 1} | {i for c in INSTRUMENT_CASES for i in c["ids"]}
    known = {i.id for i in instruments()[0]}
    assert ids <= known
    for inst_id in ("intl-treaty-refugees-1951", "intl-treaty-icrmw-1990", "intl-framework-gcm-2018"):
        langs = {c["lang"] for c in INSTRUMENT_CASES if inst_id in c["ids"]}
        assert langs >= {"en", "es", "fr", "pt"}, inst_id


def test_auto_detects_romance_languages():
    assert cite_text("La Ley N° 25.871 de Migraciones (2004) reconoce el derecho a migrar de las personas.")[0]["number"] == "25.871"
    assert cite_text("Le décret n° 2011-1044 du 5 septembre 2011 est entré en vigueur pour les étrangers.")[0]["date"] == "2011-09-05"
    assert cite_text("A Lei n.º 23/2007, de 4 de julho, aprova o regime jurídico de entrada dos estrangeiros.")[0]["date"] == "2007-07-04"


def test_language_without_data_is_warned(caplog):
    warnings: list[str] = []
    with caplog.at_level(logging.WARNING, logger="pipeline.citations"):
        cite_text("Il decreto legislativo n. 286 del 1998 è il testo unico.", lang="it", warnings=warnings)
    assert len(warnings) == 1 and "'it'" in warnings[0]
    assert any("'it'" in r.getMessage() for r in caplog.records)
    warnings.clear()
    cite_text("Das Aufenthaltsgesetz ist seit 2005 in Kraft und regelt die Einreise und den Aufenthalt der Ausländer.",
              warnings=warnings)
    assert len(warnings) == 1 and "'de'" in warnings[0]
    warnings.clear()
    cite_text("La Ley N° 25.871 de Migraciones reconoce el derecho a migrar.", warnings=warnings)
    assert warnings == []


def test_english_forms():
    got = cite_text("The Law on External Labour Migration No. 4 (2006) and Presidential Decree No. UP-5785 "
                    "of 20.06.2019 apply.", lang="en")
    assert [(g["surface"], g["number"], g["year"]) for g in got] == [
        ("Law on External Labour Migration No. 4 (2006)", "4", 2006),
        ("Presidential Decree No. UP-5785 of 20.06.2019", "UP-5785", 2019)]
    assert got[1]["date"] == "2019-06-20"
    got = cite_text('Law No. 4 of 13 January 2006 "On External Labour Migration" was amended.', lang="en")
    assert got[0]["number"] == "4" and got[0]["date"] == "2006-01-13"


@pytest.mark.parametrize("lang,text", [
    ("en", "Kyrgyzstan signed the EAEU Agreement on the Protection of Migrant Workers and Members of Their Families in 2019."),
    ("en", "The CIS Convention on Migrant Workers and Members of Their Families was signed in 2008."),
])
def test_regional_mention_is_no_worldwide_instrument(lang, text):
    """A mention naming a regional organisation (CIS, EAEU …) never takes the id of a
    worldwide instrument whose name it shares (here the UN migrant workers convention)."""
    got = cite_text(text, lang=lang)
    assert got and all(g["act_id"] != "intl-treaty-icrmw-1990" for g in got)
