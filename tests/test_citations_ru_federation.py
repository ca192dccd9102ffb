"""Russian Federation citation forms (issue 10, item 3): what the case table does not
check — canonical number whichever way written, ISO date, title, jurisdiction."""

from __future__ import annotations

import pytest

from pipeline.citations import find_mentions, normalize_all


def _cits(text):
    return normalize_all(find_mentions(text, "ru"), "ru")


@pytest.mark.parametrize("text,number", [
    ("Согласно ФЗ-62 мигранты", "62-ФЗ"), ("Согласно 62-ФЗ мигранты", "62-ФЗ"),
    ("Согласно ФЗ – 62 мигранты", "62-ФЗ"), ("Согласно № 62-ФЗ мигранты", "62-ФЗ"),
])
def test_fz_number_one_form(text, number):
    (c,) = _cits(text)
    assert (c.act_type, c.number, c.jurisdiction) == ("law", number, "ru")


def test_full_federal_law():
    (c,) = _cits("Федеральный закон от 31.05.2002 № 62-ФЗ «О гражданстве Российской Федерации» действует.")
    assert (c.number, c.date, c.title) == ("62-ФЗ", "2002-05-31", "О гражданстве Российской Федерации")


def test_quoted_title_after_bare_number():
    (c,) = _cits("ФЗ-115 «О правовом положении иностранных граждан в Российской Федерации» действует.")
    assert (c.number, c.title) == ("115-ФЗ", "О правовом положении иностранных граждан в Российской Федерации")


@pytest.mark.parametrize("abbr,title", [
    ("УК", "Уголовный кодекс Российской Федерации"), ("ТК", "Трудовой кодекс Российской Федерации"),
    ("КоАП", "Кодекс Российской Федерации об административных правонарушениях"),
    ("ГК", "Гражданский кодекс Российской Федерации"),
])
def test_code_abbreviations(abbr, title):
    (c,) = _cits(f"Это предусмотрено {abbr} РФ и применяется.")
    assert (c.act_type, c.title, c.jurisdiction) == ("code", title, "ru")


def test_shared_head_codes():
    cs = _cits("Нормы Уголовного и Уголовно-процессуального кодексов применяются.")
    assert [c.title for c in cs] == ["Уголовный кодекс", "Уголовно-процессуальный кодекс"]


def test_quoted_enumeration():
    cs = _cits("Действуют законы «О внешней трудовой миграции», «О внутренней миграции» и «О беженцах».")
    assert [(c.act_type, c.title) for c in cs] == [
        ("law", "О внешней трудовой миграции"), ("law", "О внутренней миграции"), ("law", "О беженцах")]


def test_split_compound_qualifier():
    (c,) = _cits("Согласно Уголовно-исполнительному кодексу Российской Федерации наказание отбывается.")
    assert (c.surface, c.title) == ("Уголовно-исполнительному кодексу Российской Федерации",
                                    "Уголовно-исполнительный кодекс Российской Федерации")
