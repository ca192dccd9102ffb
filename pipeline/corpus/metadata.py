"""What a report is: country, level, year, round, language, title and framework, each with its source.

Read from the report itself, in order of trust (the first source that answers wins):

``user``
    a ``--meta FILE.csv`` row for the file (columns ``file`` or ``doc_id``, and any of
    :data:`FIELDS`); what the user supplied always wins.
``title_page``
    headings, decoration and large text on pages 1–2.
``running_header``
    running headers and footers (``MIGRATION GOVERNANCE INDICATORS · GHANA 2018``).
``first_pages``
    the body text of pages 1–3 (a country only when one is named more often than any other).
``sections``
    the section tree (a *summary of changes since the first assessment* → second round).
``pdf_metadata``
    the PDF's Title and Subject.
``file_name``
    the file name, as a last resort.

``language`` comes from the layout stage's detection (``text``) or ``--lang``
(``option``). ``round``, ``level`` and ``framework`` fall back to ``default``
(first round, national, MGI) only when the file is recognisably an MGI report;
a file with nothing recognisable gets nulls, never guesses. Country names map to
ISO 3166-1 alpha-3 codes through ``pipeline/data/countries.yaml`` (names in en,
es, fr, pt, ru; Russian names match in any case form).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.yamlio import country_names


FIELDS = ("country", "country_name", "level", "place", "year", "round", "language", "title", "framework")
LEVELS = ("national", "local")
ROUNDS = ("first", "second", "third")
#: ``mgi``: the Migration Governance Indicators (six domains); ``index2016``: the
#: 2016 Migration Governance Index (five domains, Economist Intelligence Unit).
FRAMEWORKS = ("mgi", "index2016")
SOURCES = ("user", "title_page", "running_header", "first_pages", "sections", "pdf_metadata", "file_name",
           "text", "option", "default")
YEAR_MIN, YEAR_MAX = 2014, 2035

#: Aliases that are also ordinary words when capitalised at a sentence start.
_STOP_ALIASES = {"того", "man", "chad", "jordan"}
_CYR = re.compile("[\u0400-\u04ff]")
_RU_ENDINGS = set("аяоеиыуюйьм")
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"(?<!\d)(20[1-3]\d)(?!\d)")

_SECOND = re.compile(
    r"second(?:-| )(?:round|assessment)|follow-?up (?:mgi |migration governance )?(?:assessment|profile)"
    r"|segunda (?:evaluaci[oó]n|ronda|avalia[cç][aã]o)|deuxi[eè]me (?:[ée]valuation|cycle)"
    r"|seconde [ée]valuation|summary of changes since|resumen de (?:los )?cambios desde"
    r"|r[ée]sum[ée] des (?:changements|[ée]volutions) depuis|resumo das (?:altera[cç][oõ]es|mudan[cç]as) desde"
    r"|повторн\w* оценк|втор\w* оценк|изменени\w* (?:со? |со времени )?перв\w* оценк", re.IGNORECASE)
_THIRD = re.compile(r"third(?:-| )(?:round|assessment)|tercera evaluaci[oó]n|troisi[eè]me [ée]valuation"
                    r"|terceira avalia[cç][aã]o|треть\w* оценк", re.IGNORECASE)
_INDEX_2016 = re.compile(r"migration governance index|[ií]ndice de gobernanza de la migraci"
                         r"|indice de gouvernance des migrations|[ií]ndice de governan[cç]a da migra"
                         r"|economist intelligence unit|индекс управления миграци", re.IGNORECASE)
_MGI = re.compile(r"migration governance (?:indicators|profile)|\bmgi\b|\bigm\b"
                  r"|(?:indicadores|perfil) de gobernanza de la migraci|(?:indicateurs|profil) de gouvernance des migrations"
                  r"|(?:indicadores|perfil) de governan[cç]a da migra|индикатор\w* управления миграци", re.IGNORECASE)
_LOCAL = re.compile(r"local migration governance indicators|\blocal mgi\b|\bmgi local|\bigm (?:locales?|locaux|locais)\b"
                    r"|indicadores locales de gobernanza|indicateurs locaux de gouvernance"
                    r"|indicadores locais de governan|местн\w* индикатор", re.IGNORECASE)
_CAP = r"[A-ZÁÉÍÓÚÑÇÂÊÔÃÕÀ][\w'’.-]*"
_PLACE = re.compile(
    r"\b(?:City|Municipality|Province|State|County|Region|Governorate|Ciudad|Municipio|Municipalidad|Provincia"
    r"|Alcald[ií]a|Distrito|Departamento|Estado|Ville|Commune|R[ée]gion|Gouvernorat|Cidade|Munic[ií]pio"
    rf"|Prefeitura) (?:of|de|do|da|du|de la|del) ({_CAP}(?: {_CAP})*)")


@dataclass(slots=True)
class DocumentMeta:
    """A report's metadata; ``sources[field]`` says where each non-null value came from."""

    country: str | None = None  # ISO 3166-1 alpha-3
    country_name: str | None = None  # English short name
    level: str | None = None  # national | local
    place: str | None = None  # the city or province of a local assessment
    year: int | None = None
    round: str | None = None  # first | second | third
    language: str | None = None
    title: str | None = None
    framework: str | None = None  # mgi | index2016
    sources: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: Any, source: str, *, overwrite: bool = False) -> bool:
        """Set ``name`` from ``source`` unless already set (``overwrite``: always); returns whether set."""
        if value is None or value == "" or (getattr(self, name) is not None and not overwrite):
            return False
        setattr(self, name, value)
        self.sources[name] = source
        return True

    def apply_to(self, info: Any) -> None:
        """Copy the fields onto a :class:`~pipeline.models.DocumentInfo` (``meta_sources`` included)."""
        for name in FIELDS:
            setattr(info, name, getattr(self, name))
        info.meta_sources = {k: self.sources[k] for k in FIELDS if k in self.sources}


