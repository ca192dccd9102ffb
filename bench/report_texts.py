"""Words of the report fixtures typeset by bench/make_reports.py (tests/fixtures/reports).

Five MGI-style country profiles about real countries, citing real acts in the forms the
reports use (the Kyrgyz one pairs with the Russian 2022 sample: same country, first round,
English). The prose is written for testing the extraction pipeline: facts are
plausible and the acts exist, but details (dates of amendments, figures, the year of
the assessment) may be approximate. ``[[…]]`` marks a footnote at that point.
"""

from __future__ import annotations

NB = "\u00a0"  # French typography: no-break space before « : ; » and inside « »

# --------------------------------------------------------------------------- Spanish: Colombia 2021

COLOMBIA = {
    "name": "es-colombia-2021",
    "lang": "es",
    "country": "Colombia",
    "title": "Perfil de gobernanza de la migración: República de Colombia",
    "header": "INDICADORES DE GOBERNANZA DE LA MIGRACIÓN · COLOMBIA 2021",
    "footer": "{page}",
    "intro_title": "Introducción",
    "intro": [
        "El presente perfil resume los resultados de la segunda evaluación de los Indicadores de Gobernanza "
        "de la Migración (IGM) realizada en Colombia, a solicitud del Ministerio de Relaciones Exteriores, "
        "entre febrero y septiembre de 2021.[[La primera evaluación de los IGM en Colombia se llevó a cabo en "
        "2018.]] El análisis se basa en el examen de la legislación y las políticas vigentes y en consultas "
        "con las entidades del Gobierno nacional, las autoridades locales y la sociedad civil.",
        "Desde la primera evaluación, la llegada de más de 1,7 millones de personas procedentes de Venezuela "
        "ha transformado la política migratoria del país, que ha pasado de centrarse en los colombianos en "
        "el exterior a ocuparse también de la integración de la población migrante.",
    ],
    "findings_title": "Conclusiones principales",
    "findings_intro": "Las principales conclusiones de la evaluación son las siguientes:",
    "findings": [
        "la Ley 2136 de 2021 establece por primera vez una Política Integral Migratoria de rango legal;",
        "el Estatuto Temporal de Protección para Migrantes Venezolanos permite la regularización de los "
        "venezolanos presentes en el territorio durante diez años;",
        "el país no dispone todavía de un sistema de información que integre los datos migratorios de "
        "todas las entidades;",
        "los mecanismos de reconocimiento de títulos y competencias adquiridos en el exterior siguen siendo "
        "lentos y costosos.",
    ],
    "chapters": [
        (
            [
                "La Constitución Política de 1991 reconoce a los extranjeros en Colombia los mismos derechos "
                "civiles que se conceden a los colombianos. Los migrantes, con independencia de su situación "
                "migratoria, tienen acceso a la atención de urgencias en el sistema público de salud, y los "
                "que cuentan con un documento de identificación válido pueden afiliarse al Sistema General de "
                "Seguridad Social en Salud.[[Artículo 100 de la Constitución Política de 1991 y Decreto 064 "
                "de 2020.]]",
                "Todos los niños, niñas y adolescentes tienen acceso a la educación pública preescolar, básica "
                "y media, aunque no tengan un permiso de permanencia. La Ley 1997 de 2019 permitió además "
                "reconocer la nacionalidad colombiana a los hijos de padres venezolanos nacidos en Colombia "
                "desde 2015 que se encontraban en riesgo de apatridia.",
            ],
            [
                "Colombia ha ratificado la Convención Internacional sobre la Protección de los Derechos de "
                "Todos los Trabajadores Migratorios y de sus Familiares y el Convenio núm. 189 de la OIT, "
                "pero no el Convenio núm. 97 ni el Convenio núm. 143 de la OIT sobre los trabajadores "
                "migrantes.",
                "Los migrantes en situación irregular no pueden afiliarse al régimen subsidiado de salud, "
                "por lo que solo reciben atención de urgencias y algunas intervenciones de salud pública.",
            ],
        ),
        (
            [
                "La Ley 2136 de 2021 establece las definiciones, principios y lineamientos de la Política "
                "Integral Migratoria del Estado colombiano y asigna responsabilidades a las distintas "
                "entidades del Gobierno nacional.[[La ley fue sancionada el 4 de agosto de 2021.]] El "
                "Ministerio de Relaciones Exteriores coordina la política y la Unidad Administrativa "
                "Especial Migración Colombia ejerce las funciones de autoridad de vigilancia y control "
                "migratorio.",
                "El documento CONPES 3950 de 2018 fijó la Estrategia para la atención de la migración desde "
                "Venezuela, con acciones en salud, educación, empleo y vivienda, y la Gerencia de Frontera "
                "coordina su ejecución con las gobernaciones y alcaldías.",
            ],
            [
                "No existe un sistema unificado de información migratoria; las entidades producen datos con "
                "metodologías distintas, y las estadísticas sobre la emigración de colombianos se basan "
                "sobre todo en los registros consulares.",
            ],
        ),
        (
            [
                "Colombia participa en el Proceso de Quito y en la Conferencia Suramericana sobre Migraciones, "
                "y ha firmado el Acuerdo sobre Residencia para Nacionales de los Estados Partes del Mercosur, "
                "Bolivia y Chile.[[Colombia se adhirió al Acuerdo en 2012.]]",
                "La Plataforma de Coordinación Interagencial para Refugiados y Migrantes de Venezuela (R4V) "
                "reúne en el país a organismos de las Naciones Unidas, organizaciones no gubernamentales y "
                "donantes que apoyan la respuesta del Gobierno.",
            ],
            [
                "El sector privado y las organizaciones de migrantes participan poco en la formulación de la "
                "política migratoria, y no hay acuerdos bilaterales de migración laboral con los principales "
                "países de destino de los colombianos.",
            ],
        ),
        (
            [
                "El Decreto 216 de 2021 adoptó el Estatuto Temporal de Protección para Migrantes Venezolanos, "
                "y la Resolución 0971 de 2021 de Migración Colombia reglamentó su aplicación: el Permiso por "
                "Protección Temporal autoriza a su titular a trabajar en cualquier actividad lícita, a "
                "afiliarse a la seguridad social y a convalidar sus títulos.",
                "El Servicio Público de Empleo registra a los migrantes con documento válido y ofrece "
                "orientación laboral en los centros de empleo de las cajas de compensación familiar.",
            ],
            [
                "La convalidación de títulos de educación superior ante el Ministerio de Educación Nacional "
                "puede tardar varios meses y tiene un costo elevado para la población migrante.[[Resolución "
                "10687 de 2019 del Ministerio de Educación Nacional.]]",
                "No existen programas específicos para facilitar el envío de remesas ni para reducir su costo.",
            ],
        ),
        (
            [
                "La Ley 1523 de 2012 adoptó la Política Nacional de Gestión del Riesgo de Desastres, que "
                "incluye a toda persona presente en el territorio, y la Unidad Nacional para la Gestión del "
                "Riesgo de Desastres ha incorporado a la población migrante en sus planes de contingencia.",
                "Durante la pandemia de COVID-19, los consulados prestaron asistencia a los colombianos "
                "varados en el exterior y se organizaron vuelos humanitarios para su retorno.",
            ],
            [
                "Los planes de contingencia no contemplan medidas específicas para los migrantes en "
                "situación irregular que se desplazan en las zonas de frontera, ni protocolos de "
                "comunicación en otros idiomas.",
            ],
        ),
        (
            [
                "El Decreto 1067 de 2015, Decreto Único Reglamentario del Sector Administrativo de Relaciones "
                "Exteriores, regula los visados, los controles migratorios y el régimen de permanencia de los "
                "extranjeros.[[El decreto ha sido modificado en varias ocasiones, entre otros por el Decreto "
                "1743 de 2015.]]",
                "La Ley 985 de 2005 establece medidas contra la trata de personas y normas para la atención y "
                "protección de sus víctimas; la Estrategia Nacional para la Lucha contra la Trata de Personas "
                "2020-2024 fue adoptada por el Decreto 1818 de 2020.",
            ],
            [
                "La Ley 1565 de 2012 ofrece incentivos al retorno de los colombianos, pero los programas de "
                "reintegración no se evalúan de forma sistemática.[[Entre 2013 y 2020 se inscribieron en el "
                "Registro Único de Retorno más de 100 000 personas.]]",
                "No existe un mecanismo formal para identificar a las personas en situación de vulnerabilidad "
                "en los puntos de control migratorio.",
            ],
        ),
    ],
    "table": {
        "title": "Anexo: Principal legislación",
        "header": ["Norma", "Año", "Objeto"],
        "rows": [
            ["Constitución Política de Colombia", "1991", "Derechos de los extranjeros"],
            ["Ley 985 de 2005", "2005", "Lucha contra la trata de personas"],
            ["Ley 1465 de 2011", "2011", "Sistema Nacional de Migraciones"],
            ["Ley 1565 de 2012", "2012", "Retorno de colombianos"],
            ["Decreto 1067 de 2015", "2015", "Régimen migratorio"],
            ["Ley 2136 de 2021", "2021", "Política Integral Migratoria"],
            ["Decreto 216 de 2021", "2021", "Estatuto Temporal de Protección"],
        ],
    },
    "bib_title": "Bibliografía",
    "bib": [
        "Congreso de la República de Colombia (2021). Ley 2136 de 2021, por medio de la cual se establecen "
        "las definiciones, principios y lineamientos para la reglamentación y orientación de la Política "
        "Integral Migratoria del Estado colombiano. Bogotá.",
        "Consejo Nacional de Política Económica y Social (2018). Documento CONPES 3950: Estrategia para la "
        "atención de la migración desde Venezuela. Bogotá.",
        "Migración Colombia (2021). Resolución 0971 de 2021, por la cual se implementa el Estatuto Temporal "
        "de Protección para Migrantes Venezolanos. Bogotá.",
        "Organización Internacional para las Migraciones (OIM) (2019). Perfil de gobernanza de la migración: "
        "República de Colombia. Ginebra.",
    ],
}

