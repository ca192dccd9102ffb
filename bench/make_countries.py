"""Write ``pipeline/data/countries.yaml``: ISO 3166 alpha-3 codes with names in en, es, fr, pt, ru.

A development tool (run by hand when the list needs refreshing, never at run time):
codes, English names and the es/fr/pt/ru translations come from ``pycountry`` (its
bundled iso-codes gettext catalogues); :data:`EXTRA` adds the forms MGI reports use
that the catalogues lack (``Кыргызская Республика``, ``Türkiye``…).

    .venv/bin/pip install pycountry && .venv/bin/python bench/make_countries.py
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pycountry
import yaml

LANGS = ("en", "es", "fr", "pt", "ru")
OUT = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "countries.yaml"

#: Names used in MGI reports (or by their governments) missing from the catalogues.
EXTRA: dict[str, dict[str, list[str]]] = {
    "KGZ": {"ru": ["Кыргызская Республика", "Кыргызстан", "Киргизская Республика"], "en": ["Kyrgyz Republic"],
            "es": ["República Kirguisa", "Kirguistán"], "fr": ["République kirghize"], "pt": ["Quirguistão"]},
    "KAZ": {"ru": ["Республика Казахстан"]},
    "TJK": {"ru": ["Республика Таджикистан"]},
    "UZB": {"ru": ["Республика Узбекистан"]},
    "TKM": {"ru": ["Туркменистан"]},
    "ARM": {"ru": ["Республика Армения"]},
    "AZE": {"ru": ["Азербайджанская Республика"]},
    "GEO": {"ru": ["Грузия"]},
    "MDA": {"en": ["Republic of Moldova", "Moldova"], "ru": ["Республика Молдова", "Молдова", "Молдавия"],
            "es": ["República de Moldova", "Moldova"], "fr": ["République de Moldova", "Moldavie"],
            "pt": ["República da Moldávia", "Moldávia"]},
    "BLR": {"ru": ["Республика Беларусь", "Беларусь"]},
    "RUS": {"ru": ["Российская Федерация", "Россия"], "en": ["Russia"]},
    "TUR": {"en": ["Türkiye", "Turkey"], "es": ["Türkiye", "Turquía"], "fr": ["Türkiye", "Turquie"],
            "pt": ["Türkiye", "Turquia"], "ru": ["Турция", "Турецкая Республика"]},
    "BRA": {"pt": ["Brasil"]},
    "MAR": {"fr": ["Maroc", "Royaume du Maroc"]},
    "GHA": {"en": ["Ghana", "Republic of Ghana", "The Republic of Ghana"]},
    "CIV": {"en": ["Côte d'Ivoire", "Ivory Coast"], "fr": ["Côte d’Ivoire", "République de Côte d'Ivoire"]},
    "BOL": {"en": ["Bolivia"], "es": ["Bolivia", "Estado Plurinacional de Bolivia"]},
    "VEN": {"en": ["Venezuela"], "es": ["Venezuela", "República Bolivariana de Venezuela"]},
    "TZA": {"en": ["Tanzania", "United Republic of Tanzania"]},
    "COD": {"en": ["Democratic Republic of the Congo", "DRC"], "fr": ["République démocratique du Congo", "RDC"]},
    "COG": {"en": ["Republic of the Congo"], "fr": ["République du Congo"]},
    "KOR": {"en": ["Republic of Korea", "South Korea"]},
    "VNM": {"en": ["Viet Nam", "Vietnam"]},
    "LAO": {"en": ["Lao People's Democratic Republic", "Lao PDR"]},
    "GMB": {"en": ["The Gambia", "Gambia"]},
    "CPV": {"en": ["Cabo Verde", "Cape Verde"], "pt": ["Cabo Verde"], "fr": ["Cabo Verde", "Cap-Vert"]},
    "SWZ": {"en": ["Eswatini", "Swaziland"]},
    "MKD": {"en": ["North Macedonia"], "fr": ["Macédoine du Nord"], "es": ["Macedonia del Norte"]},
    "PHL": {"en": ["Philippines", "the Philippines"]},
    "NLD": {"en": ["Netherlands", "the Netherlands"]},
    "GBR": {"en": ["United Kingdom"]},
    "USA": {"en": ["United States", "United States of America"]},
    "DOM": {"es": ["República Dominicana"]},
    "MEX": {"es": ["México", "Estados Unidos Mexicanos"]},
    "PER": {"es": ["Perú", "República del Perú"]},
    "SLV": {"es": ["El Salvador"]},
}


def _forms(name: str) -> list[str]:
    """``Moldova, Republic of`` → also ``Republic of Moldova`` and ``Moldova``."""
    out = [name]
    m = re.fullmatch(r"(.+?), (.+)", name)
    if m:
        head, tail = m.groups()
        out += [f"{tail} {head}", head]
    return out


def build() -> dict:
    tr = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
          for lang in LANGS if lang != "en"}
    tr["en"] = lambda s: s
    data = {}
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        entry: dict = {"alpha_2": c.alpha_2, "name": getattr(c, "common_name", None) or c.name}
        for lang in LANGS:
            names: list[str] = []
            for attr in ("common_name", "name", "official_name"):
                v = getattr(c, attr, None)
                if v:
                    names += _forms(tr[lang](v))
            names += EXTRA.get(c.alpha_3, {}).get(lang, [])
            entry[lang] = list(dict.fromkeys(n.strip() for n in names if n.strip()))
        data[c.alpha_3] = entry
    return data


def main() -> None:
    data = build()
    head = ("# ISO 3166-1 alpha-3 codes with country names in en, es, fr, pt and ru.\n"
            "# Written by bench/make_countries.py (pycountry's iso-codes catalogues plus forms MGI\n"
            "# reports use); edit EXTRA there and re-run rather than editing by hand.\n")
    OUT.write_text(head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    print(f"{OUT}: {len(data)} countries")


if __name__ == "__main__":
    main()