# ----------------------------------------------------------------------------- countries

def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("ё", "е").replace("Ё", "Е")
    return re.sub(r"\s+", " ", text)


def _key(token: str) -> str:
    """A token's match key: case and accents folded; Russian case endings cut off."""
    t = "".join(ch for ch in unicodedata.normalize("NFD", token.casefold()) if not unicodedata.combining(ch))
    if _CYR.search(t):
        cut = 0
        while cut < 3 and len(t) > 4 and t[-1] in _RU_ENDINGS:  # keep 4 letters: «Мали» ≠ «Мало»
            t, cut = t[:-1], cut + 1
    return t


@dataclass(frozen=True, slots=True)
class _Countries:
    names: dict[str, str]  # alpha-3 → English name
    alpha2: dict[str, str]  # alpha-2 → alpha-3
    index: dict[str, list[tuple[tuple[str, ...], str]]]  # first key → (keys, alpha-3), longest first


@lru_cache(maxsize=1)
def countries() -> _Countries:
    """The country list of ``pipeline/data/countries.yaml``, indexed for matching."""
    data = country_names()
    owners: dict[tuple[str, ...], set[str]] = {}
    for code, entry in data.items():
        for lang in ("en", "es", "fr", "pt", "ru"):
            for name in entry.get(lang) or ():
                keys = tuple(_key(t) for t in _WORD.findall(_normalise(name)))
                if keys and _normalise(name).casefold() not in _STOP_ALIASES and len("".join(keys)) >= 3:
                    owners.setdefault(keys, set()).add(code)
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for keys, codes in owners.items():
        if len(codes) == 1:  # an alias of two countries ("Congo", "Korea") names neither
            index.setdefault(keys[0], []).append((keys, next(iter(codes))))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return _Countries(names={c: e["name"] for c, e in data.items()},
                      alpha2={e["alpha_2"]: c for c, e in data.items() if e.get("alpha_2")}, index=index)


def find_countries(text: str, *, capitalised: bool = True) -> Counter[str]:
    """Alpha-3 codes of the countries ``text`` names, with counts (longest name wins at a place).

    ``capitalised``: a name counts only when its first letter is upper case (``Gana``
    the country, not ``gana`` the Spanish verb); off for file names.
    """
    idx = countries().index
    tokens = [(m.group(), _key(m.group())) for m in _WORD.finditer(_normalise(text))]
    found: Counter[str] = Counter()
    i = 0
    while i < len(tokens):
        for keys, code in idx.get(tokens[i][1], ()):
            n = len(keys)
            if tuple(k for _, k in tokens[i:i + n]) == keys and (not capitalised or tokens[i][0][:1].isupper()):
                found[code] += 1
                i += n
                break
        else:
            i += 1
    return found