# --------------------------------------------------------------------------- French: Morocco 2019

MAROC = {
    "name": "fr-maroc-2019",
    "lang": "fr",
    "country": "Royaume du Maroc",
    "title": f"Profil de gouvernance des migrations{NB}: Royaume du Maroc",
    "header": "INDICATEURS DE GOUVERNANCE DES MIGRATIONS · MAROC 2019",
    "footer": "Profil de gouvernance des migrations · page {page}",
    "intro_title": "Introduction",
    "intro": [
        "Le présent profil résume l'évaluation des indicateurs de gouvernance des migrations (IGM) menée au "
        "Royaume du Maroc en 2019 à la demande du ministère chargé des Marocains résidant à l'étranger et "
        "des Affaires de la migration.[[L'évaluation a été conduite entre janvier et juillet 2019.]] Elle "
        "repose sur l'examen des textes en vigueur et sur des entretiens avec les départements concernés.",
    ],
    "findings_title": "Principales conclusions",
    "findings_intro": None,
    "findings": [
        f"Le Maroc a adopté en 2014 la Stratégie nationale d'immigration et d'asile (SNIA), qui a permis deux "
        f"opérations exceptionnelles de régularisation des étrangers en situation irrégulière, en 2014 et en "
        f"2017. La Stratégie nationale en faveur des Marocains du monde complète ce dispositif pour la "
        f"diaspora.",
        f"En revanche, le projet de loi sur l'asile n'a pas encore été adopté, et la loi n° 02-03 n'a pas été "
        f"révisée depuis 2003{NB}; le pays ne dispose pas non plus d'une stratégie de collecte de données "
        f"sur les migrations.",
    ],
    "chapters": [
        (
            [
                f"La Constitution de 2011 dispose que les étrangers jouissent des libertés fondamentales "
                f"reconnues aux citoyennes et citoyens marocains, conformément à la loi. Le Maroc a ratifié "
                f"en 1993 la Convention internationale sur la protection des droits de tous les travailleurs "
                f"migrants et des membres de leur famille.[[Article 30 de la Constitution du 29 juillet "
                f"2011.]]",
                f"Les enfants étrangers ont accès à l'enseignement public dans les mêmes conditions que les "
                f"nationaux depuis la circulaire du ministère de l'Éducation nationale de 2013, et les "
                f"migrants, quel que soit leur statut, ont accès aux soins de santé primaires.",
            ],
            [
                f"Le Code du travail n'ouvre l'emploi des étrangers qu'aux titulaires d'un contrat visé par "
                f"le ministère chargé du travail, après vérification qu'aucun candidat national n'est "
                f"disponible.[[Articles 516 à 521 de la loi n° 65-99 relative au Code du travail.]] Les "
                f"étrangers en situation irrégulière ne bénéficient pas de l'assurance maladie.",
            ],
        ),
        (
            [
                f"La SNIA est mise en œuvre par un comité interministériel présidé par le chef du "
                f"gouvernement, qui réunit une quinzaine de départements. Le ministère chargé des Marocains "
                f"résidant à l'étranger et des Affaires de la migration en assure la coordination "
                f"technique.",
            ],
            [
                f"Le Haut-Commissariat au Plan ne publie pas de données régulières sur l'émigration, et les "
                f"données administratives sur les titres de séjour ne sont pas ventilées par sexe et par "
                f"âge.",
                f"Le Conseil de la communauté marocaine à l'étranger, créé en 2007, n'a pas été renouvelé "
                f"depuis sa création.",
            ],
        ),
        (
            [
                f"Le Maroc participe au Processus de Rabat et au Dialogue 5+5 sur la migration, et a accueilli "
                f"en décembre 2018 à Marrakech la conférence intergouvernementale qui a adopté le Pacte "
                f"mondial pour des migrations sûres, ordonnées et régulières.[[Conférence des 10 et 11 "
                f"décembre 2018.]]",
                f"Le pays a conclu des conventions de sécurité sociale avec plusieurs pays d'Europe, dont la "
                f"France, la Belgique, l'Espagne et les Pays-Bas.",
            ],
            [
                f"Le secteur privé et les associations de migrants ne sont pas associés de manière formelle "
                f"à l'élaboration des politiques migratoires.",
            ],
        ),
        (
            [
                f"L'Agence nationale de promotion de l'emploi et des compétences (ANAPEC) organise, dans le "
                f"cadre d'un accord avec l'Espagne, le recrutement de travailleuses saisonnières pour la "
                f"récolte des fruits rouges dans la province de Huelva.",
                f"La Fondation Hassan II pour les Marocains résidant à l'étranger, créée par la loi n° 19-89, "
                f"offre une assistance juridique, sociale et culturelle aux Marocains de l'étranger.",
            ],
            [
                f"La reconnaissance des diplômes étrangers reste lente, et les migrants régularisés ont un "
                f"accès limité aux programmes publics de formation professionnelle.",
            ],
        ),
        (
            [
                f"La Direction de la gestion des risques naturels coordonne la réponse aux catastrophes, et "
                f"les consulats disposent de plans d'assistance aux ressortissants marocains en cas de crise "
                f"à l'étranger.",
            ],
            [
                f"Les plans de contingence nationaux ne comportent pas de dispositions particulières pour les "
                f"migrants présents sur le territoire, et il n'existe pas de stratégie sur les déplacements "
                f"liés aux changements climatiques.",
            ],
        ),
        (
            [
                f"La loi n° 02-03 relative à l'entrée et au séjour des étrangers au Royaume du Maroc, à "
                f"l'émigration et l'immigration irrégulières définit les conditions d'entrée et de séjour "
                f"et les sanctions applicables au trafic de migrants.[[Loi promulguée par le dahir n° "
                f"1-03-196 du 11 novembre 2003.]]",
                f"La loi n° 27-14 relative à la lutte contre la traite des êtres humains, adoptée en 2016, "
                f"définit la traite, prévoit la protection des victimes et a créé une commission nationale "
                f"chargée de coordonner la lutte contre la traite.",
            ],
            [
                f"Le décret de 1957 sur les réfugiés ne prévoit pas de procédure nationale de détermination "
                f"du statut, qui est conduite par le Haut-Commissariat des Nations Unies pour les réfugiés et "
                f"validée par le Bureau des réfugiés et apatrides.[[Décret n° 2-57-1256 du 29 août 1957 "
                f"fixant les modalités d'application de la Convention relative au statut des réfugiés.]]",
            ],
        ),
    ],
    "bib_title": "Sources principales",
    "bib": [
        f"Royaume du Maroc (2003). Loi n° 02-03 relative à l'entrée et au séjour des étrangers au Royaume du "
        f"Maroc, à l'émigration et l'immigration irrégulières. Bulletin officiel n° 5162.",
        f"Royaume du Maroc (2016). Loi n° 27-14 relative à la lutte contre la traite des êtres humains. "
        f"Bulletin officiel n° 6501.",
        f"Ministère chargé des Marocains résidant à l'étranger et des Affaires de la migration (2018). "
        f"Politique nationale d'immigration et d'asile, rapport 2018. Rabat.",
    ],
}

