"""Typeset five MGI-style country profiles about real countries, each with a truth file.

The fixtures (tests/fixtures/reports) are what real MGI country profiles look like when
they come from a word processor: key findings, the six domain chapters each with
"well-developed areas" and "areas with potential for further development", real
footnotes at the page foot, a running header and page numbers, a list of key sources,
and (in the Spanish one) a ruled table of the main legislation. Languages: Spanish
(second-assessment chapter names), French, Portuguese and two English first-round profiles
(the long MiGOF chapter names): Ghana, and the Kyrgyz Republic (2018), which pairs with
the Russian 2022 sample for linking acts across reports and languages. The words are in bench/report_texts.py; the prose is
written for testing, the acts cited are real.

Each report is a flat ODF document converted by LibreOffice (bench/office.py) in its
own layout (see LAYOUTS); hyphenation is off. The truth file is made from the same
source data: clean text (footnote markers removed, with their offsets), headings,
footnotes, domains and assessments; the page of each block is looked up in the PDF
(pdfplumber, per column). pikepdf fixes LibreOffice's dates and document ID, so a
run gives the same bytes every time (as bench/make_designs.py does).

Usage: python bench/make_reports.py [OUT_DIR] [--only NAME …]   (default tests/fixtures/reports)
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from office import fodt_to_pdf  # noqa: E402
from report_texts import CHAPTER_NAMES, NB, PARTS, REPORTS  # noqa: E402

OUT_DIR = ROOT / "tests" / "fixtures" / "reports"

#: name → page and type design. Five different layouts.
LAYOUTS = {
    "es-colombia-2021": dict(
        description="one column, A4, Liberation Serif 11 pt justified, spaced paragraphs; headings "
                    "Liberation Sans; numbered chapter headings; key findings as a bulleted list; ruled "
                    "table of the main legislation",
        width="21.0cm", height="29.7cm", margin="2.5cm", columns=1, body_font="Liberation Serif",
        body_size="11pt", align="justify", indent="0cm", space="0.25cm", line="115%",
        head_font="Liberation Sans", h1="16pt", h2="12.5pt", color="#1d4e89", numbered=True, upper=False,
        note_size="8.5pt", page="A4", language=("es", "CO"), breaks=("annex",)),
    "fr-maroc-2019": dict(
        description="two columns, US Letter, DejaVu Sans 9.5 pt ragged right, spaced paragraphs; "
                    "unnumbered chapter headings; footer text beside the page number",
        width="21.59cm", height="27.94cm", margin="1.9cm", columns=2, body_font="DejaVu Sans",
        body_size="10.5pt", align="start", indent="0cm", space="0.2cm", line="120%",
        head_font="DejaVu Sans", h1="13pt", h2="10.5pt", color="#0b6e4f", numbered=False, upper=False,
        note_size="8pt", page="US Letter", language=("fr", "FR"), breaks=("key_findings", 1, 4, "bibliography")),
    "pt-brasil-2020": dict(
        description="one column, A5-like narrow page (14.8 x 21 cm), DejaVu Serif 9.5 pt justified, "
                    "first-line indents and no space between paragraphs; numbered chapter headings",
        width="14.8cm", height="21.0cm", margin="1.6cm", columns=1, body_font="DejaVu Serif",
        body_size="10pt", align="justify", indent="0.6cm", space="0cm", line="112%",
        head_font="Liberation Sans", h1="13pt", h2="10.5pt", color="#7a1f1f", numbered=True, upper=False,
        note_size="7.5pt", page="A5", language=("pt", "BR")),
    "en-ghana-2018-first-round": dict(
        description="two columns, A4, Liberation Sans 10 pt justified; large headings (DejaVu Serif "
                    "18 pt chapter titles in capitals, first-round MiGOF names, unnumbered)",
        width="21.0cm", height="29.7cm", margin="2.0cm", columns=2, body_font="Liberation Sans",
        body_size="10pt", align="justify", indent="0cm", space="0.25cm", line="115%",
        head_font="DejaVu Serif", h1="18pt", h2="12pt", color="#00558c", numbered=False, upper=True,
        note_size="8pt", page="A4", language=("en", "GB"), breaks=("key_findings", 1, 3, 5, "bibliography")),
    "en-kyrgyzstan-2018-first-round": dict(
        description="one column, US Letter, Liberation Sans Narrow 11 pt ragged right, spaced paragraphs, "
                    "wide margins; numbered chapter headings in Liberation Serif (first-round MiGOF names, "
                    "sentence case); footer text beside the page number",
        width="21.59cm", height="27.94cm", margin="2.8cm", columns=1, body_font="Liberation Sans Narrow",
        body_size="11pt", align="start", indent="0cm", space="0.3cm", line="118%",
        head_font="Liberation Serif", h1="15pt", h2="11.5pt", color="#5b2a86", numbered=True, upper=False,
        note_size="8.5pt", page="US Letter", language=("en", "US"), breaks=("key_findings", 1, 4, "bibliography")),
}



def clean(markup: str) -> tuple[str, list[tuple[int, str]]]:
    """Text without [[notes]] (no-break spaces as spaces) and the (offset, note text) of each note."""
    text, notes = "", []
    for part in re.split(r"(\[\[.*?\]\])", markup):
        if part.startswith("[["):
            notes.append((len(text), part[2:-2].replace(NB, " ")))
        else:
            text += part.replace(NB, " ")
    return text, notes


def odf_inline(markup: str, counter: list[int]) -> str:
    out = []
    for part in re.split(r"(\[\[.*?\]\])", markup):
        if part.startswith("[["):
            counter[0] += 1
            n = counter[0]
            out.append(f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}'
                       f'</text:note-citation><text:note-body><text:p text:style-name="Footnote">'
                       f'{html.escape(part[2:-2], quote=False)}</text:p></text:note-body></text:note>')
        else:
            out.append(html.escape(part, quote=False))
    return "".join(out)


class Builder:
    """Collects the ODF body and the truth blocks from the same source strings."""

    def __init__(self, breaks: tuple = ()) -> None:
        self.breaks = breaks  # roles or chapter numbers whose heading starts a new page
        self.xml: list[str] = []
        self.blocks: list[dict] = []
        self.notes: list[dict] = []
        self.counter = [0]
        self.path: list[dict] = []  # heading blocks from the top
        self.domain: int | None = None
        self.assessment: str | None = None

    def _block(self, kind: str, text: str, **extra) -> dict:
        b = {"kind": kind, **{k: v for k, v in extra.items() if k in ("level", "number", "label")},
             "text": text, "footnote_refs": [], "section_path": list(self.path), "domain": self.domain,
             "assessment": self.assessment, **{k: v for k, v in extra.items() if k == "role"}}
        self.blocks.append(b)
        return b

    def heading(self, text: str, level: int, **extra) -> dict:
        self.path = [h for h in self.path if h["level"] < level]
        b = self._block("heading", text.replace(NB, " "), level=level, **extra)
        self.path.append(b)
        style = f"H{level}"
        if extra.get("role") in self.breaks or (extra.get("number") in self.breaks and level == 1):
            style += "Break"
        self.xml.append(f'<text:h text:style-name="{style}" text:outline-level="{level}">'
                        f'{html.escape(text, quote=False)}</text:h>')
        return b

    def para(self, markup: str, kind: str = "paragraph", style: str = "Body", **extra) -> str:
        text, notes = clean(markup)
        b = self._block(kind, text, **extra)
        for offset, note in notes:
            n = self.counter[0] + len(b["footnote_refs"]) + 1
            nb = {"kind": "footnote", "number": n, "series": "main", "text": note,
                  "section_path": list(self.path), "domain": self.domain, "assessment": self.assessment,
                  "referenced_by": b}
            self.notes.append(nb)
            b["footnote_refs"].append({"series": "main", "number": n, "offset": offset, "note": nb})
        return f'<text:p text:style-name="{style}">{odf_inline(markup, self.counter)}</text:p>'


def build_body(r: dict, lay: dict) -> tuple[Builder, dict | None]:
    lang = r["lang"]
    bd = Builder(lay.get("breaks", ()))
    bd.heading(r["title"], 1, role="document_title")
    bd.heading(r["intro_title"], 1, role="introduction")
    bd.xml += [bd.para(x) for x in r["intro"]]
    bd.heading(r["findings_title"], 1, role="key_findings")
    if r["findings_intro"]:
        bd.xml.append(bd.para(r["findings_intro"]))
    if lang == "es":  # a bulleted list
        bd.xml.append('<text:list text:style-name="L1">' + "".join(
            f"<text:list-item>{bd.para(x, 'list_item', 'ListPara', label='•')}</text:list-item>"
            for x in r["findings"]) + "</text:list>")
    else:
        bd.xml += [bd.para(x) for x in r["findings"]]
    s1, s2 = PARTS[lang]
    for n, (strengths, gaps) in enumerate(r["chapters"], start=1):
        bd.domain, bd.assessment = n, None
        name = CHAPTER_NAMES[lang][n - 1]
        title = name.upper() if lay["upper"] else name
        if lay["numbered"]:
            title = f"{n}. {title}"
        bd.heading(title, 1, number=n, role="domain_chapter")
        for sub, (label, paras) in enumerate(((s1, strengths), (s2, gaps)), start=1):
            bd.assessment = "strength" if sub == 1 else "gap"
            bd.heading(f"{n}.{sub}. {label}", 2, number=f"{n}.{sub}", role=bd.assessment)
            bd.xml += [bd.para(x) for x in paras]
    bd.domain = bd.assessment = None
    table = None
    if r.get("table"):
        t = r["table"]
        bd.heading(t["title"], 1, role="annex")
        table = bd._block("table", "", role="main_legislation")
        table["header"], table["rows"] = t["header"], t["rows"]
        bd.xml.append(odf_table(t["header"], t["rows"]))
    bd.heading(r["bib_title"], 1, role="bibliography")
    bd.xml += [bd.para(x, "bibliography_entry", "Bib") for x in r["bib"]]
    return bd, table


def odf_table(header: list[str], rows: list[list[str]]) -> str:
    def row(cells: list[str], style: str) -> str:
        return "<table:table-row>" + "".join(
            f'<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="{style}">'
            f"{html.escape(c, quote=False)}</text:p></table:table-cell>" for c in cells) + "</table:table-row>"

    return ('<table:table table:name="Legislation" table:style-name="Tbl">'
            '<table:table-column table:style-name="ColA"/><table:table-column table:style-name="ColB"/>'
            '<table:table-column table:style-name="ColC"/>'
            f"<table:table-header-rows>{row(header, 'TableHead')}</table:table-header-rows>"
            + "".join(row(r, "TableCell") for r in rows) + "</table:table>")


def fodt(r: dict, lay: dict, body: list[str]) -> str:
    lang, country = lay["language"]
    cols = (f'<style:columns fo:column-count="{lay["columns"]}" fo:column-gap="0.7cm"/>'
            if lay["columns"] > 1 else "")
    footer = html.escape(r["footer"], quote=False).replace(
        "{page}", '<text:page-number text:select-page="current">1</text:page-number>')
    footer_align = "end" if r["footer"] != "{page}" else "center"
    f, hf, c = lay["body_font"], lay["head_font"], lay["color"]
    fonts = sorted({f, hf, "Liberation Sans"})
    font_decls = "\n".join(f' <style:font-face style:name="{x}" svg:font-family="\'{x}\'"/>' for x in fonts)
    text_width = float(lay["width"][:-2]) - 2 * float(lay["margin"][:-2])
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">{html.escape(r['title'])}</dc:title></office:meta>
<office:font-face-decls>
{font_decls}
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties fo:language="{lang}" fo:country="{country}" fo:hyphenate="false"/></style:default-style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="{lay['space']}" fo:text-align="{lay['align']}" fo:text-indent="{lay['indent']}" fo:line-height="{lay['line']}"/><style:text-properties style:font-name="{f}" fo:font-size="{lay['body_size']}" fo:hyphenate="false"/></style:style>
 <style:style style:name="ListPara" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-bottom="0.12cm" fo:text-align="start" fo:text-indent="0cm"/></style:style>
 <style:style style:name="Bib" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties fo:margin-left="0.6cm" fo:text-indent="-0.6cm" fo:margin-bottom="0.15cm" fo:text-align="start"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.4cm" fo:text-indent="-0.4cm"/><style:text-properties style:font-name="{f}" fo:font-size="{lay['note_size']}" fo:hyphenate="false"/></style:style>
 <style:style style:name="H1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.55cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always" fo:text-align="start"/><style:text-properties style:font-name="{hf}" fo:font-size="{lay['h1']}" fo:font-weight="bold" fo:color="{c}" fo:hyphenate="false"/></style:style>
 <style:style style:name="H1Break" style:family="paragraph" style:parent-style-name="H1"><style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="H2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.18cm" fo:keep-with-next="always" fo:text-align="start"/><style:text-properties style:font-name="{hf}" fo:font-size="{lay['h2']}" fo:font-weight="bold" fo:color="#333333" fo:hyphenate="false"/></style:style>
 <style:style style:name="TableHead" style:family="paragraph"><style:text-properties style:font-name="{hf}" fo:font-size="9pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="TableCell" style:family="paragraph"><style:text-properties style:font-name="{f}" fo:font-size="9pt"/></style:style>
 <style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="7.5pt" fo:color="{c}"/></style:style>
 <style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="{footer_align}"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="8.5pt"/></style:style>
 <text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="{text_width:.2f}cm" table:align="margins" fo:margin-top="0.2cm" fo:margin-bottom="0.3cm"/></style:style>
 <style:style style:name="ColA" style:family="table-column"><style:table-column-properties style:column-width="{text_width * 0.42:.2f}cm"/></style:style>
 <style:style style:name="ColB" style:family="table-column"><style:table-column-properties style:column-width="{text_width * 0.12:.2f}cm"/></style:style>
 <style:style style:name="ColC" style:family="table-column"><style:table-column-properties style:column-width="{text_width * 0.46:.2f}cm"/></style:style>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
 <text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.7cm" fo:text-indent="-0.5cm" fo:margin-left="0.7cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="{lay['width']}" fo:page-height="{lay['height']}" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="{lay['margin']}" fo:margin-right="{lay['margin']}">{cols}<style:footnote-sep style:width="0.018cm" style:rel-width="25%" style:color="#000000" style:line-style="solid" style:adjustment="left" style:distance-before-sep="0.1cm" style:distance-after-sep="0.1cm"/></style:page-layout-properties><style:header-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-bottom="0.5cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.4cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p text:style-name="Header">{html.escape(r['header'], quote=False)}</text:p></style:header><style:footer><text:p text:style-name="Footer">{footer}</text:p></style:footer></style:master-page>
</office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>
"""


