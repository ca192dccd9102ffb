"""The multilingual glossary: one act cited in two languages gives one concept set."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.corpus.glossary import (
    GLOSSARY_DIR,
    MIN_STEM,
    ConceptKey,
    concept_key,
    concept_similarity,
)

LANGS = ("en", "ru", "es", "fr", "pt")

# (lang, title, lang, title): the same act (or the same subject) in two languages.
EQUIVALENT = [
    # Kyrgyzstan (MGI 2022, Russian report; English wording of other reports)
    ("en", "Law No. 4 on External Labour Migration (2006)", "ru", "Закон № 4 «О внешней трудовой миграции» (2006г.)"),
    ("en", "Law of the Kyrgyz Republic on External Migration", "ru", "Закон Кыргызской Республики «О внешней миграции»"),
    ("en", "Law No. 133 on Internal Migration (2002)", "ru", "Законе № 133 «О внутренней миграции» (2002)"),
    ("en", "Law of the Kyrgyz Republic on Refugees", "ru", "Закон Кыргызской Республики «О беженцах» (2002 г."),
    ("en", "Law No. 55 on Prevention and Combating of Trafficking in Persons",
     "ru", "Законом № 55 «О предупреждении и борьбе с торговлей людьми» (2005 г."),
    ("en", "Law No. 1296-XII on the Legal Status of Foreign Citizens in the Kyrgyz Republic",
     "ru", "Закон № 1296-XII «О правовом статусе иностранных граждан в Кыргызской Республике»"),
    ("en", "Law on the Legal Status of Foreign Citizens", "ru", "О правовом положении иностранных граждан"),
    ("en", "Law No. 175 on State Guarantees for Ethnic Kyrgyz Resettling to the Kyrgyz Republic",
     "ru", "Закон № 175 “О государ\ufffeственных гарантиях этническим кыргызам, переселяющимся в Кыргызскую Республику”"),
    ("en", "Law No. 184 on State Guarantees of Equal Rights and Equal Opportunities for Men and Women",
     "ru", "Закон № 184 “О государственных гарантиях равных прав и равных возможностей для мужчин и женщин”"),
    ("en", "Law No. 54 on Civil Protection (2018)", "ru", "Закон № 54 «О гражданской защите» (2018г."),
    ("en", "Law No. 6 on Health Protection of Citizens in the Kyrgyz Republic",
     "ru", "Закон № 6 “Об охране здоровья граждан в Кыргызской Республике” (2005 год)"),
    ("en", "Law on the Basics of State Policy to Support Compatriots Abroad",
     "ru", "Закон Кыргызской Республики «Об основах государственной политики по поддержке соотечественников за рубежом»"),
    ("en", "Law No. 154 on Social Partnership in the Sphere of Labour Relations",
     "ru", "Закон № 154 «О социальном партнерстве в сфере трудовых отношений» (2003 г."),
    ("en", "Law on State Civil Service and Municipal Service",
     "ru", "Закон Кыргызской Республики от 2021 года “О государственной гражданской службе и муниципальной службе”"),
    ("en", "Law on Normative Legal Acts", "ru", "Закон Кыргызской Республики «О нормативных правовых актах»"),
    ("en", "Law No. 59 on the Population and Housing Census", "ru", "Законом № 59 о переписи населения и жилищного фонда"),
    ("en", "Concept of Migration Policy of the Kyrgyz Republic for 2021-2030",
     "ru", "Концепция миграционной политики Кыргызской Республики на 2021-2030 годы"),
    ("en", "Concept of Comprehensive Protection of the Population and Territory from Emergencies for 2018-2030",
     "ru", "Концепция комплексной защиты населения и территории Кыргызской Республики от чрезвычайных ситуаций на 2018-2030 годы"),
    ("en", "Regulation on the Procedure for Labour Activity of Foreign Citizens and Stateless Persons in the Kyrgyz Republic",
     "ru", "Положение «О порядке осуществления трудовой деятельности иностранными гражданами и лицами без гражданства на территории Кыргызской Республики»"),
    ("en", "Programme of the Cabinet of Ministers on Combating Trafficking in Persons for 2022-2025",
     "ru", "Программа Кабинета Министров Кыргызской Республики по борьбе с торговлей людьми в Кыргызской Республике на 2022-2025 годы"),
    ("en", "Strategy for Expanding Citizens' Access to Financial Services for 2022-2026",
     "ru", "Стратегия расширения доступа граждан к финансовым услугам на 2022-2026 годы"),
    ("en", "Code of the Kyrgyz Republic on Offences", "ru", "Кодекс Кыргызской Республики о правонарушениях"),
    ("en", "Labour Code", "ru", "Трудовой кодекс"),
    ("en", "Code of Administrative Offences", "ru", "Кодекс об административных правонарушениях"),
    ("en", "Law on Citizenship", "ru", "О гражданстве"),
    ("en", "on Refugees", "ru", "О беженцах"),
    # Labour codes, citizenship, across the Latin languages
    ("en", "Labour Code", "es", "Código Sustantivo del Trabajo"),
    ("en", "Labour Code", "fr", "Code du travail"),
    ("en", "Labour Code", "pt", "Consolidação das Leis do Trabalho"),
    ("en", "Nationality Law", "es", "Ley de Nacionalidad"),
    ("ru", "О гражданстве", "fr", "Code de la nationalité"),
    ("en", "Criminal Code", "fr", "Code pénal"),
    ("en", "Criminal Procedure Code", "es", "Código de Procedimiento Penal"),
    # Colombia
    ("en", "Law 1465 of 2011 creating the National Migration System",
     "es", "Ley 1465 de 2011 por la cual se crea el Sistema Nacional de Migraciones"),
    ("en", "Temporary Protection Statute for Venezuelan Migrants",
     "es", "Estatuto Temporal de Protección para Migrantes Venezolanos"),
    ("en", "Law 1565 of 2012 on the Return of Colombians Residing Abroad",
     "es", "Ley 1565 de 2012 por medio de la cual se dictan disposiciones para el retorno de los colombianos residentes en el extranjero"),
    ("en", "Code on Childhood and Adolescence", "es", "Código de la Infancia y la Adolescencia"),
    # Mexico, Ecuador
    ("en", "Law on Refugees, Complementary Protection and Political Asylum",
     "es", "Ley sobre Refugiados, Protección Complementaria y Asilo Político"),
    ("en", "Organic Law on Human Mobility", "es", "Ley Orgánica de Movilidad Humana"),
    ("en", "General Law on Population", "es", "Ley General de Población"),
    # Morocco, Tunisia
    ("en", "Law No. 02-03 on the Entry and Stay of Foreigners in the Kingdom of Morocco, and Irregular Emigration and Immigration",
     "fr", "loi n° 02-03 relative à l'entrée et au séjour des étrangers au Royaume du Maroc, à l'émigration et l'immigration irrégulières"),
    ("en", "Law No. 27-14 on Combating Trafficking in Human Beings",
     "fr", "loi n° 27-14 relative à la lutte contre la traite des êtres humains"),
    ("en", "Organic Law No. 2016-61 on Preventing and Combating Trafficking in Persons",
     "fr", "loi organique n° 2016-61 relative à la prévention et à la lutte contre la traite des personnes"),
    ("en", "Law on Passports and Travel Documents", "fr", "loi relative aux passeports et aux documents de voyage"),
    ("en", "National Strategy on Immigration and Asylum", "fr", "Stratégie nationale d'immigration et d'asile"),
    # Brazil, Mozambique
    ("en", "Law No. 13,445 (Migration Law)", "pt", "Lei nº 13.445 (Lei de Migração)"),
    ("en", "Refugee Law", "pt", "Lei do Refúgio"),
    ("en", "Statute of the Child and Adolescent", "pt", "Estatuto da Criança e do Adolescente"),
    ("en", "Law No. 6/2008 on Trafficking in Persons, especially Women and Children",
     "pt", "Lei n.º 6/2008 sobre o tráfico de pessoas, especialmente mulheres e crianças"),
    ("en", "Legal Regime of Foreign Citizens", "pt", "Regime Jurídico do Cidadão Estrangeiro"),
    # Philippines, Ghana, Moldova (three or more languages)
    ("en", "Anti-Trafficking in Persons Act", "es", "Ley contra la Trata de Personas"),
    ("en", "Smuggling of Migrants", "es", "tráfico ilícito de migrantes"),
    ("fr", "trafic illicite de migrants", "pt", "tráfico de migrantes"),
    ("en", "Law on Asylum", "ru", "Закон «Об убежище»"),
    ("en", "Law on the Regime of Foreigners", "ru", "Закон «О режиме иностранцев»"),
    ("en", "Law on Labour Migration", "fr", "loi sur la migration de main-d'œuvre"),
    ("en", "Law on Civil Status Acts", "ru", "Закон «Об актах гражданского состояния»"),
    ("es", "Ley de Protección Civil", "fr", "loi relative à la protection civile"),
    ("en", "Law on Social Security", "pt", "Lei da Segurança Social"),
    ("en", "Law on Prevention of Domestic Violence", "ru", "Закон «О предупреждении семейного насилия»"),
    ("en", "Law on Gender Equality", "es", "Ley de Igualdad de Género"),
    ("es", "Ley de Migración y Extranjería", "pt", "Lei de Migração e Estrangeiros"),
    ("en", "Constitution of the Kyrgyz Republic", "ru", "Конституция Кыргызской Республики"),
    ("en", "Law on Remittances", "fr", "loi sur les transferts de fonds"),
    ("en", "Internally Displaced Persons Act", "es", "Ley de Personas Desplazadas Internas"),
]

# Two different acts: their concept sets must differ.
DIFFERENT = [
    ("en", "Law on External Migration", "en", "Law on External Labour Migration"),
    ("ru", "О внешней миграции", "ru", "О внешней трудовой миграции"),
    ("en", "Law on Internal Migration", "en", "Law on External Migration"),
    ("ru", "О внутренней миграции", "en", "Law on External Migration"),
    ("en", "Code of Administrative Offences", "en", "Criminal Code"),
    ("ru", "Кодекс об административных правонарушениях", "ru", "Уголовный кодекс"),
    ("en", "Labour Code", "en", "Law on Labour Migration"),
    ("ru", "Трудовой кодекс", "ru", "О трудовой миграции"),
    ("en", "Civil Code", "en", "Law on Civil Protection"),
    ("ru", "Гражданский кодекс", "ru", "О гражданстве"),
    ("en", "Law on Citizenship", "en", "Law on the Legal Status of Foreign Citizens"),
    ("en", "Law on Refugees", "en", "Law on Migration"),
    ("en", "Criminal Code", "en", "Criminal Procedure Code"),
    ("es", "Ley de Migración", "es", "Ley de Migración y Extranjería"),
    ("en", "Law on Emigration", "en", "Law on Immigration"),
    ("fr", "loi relative à l'entrée et au séjour des étrangers", "fr", "loi relative à la nationalité"),
    ("en", "Law on Trafficking in Persons", "en", "Law on Smuggling of Migrants"),
    ("es", "Ley de Trata de Personas", "es", "Ley de Tráfico de Migrantes"),
    ("pt", "Lei do Refúgio", "pt", "Lei de Migração"),
    ("en", "Law on Health Protection", "en", "Law on Education"),
    ("en", "Law on Social Security", "en", "Law on Social Partnership"),
    ("en", "Law on Civil Service", "en", "Law on Civil Society"),
    ("ru", "О государственной гражданской службе", "ru", "О гражданской защите"),
    ("en", "Law on Temporary Protection", "en", "Law on International Protection"),
    ("en", "Family Code", "en", "Law on Domestic Violence"),
    ("fr", "Code du travail", "fr", "Code pénal"),
    ("en", "Law on Compatriots Abroad", "en", "Law on Foreign Citizens"),
]


def _files() -> dict[str, dict]:
    return {lang: yaml.safe_load((GLOSSARY_DIR / f"{lang}.yaml").read_text(encoding="utf-8")) for lang in LANGS}


@pytest.mark.parametrize("la, a, lb, b", EQUIVALENT, ids=[f"{x[0]}-{x[2]}:{x[1][:40]}" for x in EQUIVALENT])
def test_equivalent_titles_give_equal_concepts(la, a, lb, b):
    ka, kb = concept_key(a, la), concept_key(b, lb)
    assert ka.concepts, a
    assert ka.concepts == kb.concepts, (ka, kb)
    assert concept_similarity(ka, kb) == 100.0


@pytest.mark.parametrize("lang, title", sorted({(x[0], x[1]) for x in EQUIVALENT} | {(x[2], x[3]) for x in EQUIVALENT}))
def test_positive_titles_are_well_covered(lang, title):
    key = concept_key(title, lang)
    assert key.coverage >= 0.8, key


@pytest.mark.parametrize("la, a, lb, b", DIFFERENT, ids=[f"{x[0]}-{x[2]}:{x[1][:30]}|{x[3][:30]}" for x in DIFFERENT])
def test_different_acts_give_different_concepts(la, a, lb, b):
    ka, kb = concept_key(a, la), concept_key(b, lb)
    assert ka.concepts and kb.concepts
    assert ka.concepts != kb.concepts, (ka, kb)
    assert concept_similarity(ka, kb) < 100.0


@pytest.mark.parametrize("title, lang, expected", [
    ("Law on External Labour Migration", "en", {"external", "labour", "migration"}),
    ("О внешней трудовой миграции", "ru", {"external", "labour", "migration"}),
    ("on Refugees", "en", {"refugee"}),
    ("Law on Internal Migration", "en", {"internal", "migration"}),
    ("О предупреждении и борьбе с торговлей людьми", "ru", {"prevention", "combat", "trafficking", "person"}),
    ("О правовом положении иностранных граждан", "ru", {"legal_status", "foreign", "citizen"}),
])
def test_examples_of_the_brief(title, lang, expected):
    assert concept_key(title, lang).concepts == expected


def test_unknown_language_or_empty_title_gives_empty_key():
    for key in (concept_key("Law on Migration", "de"), concept_key("Law on Migration", ""),
                concept_key("Law on Migration", "../en"), concept_key(None, "en"), concept_key("", "ru")):
        assert key == ConceptKey(frozenset(), ())
        assert key.coverage == 1.0
    assert concept_similarity(concept_key("x", "de"), concept_key("Law on Migration", "en")) == 0.0


def test_unmapped_words_and_coverage():
    key = concept_key("Law on Fisheries and Migration", "en")
    assert key.concepts == {"migration"} and key.unmapped == ("fisheries",)
    assert key.coverage == 0.5
    # capitalised names in a title that is not in Title Case are proper names, not gaps
    key = concept_key("Закон «О рыболовстве в Иссык-Кульской области»", "ru")
    assert key.concepts == frozenset() and key.unmapped == ("рыболовстве",)
    assert concept_key("Ley de Migración de Colombia", "es").unmapped == ()


def test_similarity_is_jaccard():
    a = concept_key("Law on External Labour Migration", "en")
    b = concept_key("Law on External Migration", "en")
    assert concept_similarity(a, b) == pytest.approx(100 * 2 / 3)


def test_concept_ids_exist_in_english():
    files = _files()
    english = set(files["en"]["concepts"])
    for lang, data in files.items():
        used = set(data.get("concepts") or {})
        used |= {c for key in (data.get("phrases") or {}) if key != "ignore" for c in key.split("+")}
        assert used <= english, (lang, sorted(used - english))


def test_same_concept_ids_in_every_file():
    files = _files()
    english = set(files["en"]["concepts"])
    for lang, data in files.items():
        assert set(data["concepts"]) == english, (lang, sorted(english ^ set(data["concepts"])))
    assert 150 <= len(english) <= 250


@pytest.mark.parametrize("lang", LANGS)
def test_stems_are_long_or_whole_word_and_not_duplicated(lang):
    data = _files()[lang]
    seen: dict[str, str] = {}
    entries = [(c, s) for c, stems in data["concepts"].items() for s in stems or ()]
    entries += [("(ignore)", s) for s in data.get("ignore") or ()]
    for concept, stem in entries:
        stem = str(stem)
        assert stem.endswith("$") or len(stem) >= MIN_STEM, (lang, concept, stem)
        assert stem == stem.lower() and " " not in stem, (lang, concept, stem)
        assert seen.setdefault(stem, concept) == concept, (lang, stem, seen[stem], concept)


def test_glossary_files_are_packaged_data():
    assert GLOSSARY_DIR == Path(__file__).resolve().parents[1] / "pipeline" / "data" / "corpus" / "glossary"