# --------------------------------------------------------------------------- Portuguese: Brazil 2020

BRASIL = {
    "name": "pt-brasil-2020",
    "lang": "pt",
    "country": "República Federativa do Brasil",
    "title": "Perfil de governança da migração: República Federativa do Brasil",
    "header": "INDICADORES DE GOVERNANÇA DA MIGRAÇÃO · BRASIL 2020",
    "footer": "{page}",
    "intro_title": "Introdução",
    "intro": [
        "Este perfil resume a avaliação dos Indicadores de Governança da Migração (IGM) realizada no Brasil "
        "em 2020, com o apoio do Ministério da Justiça e Segurança Pública.[[A avaliação foi realizada entre "
        "março e outubro de 2020, em grande parte por videoconferência.]]",
    ],
    "findings_title": "Principais conclusões",
    "findings_intro": None,
    "findings": [
        "A Lei nº 13.445, de 24 de maio de 2017 (Lei de Migração), adota uma abordagem baseada nos direitos "
        "humanos e garante aos migrantes o acesso aos serviços públicos em igualdade de condições com os "
        "nacionais. Ainda não foi adotada a Política Nacional de Migrações, Refúgio e Apatridia prevista "
        "na lei.",
    ],
    "chapters": [
        (
            [
                "A Constituição Federal de 1988 garante aos estrangeiros residentes no País a "
                "inviolabilidade do direito à vida, à liberdade, à igualdade, à segurança e à propriedade. "
                "Todos os migrantes, independentemente da situação migratória, têm acesso ao Sistema Único "
                "de Saúde e à educação pública.[[Artigo 5º da Constituição Federal e artigo 4º da Lei nº "
                "13.445/2017.]]",
            ],
            [
                "O Brasil não ratificou a Convenção Internacional sobre a Proteção dos Direitos de Todos os "
                "Trabalhadores Migrantes e dos Membros das suas Famílias.",
            ],
        ),
        (
            [
                "O Decreto nº 9.199/2017 regulamenta a Lei de Migração e distribui as competências entre o "
                "Ministério da Justiça e Segurança Pública, o Ministério das Relações Exteriores e a Polícia "
                "Federal. O Conselho Nacional de Imigração reúne representantes do governo, dos trabalhadores "
                "e dos empregadores.",
            ],
            [
                "Os dados sobre migração são produzidos por vários órgãos e não são integrados num sistema "
                "único; o Observatório das Migrações Internacionais publica relatórios anuais a partir dos "
                "registros administrativos.",
            ],
        ),
        (
            [
                "O Acordo sobre Residência para Nacionais dos Estados Partes do Mercosul, Bolívia e Chile, "
                "promulgado pelo Decreto nº 6.975/2009, permite a residência temporária dos nacionais desses "
                "países por dois anos.[[O acordo foi assinado em Brasília em 6 de dezembro de 2002.]]",
            ],
            [
                "A participação das organizações da sociedade civil e das associações de migrantes na "
                "formulação das políticas não está prevista em nenhum instrumento formal.",
            ],
        ),
        (
            [
                "A Portaria Interministerial nº 9, de 14 de março de 2018, autoriza a residência temporária "
                "dos nacionais de países fronteiriços que não são parte do Acordo de Residência do Mercosul, "
                "o que beneficiou sobretudo os venezuelanos. A Estratégia de Interiorização da Operação "
                "Acolhida apoia a sua transferência voluntária de Roraima para outros estados.",
            ],
            [
                "O reconhecimento de diplomas estrangeiros pelas universidades públicas é demorado e caro, e "
                "não existem programas de apoio à revalidação para os migrantes.",
            ],
        ),
        (
            [
                "A Lei nº 13.684/2018 dispõe sobre medidas de assistência emergencial para acolhimento de "
                "pessoas em situação de vulnerabilidade decorrente de fluxo migratório provocado por crise "
                "humanitária.[[A lei resultou da Medida Provisória nº 820, de 15 de fevereiro de 2018.]]",
            ],
            [
                "Os planos de contingência da defesa civil não incluem disposições específicas para os "
                "migrantes, e as informações sobre emergências raramente são traduzidas.",
            ],
        ),
        (
            [
                "A Lei nº 13.344/2016 dispõe sobre a prevenção e a repressão do tráfico interno e "
                "internacional de pessoas e sobre medidas de atenção às vítimas. A Lei nº 9.474/1997 define "
                "os mecanismos para a implementação do Estatuto dos Refugiados e criou o Comitê Nacional para "
                "os Refugiados (CONARE).",
            ],
            [
                "Não existe um programa público de apoio ao retorno e à reintegração dos brasileiros que "
                "regressam do exterior.",
            ],
        ),
    ],
    "bib_title": "Principais fontes",
    "bib": [
        "Brasil (2017). Lei nº 13.445, de 24 de maio de 2017. Institui a Lei de Migração. Diário Oficial da "
        "União, Brasília.",
        "Brasil (2017). Decreto nº 9.199, de 20 de novembro de 2017. Regulamenta a Lei de Migração. Brasília.",
        "Observatório das Migrações Internacionais (2020). Relatório anual 2020. Brasília.",
    ],
}

