"""The corpus view: report metadata with sources (pipeline/corpus/metadata.py) and ``mgi query``."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.batch import BatchOptions
from pipeline.corpus.metadata import (
    DocumentMeta,
    apply_meta,
    country_code,
    extract_metadata,
    find_countries,
    load_meta_csv,
)
from pipeline.batch.runner import process_document

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "tests" / "fixtures" / "reports"
DESIGNS = REPO / "tests" / "fixtures" / "designs"


def _p(text: str, kind: str = "paragraph", page: int = 1, size: float = 10.0):
    return SimpleNamespace(text=text, kind=kind, page=page, font_size=size)


def _meta(*paragraphs, **kw) -> DocumentMeta:
    return extract_metadata(list(paragraphs), kw.pop("sections", []), **kw)


# ----------------------------------------------------------------------------- units, table-driven

COUNTRY_CASES = [
    # (blocks, expected country, expected source)
    ([_p("MIGRATION GOVERNANCE INDICATORS · GHANA 2018", "furniture", 2)], "GHA", "running_header"),
    ([_p("ИНДИКАТОРЫ УПРАВЛЕНИЯ МИГРАЦИЕЙ / MGI · КЫРГЫЗСКАЯ РЕСПУБЛИКА 2022", "furniture", 2)], "KGZ",
     "running_header"),
    ([_p("Migration Governance Profile: The Republic of Ghana", "heading", 1, 18)], "GHA", "title_page"),
    ([_p("Profil de gouvernance des migrations : Royaume du Maroc", "heading")], "MAR", "title_page"),
    ([_p("Perfil de governança da migração: República Federativa do Brasil", "heading")], "BRA", "title_page"),
    ([_p("Perfil de gobernanza de la migración: República de Colombia", "heading")], "COL", "title_page"),
    # Russian names in any case form
    ([_p("изменения в управлении миграцией в Кыргызской Республике с 2018 года", page=3)], "KGZ", "first_pages"),
    ([_p("Это перемены в Казахстане.", page=2)], "KAZ", "first_pages"),
    # the title page wins over a header naming another country
    ([_p("Migration Governance Profile: Republic of Ghana", "heading"),
      _p("MIGRATION GOVERNANCE INDICATORS · TOGO 2018", "furniture", 2)], "GHA", "title_page"),
]


@pytest.mark.parametrize("blocks, code, source", COUNTRY_CASES)
def test_country_and_its_source(blocks, code, source):
    m = _meta(*blocks)
    assert (m.country, m.sources.get("country")) == (code, source)
    assert m.country_name and m.sources["country_name"] == source


NO_COUNTRY = [
    [_p("El país gana mucho con la migración.")],  # Spanish verb, not Ghana (pt «Gana»)
    [_p("Того, что было сделано, недостаточно.")],  # Russian pronoun, not Togo
    [_p("Ghana and Togo signed the agreement.")],  # a tie names neither
    [_p("The Congo basin.")],  # an alias of two countries
    [_p("Republic of Orvania", "heading")],  # invented
    [_p("The Government of Germany supported it.", "footnote")],  # footnotes do not count
]


@pytest.mark.parametrize("blocks", NO_COUNTRY)
def test_no_country_is_guessed(blocks):
    assert _meta(*blocks).country is None


ROUND_CASES = [
    ("the second assessment of the MGI", "second"),
    ("This follow-up assessment of the MGI", "second"),
    ("los resultados de la segunda evaluación de los IGM", "second"),
    ("la deuxième évaluation des IGM", "second"),
    ("a segunda avaliação dos IGM", "second"),
    ("Повторная оценка MGI выявляет изменения", "second"),
    ("Summary of changes since the first assessment", "second"),
    ("the third assessment of the MGI in the country", "third"),
    ("This profile summarizes the MGI assessment", "first"),
]


@pytest.mark.parametrize("text, expected", ROUND_CASES)
def test_round(text, expected):
    m = _meta(_p(text))
    assert m.round == expected
    assert m.sources["round"] == ("default" if expected == "first" else "first_pages")


def test_round_from_a_summary_of_changes_section():
    m = _meta(_p("MGI"), sections=[SimpleNamespace(role="summary", domain=None)])
    assert (m.round, m.sources["round"]) == ("second", "sections")
    # key findings by domain are not a summary of changes
    m = _meta(_p("MGI"), sections=[SimpleNamespace(role="summary_domain", domain=1)])
    assert m.round == "first"


def test_year_never_from_body_text():
    m = _meta(_p("La Ley 2136 de 2021 y la Agenda 2030.", page=2))
    assert m.year is None
    m = _meta(_p("INDICADORES DE GOBERNANZA DE LA MIGRACIÓN · COLOMBIA 2021", "furniture", 2),
              _p("La Ley 1523 de 2012.", page=2))
    assert (m.year, m.sources["year"]) == (2021, "running_header")


def test_framework_level_and_place():
    m = _meta(_p("Local Migration Governance Indicators: City of Accra", "heading"))
    assert (m.level, m.place, m.framework) == ("local", "Accra", "mgi")
    m = _meta(_p("Measuring well-governed migration: the 2016 Migration Governance Index", "heading"))
    assert (m.framework, m.level, m.round) == ("index2016", "national", "first")
    assert m.sources["level"] == m.sources["round"] == "default"


def test_nothing_recognisable_gets_nulls():
    m = _meta(_p("Lorem ipsum dolor sit amet, consectetur adipiscing elit."), file_name="scan 17.pdf",
              language="en")
    assert [getattr(m, f) for f in ("country", "country_name", "level", "place", "year", "round",
                                    "title", "framework")] == [None] * 8
    assert m.language == "en" and m.sources == {"language": "text"}
    empty = _meta(file_name="blank.pdf", language="ru")
    assert empty.language is None and empty.sources == {}


def test_weaker_sources_pdf_metadata_then_file_name():
    m = _meta(file_name="mgi-kyrgyzstan-2022-ru.pdf")
    assert (m.country, m.year, m.sources["country"], m.sources["year"]) == ("KGZ", 2022, "file_name", "file_name")
    m = _meta(pdf_meta={"Title": "Migration Governance Indicators: Republic of Moldova 2019"},
              file_name="mgi-kyrgyzstan-2022-ru.pdf")
    assert (m.country, m.year, m.title) == ("MDA", 2019, "Migration Governance Indicators: Republic of Moldova 2019")
    assert m.sources["country"] == m.sources["title"] == "pdf_metadata"


@pytest.mark.parametrize("value, code", [("KGZ", "KGZ"), ("kg", "KGZ"), ("Kyrgyzstan", "KGZ"),
                                         ("Кыргызская Республика", "KGZ"), ("Maroc", "MAR"), ("Atlantis", None)])
def test_country_code(value, code):
    assert country_code(value) == code


def test_country_list_covers_languages():
    for text, code in [("Ghana", "GHA"), ("Гана", "GHA"), ("Marruecos", "MAR"), ("Maroc", "MAR"),
                       ("Marrocos", "MAR"), ("Марокко", "MAR"), ("Türkiye", "TUR"), ("Viet Nam", "VNM")]:
        assert find_countries(text).most_common(1)[0][0] == code, text


# ----------------------------------------------------------------------------- --meta

def test_user_meta_wins_and_is_recorded(tmp_path):
    f = tmp_path / "meta.csv"
    f.write_text("file,country,year,round,level,place\nreports/x.pdf,Ghana,2019,second,local,Kumasi\n",
                 encoding="utf-8")
    rows = load_meta_csv(f)
    m = _meta(_p("MIGRATION GOVERNANCE INDICATORS · TOGO 2018", "furniture"))
    assert apply_meta(m, rows, "0123456789abcdef", "/elsewhere/x.pdf")
    assert (m.country, m.country_name, m.year, m.round, m.level, m.place) == (
        "GHA", "Ghana", 2019, "second", "local", "Kumasi")
    assert {m.sources[k] for k in ("country", "country_name", "year", "round", "level", "place")} == {"user"}
    assert m.sources["framework"] == "running_header"  # what the user left out still comes from the report
    assert not apply_meta(_meta(), rows, "fedcba9876543210", "y.pdf")


@pytest.mark.parametrize("text, words", [
    ("name,country\nx.pdf,KGZ\n", "'file' or 'doc_id'"),
    ("file,colour\nx.pdf,red\n", "unknown column"),
    ("file,country\nx.pdf,Atlantis\n", "unknown country"),
    ("file,round\nx.pdf,fifth\n", "not one of"),
    ("doc_id,year\nabc,20x1\n", "four-digit"),
])
def test_bad_meta_csv(tmp_path, text, words):
    f = tmp_path / "meta.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=words):
        load_meta_csv(f)


# ----------------------------------------------------------------------------- real files

REPORT_TRUTH = [
    ("en-ghana-2018-first-round.pdf", "GHA", 2018, "en", "first"),
    ("es-colombia-2021.pdf", "COL", 2021, "es", "second"),  # «segunda evaluación»
    ("fr-maroc-2019.pdf", "MAR", 2019, "fr", "first"),
    ("pt-brasil-2020.pdf", "BRA", 2020, "pt", "first"),
]


@pytest.mark.parametrize("name, country, year, lang, rnd", REPORT_TRUTH)
def test_report_fixtures(name, country, year, lang, rnd):
    truth = json.loads((REPORTS / name.replace(".pdf", ".truth.json")).read_text(encoding="utf-8"))["document"]
    info = process_document(REPORTS / name, BatchOptions(), None).document
    assert (info.country, info.year, info.language, info.round) == (country, year, lang, rnd)
    assert info.language == truth["language"]
    assert country_code(truth["country"]) == country  # the truth file's name maps to the same code
    assert info.framework == "mgi" and info.level == "national"
    assert info.title == truth["title"].replace("\u00a0", " ")
    assert info.meta_sources["country"] in ("title_page", "running_header")


def test_invented_countries_stay_null():
    for pdf in sorted(DESIGNS.glob("*.pdf")):
        info = process_document(pdf, BatchOptions(), None).document
        assert info.country is None and "country" not in info.meta_sources, pdf.name


def test_sample(sample_pdf):
    info = process_document(sample_pdf, BatchOptions(), None).document
    assert (info.country, info.year, info.round, info.language) == ("KGZ", 2022, "second", "ru")
    assert info.meta_sources["country"] == "running_header"


# ----------------------------------------------------------------------------- CLI: run --meta, query

def _copies(sample: Path, folder: Path, n: int, pages: int) -> list[Path]:
    import pypdfium2 as pdfium

    folder.mkdir(parents=True, exist_ok=True)
    src, new, buf = pdfium.PdfDocument(str(sample)), pdfium.PdfDocument.new(), io.BytesIO()
    new.import_pages(src, list(range(pages)))
    new.save(buf)
    paths = []
    for i in range(n):
        p = folder / f"copy-{i}.pdf"
        p.write_bytes(buf.getvalue() + f"\n% copy {i}\n".encode())
        paths.append(p)
    return paths


def _mgi(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def extracted(sample_pdf, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    _copies(sample_pdf, root / "in", 2, pages=3)
    meta = root / "meta.csv"
    meta.write_text("file,country,year,round\ncopy-1.pdf,GHA,2019,first\n", encoding="utf-8")
    out = root / "extracted"
    done = _mgi("run", str(root / "in"), "--out", str(out), "--no-progress", "--workers", "2", "--meta", str(meta))
    assert done.returncode == 0, done.stderr
    return out


def test_run_meta_and_group_by_query(extracted):
    done = _mgi("query", "select country, round, count(*) as n from documents group by country, round "
                "order by country", "--out", str(extracted), "--csv")
    assert done.returncode == 0, done.stderr
    assert list(csv.reader(io.StringIO(done.stdout))) == [
        ["country", "round", "n"], ["GHA", "first", "1"], ["KGZ", "second", "1"]]
    done = _mgi("query", "select file, year, meta_sources from documents order by file", "--out", str(extracted),
                "--csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["year"] for r in rows] == ["2022", "2019"]
    kgz, gha = (json.loads(r["meta_sources"]) for r in rows)
    assert kgz["country"] == "running_header" and kgz["round"] == "first_pages"
    assert gha["country"] == gha["year"] == gha["round"] == "user" and gha["language"] == "text"


def test_query_joins_and_rich_table(extracted):
    done = _mgi("query", "select d.country, p.kind, count(*) as n from paragraphs p join documents d "
                "using (doc_id) group by all order by all", "--out", str(extracted))
    assert done.returncode == 0, done.stderr
    assert "KGZ" in done.stdout and "paragraph" in done.stdout and "row(s)" in done.stdout


@pytest.mark.parametrize("sql", ["selec * from documents", "select nope from documents", "select * from nowhere"])
def test_bad_sql_exit_2_one_line(extracted, sql):
    done = _mgi("query", sql, "--out", str(extracted))
    assert done.returncode == 2
    assert done.stderr.startswith("mgi query: ") and len(done.stderr.strip().splitlines()) == 1
    assert done.stdout == ""


def test_query_without_tables_and_bad_meta(tmp_path):
    done = _mgi("query", "select 1", "--out", str(tmp_path / "none"))
    assert done.returncode == 2 and "no extracted tables" in done.stderr
    bad = tmp_path / "meta.csv"
    bad.write_text("file,colour\nx.pdf,red\n", encoding="utf-8")
    done = _mgi("run", str(tmp_path), "--out", str(tmp_path / "out"), "--meta", str(bad), "--no-progress")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "--meta" in done.stderr
