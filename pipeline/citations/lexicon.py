"""Per-language citation lexicons, compiled once.

Everything language- or country-specific (head words, qualifiers, issuers, month
names, country names, stop words) comes from ``pipeline/data/citations/<lang>.yaml``;
this module only compiles it into regexes and sets, and wraps the morphology named by
the YAML's ``morphology`` key:

* ``pymorphy3`` (Russian): dictionary lemmas, part of speech, case and number;
* ``snowball`` (Spanish, French, Portuguese; ``stemmer`` names the Snowball
  language): stems. These languages inflect act words only for number («ley» /
  «leyes», «decreto» / «decretos», «portaria» / «portarias») and, unlike Russian, do
  not need case to find where a title or an issuer ends (titles follow prepositions:
  «de», «sobre», «relative à»). A stemmer is small, deterministic and needs no model
  or dictionary download, which a lemmatiser (spaCy's lookup tables, a pipeline
  model) would; its stems are only ever compared with stems of the YAML's own
  words, so an odd stem («portaria» → ``port``) costs nothing;
* anything else (English): the lower-cased word.

Head, qualifier, post-qualifier and issuer words of a stemmed language are written
as words in the YAML and stemmed here, so the data stays readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from pipeline.lexicon import detect_language  # noqa: F401 - re-exported
from pipeline.yamlio import load_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "citations"
#: Files in DATA_DIR that are not a language's lexicon.
NOT_LANGUAGES = frozenset({"instruments"})


def available() -> tuple[str, ...]:
    """Languages with a citation lexicon (``<lang>.yaml`` in the data folder)."""
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.yaml") if p.stem not in NOT_LANGUAGES))


LANGS = available()

#: Characters that open a quoted title, with the character that closes it.
QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"', "‘": "’", "'": "'", "‹": "›"}
#: Longest quoted title we accept when the closing quote is missing (characters).
MAX_UNCLOSED_TITLE = 400
#: Unknown words up to this length are taken for abbreviations (lemma = the word).
MAX_ABBREVIATION = 5
#: Longest initials of one issuing body after the first before a number marker
#: («MJSP/MRE nº 19»), and most bodies joined by slashes after the first.
MAX_INITIALS = 5
MAX_ISSUERS = 3
#: Longest quoted title overall (characters); legislation tables hold ~450-char titles.
MAX_QUOTED_TITLE = 900


@dataclass(slots=True)
class Lexicon:
    """One language's compiled citation data."""

    lang: str
    data: dict
    anchor_re: re.Pattern
    heads: dict[str, dict]
    qualifiers: dict[str, dict]
    issuer_lemmas: frozenset[str]
    title_starters: frozenset[str]
    party_starters: frozenset[str]
    party_with: frozenset[str]
    title_stops: frozenset[str]
    stop_phrases: tuple[tuple[str, ...], ...]
    title_pos: frozenset
    title_conj: frozenset[str]
    dash_compounds: frozenset[str]
    title_connectors: frozenset[str]
    leading_drop: frozenset[str]
    determiners: frozenset[str]
    months: dict[str, int]
    number_re: re.Pattern
    series_re: re.Pattern
    stray_re: re.Pattern
    date_re: re.Pattern
    period_re: re.Pattern
    until_re: re.Pattern
    paren_year_re: re.Pattern
    bare_year_re: re.Pattern
    country_res: dict[str, re.Pattern]
    country_any_re: re.Pattern
    match_stopwords: frozenset[str]
    abbreviations: dict[str, str]
    approval_prefixes: tuple[str, ...]
    morph_mode: str
    post_qualifiers: dict[str, dict] = field(default_factory=dict)
    free_title_starters: frozenset[str] = frozenset()
    strip_zeros: bool = True
    _morph: object = field(default=None, repr=False)

    def word(self, lower: str) -> tuple[str, str | None, bool, bool]:
        """(lemma, part of speech, may be genitive, plural) of a lower-cased word, cached."""
        return _analyse(self.lang, lower)

    def lemma(self, lower: str) -> str:
        return _analyse(self.lang, lower)[0]

    def country_at(self, text: str, pos: int) -> tuple[str, int] | None:
        """Country code and end offset when a country name starts at ``pos``."""
        m = self.country_any_re.match(text, pos)
        if not m:
            return None
        for code, rx in self.country_res.items():
            mm = rx.match(text, pos)
            if mm and mm.end() == m.end():
                return code, m.end()
        return None


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _morph():
    from pipeline.morph import analyzer

    return analyzer()


@cache
def _stemmer(lang: str):
    """The Snowball stemmer the language's YAML names (``stemmer``), or None."""
    path = DATA_DIR / f"{lang}.yaml"
    if lang in NOT_LANGUAGES or not path.exists():
        return None
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    if data.get("morphology") != "snowball":
        return None
    import snowballstemmer

    return snowballstemmer.stemmer(data["stemmer"])


@cache
def _stem_exceptions(lang: str) -> dict[str, str]:
    data = load_yaml((DATA_DIR / f"{lang}.yaml").read_text(encoding="utf-8")) or {}
    return {str(k).lower(): str(v) for k, v in (data.get("stem_exceptions") or {}).items()}


