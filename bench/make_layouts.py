"""Typeset the truth model of the sample report in other layouts (test fixtures).

The sample PDF comes from a LibreOffice flat document (``corpus/*.fodt``). This
script rewrites its page and font styles and converts each variant with LibreOffice
(Debian's ``libreoffice-writer-nogui``), so that the layout stage is checked on
layouts it was not tuned on: two columns on US Letter with other fonts, and a small
A5 page (many page breaks, footnotes and paragraphs continued overleaf).

Usage: python bench/make_layouts.py [OUT_DIR]   (default tests/fixtures/layouts)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from office import fodt_to_pdf  # noqa: E402

SHARED = next(p for p in (ROOT.parent / "shared", Path("/work/shared")) if p.exists())
SOURCE = SHARED / "corpus" / "mgi-kyrgyzstan-2022-ru.fodt"

VARIANTS = {
    # name: (page width, page height, margin, columns, serif font, sans font, English headings)
    "twocol-letter": ("21.59cm", "27.94cm", "1.8cm", 2, "DejaVu Serif", "Liberation Sans", False),
    "a5-liberation": ("14.8cm", "21.0cm", "1.5cm", 1, "Liberation Serif", "DejaVu Sans", False),
    "en-headings-sans": ("21.0cm", "29.7cm", "2.6cm", 1, "DejaVu Sans", "DejaVu Sans", True),
    "indent-ragged": ("21.0cm", "29.7cm", "2.0cm", 1, "Liberation Sans", "DejaVu Serif", False),
}

#: Body paragraph style per variant (default: the source's justified, spaced style).
#: ``indent-ragged`` sets paragraphs the other common way: no space between them, a
#: first-line indent, ragged right, no hyphenation.
BODY_STYLES = {
    "indent-ragged": ('<style:paragraph-properties fo:text-align="start" fo:margin-top="0cm" '
                      'fo:margin-bottom="0cm" fo:text-indent="0.75cm" fo:line-height="112%"/>'
                      '<style:text-properties fo:hyphenate="false"/>'),
}

#: The report's headings as the English edition of an MGI report titles them: the
#: variant checks that heading aliases of another language are found.
ENGLISH_HEADINGS = {
    "ВВЕДЕНИЕ": "INTRODUCTION",
    "ОСНОВНЫЕ ВЫВОДЫ": "KEY FINDINGS",
    "КРАТКИЙ ОБЗОР ИЗМЕНЕНИЙ С ПЕРВОЙ ОЦЕНКИ В 2018 ГОДУ": "SUMMARY OF CHANGES SINCE THE FIRST ASSESSMENT IN 2018",
    "Права мигрантов (Страница 15)": "Migrant rights (Page 15)",
    "Общегосударственный подход (Страница 18)": "Whole-of-government approach (Page 18)",
    "Сотрудничество (Страница 21)": "Partnerships (Page 21)",
    "Благополучие мигрантов (Страница 23)": "Well-being of migrants (Page 23)",
    "Мобильность в кризисных ситуациях (Страница 26)": "Mobility dimensions of crises (Page 26)",
    "Безопасная, упорядоченная и регулируемая миграция (Страница 28)": "Safe, orderly and regular migration (Page 28)",
    "СОБЛЮДЕНИЕ МЕЖДУНАРОДНЫХ СТАНДАРТОВ И СОБЛЮДЕНИЕ ПРАВ МИГРАНТОВ":
        "ADHERENCE TO INTERNATIONAL STANDARDS AND FULFILMENT OF MIGRANT RIGHTS",
    "ФОРМУЛИРОВАНИЕ ПОЛИТИКИ С ИСПОЛЬЗОВАНИЕМ ФАКТИЧЕСКИХ ДАННЫХ И ОБЩЕГОСУДАРСТВЕННОГО ПОДХОДА":
        "FORMULATING POLICY USING EVIDENCE AND WHOLE-OF-GOVERNMENT APPROACH",
    "ВЗАИМОДЕЙСТВИЕ С ПАРТНЕРАМИ ДЛЯ РЕШЕНИЯ МИГРАЦИОННЫХ ВОПРОСОВ":
        "ENGAGING WITH PARTNERS TO ADDRESS MIGRATION AND RELATED ISSUES",
    "ПРОДВИЖЕНИЕ ПОВЫШЕНИЯ СОЦИАЛЬНО-ЭКОНОМИЧЕСКОГО БЛАГОСОСТОЯНИЯ МИГРАНТОВ И ОБЩЕСТВА":
        "ADVANCING THE SOCIOECONOMIC WELL-BEING OF MIGRANTS AND SOCIETY",
    "ЭФФЕКТИВНОЕ РЕШЕНИЕ ВОПРОСОВ МОБИЛЬНОСТИ, ВЫЗВАННОЙ КРИЗИСАМИ":
        "EFFECTIVELY ADDRESSING THE MOBILITY DIMENSIONS OF CRISES",
    "ОБЕСПЕЧЕНИЕ БЕЗОПАСНОЙ, УПОРЯДОЧЕННОЙ И ДОСТОЙНОЙ МИГРАЦИИ":
        "ENSURING THAT MIGRATION TAKES PLACE IN A SAFE, ORDERLY AND DIGNIFIED MANNER",
    "ПРИЛОЖЕНИЕ: COVID-19": "ANNEX: COVID-19",
    "БИБЛИОГРАФИЯ": "BIBLIOGRAPHY",
}
SUBSECTIONS = {
    "Управление миграцией: примеры хорошо разработанных мер политики":
        "Migration governance: examples of well-developed areas",
    "Области, имеющие потенциал для дальнейшего развития": "Areas with potential for further development",
}


def variant(fodt: str, width: str, height: str, margin: str, columns: int, serif: str, sans: str,
            english: bool = False) -> str:
    def props(m: re.Match) -> str:
        tag = m.group(0)
        tag = re.sub(r'fo:page-width="[^"]*"', f'fo:page-width="{width}"', tag)
        tag = re.sub(r'fo:page-height="[^"]*"', f'fo:page-height="{height}"', tag)
        for side in ("top", "bottom", "left", "right"):
            tag = re.sub(rf'fo:margin-{side}="[^"]*"', f'fo:margin-{side}="{margin}"', tag)
        return tag

    out = re.sub(r"<style:page-layout-properties [^>]*>", props, fodt)
    if columns > 1:
        body = out.index('<style:page-layout style:name="pmBody"')
        close = out.index(">", out.index("<style:page-layout-properties", body)) + 1
        out = out[:close] + f'<style:columns fo:column-count="{columns}" fo:column-gap="0.6cm"/>' + out[close:]
    if english:
        for ru, en in ENGLISH_HEADINGS.items():
            out = out.replace(f">{ru}<", f">{en}<")
        for ru, en in SUBSECTIONS.items():
            out = re.sub(rf">(\d\.\d\. ){re.escape(ru)}<", lambda m: f">{m.group(1)}{en}<", out)
    out = out.replace("svg:font-family=\"'PT Serif'\"", f"svg:font-family=\"'{serif}'\"")
    out = out.replace("svg:font-family=\"'PT Sans'\"", f"svg:font-family=\"'{sans}'\"")
    return out


def main() -> None:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "layouts"
    fodt = SOURCE.read_text(encoding="utf-8")
    documents = {}
    for name, spec in VARIANTS.items():
        text = variant(fodt, *spec)
        if name in BODY_STYLES:
            text = re.sub(r'(<style:style style:name="Text_20_body"[^>]*>).*?(</style:style>)',
                          lambda m: m.group(1) + BODY_STYLES[name] + m.group(2), text, count=1, flags=re.S)
        documents[name] = text
    for path in fodt_to_pdf(documents, out_dir):
        print(path)


if __name__ == "__main__":
    main()