# --------------------------------------------------------------------------- English: Ghana 2018 (first round)

GHANA = {
    "name": "en-ghana-2018-first-round",
    "lang": "en",
    "country": "Republic of Ghana",
    "title": "Migration Governance Profile: The Republic of Ghana",
    "header": "MIGRATION GOVERNANCE INDICATORS · GHANA 2018",
    "footer": "{page}",
    "intro_title": "Introduction",
    "intro": [
        "This profile summarizes the results of the Migration Governance Indicators (MGI) assessment "
        "conducted in Ghana in 2018 with the Ministry of the Interior.[[The assessment was carried out "
        "between April and September 2018 with the support of the Government of Germany.]] The MGI is a set "
        "of around 90 indicators that help countries assess the comprehensiveness of their migration "
        "governance structures.",
    ],
    "findings_title": "Key findings",
    "findings_intro": None,
    "findings": [
        "Ghana has a comprehensive National Migration Policy, adopted in 2016, and is a party to the main "
        "international conventions on migrants' rights. Gaps remain in data collection, in the regulation "
        "of private recruitment agencies and in the inclusion of migrants in disaster planning.",
    ],
    "chapters": [
        (
            [
                "The 1992 Constitution guarantees fundamental human rights and freedoms to every person in "
                "Ghana, whatever his race, place of origin, political opinion, colour, religion, creed or "
                "gender. Ghana ratified the International Convention on the Protection of the Rights of All "
                "Migrant Workers and Members of Their Families in 2000.[[Article 12 of the 1992 "
                "Constitution.]]",
                "The Refugee Law, 1992 (PNDCL 305D) established the Ghana Refugee Board and grants refugees "
                "the same treatment as nationals with regard to primary education and access to the courts.",
            ],
            [
                "Foreign nationals may only be employed with a work permit issued under the Immigration Act, "
                "2000 (Act 573), and there is no provision for the recognition of skills acquired abroad.",
            ],
        ),
        (
            [
                "The National Migration Policy for Ghana (2016) sets out the objectives of the Government for "
                "all forms of migration and established the Migration Unit of the Ministry of the Interior to "
                "coordinate its implementation.[[The Policy was launched in April 2016.]]",
                "The Ghana Statistical Service collected data on emigration and immigration in the 2010 "
                "Population and Housing Census.",
            ],
            [
                "The National Migration Commission foreseen in the National Migration Policy has not yet been "
                "established, and migration data are not shared systematically among agencies.",
            ],
        ),
        (
            [
                "Ghana applies the ECOWAS Protocol relating to Free Movement of Persons, Residence and "
                "Establishment (1979), which grants citizens of ECOWAS Member States visa-free entry for up "
                "to 90 days.",
                "The Diaspora Affairs Bureau, established in the Office of the President in 2014, engages "
                "with Ghanaians abroad.[[The Bureau was later moved to the Ministry of Foreign Affairs and "
                "Regional Integration.]]",
            ],
            [
                "Ghana has not signed bilateral labour agreements with the main countries of destination of "
                "its workers in the Gulf States.",
            ],
        ),
        (
            [
                "The Labour Act, 2003 (Act 651) applies equally to national and foreign workers, and the "
                "Labour Regulations, 2007 (L.I. 1833) regulate private employment agencies that recruit "
                "Ghanaians for work abroad.",
            ],
            [
                "There is no programme to facilitate the transfer of remittances or to reduce their cost, and "
                "the Citizenship Act, 2000 (Act 591) restricts dual citizens' access to some public offices.",
            ],
        ),
        (
            [
                "The National Disaster Management Organisation Act, 2016 (Act 927) provides for the "
                "management of disasters and emergencies affecting any person in Ghana.",
            ],
            [
                "National disaster risk reduction strategies do not address displacement caused by "
                "environmental degradation, and there is no specific mechanism to assist migrants during "
                "emergencies.[[Ghana hosted over 10,000 Ivorian refugees after the crisis of 2010-2011.]]",
            ],
        ),
        (
            [
                "The Human Trafficking Act, 2005 (Act 694) criminalizes trafficking in persons and provides "
                "for the rehabilitation and reintegration of victims; the Human Trafficking Secretariat of "
                "the Ministry of Gender, Children and Social Protection coordinates its implementation.",
                "The Ghana Immigration Service manages the borders under the Immigration Act, 2000 (Act 573) "
                "and the Immigration Regulations, 2001 (L.I. 1691).",
            ],
            [
                "Ghana does not have a programme for the return and reintegration of its nationals, apart "
                "from projects funded by international partners.",
            ],
        ),
    ],
    "bib_title": "Key sources",
    "bib": [
        "Government of Ghana (2000). Immigration Act, 2000 (Act 573). Accra.",
        "Ministry of the Interior (2016). National Migration Policy for Ghana. Accra.",
        "Ghana Statistical Service (2013). 2010 Population and Housing Census: National Analytical Report. "
        "Accra.",
    ],
}

