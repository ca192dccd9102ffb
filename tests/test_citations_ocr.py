"""Citations in OCR'd text: what Tesseract does to a mention (lost closing quotes,
misread Roman numerals, look-alike letters) is read back as the born-digital text."""

from __future__ import annotations

import pytest

from pipeline.citations import cite_text


def _keys(text: str) -> set[tuple]:
    return {(r["act_type"], r["number"], r["year"]) for r in cite_text(text, lang="ru")}


@pytest.mark.parametrize("text,want", [
    # the closing quote was lost: the title ends before the year's parenthesis
    ("Закон №4 “О внешней трудовой миграции (2006 г.) и Положение «О порядке» (2016 г.) включают категорию.",
     {("law", "4", 2006), ("regulation", None, 2016)}),
    ("В 2021 году в Закон № 6 “Об охране здоровья граждан в Кыргызской Республике (2005 год) были внесены поправки.",
     {("law", "6", 2005)}),
    ("Закон № 89 “О внесении изменений в некоторые законодательные акты (2020г.) устанавливает визу "
     "“соотечественники”.", {("law", "89", 2020)}),
    # a born-digital title keeps its own closing quote
    ("Закон № 4 “О внешней трудовой миграции” (2006 г.) устанавливает порядок.", {("law", "4", 2006)}),
])
def test_unclosed_quoted_title_ends_at_year(text, want):
    assert _keys(text) == want


@pytest.mark.parametrize("text", [
    # no year in the parenthesis: the title is not cut there
    "Закон № 4 “О внешней трудовой миграции (ЗВТМ) и другие нормы.",
    # a sentence ends before the parenthesis
    "Закон № 4 “О внешней трудовой миграции. Новая редакция (2006 г.) вступила в силу.",
    # the quoted text opens in lower case: a quotation, not a title
    "Закон № 4 “о внешней трудовой миграции (2006 г.) и другие нормы.",
])
def test_unclosed_quote_without_year_keeps_no_year(text):
    assert _keys(text) == {("law", "4", None)}


@pytest.mark.parametrize("text,want", [
    # a stray letter, or the digit OCR reads for it, between the number and the title
    ("В 2020 г. в Закон №4 3 «О внешней трудовой миграции» (2006 г.), устанавливающего порядок.",
     {("law", "4", 2006)}),
    ("Закон № 4 З «О внешней трудовой миграции» (2006 г.) гласит.", {("law", "4", 2006)}),
    # negative: a number of two digits is no stray character
    ("В 2020 г. в Закон №4 35 «О внешней трудовой миграции» (2006 г.), устанавливающего порядок.",
     {("law", "4", None)}),
])
def test_stray_character_before_quoted_title(text, want):
    assert _keys(text) == want