def fix_dates(pdf: Path) -> None:
    """Fixed creation date and document ID (same bytes each run); needs pikepdf (test extras)."""
    try:
        import pikepdf
    except ImportError:
        return
    with pikepdf.open(pdf, allow_overwriting_input=True) as p:
        for key in ("/CreationDate", "/ModDate"):
            if key in p.docinfo:
                p.docinfo[key] = "D:20230101000000Z"
        for key in ("/ID", "/DocChecksum"):
            if key in p.trailer:
                del p.trailer[key]
        p.save(pdf, deterministic_id=True)


def squash(text: str) -> str:
    """Text for looking up pages: no spaces and no digits (footnote markers are digits)."""
    return re.sub(r"[\s\d]+", "", text.replace("\u00ad", "")).lower()


def page_texts(pdf: Path, columns: int) -> list[str]:
    """Each page's text, column after column (the truth's pages are looked up in these)."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as src:
        for pg in src.pages:
            if columns == 1:
                out.append(squash(pg.extract_text() or ""))
            else:
                half = pg.width / 2
                out.append("".join(squash(pg.crop((x0, 0, x1, pg.height)).extract_text() or "")
                                   for x0, x1 in ((0, half), (half, pg.width))))
    return out


SCHEMA = {
    "block": ("id, page (PDF page, 1-based, where the block starts), page_end (if it continues on later pages), "
              "kind (heading|paragraph|list_item|footnote|table|bibliography_entry), level (headings), number "
              "(chapter 1..6, 'N.K' for subsections, footnote number), series (footnotes: main), label (list "
              "items: the bullet), text (clean: footnote markers removed, no hyphenation, no-break spaces as "
              "spaces), footnote_refs [{series, number, offset, footnote_id}] (offset = str index in text where "
              "the marker stood), section_path (heading ids from the top), domain (1..6 or null), assessment "
              "(strength|gap|null), referenced_by (footnotes), header and rows (table), role, pdf_page (= page)."),
    "pages": ("per PDF page: layout, header / footer (running text) and page_number (the number printed on it); "
              "printed numbers equal PDF page numbers."),
}

NOTES = [
    "Real country, real acts cited in their usual forms; the prose was written for testing the pipeline, "
    "so minor facts (dates of amendments, figures, the assessment period) may be approximate.",
    "Reading order: a page's flowing text in column order, then the footnotes of the page. A paragraph that "
    "runs on to the next column or page is one block (page_end when it changes page).",
    "Footnote blocks carry the section_path, domain and assessment of the block that references them.",
    "Pages of blocks were looked up in the PDF by their text (pdfplumber, per column); everything else comes "
    "from the source strings the PDF was typeset from.",
]


def build(r: dict, out_dir: Path) -> Path:
    name = r["name"]
    lay = LAYOUTS[name]
    bd, _ = build_body(r, lay)
    pdf = fodt_to_pdf({name: fodt(r, lay, bd.xml)}, out_dir)[0]
    fix_dates(pdf)
    pages = page_texts(pdf, lay["columns"])

    def find(text: str, start: int = 1) -> int:
        s = squash(text)
        for probe in (s[:40], s[:20], s[-20:], s[-12:], s[-6:]):
            for k in range(start - 1, len(pages)):
                if probe in pages[k]:
                    return k + 1
        raise RuntimeError(f"{name}: not found in the PDF: {text[:60]}")

    page = 1
    for b in bd.blocks:
        probe = b["text"] if b["kind"] != "table" else " ".join(b["rows"][0])
        b["page"] = page = find(probe, page)
        tail = b["text"][-8:] if b["kind"] != "table" else " ".join(b["rows"][-1])
        end = find(tail, page) if len(probe) > 60 or b["kind"] == "table" else page
        if end != page:
            b["page_end"] = end
    for n in bd.notes:
        n["page"] = find(n["text"], n["referenced_by"]["page"])
    ordered: list[dict] = []
    notes = sorted(bd.notes, key=lambda x: (x["page"], x["number"]))
    for b in bd.blocks:
        while notes and notes[0]["page"] < b["page"]:
            ordered.append(notes.pop(0))
        ordered.append(b)
    ordered += notes

    ids = {id(b): f"b{k:04d}" for k, b in enumerate(ordered, 1)}
    out = []
    for b in ordered:
        d = {"id": ids[id(b)], "page": b["page"]}
        if "page_end" in b:
            d["page_end"] = b["page_end"]
        d["kind"] = b["kind"]
        for key in ("level", "number", "series", "label"):
            if key in b:
                d[key] = b[key]
        d["text"] = b["text"]
        if b["kind"] != "footnote":
            d["footnote_refs"] = [{"series": "main", "number": x["number"], "offset": x["offset"],
                                   "footnote_id": ids[id(x["note"])]} for x in b["footnote_refs"]]
        d["section_path"] = [ids[id(h)] for h in b["section_path"]]
        d["domain"], d["assessment"] = b["domain"], b["assessment"]
        if b["kind"] == "footnote":
            d["referenced_by"] = ids[id(b["referenced_by"])]
        for key in ("role", "header", "rows"):
            if key in b:
                d[key] = b[key]
        d["pdf_page"] = b["page"]
        out.append(d)
    counts: dict[str, int] = {}
    for d in out:
        counts[d["kind"]] = counts.get(d["kind"], 0) + 1
    header_footer = [{"page": k, "layout": lay["description"], "header": r["header"],
                      "footer": r["footer"].replace("{page}", str(k)), "page_number": str(k)}
                     for k in range(1, len(pages) + 1)]
    truth = {
        "document": {
            "title": r["title"].replace(NB, " "), "language": r["lang"], "country": r["country"],
            "source": "written for testing (bench/report_texts.py); real country and real acts",
            "generator": "bench/make_reports.py",
            "layout": lay["description"],
            "domains": {str(k): v.replace(NB, " ") for k, v in enumerate(CHAPTER_NAMES[r["lang"]], 1)},
            "pdf": {"file": f"{name}.pdf", "pages": len(pages), "page_size": lay["page"],
                    "page_numbers": "footer, arabic, from 1 (LibreOffice page field)"},
        },
        "schema": SCHEMA,
        "counts": dict(sorted(counts.items())),
        "notes": NOTES,
        "pages": header_footer,
        "blocks": out,
    }
    (out_dir / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    return pdf


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", nargs="?", default=str(OUT_DIR))
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args()
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for r in REPORTS:
        if args.only and r["name"] not in args.only:
            continue
        pdf = build(r, out)
        n = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))["document"]["pdf"]["pages"]
        print(pdf, n, "pages")


if __name__ == "__main__":
    main()