def country_code(value: str) -> str | None:
    """An alpha-3 code for a user's value: alpha-3, alpha-2 or a name in en/es/fr/pt/ru."""
    v = value.strip()
    c = countries()
    if v.upper() in c.names:
        return v.upper()
    if v.upper() in c.alpha2:
        return c.alpha2[v.upper()]
    found = find_countries(v, capitalised=False)
    return found.most_common(1)[0][0] if len(found) == 1 else None


def _winner(counts: Counter) -> Any:
    """The most common item when it is strictly more common than the next one."""
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def _years(text: str) -> Counter[int]:
    return Counter(y for y in map(int, _YEAR.findall(text)) if YEAR_MIN <= y <= YEAR_MAX)


# ----------------------------------------------------------------------------- extraction

def pdf_metadata(path: Path) -> dict[str, str]:
    """Title and Subject of a PDF's document information (empty when unreadable)."""
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        try:
            meta = doc.get_metadata_dict(skip_empty=True)
        finally:
            doc.close()
    except Exception:  # noqa: BLE001 - metadata is optional; the file was read already
        return {}
    return {k: str(v) for k, v in meta.items() if k in ("Title", "Subject") and str(v).strip()}


def _text(blocks: Iterable[Any]) -> str:
    return "\n".join(getattr(b, "text", "") or "" for b in blocks)



def _first_pattern(meta, field: str, texts, patterns) -> None:
    """Set ``field`` from the first source (in order of trust) where a pattern matches;
    patterns are tried in order within one source (the more specific first)."""
    for source, text in texts:
        for pattern, value in patterns:
            if pattern.search(text):
                meta.set(field, value, source)
                return