# --------------------------------------------------------------------------- English: Kyrgyz Republic 2018 (first round)

KYRGYZSTAN = {
    "name": "en-kyrgyzstan-2018-first-round",
    "lang": "en",
    "country": "Kyrgyz Republic",
    "title": "Migration Governance Indicators: Kyrgyz Republic — Profile 2018",
    "header": "KYRGYZSTAN | MIGRATION GOVERNANCE INDICATORS | KYRGYZ REPUBLIC · PROFILE 2018",
    "footer": "Migration Governance Profile: Kyrgyz Republic | {page}",
    "intro_title": "Introduction",
    "intro": [
        "This profile presents the results of the first Migration Governance Indicators (MGI) assessment "
        "conducted in the Kyrgyz Republic. The assessment was carried out in 2018 at the request of the "
        "Government, with the State Migration Service under the Government of the Kyrgyz Republic as the main "
        "counterpart.[[Data were collected between March and October 2018 through a review of legislation and "
        "policies and interviews with the ministries and agencies concerned; the findings were discussed at an "
        "interministerial meeting held in Bishkek.]] The MGI is a set of around 90 indicators that help "
        "countries assess the comprehensiveness of their migration governance structures and identify "
        "priorities for the future.",
        "The Kyrgyz Republic is mainly a country of origin: several hundred thousand of its citizens work "
        "abroad, most of them in the Russian Federation and Kazakhstan, and the remittances they send are "
        "equivalent to about a third of the gross domestic product. The country is also a destination for "
        "ethnic Kyrgyz resettling from neighbouring States and a transit country for migrants from South and "
        "Central Asia.",
    ],
    "findings_title": "Key findings",
    "findings_intro": None,
    "findings": [
        "The Kyrgyz Republic has a detailed legal framework on migration, built around the Law on External "
        "Migration (2000), the Law on Internal Migration (2002) and Law No. 4 on External Labour Migration "
        "(2006), and it is a party to the main international conventions on the rights of migrants and "
        "refugees. Since its accession to the Eurasian Economic Union in 2015, citizens of the Kyrgyz Republic "
        "can work in the other Member States without a work permit.",
        "Areas with potential for further development include the adoption of a single migration policy "
        "document, the sharing of migration data among agencies, the recognition of qualifications acquired "
        "abroad, the reintegration of returning labour migrants and the inclusion of migrants in emergency "
        "planning.",
    ],
    "chapters": [
        (
            [
                "The Constitution of the Kyrgyz Republic (2010) grants foreign citizens and stateless persons "
                "the rights and freedoms of citizens and subjects them to the same duties, except as otherwise "
                "provided by law or by an international treaty.[[The Constitution was adopted by referendum on "
                "27 June 2010.]] The Law on the Legal Status of Foreign Citizens in the Kyrgyz Republic (1993) "
                "sets out their rights and obligations during their stay, including the right to apply for "
                "temporary or permanent residence.",
                "The Kyrgyz Republic acceded to the 1951 Convention relating to the Status of Refugees and to its "
                "1967 Protocol in 1996, and to the International Convention on the Protection of the Rights of "
                "All Migrant Workers and Members of Their Families (1990) in 2003. It ratified the ILO Migration "
                "for Employment Convention (Revised), 1949 (No. 97) in 2008 and is a party to the CIS Convention "
                "on the Legal Status of Migrant Workers and Members of Their Families (2008).",
                "Foreign citizens with a permanent residence permit have the same access to public health care "
                "as nationals under the Law on Protection of the Health of Citizens in the Kyrgyz Republic "
                "(2005), and all migrants are entitled to emergency care; other medical services for foreign "
                "citizens are paid for as laid down in Government Resolution No. 346 on Medical Services for "
                "Foreign Citizens (2000). The Law on Education (2003) guarantees children access to primary and "
                "secondary schooling whatever the migration status of their parents.",
                "Law of the Kyrgyz Republic No. 44 of 25 March 2002 “On Refugees” provides for the determination "
                "of refugee status by the State Migration Service and grants recognized refugees the right to "
                "work and to access health care and education on the same terms as permanent residents.[[The "
                "procedure is further regulated by the Regulation on Work with Refugees, approved by Government "
                "Resolution No. 188 of 4 April 2003.]]",
            ],
            [
                "The Labour Code of the Kyrgyz Republic (2004) applies to foreign workers, but only to those "
                "holding a work permit issued within the annual quota; the permit is tied to one employer, and "
                "foreign workers lose their right to stay if the employment relationship ends.",
                "There is no specific legal basis for family reunification: family members of foreign workers "
                "may apply for residence under the general rules of the Law on External Migration, and the Law on "
                "Citizenship of the Kyrgyz Republic (2007) requires several years of continuous lawful residence "
                "for naturalization, except for ethnic Kyrgyz, who benefit from a simplified procedure.",
            ],
        ),
        (
            [
                "The State Migration Service under the Government of the Kyrgyz Republic, established in 2015, "
                "is the lead agency on migration, and its remit covers emigration, immigration, refugees and the "
                "resettlement of ethnic Kyrgyz. The main policy framework is the Programme on Employment Promotion "
                "and Regulation of Internal and External Labour Migration until 2020, approved by Government "
                "Resolution No. 485 of 6 September 2013, and migration was one of the priorities of the National "
                "Sustainable Development Strategy for 2013–2017.",
                "The National Statistical Committee collects data on migration through the population census, "
                "held every ten years under the Law on the Population and Housing Census (2008), and through "
                "registration records and household surveys.[[The last census was conducted in March 2009; the "
                "next one is planned for 2020.]] Personal data collected by public bodies are protected under "
                "the Law on Information of a Personal Nature (2008).",
                "Civil society takes part in policymaking through the public council of the State Migration "
                "Service, set up under Law No. 74 on Public Councils of State Bodies (2014), which reviews draft "
                "regulations and the annual plans of the Service.",
            ],
            [
                "There is no single document setting out the Government's migration policy: objectives are "
                "spread among sectoral programmes, and the National Development Strategy of the Kyrgyz Republic "
                "for 2018–2040 refers to migration only in general terms.",
                "Data held by the State Migration Service, the Ministry of Internal Affairs and the Border "
                "Service are not shared systematically, and there is no regular publication on the number and "
                "characteristics of citizens living abroad.",
                "Law No. 184 on State Guarantees of Equal Rights and Equal Opportunities for Men and Women (2008) "
                "applies to all areas of public policy, but migration programmes do not yet include specific "
                "measures for women migrant workers.",
            ],
        ),
        (
            [
                "As a Member State of the Eurasian Economic Union since August 2015, the Kyrgyz Republic applies "
                "the Treaty on the Eurasian Economic Union (2014), under which its citizens may work in the "
                "other Member States without a work permit and have access to emergency medical care and to "
                "education for their children.",
                "Labour migration to the main countries of destination is also governed by bilateral treaties, "
                "in particular the Agreement between the Government of the Kyrgyz Republic and the Government of "
                "the Russian Federation on Labour Activity and Social Protection of Migrant Workers (1996), "
                "amended by a protocol in 2003, and the agreement with the Republic of Kazakhstan on the labour "
                "activity and protection of the rights of migrant workers (2006). In April 2018 the Kyrgyz "
                "Republic signed an Agreement on Social Security with the Republic of Turkey.",
                "Law No. 183 on the Fundamentals of State Policy for the Support of Compatriots Abroad (2013) "
                "provides the framework for cooperation with the diaspora, which the Government engages through "
                "its embassies and through regular forums of compatriots.",
            ],
            [
                "The Kyrgyz Republic does not have social security agreements with most countries of "
                "destination, and cooperation with the private sector and with trade unions on labour migration "
                "remains limited to individual projects.",
            ],
        ),
        (
            [
                "Law No. 4 on External Labour Migration (2006) regulates the recruitment of citizens for work "
                "abroad by licensed private employment agencies and the employment of foreign workers within an "
                "annual quota set by the Government; amendments adopted in 2018 limit the number of foreign "
                "workers to 20 per cent of the staff of an employer.[[Law of the Kyrgyz Republic No. 4 of 13 "
                "January 2006 “On External Labour Migration”, as amended in March 2018.]] Information and "
                "consultation centres of the State Migration Service advise prospective migrants before "
                "departure.",
                "The Law on State Guarantees for Ethnic Kyrgyz Resettling in the Kyrgyz Republic (2007) grants "
                "kairylman status to ethnic Kyrgyz who settle in the country, giving them access to employment, "
                "health care and education, and the Kairylman Programme for 2017–2022, approved by Government "
                "Resolution No. 518 of 30 September 2016, supports their housing and integration.",
                "The Programme for Improving the Financial Literacy of the Population of the Kyrgyz Republic for "
                "2016–2020 includes training for migrants and their families on the use of remittances and on "
                "savings.",
            ],
            [
                "Apart from the mutual recognition of diplomas among the Member States of the Eurasian Economic "
                "Union, there is no mechanism to recognize qualifications and skills acquired abroad, and there "
                "are no programmes to channel remittances towards productive investment.",
                "The Law on the Legal Status of Foreign Citizens in the Kyrgyz Republic does not address the "
                "labour market integration of immigrants, and there is no programme to promote it.",
            ],
        ),
        (
            [
                "The Ministry of Emergency Situations coordinates disaster risk management under Law No. 54 on "
                "Civil Protection (2018) and the Concept of Comprehensive Protection of the Population and "
                "Territory of the Kyrgyz Republic from Emergencies for 2018–2030, which follows the Sendai "
                "Framework for Disaster Risk Reduction 2015–2030.",
                "The Law on Internal Migration (2002) and Government Resolution No. 229 of 5 April 2004 on the "
                "Regulation on Recognizing a Citizen of the Kyrgyz Republic as a Forced Migrant provide for "
                "assistance to persons displaced by natural disasters and violence, including their relocation "
                "from areas at risk of landslides and floods.[[In June 2010, violence in the south of the country "
                "displaced several hundred thousand people, most of them temporarily.]]",
            ],
            [
                "Emergency plans do not include specific measures for foreign nationals, and there are no "
                "procedures for the evacuation of citizens from abroad in the event of a crisis in a country of "
                "destination.",
            ],
        ),
        (
            [
                "The Border Service manages the borders, and the entry and stay of foreigners are "
                "regulated by the Law on External Migration (2000) and by Government Resolution No. 626 of 13 "
                "November 2008 on the procedure for issuing temporary and permanent residence permits to foreign "
                "citizens and stateless persons. Visas are issued under the Instruction on the Procedure for "
                "Issuing Visas in the Kyrgyz Republic, approved by Government Resolution No. 155 of 15 March "
                "2017, and an electronic visa system was introduced the same year.",
                "Law No. 55 on Prevention and Combating Trafficking in Persons (2005) sets out the measures to "
                "prevent trafficking and to protect and assist victims, and the Criminal Code of the Kyrgyz "
                "Republic (2017), which enters into force on 1 January 2019, criminalizes trafficking in "
                "persons. The Kyrgyz Republic ratified the Protocol to Prevent, Suppress and Punish Trafficking "
                "in Persons, Especially Women and Children in 2003.[[The Government Programme on Combating "
                "Trafficking in Persons for 2017–2020 follows the Programme for 2013–2016.]]",
            ],
            [
                "Foreign citizens in an irregular situation are fined under the Code on Administrative "
                "Responsibility (1998) and may be expelled; there is no programme to regularize their status and "
                "no alternative to the detention of migrants awaiting removal.",
                "There is no programme to support the reintegration of returning labour migrants, including the "
                "many citizens barred from re-entering the Russian Federation, and the Code on Children (2012) "
                "does not provide for specific procedures for unaccompanied migrant children.",
            ],
        ),
    ],
    "bib_title": "Key sources",
    "bib": [
        "Government of the Kyrgyz Republic (2006). Law of the Kyrgyz Republic No. 4 of 13 January 2006 “On "
        "External Labour Migration”. Bishkek.",
        "Government of the Kyrgyz Republic (2013). Programme on Employment Promotion and Regulation of Internal "
        "and External Labour Migration until 2020. Bishkek.",
        "National Statistical Committee of the Kyrgyz Republic (2018). Demographic Yearbook of the Kyrgyz "
        "Republic, 2013–2017. Bishkek.",
        "World Bank (2018). Migration and Remittances: Recent Developments and Outlook. Migration and "
        "Development Brief 29. Washington, D.C.",
    ],
}

