"""Typeset a short English MGI-style report (test fixture for English layouts).

The report is invented (an imaginary "Republic of Norland"), written the way English
MGI reports are: key findings, six domain chapters each with "Migration governance:
examples of well-developed areas" and "Areas with potential for further development",
real footnotes, an annex, a bibliography. Laws are cited in the usual English forms.
The script writes a flat ODF document and converts it with LibreOffice, two columns
of 10-point Liberation Serif on US Letter.

Usage: python bench/make_english.py [OUT_DIR]   (default tests/fixtures/english)
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from office import fodt_to_pdf  # noqa: E402


CHAPTERS = [
    ("ADHERENCE TO INTERNATIONAL STANDARDS AND FULFILMENT OF MIGRANT RIGHTS",
     ["Norland is party to the International Convention on the Protection of the Rights of All "
      "Migrant Workers and Members of Their Families. The Law No. 4 on External Labour Migration "
      "(2006) grants migrant workers equal access to employment services.[The Law was last amended in 2020.]",
      "Long-term residents have access to public health care on the same terms as citizens, "
      "as set out in Government Resolution No. 175 of 16 April 2019."],
     ["There is no national strategy on the integration of migrants. The Law on Refugees (2002) "
      "does not provide for family reunification of persons granted temporary protection."]),
    ("FORMULATING POLICY USING EVIDENCE AND WHOLE-OF-GOVERNMENT APPROACH",
     ["Decree No. 191 of 4 May 2021 approved the Concept of Migration Policy for 2021–2030, which "
      "sets out the objectives of the Government in the area of migration and the responsibilities "
      "of each ministry.[The Concept replaced the earlier concept adopted in 2014.]"],
     ["The National Statistics Committee does not publish disaggregated data on emigration."]),
    ("ENGAGING WITH PARTNERS TO ADDRESS MIGRATION AND RELATED ISSUES",
     ["Norland has signed bilateral labour agreements with three countries of destination and "
      "takes part in regional consultative processes on migration."],
     ["Civil society is not formally involved in the design of migration policy."]),
    ("ADVANCING THE SOCIOECONOMIC WELL-BEING OF MIGRANTS AND SOCIETY",
     ["Federal Law No. 115-FZ on the Legal Status of Foreign Citizens is the main reference for "
      "Norlandic workers in the Russian Federation; the Government runs pre-departure orientation "
      "courses for them.[Courses are offered in the capital and in four regions.]"],
     ["Recognition of foreign qualifications remains slow and costly for returning migrants."]),
    ("EFFECTIVELY ADDRESSING THE MOBILITY DIMENSIONS OF CRISES",
     ["The National Disaster Risk Reduction Strategy (2019) includes measures for displaced persons "
      "and for foreign nationals present in the country during an emergency."],
     ["There are no specific measures to assist nationals abroad during crises."]),
    ("ENSURING THAT MIGRATION TAKES PLACE IN A SAFE, ORDERLY AND DIGNIFIED MANNER",
     ["The Law No. 55 on Preventing and Combating Trafficking in Persons (2005) establishes a national "
      "referral mechanism for victims. The Constitution (2021) guarantees the right to leave the country."],
     ["Border agencies do not share data on overstaying visa holders in real time."]),
]

INTRO = ("The Migration Governance Indicators (MGI) help governments take stock of their migration "
         "policies and identify priorities. This report summarizes the results of the assessment "
         "carried out in Norland in 2022.[The assessment was conducted between March and October 2022.]")


def _para(text: str, notes: list[int]) -> str:
    """Body text with [footnote] spans turned into real footnotes."""
    out, rest = [], text
    while "[" in rest:
        before, _, tail = rest.partition("[")
        note, _, rest = tail.partition("]")
        notes[0] += 1
        n = notes[0]
        out.append(html.escape(before))
        out.append(f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}'
                   f'</text:note-citation><text:note-body><text:p text:style-name="Footnote">'
                   f'{html.escape(note)}</text:p></text:note-body></text:note>')
    out.append(html.escape(rest))
    return f'<text:p text:style-name="Body">{"".join(out)}</text:p>'


def _h(text: str, level: int) -> str:
    return f'<text:h text:style-name="H{level}" text:outline-level="{level}">{html.escape(text)}</text:h>'


def document() -> str:
    notes = [0]
    # A contents list whose entries name the chapters in bold: they must not open
    # sections (dot leaders and page numbers give them away).
    toc = [_h("CONTENTS", 1)] + [
        f'<text:p text:style-name="TocEntry">{html.escape(title)} .......... {page}</text:p>'
        for title, page in [("INTRODUCTION", 1), ("KEY FINDINGS", 1)]
        + [(c[0], 1 + i // 3) for i, c in enumerate(CHAPTERS)]
    ]
    body = toc + [_h("INTRODUCTION", 1), _para(INTRO, notes), _h("KEY FINDINGS", 1),
            _para("Norland has made progress in all six domains since the first assessment.", notes)]
    for i, (title, strengths, gaps) in enumerate(CHAPTERS, start=1):
        body.append(_h(title, 1))
        body.append(_h(f"{i}.1. Migration governance: examples of well-developed areas", 2))
        body += [_para(t, notes) for t in strengths]
        body.append(_h(f"{i}.2. Areas with potential for further development", 2))
        body += [_para(t, notes) for t in gaps]
    body += [_h("ANNEX: COVID-19", 1),
             _para("During the pandemic, the validity of work permits was extended automatically "
                   "by Government Resolution No. 112 of 20 March 2020.", notes),
             _h("BIBLIOGRAPHY", 1),
             _para("2021a Decree No. 191 on the Concept of Migration Policy. Available at "
                   "https://example.org/decree-191.", notes)]
    styles = """
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
</office:font-face-decls>
<office:styles>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="10pt" fo:language="en" fo:country="US"/></style:style>
 <style:style style:name="TocEntry" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.1cm"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="11.5pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-size="8pt"/></style:style>
 <style:style style:name="H1" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="14pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="H2" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="11.5pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="7.5pt"/></style:style>
 <style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="8pt"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.59cm" fo:page-height="27.94cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"><style:columns fo:column-count="2" fo:column-gap="0.8cm"/><style:footnote-sep style:width="0.018cm" style:rel-width="25%" style:color="#000000" style:line-style="solid" style:adjustment="left"/></style:page-layout-properties><style:header-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.4cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p text:style-name="Header">MIGRATION GOVERNANCE INDICATORS · NORLAND 2022</text:p></style:header><style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer></style:master-page>
</office:master-styles>"""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
{styles}
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>
"""


def main() -> None:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "english"
    for path in fodt_to_pdf({"mgi-norland-2022-en": document()}, out_dir):
        print(path)


if __name__ == "__main__":
    main()