def stem(lang: str, lower: str) -> str:
    """A word's stem in a Snowball language (the word itself elsewhere)."""
    st = _stemmer(lang)
    if st is None:
        return lower
    return _stem_exceptions(lang).get(lower) or st.stemWord(lower)


@lru_cache(maxsize=200_000)
def _analyse(lang: str, lower: str) -> tuple[str, str | None, bool, bool]:
    if lang != "ru":
        st = _stemmer(lang)
        if st is None or not any(ch.isalpha() for ch in lower):
            return lower, None, False, False
        # «trata» (de personas) and «tratado» share the stem ``trat``: ``stem_exceptions``
        keep = _stem_exceptions(lang).get(lower)
        return keep or st.stemWord(lower), None, False, False
    # The stock spaCy Russian lemmatizer re-parses every token; a per-word cache of
    # pymorphy3's first parse is what makes lemmas affordable on long reports.
    if lang != "ru" or not any("а" <= ch <= "я" or ch == "ё" for ch in lower):
        return lower, None, False, False
    morph = _morph()
    if len(lower) <= MAX_ABBREVIATION and not morph.word_is_known(lower):
        # «ППКР», «ЕАЭС»: pymorphy3 would guess an inflection of an unknown word
        return lower, None, False, False
    parses = morph.parse(lower)
    p = parses[0]
    gent = any("gent" in q.tag for q in parses[:3])
    plur = all("plur" in q.tag for q in parses[:2] if q.normal_form == p.normal_form)
    return p.normal_form.replace("ё", "е"), p.tag.POS, gent, plur


@lru_cache(maxsize=20_000)
def morph_parses(word: str) -> tuple:
    """pymorphy3's parses of a Russian word, most likely first (cached)."""
    return tuple(_morph().parse(word))


def nominative_plural(word: str) -> bool:
    """Whether a Russian word form can be a nominative plural («соглашения», not «соглашением»)."""
    return any(p.tag.number == "plur" and p.tag.case == "nomn" for p in morph_parses(word))


