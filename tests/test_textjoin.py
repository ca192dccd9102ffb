"""Line joining: hyphenation decided per word, spacing, letter-spaced display type."""

from __future__ import annotations

import pytest

from pipeline.layout.textjoin import collapse_letter_spacing, join_lines, keep_hyphen


@pytest.mark.parametrize(
    "left,right,lang,keep",
    [
        ("ино", "странных", "ru", False),
        ("При", "знание", "ru", False),
        ("рекоменда", "ций", "ru", False),
        ("Респуб", "лики", "ru", False),
        ("Ведомо", "сти", "ru", False),
        ("яв", "ляются", "ru", False),
        ("трудящихся", "мигрантов", "ru", True),
        ("государств", "членов", "ru", True),
        ("женщин", "мигрантов", "ru", True),
        ("СОЦИАЛЬНО", "ЭКОНОМИЧЕСКОГО", "ru", True),
        ("по", "прежнему", "ru", True),
        ("из", "за", "ru", True),
        ("Эркин", "Тоо", "ru", True),  # proper-name compound: capital after the break
        ("inter", "national", "en", False),
        ("develop", "ment", "en", False),
        ("well", "developed", "en", True),
        ("cross", "border", "en", True),
        ("Migration", "Governance", "en", True),
        ("WELL", "BEING", "ru", True),  # English words in a Russian report: English rules
        ("inter", "national", "ru", False),
        ("OF", "GOVERNMENT", "en", True),  # WHOLE-OF-GOVERNMENT in a title
        ("gov", "ernment", "en", False),
        ("mi", "grants", "en", False),
        ("self", "employed", "en", True),
    ],
)
def test_keep_hyphen(left, right, lang, keep):
    assert keep_hyphen(left, right, lang) is keep


@pytest.mark.parametrize(
    "lines,expected",
    [
        (["актуальной. При-", "знание"], "актуальной. Признание"),
        (["трудящихся-", "мигрантов"], "трудящихся-мигрантов"),
        (["на 2019-", "2022 гг."], "на 2019-2022 гг."),
        (["ино-", "странных граждан"], "иностранных граждан"),
        (["первая строка", "вторая"], "первая строка вторая"),
        (["https://example.org/a/", "b/c.pdf"], "https://example.org/a/b/c.pdf"),
        (["soft\u00ad", "hyphen"], "softhyphen"),
        (["", "x"], " x"),
    ],
)
def test_join_lines(lines, expected):
    assert join_lines(lines, "ru")[0].strip() == expected.strip()


def test_join_lines_reports_line_starts():
    text, starts = join_lines(["ино-", "странных", "граждан"], "ru")
    assert text == "иностранных граждан"
    assert starts == [0, 3, 12]
    assert text[starts[2]:].startswith("граждан")


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Ц Е Л Ь", "ЦЕЛЬ"),
        ("П р о ц е с с MGI", "Процесс MGI"),
        ("Пункт А и Б", "Пункт А и Б"),  # real one-letter words stay
        ("в и с", "в и с"),  # three lower-case letters are words, not tracking
        ("ЦЕЛЬ и я", "ЦЕЛЬ и я"),
    ],
)
def test_collapse_letter_spacing(raw, expected):
    assert collapse_letter_spacing(raw) == expected
