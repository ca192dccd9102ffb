"""Resolution: variant mentions share one act, distinct acts stay apart, user
registries extend the document's registry, and ``mgi cite`` prints JSON Lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.citations import cite_text, extract_citations
from pipeline.citations.normalize import canonical_number
from pipeline.models import Paragraph

ROOT = Path(__file__).resolve().parents[1]


def _par(pid: str, text: str, kind: str = "paragraph", cells=None) -> Paragraph:
    return Paragraph(doc_id="d", paragraph_id=pid, seq=0, kind=kind, page=1, x0=0, top=0, x1=0,
                     bottom=0, text=text, cells=cells)


def _ids(text: str, lang: str = "ru") -> dict[str, str | None]:
    return {r["surface"]: r["act_id"] for r in cite_text(text, lang=lang)}


@pytest.mark.parametrize("lang,text,same", [
    ("ru", "Закон Республики Казахстан от 22 июля 2011 года № 477-IV «О миграции населения» действует. "
           "Закон «О миграции населения» изменялся, а Закона № 477-IV касаются поправки.", 3),
    ("ru", "Закон № 4 «О внешней трудовой миграции» (2006 г.) и Закон о внешней трудовой миграции (2006 г.); "
           "статья 20 Закона №4 “О внешней трудовой миграции”; Закон № 4 З «О внешней трудовой миграции».", 4),
    ("ru", "Концепция миграционной политики Кыргызской Республики на 2021-2030 гг. принята. "
           "Концепцию миграционной политики на 2021-2030 гг. реализует министерство; "
           "Концепция миграционной политики предусматривает меры.", 3),
    ("ru", "Федеральный закон от 25.07.2002 № 115-ФЗ «О правовом положении иностранных граждан в Российской "
           "Федерации» и Федерального закона № 115-ФЗ положения.", 2),
    ("ru", "Указ № 4 «О принятии мер, направленных на улучшение миграционной ситуации» (2021г.) и "
           "Указ № 4 от 29 января 2021 года “О мерах по улучшению миграционной ситуации”.", 2),
    ("en", "Law No. 4 on External Labour Migration (2006) applies; the Law on External Labour Migration "
           "(2006) was amended and Law No. 4 sets quotas.", 3),
])
def test_variants_share_one_act(lang, text, same):
    rows = cite_text(text, lang=lang)
    assert len(rows) == same
    assert len({r["act_id"] for r in rows}) == 1 and rows[0]["act_id"]


@pytest.mark.parametrize("text", [
    # a plan and the concept it implements
    "Концепция миграционной политики на 2021-2030 гг. и План мероприятий по реализации Концепции "
    "миграционной политики (2022-2025 гг.).",
    # two editions of one plan
    "План действий в области прав человека на 2019-2021 гг. и План действий в области прав человека на "
    "2022-2024 годы.",
    # a law and a resolution with the same number
    "Закон № 175 «О государственных гарантиях этническим кыргызам» (2007г.) и Постановление № 175 «О "
    "некоторых вопросах в области трудовой миграции» (2019 г.).",
    # a resolution and the concept it approves
    "Постановлением № 191 (2021г.) была принята Концепция миграционной политики на 2021-2030 гг.",
    # the EAEU treaty and an EAEU agreement
    "Договор о Евразийском экономическом союзе (2014г.) и Соглашение о взаимном признании документов об "
    "ученых степенях в странах ЕАЭС.",
    # a law whose title is inside another law's title
    "Закон КР «О внешней миграции» (2000г.) и Закон о внешней трудовой миграции (2006 г.).",
    # two laws with the same number but different titles
    "Закон № 74 «Об общественных советах» (2014 г.) и Закон № 74 «О ратификации Конвенции ООН» (2003 г.).",
])
def test_distinct_acts_stay_apart(text):
    rows = cite_text(text, lang="ru")
    assert len(rows) == 2
    assert rows[0]["act_id"] != rows[1]["act_id"]


def test_treaty_and_ratifying_law_are_two_acts():
    row = ["Закон КР «О ратификации Соглашения о пенсионном обеспечении трудящихся государств-членов "
           "Евразийского экономического союза, подписанного 20 декабря 2019 года в городе Санкт-Петербург»",
           "23.", "от 24 июля 2020 года № 93"]
    pars = [_par("t1", " | ".join(row), "table_row", row),
            _par("p1", "Кыргызстан ратифицировал Соглашение о пенсионном обеспечении трудящихся "
                       "государств-членов Евразийского экономического союза (ЕАЭС) в 2020 году.")]
    rows, acts = extract_citations(pars, "d", "ru")
    law = next(r for r in rows if r["paragraph_id"] == "t1")
    treaty = next(r for r in rows if r["paragraph_id"] == "p1")
    assert law["act_type"] == "law" and law["number"] == "93"
    assert treaty["act_type"] == "treaty" and treaty["act_id"] != law["act_id"]
    act = next(a for a in acts if a["act_id"] == treaty["act_id"])
    assert act["source"] == "registry table (named in a title)" and act["jurisdiction"] == "intl"


@pytest.mark.parametrize("suffix", ["csv", "yaml"])
def test_user_registry_file(tmp_path, suffix):
    path = tmp_path / f"acts.{suffix}"
    if suffix == "csv":
        path.write_text("act_id,act_type,number,date,title\nkg-refugees,law,44,2002-03-25,О беженцах\n",
                        encoding="utf-8")
    else:
        path.write_text("acts:\n- {act_id: kg-refugees, act_type: law, number: '44', date: '2002-03-25', "
                        "title: О беженцах}\n", encoding="utf-8")
    pars = [_par("p1", "Закон Кыргызской Республики «О беженцах» (2002 г.) предусматривает доступ. "
                       "Закон №. 44 «О беженцах» (2002) предоставляет убежище.")]
    rows, acts = extract_citations(pars, "d", "ru", registry_files=[path])
    assert [r["act_id"] for r in rows] == ["kg-refugees", "kg-refugees"]
    assert {r["resolution"] for r in rows} == {"title", "number"}
    act = next(a for a in acts if a["act_id"] == "kg-refugees")
    assert act["source"] == "user registry" and act["mentions"] == 2 and act["year"] == 2002


def test_unresolved_mentions_are_kept():
    rows = cite_text("Закон Кыргызской Республики (2002 г.) и Закон Кыргызской Республики (2005 г.) упомянуты.",
                     lang="ru")
    assert len(rows) == 2
    assert all(r["act_id"] is None and r["resolution"] == "unresolved" for r in rows)


def test_jurisdiction_from_country_names():
    pars = [_par("p1", "Закон Республики Казахстан «О миграции населения» (2011 г.) и Соглашение между "
                       "Правительством Республики Казахстан и Правительством Кыргызской Республики о "
                       "трудовой деятельности (2006 г.). Казахстан принимает мигрантов.")]
    _, acts = extract_citations(pars, "d", "ru")
    assert {a["act_type"]: a["jurisdiction"] for a in acts} == {"law": "kz", "treaty": "intl"}


@pytest.mark.parametrize("raw,canon", [
    ("06", "6"), ("1296-XII", "1296-XII"), ("1296-ХII", "1296-XII"), ("191-р", "191-р"),
    ("115-ФЗ", "115-ФЗ"), ("ПФ-60", "ПФ-60"), ("477–IV", "477-IV"), (None, None),
    # OCR misreads of a Roman-numeral suffix (Cyrillic П for II, Ш for III, l/1 for I)
    ("1296-ХП", "1296-XII"), ("1296-ХШ", "1296-XIII"), ("12-XlV", "12-XIV"), ("12-Х1П", "12-XIII"),
    # negative: a suffix letter of its own, no true Roman letter, or no valid numeral
    ("28-П", "28-П"), ("12-Ш", "12-Ш"), ("П-12", "П-12"), ("12-ПХ", "12-ПХ"), ("12-IIП", "12-IIП"),
])
def test_canonical_number(raw, canon):
    assert canonical_number(raw) == canon


def test_line_breaks_and_hyphenated_line_ends():
    text = "согласно Закону № 4 «О внешней трудовой\nмиграции» (2006 г.) и Концеп-\nции миграционной политики на 2021-2030 гг."
    rows = cite_text(text, lang="ru")
    assert [r["surface"] for r in rows] == [
        "Закону № 4 «О внешней трудовой\nмиграции» (2006 г.)",
        "Концеп-\nции миграционной политики на 2021-2030 гг.",
    ]
    assert rows[1]["title"] == "Концепция миграционной политики на 2021-2030 гг."  # joined, nominative


def test_cli_cite_prints_json_lines():
    text = "Закон № 4 «О внешней трудовой миграции» (2006 г.) и школа № 5.\nУказ № 4 (2021г.)"
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "cite", "-", "--lang", "auto"], input=text,
                         capture_output=True, text=True, cwd=ROOT, check=True)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["number"] for r in rows] == ["4", "4"]
    assert [r["act_type"] for r in rows] == ["law", "decree"]
    for r in rows:
        assert text[r["start"]:r["end"]] == r["surface"]
        assert {"act_id", "resolution", "score", "date", "year", "title", "issuer"} <= set(r)


@pytest.mark.parametrize("lang,text,jur", [
    ("ru", "В Кыргызстане применяют опыт: Федеральный закон № 115-ФЗ (2002 г.).", "ru"),
    ("ru", "В Кыргызстане изучили Указ № УП-60 (2022 г.).", "uz"),
    ("en", "Kyrgyzstan studied Federal Law No. 115-FZ (2002).", "ru"),
    ("en", "Kyrgyzstan adopted Law No. 4 on External Labour Migration (2006).", "kg"),
])
def test_jurisdiction_from_number_form(lang, text, jur):
    (row,) = cite_text(text, lang=lang)
    assert row["act_id"].startswith(f"{jur}-")


def test_language_detected_for_english_documents():
    pars = [_par("p1", "Kyrgyzstan adopted Law No. 4 on External Labour Migration (2006). "
                       "The Law on External Labour Migration (2006) was amended.")]
    rows, acts = extract_citations(pars, "d", "auto")
    assert [r["number"] for r in rows] == ["4", None]
    assert len({r["act_id"] for r in rows}) == 1 and acts[0]["jurisdiction"] == "kg"


def test_user_registry_policy_by_head_word(tmp_path):
    path = tmp_path / "acts.yaml"
    path.write_text("- {act_id: kz-mig-concept, act_type: policy, title: Концепция миграционной политики "
                    "Республики Казахстан на 2017-2021 годы}\n"
                    "- {act_id: kz-mig-plan, act_type: policy, title: План мероприятий по реализации Концепции "
                    "миграционной политики на 2017-2021 годы}\n", encoding="utf-8")
    pars = [_par("p1", "Казахстан утвердил Концепцию миграционной политики на 2017-2021 годы и "
                       "План мероприятий по реализации Концепции миграционной политики на 2017-2021 годы.")]
    rows, _ = extract_citations(pars, "d", "ru", registry_files=[path])
    assert [r["act_id"] for r in rows] == ["kz-mig-concept", "kz-mig-plan"]