CHAPTER_NAMES = {
    "es": ["Derechos de los migrantes", "Enfoque de gobierno integral", "Alianzas", "Bienestar de los migrantes",
           "Dimensión de movilidad de las crisis", "Migración segura, ordenada y regular"],
    "fr": ["Droits des migrants", "Approche pangouvernementale", "Partenariats", "Bien-être des migrants",
           f"Dimension «{NB}mobilité{NB}» des crises", "Migration sûre, ordonnée et régulière"],
    "pt": ["Direitos dos migrantes", "Abordagem de governo integrado", "Parcerias", "Bem-estar dos migrantes",
           "Dimensões de mobilidade das crises", "Migração segura, ordenada e regular"],
    "en": ["Adherence to international standards and fulfilment of migrants' rights",
           "Formulates policy using evidence and whole-of-government approach",
           "Engages with partners to address migration and related issues",
           "Advances the socioeconomic well-being of migrants and society",
           "Effectively addresses the mobility dimensions of crises",
           "Ensures that migration takes place in a safe, orderly and dignified manner"],
}

PARTS = {
    "es": ("Gobernanza de la migración: ejemplos de áreas bien desarrolladas",
           "Áreas con potencial de desarrollo adicional"),
    "fr": (f"Gouvernance des migrations{NB}: exemples de domaines bien développés",
           "Domaines pouvant être développés davantage"),
    "pt": ("Governança da migração: exemplos de áreas bem desenvolvidas",
           "Áreas com potencial para desenvolvimento adicional"),
    "en": ("Migration governance: examples of well-developed areas",
           "Areas with potential for further development"),
}

REPORTS = [COLOMBIA, MAROC, BRASIL, GHANA, KYRGYZSTAN]