def extract_metadata(paragraphs: list[Any], sections: list[Any] = (), *, file_name: str = "",
                     pdf_meta: dict[str, str] | None = None, language: str | None = None,
                     language_source: str = "text") -> DocumentMeta:
    """A report's metadata from its records (``Paragraph``-like objects: ``kind, page, text, font_size``).

    Args:
        paragraphs: Reading-order blocks, furniture included.
        sections: The section tree (``role``, ``domain``).
        file_name: The file's name (the last-resort source).
        pdf_meta: ``{"Title": …, "Subject": …}`` of the PDF.
        language: The detected (or requested) language.
        language_source: ``text`` (detected) or ``option`` (``--lang``).
    """
    meta = DocumentMeta()
    pdf_meta = pdf_meta or {}
    content = [p for p in paragraphs if p.kind not in ("furniture", "footnote") and (p.text or "").strip()]
    sizes = sorted(p.font_size for p in content if p.kind == "paragraph" and p.font_size)
    body = sizes[len(sizes) // 2] if sizes else None
    strong = [p for p in content if p.page <= 2 and (
        p.kind in ("heading", "decoration") or (body and p.font_size and p.font_size >= 1.2 * body))]
    furniture = [p for p in paragraphs if p.kind == "furniture"]
    first = [p for p in content if p.page <= 3]
    pdf_text = "\n".join(pdf_meta.get(k, "") for k in ("Title", "Subject"))
    stem = re.sub(r"[-_.]+", " ", Path(file_name).stem) if file_name else ""
    texts = [("title_page", _text(strong)), ("running_header", _text(furniture)),
             ("first_pages", _text(first)), ("pdf_metadata", pdf_text)]

    # country: a clear winner per source, in order of trust
    for source, text, caps in [("title_page", texts[0][1], True), ("running_header", texts[1][1], True),
                               ("first_pages", texts[2][1], True), ("pdf_metadata", pdf_text, True),
                               ("file_name", stem, False)]:
        code = _winner(find_countries(text, capitalised=caps)) if text.strip() else None
        if code and meta.set("country", code, source):
            meta.set("country_name", countries().names.get(code), source)
            break
    # year: never from body text (it cites years of laws and agendas)
    for source, text in [("title_page", texts[0][1]), ("running_header", texts[1][1]),
                         ("pdf_metadata", pdf_text), ("file_name", stem)]:
        if meta.set("year", _winner(_years(text)), source):
            break
    # framework
    _first_pattern(meta, "framework", texts, ((_INDEX_2016, "index2016"), (_MGI, "mgi")))
    if meta.framework is None and any(getattr(s, "domain", None) == 6 for s in sections):
        meta.set("framework", "mgi", "sections")
    # round
    _first_pattern(meta, "round", texts, ((_THIRD, "third"), (_SECOND, "second")))
    if meta.round is None and any(getattr(s, "role", None) == "summary" for s in sections):
        meta.set("round", "second", "sections")
    # level and place
    for source, text in texts:
        if _LOCAL.search(text):
            meta.set("level", "local", source)
            place = _PLACE.search(_normalise(text))
            meta.set("place", place.group(1) if place else None, source)
            break
    # title: a title-page heading naming a country, else the PDF's Title, else one naming the framework
    heads = [t for t in (_normalise(p.text).strip() for p in strong) if 8 <= len(t) <= 300]
    meta.set("title", next((t for t in heads if find_countries(t)), None), "title_page")
    meta.set("title", _normalise(pdf_meta.get("Title", "")).strip() or None, "pdf_metadata")
    meta.set("title", next((t for t in heads if _MGI.search(t) or _INDEX_2016.search(t)), None), "title_page")
    if content:
        meta.set("language", language, language_source)
    if meta.framework is not None:  # an MGI report: the usual case unless it says otherwise
        meta.set("round", "first", "default")
        meta.set("level", "national", "default")
    return meta


# ----------------------------------------------------------------------------- user metadata

def _user_value(name: str, raw: str, where: str) -> Any:
    v = raw.strip()
    if name == "country":
        code = country_code(v)
        if code is None:
            raise ValueError(f"{where}: unknown country {v!r} (use an ISO 3166 code or an English name)")
        return code
    if name == "year":
        if not re.fullmatch(r"\d{4}", v):
            raise ValueError(f"{where}: year {v!r} is not a four-digit year")
        return int(v)
    allowed = {"level": LEVELS, "round": ROUNDS, "framework": FRAMEWORKS}.get(name)
    if allowed and v.lower() not in allowed:
        raise ValueError(f"{where}: {name} {v!r} is not one of {', '.join(allowed)}")
    return v.lower() if allowed else v


def load_meta_csv(path: Path) -> dict[str, dict[str, Any]]:
    """Rows of a ``--meta`` CSV keyed by ``file`` (as given, and its base name) or ``doc_id``.

    Raises:
        ValueError: with a one-line reason (missing key column, unknown column or value).
        OSError: the file cannot be read.
    """
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        cols = [c.strip() for c in (reader.fieldnames or [])]
        if not {"file", "doc_id"} & set(cols):
            raise ValueError(f"{path}: needs a 'file' or 'doc_id' column (has: {', '.join(cols) or 'none'})")
        unknown = [c for c in cols if c not in ("file", "doc_id", *FIELDS)]
        if unknown:
            raise ValueError(f"{path}: unknown column(s) {', '.join(unknown)}; known: file, doc_id, {', '.join(FIELDS)}")
        rows: dict[str, dict[str, Any]] = {}
        for n, row in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "") for k, v in row.items()}
            values = {k: _user_value(k, v, f"{path} line {n}") for k, v in row.items()
                      if k in FIELDS and v.strip()}
            if values.get("country") and "country_name" not in values:
                values["country_name"] = countries().names.get(values["country"])
            for key in (row.get("doc_id", "").strip(), row.get("file", "").strip()):
                if key:
                    rows[key] = values
                    rows.setdefault(Path(key).name, values)
    return rows


def apply_meta(meta: DocumentMeta, user_rows: dict[str, dict[str, Any]] | None, *keys: str) -> bool:
    """Overwrite ``meta`` with the user's row for the first matching key (doc id, file, base name)."""
    for key in keys:
        row = (user_rows or {}).get(key) if key else None
        if row is None and key:
            row = (user_rows or {}).get(Path(key).name)
        if row is not None:
            for name, value in row.items():
                meta.set(name, value, "user", overwrite=True)
            return True
    return False


def document_metadata(result: Any, path: Path, opts: Any) -> DocumentMeta:
    """Extract, apply ``--meta`` rows (``opts.meta``), and store on ``result.document``."""
    info = result.document
    lang_opt = getattr(opts, "lang", "auto") or "auto"
    meta = extract_metadata(result.paragraphs, result.sections, file_name=Path(path).name,
                            pdf_meta=pdf_metadata(path), language=info.language,
                            language_source="text" if lang_opt == "auto" else "option")
    apply_meta(meta, getattr(opts, "meta", None), info.doc_id, info.file, str(path))
    meta.apply_to(info)
    return meta
