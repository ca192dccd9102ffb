"""Words of the design fixtures (bench/make_designs.py): invented MGI country profiles.

Every country, law, institution and figure here is imaginary; the texts follow the
way MGI profiles are written (six domains, well-developed areas and areas with
potential for further development, laws cited in the local forms).

Markup: *italic*, **bold**, [[footnote text]] where the footnote marker stands.
"""

# ruff: noqa: E501

# ---------------------------------------------------------------------------------------------
# 1. Portuguese: República de Alvorada (A4, chapter openings, full-width notes)
# ---------------------------------------------------------------------------------------------

ALVORADA = {
    "country": "República de Alvorada",
    "subtitle": "PERFIL DE GOVERNANÇA DA MIGRAÇÃO 2023",
    "intro": [
        "Os Indicadores de Governança da Migração (MGI) são um instrumento de apoio aos governos para avaliarem as suas políticas migratórias e definirem prioridades. Baseiam-se no Quadro de Governança da Migração, aprovado pelo Conselho da Organização Internacional para as Migrações em 2015,[[Conselho da OIM, 106.ª sessão, Resolução C/106/RES/1310, de 24 de novembro de 2015.]] e abrangem cerca de noventa indicadores agrupados em seis domínios.",
        "A avaliação da República de Alvorada foi realizada entre março e outubro de 2022, a pedido do Ministério da Administração Interna, com base na legislação em vigor e em entrevistas com dezanove entidades públicas e organizações da sociedade civil.[[A lista das entidades consultadas consta do anexo do relatório completo, disponível no Portal de Dados sobre Migração.]] O presente perfil resume os resultados e não constitui uma classificação do país.",
    ],
    "findings_intro": [
        "A República de Alvorada dispõe de um quadro jurídico de migração recente e abrangente. As conclusões que se seguem resumem, para cada domínio, as áreas bem desenvolvidas e as áreas com potencial para desenvolvimento adicional.",
    ],
    "findings": [
        (1, ["Todos os migrantes têm acesso aos cuidados de saúde e as crianças migrantes frequentam a escola pública nas mesmas condições que as nacionais. O país não ratificou, contudo, a Convenção Internacional sobre a Proteção dos Direitos de Todos os Trabalhadores Migrantes."]),
        (2, ["O Conselho Interministerial para as Migrações coordena onze ministérios e aprovou em 2021 um plano estratégico com indicadores de execução; falta-lhe um orçamento próprio."]),
        (3, ["O país participa em dois processos consultivos regionais e celebrou acordos de mobilidade laboral com três países de destino e de origem."]),
        (4, ["A Agência Nacional de Emprego reconhece as competências adquiridas no estrangeiro, mas o reconhecimento de diplomas continua moroso e dispendioso."]),
        (5, ["O Plano Nacional de Emergência de Proteção Civil de 2020 inclui medidas de assistência aos estrangeiros presentes no território durante uma catástrofe."]),
        (6, ["A Polícia de Fronteiras dispõe de um sistema integrado de gestão de fronteiras; a identificação de vítimas de tráfico nos postos de fronteira pode ser reforçada."]),
    ],
    "chapters": [
        {
            "domain": 1,
            "intro": [
                "Os indicadores deste domínio avaliam em que medida os migrantes têm acesso a determinados serviços sociais, como a saúde, a educação e a segurança social. Avaliam também os direitos à reunificação familiar, ao trabalho, à residência e à cidadania, bem como a ratificação das principais convenções internacionais.",
            ],
            "strengths": [
                "Todos os migrantes, independentemente da sua situação migratória, têm acesso aos serviços do Serviço Nacional de Saúde em igualdade de condições com os cidadãos nacionais. A Lei n.º 41/2014, de 9 de setembro (Lei de Bases da Saúde), estabelece que os cuidados de urgência e os cuidados materno-infantis são prestados gratuitamente a qualquer pessoa presente no território.[[Nos restantes casos, os migrantes em situação irregular pagam as taxas moderadoras aplicáveis aos cidadãos nacionais.]] O Ministério da Saúde publicou em 2021 um guia de acesso, em cinco línguas, destinado aos profissionais das unidades de cuidados primários.",
                "As crianças migrantes têm acesso ao ensino básico e secundário público nas mesmas condições que as crianças nacionais. O Decreto-Lei n.º 67/2018, de 3 de agosto, prevê que a matrícula seja aceite mesmo quando a família não apresenta autorização de residência, e o programa Português Língua de Acolhimento oferece cursos gratuitos de língua às crianças e aos adultos recém-chegados.[[Em 2022, os cursos foram frequentados por 6412 pessoas, segundo o Ministério da Educação.]]",
                "As vítimas de violência doméstica e de tráfico de seres humanos têm direito a uma autorização de residência autónoma, independentemente da situação do cônjuge ou do empregador, e podem ser acolhidas nas casas de abrigo da rede pública. A Comissão para a Igualdade e contra a Discriminação Racial recebe queixas de migrantes e pode aplicar coimas às entidades públicas e privadas que pratiquem atos discriminatórios.",
                "Os residentes permanentes têm acesso à segurança social e ao mercado de trabalho em igualdade de condições com os nacionais. A *Lei n.º 23/2019, de 14 de maio*, que aprova o regime jurídico de entrada, permanência, saída e afastamento de estrangeiros do território nacional, permite que os titulares de autorização de residência temporária exerçam uma atividade profissional subordinada ou independente sem autorização adicional. Os trabalhadores migrantes podem igualmente filiar-se em sindicatos e candidatar-se a cargos sindicais.",
                "A reunificação familiar está prevista para os cônjuges, os filhos menores e os ascendentes a cargo dos residentes legais, e os membros da família reunificada recebem uma autorização de residência com a mesma duração que a do requerente.[[Artigo 98.º da Lei n.º 23/2019, de 14 de maio.]] Os estrangeiros podem adquirir a nacionalidade alvoradense por naturalização após seis anos de residência legal, nos termos da Lei Orgânica n.º 2/2020, de 10 de novembro. A República de Alvorada ratificou a Convenção relativa ao Estatuto dos Refugiados de 1951 e o seu Protocolo de 1967, bem como a Convenção n.º 97 da Organização Internacional do Trabalho sobre os Trabalhadores Migrantes.",
            ],
            "gaps": [
                "A República de Alvorada não ratificou a Convenção Internacional sobre a Proteção dos Direitos de Todos os Trabalhadores Migrantes e dos Membros das suas Famílias, de 1990, nem a Convenção n.º 143 da Organização Internacional do Trabalho sobre os Trabalhadores Migrantes (Disposições Complementares), de 1975.",
                "Os migrantes em situação irregular não têm acesso a prestações de segurança social, incluindo em caso de acidente de trabalho, e não existe um mecanismo que lhes permita apresentar queixa contra o empregador sem risco de serem comunicados às autoridades de imigração. As organizações da sociedade civil consultadas no âmbito da avaliação assinalaram que o receio de expulsão leva muitos trabalhadores a não recorrer aos serviços de inspeção do trabalho.[[Entrevistas realizadas com a Associação Solidariedade Imigrante de Porto Claro em junho de 2022.]]",
                "O acesso dos migrantes à habitação social depende de um período mínimo de cinco anos de residência no concelho, condição que não se aplica aos cidadãos nacionais. Os municípios de Porto Claro e de Santa Luzia criaram em 2021 balcões de atendimento para migrantes, mas a maioria dos municípios do interior não dispõe de serviços de informação nem de mediadores interculturais, e as organizações consultadas relataram dificuldades na inscrição dos migrantes nos centros de saúde fora das grandes cidades.[[Relatório anual do Alto Comissariado para as Migrações, 2022, p. 41.]]",
                "A lei não prevê a regularização dos trabalhadores que perderam a autorização de residência por motivo de desemprego, e a renovação das autorizações exige a apresentação de um contrato de trabalho válido. Segundo as associações de imigrantes, esta exigência deixa muitas pessoas em situação irregular durante os períodos de transição entre dois empregos, sobretudo nos setores da construção, da agricultura e do trabalho doméstico, onde os contratos a termo são frequentes.[[O Serviço de Estrangeiros e Fronteiras não publica dados sobre o número de autorizações não renovadas.]]",
                "O reconhecimento das qualificações obtidas no estrangeiro continua a ser moroso: o procedimento junto da Direção-Geral do Ensino Superior demora, em média, nove meses e implica custos de tradução e de certificação que os requerentes consideram elevados. Não existe uma estratégia nacional de integração com metas mensuráveis, e o Plano Nacional para a Integração de Migrantes 2019–2022 terminou sem avaliação pública.",
            ],
        },
        {
            "domain": 2,
            "intro": [
                "Os indicadores deste domínio avaliam o quadro institucional, jurídico e regulamentar relativo às políticas de migração. Analisam também a existência de estratégias nacionais de migração alinhadas com o desenvolvimento, a transparência e a coerência institucional na gestão da migração, bem como a recolha e a utilização de dados.",
            ],
            "strengths": [
                "O Ministério da Administração Interna, através do Serviço de Estrangeiros e Fronteiras, é a entidade responsável pela execução da política de imigração, incluindo a emissão de vistos de longa duração e de autorizações de residência. A emigração e as relações com a diáspora são da competência da Secretaria de Estado das Comunidades Alvoradenses, integrada no Ministério dos Negócios Estrangeiros.[[Decreto Regulamentar n.º 7/2017, de 21 de dezembro, que aprova a orgânica da Secretaria de Estado.]]",
                "O Conselho Interministerial para as Migrações, criado pela Resolução do Conselho de Ministros n.º 88/2018, de 5 de julho, coordena a ação de onze ministérios e reúne-se pelo menos duas vezes por ano. O Conselho aprovou em 2021 o Plano Estratégico para as Migrações 2021–2026, que define objetivos em matéria de recrutamento internacional, integração, combate ao tráfico de seres humanos e relação com a diáspora, e atribui a cada objetivo um ministério responsável e indicadores de execução.",
                "O Instituto Nacional de Estatística publica anualmente dados sobre a população estrangeira residente, desagregados por sexo, idade, nacionalidade e região. O recenseamento de 2021 incluiu, pela primeira vez, perguntas sobre o país de nascimento dos pais e sobre o ano de chegada ao país, o que permite estudar as segundas gerações.[[Os resultados definitivos do recenseamento foram publicados em novembro de 2022.]] O portal de dados abertos do Governo disponibiliza estas séries em formato reutilizável.",
            ],
            "gaps": [
                "Não existe um mecanismo formal de consulta aos próprios migrantes na elaboração das políticas migratórias: as associações de imigrantes são ouvidas de forma pontual, mas não têm assento no Conselho Interministerial. O Plano Estratégico para as Migrações não prevê um orçamento próprio, e a sua execução depende das dotações anuais de cada ministério.",
                "Os dados administrativos sobre autorizações de trabalho, recolhidos pela Autoridade para as Condições do Trabalho, não são partilhados sistematicamente com o Instituto Nacional de Estatística. Não são publicados dados sobre a emigração de cidadãos alvoradenses nem sobre o regresso de emigrantes, o que limita a avaliação das medidas de apoio ao regresso.",
            ],
        },
        {
            "domain": 3,
            "intro": [
                "Os indicadores deste domínio avaliam os esforços do país para cooperar em questões relacionadas com a migração com outros Estados e com atores não governamentais, incluindo as organizações da sociedade civil e o setor privado.",
            ],
            "strengths": [
                "A República de Alvorada é membro da Conferência Ibero-Atlântica sobre Migrações e participa no Processo de Rabat. Assinou acordos bilaterais de mobilidade laboral com três países, entre os quais o Acordo sobre a Contratação de Trabalhadores Sazonais celebrado em 2019 e aprovado pelo Decreto n.º 12/2020, de 3 de março.[[O acordo abrange os setores agrícola e do turismo e prevê a portabilidade das contribuições para a segurança social.]]",
                "O Governo consulta o setor privado na definição das quotas anuais de recrutamento através do Conselho Económico e Social, e as organizações da sociedade civil participam na execução do programa nacional de acolhimento de refugiados.",
            ],
            "gaps": [
                "A diáspora alvoradense, estimada em 410 000 pessoas, não participa formalmente na definição da agenda de desenvolvimento, e não existe um acordo de segurança social com o principal país de destino dos emigrantes alvoradenses.",
            ],
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# 2. Spanish: República de Valdoria (US Letter, one column, margin sidebar, pull quote)
# ---------------------------------------------------------------------------------------------

VALDORIA = {
    "country": "República de Valdoria",
    "subtitle": "PERFIL DE GOBERNANZA DE LA MIGRACIÓN 2022",
    "intro": [
        "Los Indicadores de Gobernanza de la Migración (IGM) son un conjunto de aproximadamente 90 indicadores que ayudan a los países a evaluar sus políticas migratorias y a promover el diálogo sobre los elementos de una migración bien gestionada.[[Los IGM se basan en el Marco de Gobernanza sobre la Migración, aprobado por los Estados Miembros de la OIM en noviembre de 2015.]] Este perfil resume los resultados de la evaluación realizada en la República de Valdoria entre abril y septiembre de 2022, a solicitud del Ministerio de Relaciones Exteriores y Movilidad Humana.",
        "La evaluación se basó en el análisis de la normativa vigente y en entrevistas con representantes de dieciséis instituciones públicas, organismos internacionales y organizaciones de la sociedad civil. Los IGM no miden la aplicación de las políticas ni establecen una clasificación de los países.",
    ],
    "findings": [
        "La República de Valdoria cuenta con un marco normativo migratorio reciente, que reconoce la movilidad humana como un derecho. Entre las áreas bien desarrolladas destacan el acceso universal a la salud y a la educación, la participación en procesos consultivos regionales y la gestión integrada de las fronteras.",
        "Las áreas con potencial de desarrollo adicional incluyen la protección de los trabajadores migrantes en situación irregular, la cooperación con el sector privado en materia de migración laboral y la identificación de víctimas de trata en las zonas fronterizas del sur del país.",
    ],
    "facts_title": "DATOS CLAVE",
    "facts": [
        "Población: 7,4 millones de habitantes (2022)",
        "Inmigrantes internacionales: 4,1 % de la población",
        "Emigrantes valdorianos: 1,2 millones",
        "Remesas recibidas: 6,8 % del PIB (2021)",
        "Solicitudes de refugio: 3.950 (2022)",
        "Fuente: Instituto Nacional de Estadística y Censos de Valdoria, 2022.",
    ],
    "chapters": [
        {
            "domain": 1,
            "facts": ["Convenciones internacionales ratificadas: 7 de 9", "Residencia exigida para la naturalización: 5 años", "Estudiantes extranjeros en escuelas públicas: 38.700"],
            "strengths": [
                "La Constitución Política de la República de Valdoria de 2008 reconoce el derecho de toda persona a migrar y prohíbe la discriminación por motivo de la condición migratoria; su artículo 40 dispone que «ninguna persona será considerada ilegal por su condición migratoria». La Ley 27.311 de 2014, de Movilidad Humana, desarrolla este principio y garantiza a las personas extranjeras el acceso a los servicios públicos de salud, educación y justicia en igualdad de condiciones con los nacionales, con independencia de su situación migratoria.[[Artículos 5, 8 y 12 de la Ley 27.311 de 2014, de Movilidad Humana.]]",
                ("unit", "pullquote"),
                "Las niñas, niños y adolescentes migrantes pueden matricularse en las escuelas públicas aunque no cuenten con documentos de identidad. La Resolución Ministerial 0452 de 2021 del Ministerio de Educación establece un procedimiento de evaluación para ubicar a los estudiantes en el grado que les corresponde cuando no pueden presentar certificados de estudios previos. En 2022 había 38.700 estudiantes extranjeros matriculados en el sistema público.[[Ministerio de Educación, *Anuario estadístico 2022*, cuadro 4.3.]]",
                "Los residentes temporales y permanentes tienen derecho a trabajar por cuenta propia o ajena sin necesidad de un permiso adicional, y pueden afiliarse a la seguridad social en las mismas condiciones que los nacionales. Los extranjeros con cinco años de residencia regular pueden solicitar la naturalización, plazo que se reduce a dos años para los cónyuges de nacionales valdorianos.",
                "Valdoria ha ratificado la Convención Internacional sobre la Protección de los Derechos de Todos los Trabajadores Migratorios y de sus Familiares, la Convención sobre el Estatuto de los Refugiados de 1951 y su Protocolo de 1967, así como la Convención para Reducir los Casos de Apatridia de 1961.",
            ],
            "gaps": [
                "Si bien la ley garantiza el acceso a la justicia, no existe un servicio de asistencia jurídica gratuita especializado para personas migrantes, y los consultorios jurídicos universitarios atienden la mayoría de los casos. Las personas extranjeras en situación irregular no pueden afiliarse al seguro de riesgos laborales, lo que las deja sin cobertura en caso de accidente de trabajo.",
                "El procedimiento de homologación de títulos profesionales obtenidos en el exterior requiere la legalización de los documentos en el país de origen y puede tardar más de un año. No se publican datos sobre el número de solicitudes tramitadas ni sobre los plazos efectivos de resolución.[[Según el Ministerio de Educación Superior, en 2022 se recibieron alrededor de 2.100 solicitudes.]]",
            ],
            "pullquote": "«Ninguna persona será considerada ilegal por su condición migratoria.» Constitución Política de Valdoria, artículo 40",
        },
        {
            "domain": 3,
            "facts": ["Acuerdos bilaterales de trabajo: 4", "Procesos consultivos regionales: 2", "Consulados en el exterior: 37"],
            "strengths": [
                "Valdoria participa en la Conferencia Suramericana sobre Migraciones y en el Proceso de Quito, y preside en 2023 el grupo de trabajo regional sobre movilidad laboral. El país ha firmado acuerdos bilaterales de trabajo con cuatro países, entre ellos el Convenio de Migración Laboral Temporal con la República de Montaraz, aprobado por la Ley 28.940 de 2019.[[El convenio regula la contratación de trabajadores agrícolas de temporada y establece la portabilidad de las cotizaciones a la seguridad social.]]",
                "El Consejo Consultivo de Movilidad Humana, creado por el Decreto 1.288 de 2019, reúne a representantes de organizaciones de la sociedad civil, del sector académico, de las asociaciones de empleadores y de los sindicatos. El Consejo se reúne cada trimestre y emite opiniones no vinculantes sobre los proyectos de normas migratorias.",
                "La Dirección de Vinculación con la Diáspora del Ministerio de Relaciones Exteriores mantiene un registro voluntario de organizaciones valdorianas en el exterior y cofinancia proyectos de desarrollo local presentados por ellas.",
            ],
            "gaps": [
                "Los acuerdos bilaterales de trabajo no prevén mecanismos de seguimiento conjunto de las condiciones laborales de los trabajadores contratados. El sector privado no participa de manera formal en la definición de las necesidades de mano de obra extranjera, que el Ministerio de Trabajo estima a partir de encuestas a empresas.",
            ],
        },
        {
            "domain": 6,
            "facts": ["Puestos fronterizos terrestres: 14", "Víctimas de trata identificadas (2022): 212", "Permisos de residencia emitidos (2022): 41.500"],
            "strengths": [
                "La Dirección General de Migración, adscrita al Ministerio del Interior, es responsable del control migratorio en los 14 puestos fronterizos terrestres, los 3 aeropuertos internacionales y los 2 puertos marítimos del país. Desde 2020 el Sistema Integrado de Información Migratoria registra de forma electrónica todas las entradas y salidas, y permite verificar los documentos de viaje frente a las bases de datos de la Organización Internacional de Policía Criminal (INTERPOL).",
                "La Ley 27.019 de 2010, contra la Trata de Personas y el Tráfico Ilícito de Migrantes, tipifica ambos delitos y establece un mecanismo nacional de referencia que coordina la identificación, la protección y la asistencia de las víctimas. El Plan Nacional contra la Trata de Personas 2021–2025 prevé la capacitación anual de los funcionarios de frontera y de los inspectores de trabajo.[[En 2022 se capacitó a 640 funcionarios, según el informe anual del Comité Interinstitucional contra la Trata de Personas.]]",
                "La regularización extraordinaria abierta por el Decreto 2.015 de 2021 permitió que 58.300 personas extranjeras obtuvieran un permiso de residencia temporal de dos años. El trámite podía iniciarse en línea y era gratuito para los menores de edad.",
            ],
            "gaps": [
                "No existe un programa público de apoyo a la reintegración de los nacionales que regresan, más allá de la exención de aranceles para el menaje de casa. Los consulados no disponen de un protocolo para asistir a los nacionales detenidos en el exterior.[[El Ministerio de Relaciones Exteriores informó que prepara un protocolo de asistencia consular para 2024.]]",
                "La identificación de víctimas de trata en las zonas fronterizas del sur depende en gran medida de las organizaciones internacionales, ya que los puestos de control no cuentan con personal especializado permanente.",
            ],
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# 3. French: République de Maronie (A4, two-column contents, three columns)
# ---------------------------------------------------------------------------------------------

MARONIE = {
    "country": "République de Maronie",
    "subtitle": "PROFIL DE GOUVERNANCE DES MIGRATIONS 2023",
    "intro": [
        "Les indicateurs de gouvernance des migrations (IGM) sont un ensemble d'environ 90 indicateurs qui aident les pays à faire le point sur leurs politiques migratoires et à recenser les bonnes pratiques ainsi que les domaines à développer.[[Les IGM reposent sur le Cadre de gouvernance des migrations adopté par le Conseil de l'OIM en 2015.]] Le présent profil résume les résultats de l'évaluation menée en République de Maronie entre février et juillet 2023 avec le concours du ministère de l'Intérieur et de la Décentralisation.",
        "L'évaluation repose sur l'examen des textes législatifs et réglementaires en vigueur et sur des entretiens avec vingt-deux institutions publiques, partenaires techniques et organisations de la société civile. Elle ne constitue ni un classement des pays ni une évaluation de la mise en œuvre des politiques.",
    ],
    "findings_intro": [
        "La République de Maronie dispose d'institutions solides en matière de gestion des frontières et de protection civile. L'intégration socio-économique des migrants, la reconnaissance des qualifications et la réintégration des rapatriés constituent les principaux domaines pouvant être développés davantage.",
    ],
    "findings": [
        (4, ["Les travailleurs migrants en situation régulière ont accès au marché du travail dans les mêmes conditions que les nationaux ; les diplômes étrangers ne sont toutefois reconnus qu'au cas par cas."]),
        (5, ["La loi relative à la protection civile prévoit l'assistance de toutes les personnes présentes sur le territoire en cas de catastrophe, sans distinction de nationalité."]),
        (6, ["Un système biométrique d'enregistrement des entrées et des sorties est en service dans tous les postes frontières depuis 2021 ; les rapatriés ne bénéficient d'aucun programme public de réintégration."]),
    ],
    "chapters": [
        {
            "domain": 4,
            "lead": "Les indicateurs de ce domaine évaluent les politiques relatives à la reconnaissance des compétences et des qualifications des migrants, aux envois de fonds, à la migration étudiante et aux accords de travail bilatéraux.",
            "strengths": [
                "Le Code du travail, tel que modifié par la loi n° 2017-118 du 14 juin 2017, garantit l'égalité de traitement entre travailleurs nationaux et travailleurs étrangers en situation régulière en matière de salaire, de conditions de travail et de protection sociale. Les titulaires d'une carte de résident peuvent exercer toute activité salariée sans autorisation préalable, tandis que les titulaires d'une carte de séjour temporaire doivent obtenir un visa de contrat de travail délivré par le ministère de l'Emploi.[[Arrêté n° 0457/MTEFP du 2 mai 2020 fixant les modalités de délivrance du visa de contrat de travail.]]",
                "L'Agence nationale pour la promotion de l'emploi publie chaque semestre une liste des métiers en tension qui sert de base à l'autorisation de recrutement de travailleurs étrangers. La liste est établie après consultation des organisations patronales et syndicales représentatives, et elle est mise en ligne sur le portail de l'Agence.",
                "La Maronie a mis en place en 2019 un programme de bourses destiné aux étudiants étrangers des pays de la sous-région, qui finance chaque année environ 300 places dans les universités publiques. Les étudiants étrangers peuvent travailler jusqu'à vingt heures par semaine pendant leurs études et disposent, après l'obtention de leur diplôme, d'un titre de séjour de douze mois pour chercher un emploi.[[Décret n° 2019-1032 du 3 octobre 2019 relatif au séjour des étudiants étrangers.]]",
                "Le coût moyen des envois de fonds vers la Maronie est inférieur à 4 % du montant transféré depuis que la Banque centrale a autorisé, en 2020, les opérateurs de téléphonie mobile à proposer des transferts internationaux. Les envois de fonds représentaient 5,2 % du produit intérieur brut en 2022.",
                "Les travailleurs migrants ont accès aux services publics de l'emploi et aux programmes de formation professionnelle dans les mêmes conditions que les nationaux. Le Fonds national de la formation professionnelle finance depuis 2021 des cours de langue destinés aux travailleurs étrangers employés dans le bâtiment et l'hôtellerie.",
            ],
            "gaps": [
                "Il n'existe pas de procédure nationale de reconnaissance des qualifications professionnelles acquises à l'étranger : les diplômes sont examinés au cas par cas par la commission d'équivalence du ministère de l'Enseignement supérieur, dont les décisions ne sont pas publiées. Les compétences acquises sans diplôme ne sont pas reconnues.",
                "Les conjoints des titulaires d'une carte de séjour temporaire n'ont pas le droit de travailler pendant la première année de leur séjour. Aucune mesure ne facilite l'accès des travailleurs migrants aux droits à pension lorsqu'ils n'ont cotisé que quelques années dans le pays.[[La Maronie n'a conclu aucune convention de sécurité sociale prévoyant la totalisation des périodes d'assurance.]]",
                "Les données sur les envois de fonds sortants ne sont pas ventilées par pays de destination, ce qui limite l'analyse de leur contribution au développement de la sous-région.",
            ],
        },
        {
            "domain": 5,
            "lead": "Les indicateurs de ce domaine portent sur le type et le niveau de préparation du pays face aux dimensions migratoires des crises liées aux catastrophes, à l'environnement et aux conflits.",
            "strengths": [
                "La loi n° 2018-07 du 22 février 2018 relative à la protection civile et à la gestion des catastrophes dispose que l'assistance humanitaire est fournie à toutes les personnes touchées, sans distinction de nationalité ni de statut migratoire. Le Plan national de contingence, révisé en 2022, comporte un chapitre consacré aux ressortissants étrangers et prévoit des messages d'alerte en quatre langues.[[Les messages sont diffusés en français, en arabe, en anglais et en peul.]]",
                "La Direction générale de la protection civile coopère avec les représentations consulaires pour localiser les ressortissants étrangers en cas d'urgence, et un accord signé en 2021 avec le Haut-Commissariat des Nations Unies pour les réfugiés organise l'accueil temporaire des personnes fuyant un conflit dans un pays voisin.",
            ],
            "gaps": [
                "La stratégie nationale d'adaptation au changement climatique ne traite pas des déplacements liés à la sécheresse et à la désertification, qui touchent pourtant plusieurs régions du nord du pays. Il n'existe pas de mécanisme permettant d'assister les ressortissants maroniens à l'étranger en cas de crise, au-delà des rapatriements organisés au cas par cas.",
            ],
        },
        {
            "domain": 6,
            "strengths": [
                "La Police de l'air et des frontières, placée sous l'autorité du ministère de l'Intérieur et de la Décentralisation, contrôle les 11 postes frontières terrestres et les 2 aéroports internationaux. Depuis 2021, un système biométrique enregistre les entrées et les sorties et les transmet en temps réel à la base de données centrale.[[Décret n° 2020-845 du 9 décembre 2020 portant création du système d'information des frontières.]]",
                "La loi n° 2016-311 du 21 mars 2016 relative à la lutte contre la traite des personnes prévoit l'assistance et la protection des victimes, y compris un délai de réflexion de soixante jours pendant lequel aucune mesure d'éloignement ne peut être exécutée. Un comité national de coordination, présidé par le ministère de la Justice, publie chaque année un rapport d'activité.",
                "Les ressortissants des États membres de la communauté économique régionale sont dispensés de visa pour les séjours de moins de quatre-vingt-dix jours et peuvent obtenir une carte de séjour sur simple présentation d'un contrat de travail. Les demandes de visa des autres ressortissants peuvent être déposées en ligne depuis 2022, et le délai moyen de traitement est de huit jours ouvrables.",
            ],
            "gaps": [
                "Les rapatriés ne bénéficient d'aucun programme public de réintégration ; l'aide au retour repose sur des projets financés par des partenaires extérieurs. Les agences de recrutement de travailleurs pour l'étranger ne sont soumises à aucun agrément, et les frais qu'elles peuvent exiger des candidats ne sont pas plafonnés.",
                "Les statistiques sur les refus d'entrée et les mesures d'éloignement ne sont pas publiées, et les personnes placées en rétention administrative n'ont pas accès à une assistance juridique gratuite. La durée maximale de la rétention n'est pas fixée par la loi.[[Le projet de loi relatif à l'entrée et au séjour des étrangers, déposé en 2023, prévoit une durée maximale de quarante-cinq jours.]]",
            ],
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# 4. English: Republic of Orvania (US Letter, infographic page, tiles, section tabs)
# ---------------------------------------------------------------------------------------------

ORVANIA = {
    "country": "Republic of Orvania",
    "subtitle": "MIGRATION GOVERNANCE PROFILE 2023",
    "what_is": "A set of about 90 indicators that helps a government take stock of its migration policies and see where they can be developed further.",
    "what_is_not": "It is not a ranking of countries, and it does not assess how policies are implemented or what effects they have.",
    "steps": [
        ("Launch", "The Government and IOM agree on the scope of the assessment and name the focal points."),
        ("Data collection", "Laws and policies are reviewed and government entities are interviewed."),
        ("Inter-ministerial consultation", "The findings are discussed and validated with all the entities concerned."),
        ("Publication", "The profile is published on the Global Migration Data Portal."),
    ],
    "figures": [("6", "policy domains"), ("87", "indicators"), ("23", "government entities consulted")],
    "findings_intro": "Orvania has a comprehensive migration policy framework, adopted in 2020, and a strong system of migration statistics. The findings below summarize, for each domain, the well-developed areas and the areas with potential for further development.",
    "findings": {
        1: "All migrants have access to health care and education; domestic workers are excluded from the minimum wage, and there is no integration strategy.",
        2: "The National Migration Policy 2020–2030 has a budgeted action plan; the case management systems of the immigration and labour authorities are not linked.",
        3: "Orvania takes part in two regional consultative processes and has labour agreements with five countries of destination.",
        4: "Remittance costs fell below 3 per cent after the central bank opened the market to mobile money operators in 2021.",
        5: "The national disaster plan covers foreign nationals; there is no policy on displacement caused by sea-level rise.",
        6: "Advance passenger information is used at all airports; victims of trafficking have access to a shelter run by the Government.",
    },
    "chapters": [
        {
            "domain": 1,
            "lead": "Indicators in this domain assess the extent to which migrants have access to certain social services such as health, education and social security. They also look at family reunification, access to work, residency and citizenship, and at the ratification of the main international conventions.",
            "strengths": [
                "All migrants in Orvania, regardless of their migration status, have access to government-funded health care on the same terms as citizens. The Public Health Act No. 21 of 2012 provides that emergency care, maternal care and the vaccination of children shall not be refused on grounds of nationality or residence status.[[Sections 14 and 15 of the Public Health Act No. 21 of 2012.]] Since 2020, public hospitals have been required to offer interpretation by telephone in the ten most common foreign languages.",
                "Migrant children have access to primary and secondary public education on the same basis as Orvanian children. Schools may not ask for proof of residence at enrolment, and the Ministry of Education funds additional language classes for pupils who do not speak English or Orvanian at home.[[Ministry of Education Circular No. 7 of 2019 on the Enrolment of Foreign Pupils.]]",
                "The Law No. 9 of 2016 on Foreign Nationals grants permanent residents and holders of temporary work permits equal access to social security, including unemployment benefits and pensions, after twelve months of contributions. Permanent residents may work in any occupation except in the armed forces and the diplomatic service, and they may join and form trade unions.",
                "Foreign nationals who have lived in Orvania lawfully for seven years may apply for citizenship by naturalization, and dual citizenship is permitted. Spouses and children under 21 of lawful residents are entitled to family reunification; their residence permits allow them to work from the day they are issued.[[Part IV of the Law No. 9 of 2016 on Foreign Nationals.]]",
                "Orvania has ratified the 1951 Convention relating to the Status of Refugees and its 1967 Protocol, the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families and the ILO Migration for Employment Convention (Revised), 1949 (No. 97).",
            ],
            "gaps": [
                "Migrants in an irregular situation cannot open a bank account or register a mobile phone line, which in practice limits their access to many services. There is no firewall between public services and immigration enforcement: hospitals and schools are not prohibited from sharing personal data with the Immigration Department.[[Civil society organizations interviewed for the assessment reported cases of patients who left hospital before the end of their treatment for fear of being reported.]]",
                "Orvania has not ratified the ILO Domestic Workers Convention, 2011 (No. 189), and domestic workers are excluded from the minimum wage provisions of the Employment Act No. 4 of 2008. Over 60 per cent of the estimated 18,000 foreign domestic workers in the country are women.",
                "There is no national strategy for the integration of migrants, and no government entity is responsible for monitoring discrimination against migrants in access to housing and employment.",
            ],
        },
        {
            "domain": 2,
            "lead": "Indicators in this domain look at the institutional, legal and regulatory framework for migration policies, the existence of national migration strategies, institutional transparency and coherence, and the collection and use of migration data.",
            "strengths": [
                "The Immigration Department of the Ministry of Home Affairs is responsible for the entry, stay and removal of foreign nationals, while the Ministry of Labour and Employment issues work permits and regulates private recruitment agencies. The Department of Diaspora Affairs, created in 2018 within the Ministry of Foreign Affairs, coordinates engagement with Orvanians abroad.[[Executive Order No. 3 of 2018 establishing the Department of Diaspora Affairs.]]",
                "The National Migration Policy 2020–2030, adopted by the Cabinet in March 2020, sets out six objectives and an action plan with indicators and a budget for each ministry. A National Coordination Committee on Migration, chaired by the Permanent Secretary of the Ministry of Home Affairs, meets every quarter to review the implementation of the action plan and publishes an annual progress report.",
                "The Orvania Bureau of Statistics included questions on country of birth, citizenship and year of arrival in the 2021 population and housing census, and its quarterly labour force survey has had a module on international migration since 2019. The Bureau publishes the results disaggregated by sex, age and region on its website.",
            ],
            "gaps": [
                "The Immigration Department and the Ministry of Labour and Employment use separate case management systems that are not linked, so that the number of foreign nationals holding both a residence permit and a work permit cannot be established. Data on emigration are limited to departures recorded at the border, and there is no estimate of the size of the Orvanian diaspora.",
                "Migrant associations are not formally consulted in the design of migration policies, and the National Migration Policy has not yet been subject to an independent evaluation.[[An evaluation is planned for 2025, at the mid-point of the policy.]]",
            ],
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# 5. Portuguese: República das Ilhas Marinhas (US Letter, two columns with a nested two-column section)
# ---------------------------------------------------------------------------------------------

MARINHAS = {
    "country": "República das Ilhas Marinhas",
    "subtitle": "PERFIL DE GOVERNANÇA DA MIGRAÇÃO 2023",
    "intro": [
        "O presente perfil apresenta os resultados da avaliação dos Indicadores de Governança da Migração (MGI) realizada na República das Ilhas Marinhas em 2023. A avaliação foi coordenada pela Direção-Geral de Imigração e contou com a participação de catorze entidades públicas.[[A avaliação decorreu entre janeiro e maio de 2023.]]",
        "Os MGI não avaliam a aplicação das políticas nem classificam os países: identificam boas práticas e áreas com potencial para desenvolvimento adicional, servindo de base ao diálogo entre o Governo e os seus parceiros.",
        "Os indicadores estão agrupados nos seis domínios do Quadro de Governança da Migração: direitos dos migrantes, abordagem de governo integrado, parcerias, bem-estar dos migrantes, dimensões de mobilidade das crises e migração segura, ordenada e regular. Para cada domínio, o perfil apresenta primeiro as áreas bem desenvolvidas e, em seguida, as áreas com potencial para desenvolvimento adicional.",
        "As conclusões foram apresentadas às entidades participantes num seminário interministerial realizado na cidade de Porto Anil em junho de 2023, no qual foram discutidas as prioridades para os próximos anos, nomeadamente a revisão da lei de estrangeiros e a criação de um sistema integrado de dados sobre a migração laboral.[[As atas do seminário foram publicadas pela Direção-Geral de Imigração em julho de 2023.]]",
    ],
    "findings_intro": [
        "As Ilhas Marinhas, país insular com uma diáspora numerosa, dispõem de políticas bem desenvolvidas de apoio aos emigrantes e de resposta a catástrofes naturais. O recrutamento ético de trabalhadores estrangeiros e a recolha de dados sobre a migração laboral são áreas com potencial para desenvolvimento adicional.",
    ],
    "findings": [
        (4, ["As remessas representam 11 % do produto interno bruto e o seu custo diminuiu graças à plataforma pública de transferências lançada em 2021."]),
        (5, ["O Serviço Nacional de Proteção Civil inclui os estrangeiros residentes e os turistas nos seus planos de evacuação em caso de ciclone."]),
        (6, ["A Lei n.º 15/2012, de 2 de abril, criminaliza o tráfico de pessoas; não existe, contudo, um centro de acolhimento de vítimas fora da ilha principal."]),
    ],
    "laws_title": "Principais instrumentos jurídicos",
    "laws": [
        "Lei n.º 3/2011, de 14 de fevereiro, sobre a entrada e permanência de estrangeiros",
        "Lei n.º 15/2012, de 2 de abril, de prevenção e repressão do tráfico de pessoas",
        "Lei n.º 8/2016, de 30 de junho, sobre as agências privadas de colocação",
        "Decreto n.º 44/2019, de 11 de outubro, que aprova o Plano Nacional de Emergência",
        "Decreto-Lei n.º 21/2020, de 6 de maio, sobre a informação antecipada de passageiros",
        "Portaria n.º 112/2021, de 9 de agosto, sobre os vistos eletrónicos",
    ],
    "chapters": [
        {
            "domain": 4,
            "strengths": [
                "A emigração temporária de trabalhadores é enquadrada pela Lei n.º 8/2016, de 30 de junho, que regula a atividade das agências privadas de colocação e proíbe a cobrança de honorários aos trabalhadores. As agências devem obter uma licença, renovável de dois em dois anos, junto da Direção-Geral do Trabalho, que publica a lista das agências licenciadas.[[Em dezembro de 2022 estavam licenciadas 27 agências de colocação.]]",
                "O Banco Central das Ilhas Marinhas lançou em 2021 uma plataforma pública de transferências que permite aos emigrantes enviar dinheiro para uma conta bancária ou uma carteira móvel a um custo máximo de 2 % do montante enviado. As remessas representaram 11 % do produto interno bruto em 2022.",
                "Os estudantes estrangeiros podem trabalhar até vinte horas por semana durante o ano letivo, e os diplomados das universidades marinhenses podem permanecer no país durante um ano para procurar emprego.",
            ],
            "gaps": [
                "Não existe um sistema de reconhecimento das competências adquiridas pelos emigrantes no estrangeiro quando regressam, o que dificulta a sua reinserção no mercado de trabalho. A Direção-Geral do Trabalho não recolhe dados sobre os trabalhadores estrangeiros por setor de atividade.[[Os únicos dados disponíveis são os das autorizações de trabalho emitidas, publicados anualmente sem desagregação.]]",
                "Os trabalhadores sazonais recrutados no estrangeiro ficam vinculados a um único empregador durante toda a estadia e não podem mudar de empregador, mesmo em caso de incumprimento do contrato. A inspeção do trabalho realiza poucas visitas às explorações agrícolas das ilhas periféricas.",
            ],
        },
        {
            "domain": 5,
            "strengths": [
                "O Plano Nacional de Emergência, aprovado pelo Decreto n.º 44/2019, de 11 de outubro, prevê a evacuação preventiva das zonas costeiras em caso de ciclone e inclui expressamente os estrangeiros residentes e os turistas. Os alertas são difundidos por mensagem de texto em português, inglês e francês.",
                "A Estratégia Nacional de Adaptação às Alterações Climáticas 2020–2030 reconhece a relocalização planeada como medida de último recurso e define critérios para a participação das comunidades afetadas nas decisões de relocalização.[[Duas aldeias da ilha de São Brás foram relocalizadas em 2022 ao abrigo da Estratégia.]]",
            ],
            "gaps": [
                "Os consulados não dispõem de um plano de contingência para apoiar os nacionais no estrangeiro em situações de crise, e o fundo de emergência consular não tem dotação orçamental própria.",
            ],
        },
        {
            "domain": 6,
            "strengths": [
                "A Direção-Geral de Imigração é responsável pela gestão das fronteiras e utiliza, desde 2020, um sistema de informação antecipada sobre passageiros nos dois aeroportos internacionais. Os vistos de turismo e de negócios podem ser pedidos em linha através de um portal eletrónico.",
                ("unit", "laws"),
                "A Lei n.º 15/2012, de 2 de abril, criminaliza o tráfico de pessoas e o auxílio à imigração ilegal e prevê uma autorização de residência para as vítimas que cooperem com as autoridades ou cuja situação pessoal o justifique.[[Artigo 27.º da Lei n.º 15/2012, de 2 de abril.]] Uma comissão nacional coordena a aplicação do Plano de Ação contra o Tráfico de Pessoas 2022–2025.",
            ],
            "gaps": [
                "O único centro de acolhimento de vítimas de tráfico situa-se na ilha principal, e as vítimas identificadas nas outras ilhas são transferidas por via aérea, o que pode atrasar a sua proteção. Não existe um programa de apoio à reintegração dos emigrantes que regressam.",
                "Os dados sobre as entradas e saídas registadas nos portos marítimos não são integrados no sistema de informação da Direção-Geral de Imigração, e as estatísticas publicadas não distinguem os residentes que regressam dos visitantes. As autoridades não dispõem, por isso, de estimativas fiáveis sobre a emigração temporária para os países vizinhos.[[A Direção-Geral de Imigração prevê ligar os três portos principais ao sistema em 2025.]]",
                "Não existem vias de migração regular para os trabalhadores pouco qualificados fora dos acordos de trabalho sazonal, e os vistos de trabalho exigem uma oferta de emprego validada pela Direção-Geral do Trabalho, cujo prazo de resposta ultrapassa frequentemente três meses.",
            ],
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# 6. Spanish: República de Isla Bermeja (A4, one column, two-column boxes)
# ---------------------------------------------------------------------------------------------

BERMEJA = {
    "country": "República de Isla Bermeja",
    "subtitle": "PERFIL DE GOBERNANZA DE LA MIGRACIÓN 2023",
    "findings_intro": [
        "La evaluación de los Indicadores de Gobernanza de la Migración (IGM) en la República de Isla Bermeja se llevó a cabo entre marzo y agosto de 2023, bajo la coordinación de la Dirección Nacional de Migración.[[Participaron en la evaluación catorce instituciones públicas y seis organizaciones de la sociedad civil.]] Este perfil resume las conclusiones relativas a tres de las seis dimensiones del Marco de Gobernanza sobre la Migración.",
    ],
    "findings": [
        (2, ["La Política Nacional de Movilidad Humana 2022–2030 cuenta con un plan de acción presupuestado, y el Observatorio de Movilidad Humana publica datos migratorios en formatos abiertos. Los gobiernos municipales no participan en la coordinación intersectorial."]),
        (4, ["El costo de las remesas se redujo a la mitad entre 2020 y 2022. La homologación de títulos extranjeros sigue siendo lenta y no existe un sistema de certificación de competencias."]),
        (5, ["La Ley de Gestión Integral del Riesgo de Desastres protege a todas las personas afectadas sin distinción de condición migratoria; falta una respuesta al desplazamiento por erosión costera."]),
    ],
    "chapters": [
        {
            "domain": 2,
            "intro": ["Los indicadores de esta dimensión evalúan el marco institucional, jurídico y normativo de las políticas migratorias, la existencia de estrategias nacionales de migración, la coherencia institucional y la recopilación y el uso de datos."],
            "strengths": [
                "La Ley 1.904 de 2017, Orgánica de Migración y Extranjería, distribuye las competencias migratorias entre el Ministerio de Gobierno, responsable de la admisión y la permanencia de las personas extranjeras, y el Ministerio de Relaciones Exteriores, a cargo de la protección consular y de la vinculación con la diáspora.[[La Ley 1.904 de 2017 derogó la Ley de Extranjería de 1984.]]",
                "La Mesa Intersectorial de Movilidad Humana, creada por el Decreto Ejecutivo 318 de 2018, reúne a nueve ministerios y a la Defensoría del Pueblo. La Mesa aprobó en 2022 la Política Nacional de Movilidad Humana 2022–2030, que cuenta con un plan de acción presupuestado y con un sistema de seguimiento cuyos resultados se publican cada año.",
                ("unit", "box1"),
                "El censo de población de 2020 incluyó preguntas sobre el país de nacimiento, la nacionalidad y el año de llegada, y la encuesta de hogares incorpora desde 2021 un módulo sobre remesas.",
            ],
            "gaps": [
                "Los gobiernos municipales, que prestan buena parte de los servicios a las personas migrantes, no participan en la Mesa Intersectorial. No existe un mecanismo formal de consulta con la diáspora ni con las asociaciones de personas migrantes en la elaboración de las políticas.[[Las asociaciones entrevistadas señalaron que solo son consultadas durante la preparación de informes internacionales.]]",
            ],
            "box1": ("Recuadro 1. Buena práctica: el Observatorio de Movilidad Humana", [
                "El Observatorio de Movilidad Humana, adscrito al Instituto Nacional de Estadística y Censos desde 2020, reúne en un solo portal los datos migratorios producidos por siete instituciones públicas.",
                "Cada trimestre publica un boletín con los flujos de entrada y salida, los permisos de residencia otorgados y las solicitudes de refugio, desagregados por sexo, edad y nacionalidad.",
                "Los datos pueden descargarse en formatos abiertos, y el Observatorio responde a las solicitudes de información de investigadores y organizaciones de la sociedad civil en un plazo de quince días.",
            ]),
        },
        {
            "domain": 4,
            "intro": ["Los indicadores de esta dimensión evalúan las políticas relativas al reconocimiento de las competencias y las cualificaciones de las personas migrantes, las remesas, la migración de estudiantes y los acuerdos laborales bilaterales."],
            "strengths": [
                "El Ministerio de Trabajo elabora cada año, con las cámaras empresariales y las centrales sindicales, una lista de ocupaciones con escasez de mano de obra que facilita la contratación de trabajadores extranjeros en esas ocupaciones. Los trabajadores extranjeros con permiso de residencia pueden cambiar de empleador sin autorización previa.",
                ("unit", "box1"),
                "Los estudiantes extranjeros pueden trabajar hasta veinte horas semanales, y los graduados de universidades bermejas pueden solicitar un permiso de residencia de un año para buscar empleo.[[Artículo 44 del Reglamento de la Ley Orgánica de Migración y Extranjería, Decreto Ejecutivo 52 de 2018.]]",
            ],
            "gaps": [
                "No existe un procedimiento para certificar las competencias adquiridas sin título formal, y la homologación de títulos universitarios extranjeros puede tardar hasta dieciocho meses. Las personas migrantes en situación irregular no tienen acceso a los programas públicos de formación profesional.",
            ],
            "box1": ("Recuadro 2. El costo de las remesas", [
                "Desde la entrada en vigor de la Resolución 27 de 2021 del Banco Central, las entidades que envían remesas deben publicar sus tarifas en un comparador en línea.",
                "El costo medio de enviar 200 dólares a Isla Bermeja bajó del 6,9 % en 2020 al 3,8 % en 2022, por debajo de la meta del 5 % fijada para 2030 en la meta 10.c de los Objetivos de Desarrollo Sostenible.",
            ]),
        },
        {
            "domain": 5,
            "intro": ["Los indicadores de esta dimensión examinan el tipo y el grado de preparación del país para hacer frente a las dimensiones de movilidad de las crisis relacionadas con los desastres, el medio ambiente y los conflictos."],
            "strengths": [
                "La Ley 2.260 de 2019, de Gestión Integral del Riesgo de Desastres, establece que la asistencia humanitaria se presta a todas las personas afectadas sin discriminación por nacionalidad o condición migratoria. Los planes municipales de emergencia deben identificar a las personas extranjeras residentes en zonas de riesgo.[[Artículo 31 de la Ley 2.260 de 2019.]]",
                "Durante la erupción del volcán Cerro Ardiente en 2021, las autoridades migratorias prorrogaron automáticamente los permisos de estancia de las personas extranjeras evacuadas y exoneraron de multas a quienes no pudieron salir del país a tiempo.",
            ],
            "gaps": [
                "La estrategia nacional de cambio climático no contempla medidas para las personas desplazadas por la erosión costera. No existen protocolos consulares para asistir a los nacionales en el exterior en caso de crisis.",
            ],
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# 7. French: Royaume de Kandara (tagged PDF from LibreOffice: H1–H3, a list, footnotes)
# ---------------------------------------------------------------------------------------------

KANDARA = {
    "country": "Royaume de Kandara",
    "intro": [
        "Le présent profil résume l'évaluation des indicateurs de gouvernance des migrations (IGM) menée au Royaume de Kandara en 2022 à la demande du ministère des Affaires étrangères et des Kandarais de l'étranger.[[L'évaluation a été conduite entre mai et novembre 2022.]] Elle couvre les six domaines du Cadre de gouvernance des migrations ; deux d'entre eux sont présentés ici.",
    ],
    "findings_intro": "Les principales conclusions de l'évaluation sont les suivantes :",
    "findings": [
        "les migrants en situation régulière ont accès aux soins de santé et à l'enseignement public dans les mêmes conditions que les nationaux ;",
        "le Kandara n'a pas ratifié la Convention internationale sur la protection des droits de tous les travailleurs migrants et des membres de leur famille ;",
        "le pays participe activement au dialogue régional sur les migrations et a conclu cinq accords bilatéraux de main-d'œuvre ;",
        "la diaspora n'est pas associée de manière formelle à l'élaboration des politiques de développement.",
    ],
    "chapters": [
        {
            "domain": 1,
            "strengths": [
                ("h3", "Santé et éducation"),
                "La loi n° 2015-62 du 12 juin 2015 relative à la santé publique garantit l'accès aux soins d'urgence à toute personne présente sur le territoire, quelle que soit sa situation administrative. Les migrants titulaires d'un titre de séjour sont affiliés à l'assurance maladie obligatoire dans les mêmes conditions que les nationaux.[[Article 18 de la loi n° 2015-62 du 12 juin 2015.]]",
                "Les enfants étrangers sont scolarisés dans les écoles publiques sans condition de séjour de leurs parents, conformément à la circulaire n° 027 du ministère de l'Éducation nationale du 4 septembre 2019.",
                ("h3", "Travail et séjour"),
                "La loi n° 2011-09 du 30 mars 2011 relative à l'entrée et au séjour des étrangers prévoit une carte de résident de dix ans, renouvelable de plein droit, pour les étrangers justifiant de cinq années de séjour régulier. Les titulaires de cette carte peuvent exercer toute activité professionnelle et bénéficient du regroupement familial pour leur conjoint et leurs enfants mineurs.",
            ],
            "gaps": [
                "Le Kandara n'a ratifié ni la Convention internationale sur la protection des droits de tous les travailleurs migrants et des membres de leur famille ni les conventions n° 97 et n° 143 de l'Organisation internationale du Travail.[[Le ministère des Affaires étrangères a indiqué qu'une étude de compatibilité était en cours.]]",
                "Les migrants en situation irrégulière n'ont accès qu'aux soins d'urgence, et aucune disposition n'interdit aux établissements de santé de signaler leur présence aux services de police.",
            ],
        },
        {
            "domain": 3,
            "strengths": [
                "Le Kandara est membre du Processus de Rabat et du Dialogue sur la migration pour l'Afrique de l'Ouest. Il a conclu des accords bilatéraux de main-d'œuvre avec cinq pays, dont l'accord relatif à la migration circulaire signé en 2018, qui organise le recrutement de travailleurs saisonniers dans l'agriculture.[[Accord publié par le décret n° 2018-433 du 17 juillet 2018.]]",
                "Le Conseil national des Kandarais de l'étranger, instance consultative créée en 2016, rend des avis sur les politiques concernant la diaspora et organise chaque année un forum de l'investissement.",
            ],
            "gaps": [
                "Le secteur privé n'est pas consulté de manière systématique sur les besoins de main-d'œuvre étrangère, et les organisations de la société civile ne participent pas au suivi des accords bilatéraux.",
            ],
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# 9. Spanish, A4: a tagged PDF exported by LibreOffice, two columns flowing down round a
#    full-width box (the tags know the flow; band by band, geometry reads it wrong)
# ---------------------------------------------------------------------------------------------

SOLANA = {
    "country": "República de Solana",
    "intro": [
        "Los Indicadores de Gobernanza de la Migración (IGM) ayudan a los gobiernos a hacer balance de sus políticas migratorias y a determinar las prioridades para su desarrollo. La evaluación de la República de Solana se llevó a cabo entre febrero y septiembre de 2022, a solicitud de la Cancillería, sobre la base de la legislación vigente y de entrevistas con dieciséis instituciones públicas y organizaciones de la sociedad civil.[[La lista de las instituciones consultadas figura en el anexo del informe completo.]]",
        "Este perfil resume las conclusiones para dos de las seis dimensiones del Marco de Gobernanza de la Migración. No constituye una clasificación de los países ni evalúa la aplicación de las políticas ni sus efectos.",
    ],
    "box_title": "Solana en cifras",
    "box": [
        "Población: 6,8 millones de habitantes (censo de 2020), de los cuales 412.000 nacidos en el extranjero; principales países de origen: Valdoria, Isla Bermeja y Costa Serena.",
        "Emigración: cerca de 930.000 solaneses residen en el exterior; las remesas equivalen al 7,4 % del producto interno bruto.",
    ],
    "chapters": [
        {
            "domain": 1,
            "strengths": [
                "La Ley 31 de 2018, de Movilidad Humana, reconoce a todas las personas migrantes, con independencia de su situación migratoria, el derecho a la atención de salud de urgencia y a la educación básica y media. Los residentes temporales y permanentes se afilian al Seguro Nacional de Salud en las mismas condiciones que los nacionales.[[Artículos 22 a 27 de la Ley 31 de 2018, de Movilidad Humana.]]",
                "Los niños, niñas y adolescentes extranjeros se matriculan en las escuelas públicas aunque no presenten documentos de identidad; la Resolución Ministerial 118 de 2019 del Ministerio de Educación permite validar sus estudios previos mediante un examen de ubicación gratuito.",
                "Los residentes permanentes pueden ejercer cualquier actividad laboral por cuenta propia o ajena, y la reunificación familiar se concede al cónyuge o conviviente, a los hijos menores de edad y a los padres a cargo del residente.",
            ],
            "gaps": [
                "Solana no ha ratificado la Convención Internacional sobre la Protección de los Derechos de Todos los Trabajadores Migratorios y de sus Familiares. Tampoco existe una norma que impida a los establecimientos de salud comunicar a la autoridad migratoria los datos de las personas en situación irregular que atienden.[[La Defensoría del Pueblo recomendó en 2021 incluir esa garantía en el reglamento de la Ley 31 de 2018.]]",
                "Las personas migrantes con residencia temporal no pueden acceder a los programas de vivienda social ni a las pensiones no contributivas, que exigen diez años de residencia permanente.",
            ],
        },
        {
            "domain": 2,
            "strengths": [
                "El Consejo Nacional de Movilidad Humana, presidido por la Cancillería, reúne a catorce ministerios y se reúne cada trimestre. Aprobó en 2021 la Política Nacional de Movilidad Humana 2021–2030, que cuenta con un plan de acción, indicadores y un informe anual de seguimiento que se publica en línea.",
                "La Dirección Nacional de Migración publica cada mes estadísticas de entradas y salidas desglosadas por sexo, edad y nacionalidad, y el censo de población de 2020 incluyó preguntas sobre el país de nacimiento y el año de llegada al país.[[Instituto Nacional de Estadística de Solana, Censo de Población y Vivienda 2020, cuadros 4.1 a 4.6.]]",
            ],
            "gaps": [
                "Los gobiernos municipales, que prestan buena parte de los servicios a las personas migrantes, no participan en el Consejo Nacional de Movilidad Humana y no disponen de un presupuesto asignado para esa población.",
                "La Política Nacional de Movilidad Humana no prevé la participación de las organizaciones de la diáspora ni de las asociaciones de migrantes en su seguimiento.",
            ],
        },
    ],
}