@cache
def load(lang: str) -> Lexicon:
    """Load and compile ``data/citations/<lang>.yaml`` (``en`` when unknown)."""
    path = DATA_DIR / f"{lang}.yaml"
    if not path.exists():
        path, lang = DATA_DIR / "en.yaml", "en"
    data = load_yaml(path.read_text(encoding="utf-8")) or {}

    def st(word: str) -> str:
        return stem(lang, word.lower())

    anchor = re.sub(r"\s+", "", data["anchor_regex"])
    months = {k.lower(): int(v) for k, v in data.get("months", {}).items()}
    markers = _alt(data.get("number_markers", ["№"]))
    # Letters of series prefixes, Kazakh ones included («№ ҚР ДСМ-128/2020»); a
    # short upper-case series may stand before the hyphenated one, with a space.
    let = "A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
    up = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
    # «25.871», «9.199/2017»: thousands written with a dot (``thousands_dot``)
    groups = r"(?:\.\d{3}(?!\d))*" if data.get("thousands_dot") else ""
    num_body = rf"(?:[{up}]{{1,4}} (?=[{let}]{{1,5}}-\d))?(?:[{let}]{{1,5}}-)?\d+{groups}(?:[-/][0-9{let}]+)*"
    suffixes = data.get("number_suffixes") or []
    suffix_part = rf"(?:\s+(?:{_alt(suffixes)})\b)?" if suffixes else ""
    # An optional series prefix before the marker: «УП № 221»; or the initials of the
    # issuing ministries joined by slashes: «Portaria Interministerial MJSP/MRE nº 19».
    number_re = re.compile(
        rf"(?:[A-ZА-ЯЁ]{{1,4}}(?:/[A-ZА-ЯЁ]{{1,{MAX_INITIALS}}}){{0,{MAX_ISSUERS}}}\s+)?(?:{markers})(?:\s*\.)?\s*(?P<num>{num_body}{suffix_part})(?![\w])"
    )
    # A series number without a marker: «Указ Президента УП-60», "Resolution PP-4829".
    series_re = re.compile(r"(?P<num>[A-ZА-ЯЁ]{2,4}-\d+)(?![\w-])")
    # A stray letter between a number and its quoted title («№ 12 З «О …»»), or the digit
    # OCR reads for it or for a footnote marker («№12 3 «О …»»).
    stray_re = re.compile(r"\s+(?:[A-ZА-ЯЁ]|\d)(?=\s*[«“„\"'‘])")
    year_words = _alt(data.get("year_words", []))
    # «2021 года» / «на 2019-2025 гг.»: a year word after a year; without year words
    # (English) nothing, so that no trailing space joins the match
    yw_tail = rf"(?:\s*(?:{year_words})(?![\w]))?" if year_words else ""
    date_markers = _alt(data.get("date_markers", []))
    month_alt = _alt(months) if months else "nomonth"
    # «24 de maio de 2017», «1er janvier 2019»: words joining day, month and year
    joiners = _alt(data.get("date_joiners", []))
    dj = rf"(?:\s+(?:{joiners}))?" if joiners else ""
    day_suffix = r"(?:er|º|°)?" if data.get("date_joiners") else ""
    # «de 4 de julho» with no year («Lei n.º 23/2007, de 4 de julho»): the year is the number's
    no_year = (rf"|(?P<d3>\d{{1,2}}){dj}\s+(?P<mon3>{month_alt})(?!\w)(?!{dj}\s+\d)"
               if data.get("date_without_year") else "")
    date_re = re.compile(
        rf"(?:{date_markers})\s+(?:"
        rf"[«\"]?(?P<d>\d{{1,2}}){day_suffix}[»\"]?{dj}\s+(?P<mon>{month_alt}){dj}\s*,?\s*(?P<y>\d{{4}})"
        rf"|(?P<mon2>{month_alt})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
        rf"|(?P<dd>\d{{1,2}})\.(?P<mm>\d{{1,2}})\.(?P<yy>\d{{4}})"
        rf"|(?P<yo>(?:1[89]|20)\d\d)(?!\d)(?=\s*(?:{year_words})(?!\w)){no_year})"
        rf"{yw_tail}",
        re.IGNORECASE,
    )
    pw = data.get("period_words", {})
    from_words = _alt(pw.get("from", [])) or "nofrom"
    until_words = _alt(pw.get("until", [])) or "nountil"
    period_re = re.compile(
        # «2019-20217 гг.»: a footnote marker glued to the last year is tolerated
        rf"(?:(?:{from_words})\s+)?(?P<a>(?:1[89]|20)\d\d)\s*[-–—]\s*(?P<b>(?:1[89]|20)\d\d)\d{{0,2}}(?!\d)"
        rf"{yw_tail}",
        re.IGNORECASE,
    )
    until_re = re.compile(
        rf"(?:{until_words})\s+(?P<b>(?:1[89]|20)\d\d)(?!\d){yw_tail}",
        re.IGNORECASE,
    )
    yw = data.get("year_words") or []
    if yw:
        bare_year_re = re.compile(rf"(?P<y>(?:1[89]|20)\d\d)\s*(?:{_alt(yw)})(?![\w])", re.IGNORECASE)
    elif data.get("bare_year"):
        bare_year_re = re.compile(r"(?P<y>(?:1[89]|20)\d\d)(?![\w.,]\d)(?![-–—/\w])")
    else:
        bare_year_re = re.compile(r"(?!x)x")
    adoption = _alt(data.get("adoption_words", []))
    paren_year_re = re.compile(
        rf"^\s*(?:(?:\w+\s+){{0,2}}?(?:{adoption})\w*\.?\s+(?:\w+\s+){{0,3}}?)?(?P<y>(?:1[89]|20)\d\d)(?!\d)(?![A-Za-z])",
        re.IGNORECASE,
    )
    countries = data.get("countries", {})
    country_res = {
        code: re.compile("|".join(f"(?:{p})" for p in pats)) for code, pats in countries.items()
    }
    country_any = re.compile("|".join(f"(?:{p})" for pats in countries.values() for p in pats))
    stop_phrases = tuple(tuple(p.lower().split()) for p in data.get("title_stop_phrases", []))
    return Lexicon(
        lang=lang,
        data=data,
        anchor_re=re.compile(anchor, re.IGNORECASE),
        heads={st(k): v for k, v in data.get("heads", {}).items()},
        qualifiers={st(k): (v or {}) for k, v in data.get("qualifiers", {}).items()},
        issuer_lemmas=frozenset(st(w) for w in data.get("issuer_lemmas", [])),
        title_starters=frozenset(data.get("title_starters", [])),
        party_starters=frozenset(data.get("party_starters", [])),
        party_with=frozenset(data.get("party_with", [])),
        title_stops=frozenset(data.get("title_stops", [])),
        stop_phrases=stop_phrases,
        title_pos=frozenset(data.get("title_pos", [])),
        title_conj=frozenset(data.get("title_conj", [])),
        dash_compounds=frozenset(data.get("dash_compounds", [])),
        title_connectors=frozenset(data.get("title_connectors", [])),
        leading_drop=frozenset(data.get("leading_drop", [])),
        determiners=frozenset(data.get("determiners", [])),
        months=months,
        number_re=number_re,
        series_re=series_re,
        stray_re=stray_re,
        date_re=date_re,
        period_re=period_re,
        until_re=until_re,
        paren_year_re=paren_year_re,
        bare_year_re=bare_year_re,
        country_res=country_res,
        country_any_re=country_any,
        match_stopwords=frozenset(data.get("match_stopwords", [])),
        abbreviations={k.lower(): v for k, v in (data.get("abbreviations") or {}).items()},
        approval_prefixes=tuple(data.get("approval_prefixes", [])),
        morph_mode=data.get("title_mode", "morph"),
        post_qualifiers={st(k): (v or {}) for k, v in (data.get("post_qualifiers") or {}).items()},
        free_title_starters=frozenset(data.get("free_title_starters", [])),
        strip_zeros=data.get("strip_leading_zeros", True),
    )
