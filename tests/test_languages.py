"""Every report language as data: detection, heading aliases of every template era,
domain lexicons, and a clear warning for a language without data."""

from __future__ import annotations

import pytest

import layout_cache
from pipeline.domains import assign_domains
from pipeline.domains.classifier import LexiconCentroidClassifier, LexiconClassifier
from pipeline.domains.lexicon import load_lexicon
from pipeline.layout.extract import LayoutDocument
from pipeline.layout.page import Block
from pipeline.lexicon import available_languages, detect_language, missing_language_warning
from pipeline.models import DocumentInfo
from pipeline.structure.build import build_document
from pipeline.structure.headings import heading_role

LANGS = ("en", "es", "fr", "pt", "ru")
DESIGNS = layout_cache.REPO / "tests" / "fixtures" / "designs"


def test_every_language_has_structure_and_domain_data():
    assert set(LANGS) <= set(available_languages("structure"))
    assert set(LANGS) <= set(available_languages("domains"))
    for lang in LANGS:
        assert missing_language_warning(lang) is None
        assert sorted(load_lexicon(lang).domains) == [1, 2, 3, 4, 5, 6]


# ---------------------------------------------------------------- detection

@pytest.mark.parametrize("text, lang", [
    # sentences
    ("The Government adopted a national migration strategy in 2019.", "en"),
    ("El Gobierno aprobó una estrategia nacional de migración en 2019.", "es"),
    ("Le Gouvernement a adopté une stratégie nationale de migration en 2019.", "fr"),
    ("O Governo aprovou uma estratégia nacional de migração em 2019.", "pt"),
    ("Правительство приняло национальную стратегию миграции в 2019 году.", "ru"),
    # headings and other short texts
    ("Introducción", "es"),
    ("Introdução", "pt"),
    ("Table des matières", "fr"),
    ("Derechos de los migrantes", "es"),
    ("Droits des migrants", "fr"),
    ("Direitos dos migrantes", "pt"),
    ("Principais conclusões", "pt"),
    ("Migración segura, ordenada y regular", "es"),
    ("Права мигрантов", "ru"),
    ("Key findings of the assessment", "en"),
    # English words holding letter groups of other languages (sch, nh, gli) stay English
    ("School enrolment", "en"),
    ("Enhanced cooperation", "en"),
    ("English language courses", "en"),
    # mixed: the body's language wins over quoted titles
    ("La Ley de Migración de 2017 (Migration Act) regula la entrada de los extranjeros "
     "y la expedición de visados por el Ministerio del Interior.", "es"),
    ("The Lei de Migração regulates the entry of foreigners and the issue of visas by the "
     "Ministry of Foreign Affairs and of the Interior.", "en"),
    ("Оценка MGI (Migration Governance Indicators) помогает странам", "ru"),
    ("Le rapport de l'OIM (Migration Governance Indicators) sur la gouvernance des migrations.", "fr"),
    # no evidence: the default, never a crash
    ("", "en"),
    ("2019 – 2023", "en"),
    ("MGI", "en"),
    # languages without data are named, not taken for English
    ("Die Regierung hat das Gesetz über die Migration und den Aufenthalt verabschiedet.", "de"),
    ("Il Governo ha adottato la strategia nazionale per la migrazione e della integrazione.", "it"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_detect_language_default_is_used_without_evidence():
    assert detect_language("12345", default="pt") == "pt"
    assert detect_language("El Gobierno y la ley", default="pt") == "es"


@pytest.mark.parametrize("lang, named", [("de", True), ("it", True), ("xx", True), ("es", False), ("ru", False)])
def test_missing_language_warning_names_the_language(lang, named):
    warning = missing_language_warning(lang)
    assert (warning is not None) == named
    if named:
        assert repr(lang) in warning


def _block(text: str, kind: str = "paragraph", size: float = 10.0, top: float = 100.0) -> Block:
    return Block(page=1, x0=50, top=top, x1=500, bottom=top + 12, text=text, size=size, kind=kind)


def test_document_in_a_language_without_data_is_processed_with_a_warning():
    blocks = [_block("Einleitung", "heading", 16, 60),
              _block("Die Regierung hat das Gesetz über die Migration verabschiedet.", top=90),
              _block("1.1. Migration governance: examples of well-developed areas", "heading", 12, 120),
              _block("Der Grenzschutz und die Visa werden vom Ministerium verwaltet.", top=150)]
    text = " ".join(b.text for b in blocks)
    layout = LayoutDocument(path="x.pdf", page_count=1, page_sizes=[(595, 842)], blocks=blocks,
                            language=detect_language(text))
    info = DocumentInfo(doc_id="d", file="x.pdf", sha256="0" * 64)
    res = build_document(layout, info)
    assert res.document.language == "de"
    assert any("'de'" in w for w in res.document.warnings)
    assert [s.role for s in res.sections] == ["other", "strength"]  # other languages' aliases still apply
    assign_domains(res.paragraphs, res.sections, "de")  # no lexicon: flagged, not a crash
    last = res.paragraphs[-1]
    assert last.domain == 1 and last.domain_source == "section"


def test_document_in_a_language_with_data_has_no_warning():
    layout = LayoutDocument(path="x.pdf", page_count=1, page_sizes=[(595, 842)],
                            blocks=[_block("Introducción", "heading", 16)], language="es")
    res = build_document(layout, DocumentInfo(doc_id="d", file="x.pdf", sha256="0" * 64))
    assert res.document.warnings == []


# ---------------------------------------------------------------- headings

FIRST_ROUND = {  # 2016–2019 profiles: long MiGOF chapter names
    "en": ["Adherence to international standards and fulfilment of migrants' rights",
           "Formulates policy using evidence and whole-of-government approach",
           "Engages with partners to address migration and related issues",
           "Advances the socioeconomic well-being of migrants and society",
           "Effectively addresses the mobility dimensions of crises",
           "Ensures that migration takes place in a safe, orderly and dignified manner"],
    "es": ["Adhesión a las normas internacionales y respeto de los derechos de los migrantes",
           "Formula políticas con base empírica y aplica un enfoque de gobierno integral",
           "Colabora con asociados para abordar la migración y cuestiones conexas",
           "Fomenta el bienestar socioeconómico de los migrantes y de la sociedad",
           "Aborda eficazmente las dimensiones de movilidad de las crisis",
           "Vela por que la migración se efectúe de manera segura, ordenada y digna"],
    "fr": ["Adhésion aux normes internationales et respect des droits des migrants",
           "Formulation de politiques fondées sur des données factuelles et application d'une approche "
           "à l'échelle de l'ensemble de l'administration",
           "Collaboration avec des partenaires pour traiter les questions de migration et les questions connexes",
           "Promotion du bien-être socioéconomique des migrants et de la société",
           "Gestion efficace des aspects des crises liés à la mobilité",
           "Migration sûre, ordonnée et digne"],
    "pt": ["Adesão às normas internacionais e respeito pelos direitos dos migrantes",
           "Formula políticas com base em dados concretos e numa abordagem de governo integrado",
           "Colabora com parceiros para abordar a migração e questões conexas",
           "Promove o bem-estar socioeconómico dos migrantes e da sociedade",
           "Aborda eficazmente as dimensões de mobilidade das crises",
           "Assegura que a migração ocorre de forma segura, ordenada e digna"],
    "ru": ["Соблюдение международных стандартов и соблюдение прав мигрантов",
           "Формулирование политики с использованием фактических данных и общегосударственного подхода",
           "Взаимодействие с партнерами для решения миграционных вопросов",
           "Содействие социально-экономическому благополучию мигрантов и общества",
           "Эффективное решение вопросов мобильности в кризисных ситуациях",
           "Обеспечение безопасной, упорядоченной и достойной миграции"],
}

SHORT = {  # 2019+ profiles (and local profiles): short names
    "en": ["Migrants' rights", "Whole-of-government approach", "Partnerships", "Well-being of migrants",
           "Mobility dimensions of crises", "Safe, orderly and regular migration"],
    "es": ["Derechos de los migrantes", "Enfoque de gobierno integral", "Alianzas", "Bienestar de los migrantes",
           "Dimensión de movilidad de las crisis", "Migración segura, ordenada y regular"],
    "fr": ["Droits des migrants", "Approche pangouvernementale", "Partenariats", "Bien-être des migrants",
           "Dimension « mobilité » des crises", "Migration sûre, ordonnée et régulière"],
    "pt": ["Direitos dos migrantes", "Abordagem de governo integrado", "Parcerias", "Bem-estar dos migrantes",
           "Dimensões de mobilidade das crises", "Migração segura, ordenada e regular"],
    "ru": ["Права мигрантов", "Общегосударственный подход", "Партнерство", "Благополучие мигрантов",
           "Мобильность в кризисных ситуациях", "Безопасная, упорядоченная и регулируемая миграция"],
}

PAGE = {"en": "Page", "es": "Página", "fr": "Page", "pt": "Página", "ru": "Страница"}


@pytest.mark.parametrize("lang, domain, title", [
    (lang, d, t) for lang, titles in FIRST_ROUND.items() for d, t in enumerate(titles, start=1)])
def test_first_round_chapter_names(lang, domain, title):
    assert heading_role(title, lang) == ("domain_chapter", domain)
    assert heading_role(f"{domain}. {title.upper()}", lang) == ("domain_chapter", domain)


@pytest.mark.parametrize("lang, domain, title", [
    (lang, d, t) for lang, titles in SHORT.items() for d, t in enumerate(titles, start=1)])
def test_short_names(lang, domain, title):
    # Alone, a short name is a chapter or a key-findings part depending on where it stands.
    assert heading_role(title, lang) == ("domain_name", domain)
    assert heading_role(f"{title} ({PAGE[lang]} 12)", lang) == ("summary_domain", domain)


@pytest.mark.parametrize("title, lang, domain", [  # the 2016 pilot index's five areas
    ("Institutional capacity", "en", 2),
    ("Migrant rights", "en", 1),
    ("Labour migration management", "en", 4),
    ("Regional and international cooperation", "en", 3),
    ("Safe and orderly migration", "en", 6),
    ("Capacidad institucional", "es", 2),
    ("Gestión de la migración laboral", "es", 4),
    ("Coopération régionale et internationale", "fr", 3),
    ("Migração segura e ordenada", "pt", 6),
    ("Управление трудовой миграцией", "ru", 4),
])
def test_pilot_index_areas_map_onto_the_six_domains(title, lang, domain):
    assert heading_role(title, lang) == ("domain_name", domain)


@pytest.mark.parametrize("title, lang, role", [
    ("1.1. Migration governance: examples of well-developed areas", "en", "strength"),
    ("1.2. Areas with potential for further development", "en", "gap"),
    ("2.1. Gobernanza de la migración: ejemplos de áreas bien desarrolladas", "es", "strength"),
    ("2.2. Áreas con potencial de desarrollo adicional", "es", "gap"),
    ("2.2. Áreas con potencial para un mayor desarrollo", "es", "gap"),
    ("4.1. Gouvernance des migrations : exemples de domaines bien développés", "fr", "strength"),
    ("4.2. Domaines pouvant être développés davantage", "fr", "gap"),
    ("4.2. Domaines pouvant faire l'objet d'un développement accru", "fr", "gap"),
    ("3.1. Governança da migração: exemplos de áreas bem desenvolvidas", "pt", "strength"),
    ("3.2. Áreas com potencial para desenvolvimento adicional", "pt", "gap"),
    ("1.1. Управление миграцией: примеры хорошо разработанных мер политики", "ru", "strength"),
    ("1.2. Области с потенциалом для дальнейшего развития", "ru", "gap"),
    # another language's parts in a report (every language's aliases are tried)
    ("5.2. Areas with potential for further development", "es", "gap"),
])
def test_strength_and_gap_parts(title, lang, role):
    assert heading_role(title, lang) == (role, None)


@pytest.mark.parametrize("title, lang, role", [
    ("Contents", "en", "contents"), ("ÍNDICE", "es", "contents"), ("Table des matières", "fr", "contents"),
    ("Sommaire", "fr", "contents"), ("Sumário", "pt", "contents"), ("Содержание", "ru", "contents"),
    ("Objetivos", "es", "objective"), ("Objectifs", "fr", "objective"), ("Objetivo", "pt", "objective"),
    ("INTRODUCCIÓN", "es", "introduction"), ("Introduction", "fr", "introduction"),
    ("INTRODUÇÃO", "pt", "introduction"),
    ("Marco conceptual", "es", "framework"), ("Cadre conceptuel", "fr", "framework"),
    ("Quadro conceptual", "pt", "framework"),
    ("CONCLUSIONES PRINCIPALES", "es", "key_findings"), ("Principales conclusions", "fr", "key_findings"),
    ("PRINCIPAIS CONCLUSÕES", "pt", "key_findings"), ("Key findings", "en", "key_findings"),
    ("Summary of changes since the first assessment", "en", "summary"),
    ("Resumen de los cambios desde la primera evaluación", "es", "summary"),
    ("Résumé des changements depuis la première évaluation", "fr", "summary"),
    ("Resumo das alterações desde a primeira avaliação", "pt", "summary"),
    ("Annex: COVID-19", "en", "annex"), ("ANEXO: COVID-19", "es", "annex"),
    ("Annexe : COVID-19", "fr", "annex"), ("Anexo – COVID-19", "pt", "annex"),
    ("Key sources", "en", "bibliography"), ("Bibliografía", "es", "bibliography"),
    ("Bibliographie", "fr", "bibliography"), ("Principais fontes", "pt", "bibliography"),
    ("Principal legislación", "es", "legislation"), ("Principaux textes législatifs", "fr", "legislation"),
    ("Legislação principal", "pt", "legislation"), ("Main legislation", "en", "legislation"),
])
def test_chapter_roles(title, lang, role):
    assert heading_role(title, lang) == (role, None)


@pytest.mark.parametrize("title, lang", [
    # cover titles that share words with the framework chapter
    ("INDICADORES DE GOBERNANZA DE LA MIGRACIÓN", "es"),
    ("INDICATEURS DE GOUVERNANCE DES MIGRATIONS", "fr"),
    ("INDICADORES DE GOVERNANÇA DA MIGRAÇÃO", "pt"),
    ("MIGRATION GOVERNANCE INDICATORS", "en"),
    # topics inside a chapter that begin with a domain's short name
    ("Partnerships with the private sector", "en"),
    ("Alianzas con el sector privado", "es"),
    ("Partenariats avec la société civile", "fr"),
    ("Parcerias com o setor privado", "pt"),
    # unrelated headings
    ("Santé et éducation", "fr"),
    ("Principais instrumentos jurídicos", "pt"),
    ("Sistemas de información del mercado laboral", "es"),
])
def test_headings_that_name_nothing(title, lang):
    assert heading_role(title, lang) == ("other", None)


# ---------------------------------------------------------------- domains

@pytest.mark.parametrize("lang, text, domain", [
    ("es", "Los migrantes tienen acceso a la atención de salud y a la seguridad social.", 1),
    ("es", "La estrategia nacional y la recopilación de datos sobre migración.", 2),
    ("es", "La sociedad civil y el sector privado participan en el proceso consultivo regional.", 3),
    ("es", "Las remesas y el reconocimiento de cualificaciones profesionales.", 4),
    ("es", "El plan de contingencia para desastres naturales prevé la evacuación.", 5),
    ("es", "Control fronterizo, visados y lucha contra la trata de personas.", 6),
    ("fr", "Les migrants ont accès aux soins de santé et à la sécurité sociale.", 1),
    ("fr", "La stratégie nationale et la collecte de données sur les migrations.", 2),
    ("fr", "La société civile et le secteur privé participent au processus consultatif régional.", 3),
    ("fr", "Les envois de fonds et la reconnaissance des qualifications.", 4),
    ("fr", "Le plan d'urgence en cas de catastrophe prévoit l'évacuation.", 5),
    ("fr", "Contrôle des frontières, visas et lutte contre la traite des personnes.", 6),
    ("pt", "Os migrantes têm acesso aos cuidados de saúde e à segurança social.", 1),
    ("pt", "A estratégia nacional e a recolha de dados sobre migração.", 2),
    ("pt", "A sociedade civil e o setor privado participam no processo consultivo regional.", 3),
    ("pt", "As remessas e o reconhecimento das qualificações profissionais.", 4),
    ("pt", "O plano de emergência para catástrofes naturais prevê a evacuação.", 5),
    ("pt", "Controlo de fronteiras, vistos e luta contra o tráfico de seres humanos.", 6),
    # negatives
    ("es", "El tiempo fue bueno y todos pasearon por el parque.", None),
    ("fr", "Il faisait beau et tout le monde se promenait dans le parc.", None),
    ("pt", "O tempo esteve bom e todos passearam no parque.", None),
])
def test_lexicon_alone(lang, text, domain):
    pred = LexiconClassifier(load_lexicon(lang)).predict([text])[0]
    assert pred.domain == domain
    assert pred.review == (domain is None)


@pytest.mark.parametrize("lang", ["es", "fr", "pt"])
def test_classifier_without_labelled_chapters_uses_lexicon_priors(lang):
    clf = LexiconCentroidClassifier(lang)
    clf.fit([], [])  # a report whose chapters were not found: nothing to learn from
    texts = {"es": "Las víctimas de trata de personas y el control fronterizo en los aeropuertos.",
             "fr": "Les victimes de la traite des personnes et le contrôle des frontières aux aéroports.",
             "pt": "As vítimas de tráfico de seres humanos e o controlo de fronteiras nos aeroportos."}
    assert clf.predict([texts[lang]])[0].domain == 6


# ---------------------------------------------------------------- design fixtures

@pytest.mark.parametrize("name, domains", [
    ("es-valdoria-letter", [1, 3, 6]),
    ("es-bermeja-a4", [2, 4, 5]),
    ("fr-maronie-a4", [4, 5, 6]),
    ("fr-kandara-tagged", [1, 3]),
    ("pt-alvorada-a4", [1, 2, 3]),
    ("pt-marinhas-letter", [4, 5, 6]),
    ("en-orvania-letter", [1, 2]),
])
def test_design_fixtures_get_domain_chapters(name, domains):
    res = layout_cache.result_of(str(DESIGNS / f"{name}.pdf"))
    assert res.document.language == name[:2]
    assert res.document.warnings == []
    chapters = [s for s in res.sections if s.role == "domain_chapter"]
    assert [c.domain for c in chapters] == domains
    parts = [(s.domain, s.assessment) for s in res.sections if s.role in ("strength", "gap")]
    assert parts == [(d, a) for d in domains for a in ("strength", "gap")]
