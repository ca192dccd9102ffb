"""Text-layer cross-checks: a damaged or half-read PDF must not pass as a clean one.

pdfminer (under pdfplumber) is lenient by design: when a file's cross-reference
table is unusable it rebuilds one by scanning the bytes, and when a content
stream is cut or mis-sized it reads what it can. Neither raises, so a file with
junk in the middle, or a stream whose ``/Length`` claims a gigabyte, came out of
the layout stage "ok" with a page or more of its records changed or missing.

Two independent signals turn that into a one-line reason (collected in
``LayoutDocument.problems``, which makes the document ``partial``):

* **Repairs the parser made.** A rebuilt cross-reference table
  (:func:`xref_repaired`), and the warnings pdfminer logs when it meets damaged
  data (captured per page by :func:`parser_messages`, sorted by
  :data:`DAMAGE_SIGNS`). Other pdfminer warnings (odd colour operands and the
  like) are common in sound files and only become a note.
* **A second reader.** PDFium (:mod:`pypdfium2`, shipped with pdfplumber) parses
  the file with its own code. A page where the layout stage kept far fewer
  characters than PDFium reads (:func:`check_pages`) lost text: to damage, to
  an encoding pdfminer does not decode, or to text set in another direction
  (a rotated table next to upright text).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass

#: A page is flagged when the layout stage kept less than this share of the
#: non-blank characters PDFium reads on it. On the sample and every fixture the
#: two readers agree (261 of 264 pages at exactly 1.000: both count the same
#: glyphs, superscripts included; ligatures are expanded on our side only, which
#: can only raise the ratio). The three others, 0.982-0.986, are pages with a
#: section tab running up the margin ("INTRODUCTION"), which the layout stage
#: leaves out on purpose, as it does chart axes; on a chart page such labels can
#: be a fifth of the text. A quarter missing is no longer "labels".
MIN_YIELD_RATIO = 0.75
#: ...and at least this many characters are missing: on a short page (a title, a
#: chart with a few labels) a ratio is noise, and a hundred characters is a
#: sentence — the least a reader would call lost text.
MIN_MISSING_CHARS = 100
#: Pages listed one by one in the problems; more are summarised in one line.
MAX_PAGE_REASONS = 3
#: The logger pdfminer reports its repairs through.
PARSER_LOGGER = "pdfminer"
#: pdfminer warnings (message fragments) that mean the file is damaged, with the
#: reason a user reads. Anything else pdfminer warns about is only a note.
DAMAGE_SIGNS: tuple[tuple[str, str], ...] = (
    ("Data-loss while decompressing", "a compressed stream is damaged (data lost while decompressing)"),
    ("Execute called on non-indirect object", "a page's content stream is damaged and was not read"),
    ("Refusing to execute circular reference", "a page's content refers to itself (damaged structure)"),
    ("Not adding object", "cross-reference entries are unreadable (damaged xref table)"),
    ("MediaBox missing", "a page has no size (damaged page tree)"),
    ("Invalid MediaBox", "a page has an invalid size (damaged page tree)"),
)
XREF_REPAIRED = "PDF structure repaired by the parser (xref table damaged); some text may be missing or wrong"


def count_text(text: str) -> int:
    """Non-blank characters: what both readers must agree on (spacing and line breaks differ)."""
    return sum(1 for c in text if not c.isspace())


def thousands(n: int) -> str:
    """``1840`` → ``1 840`` (the separator reads the same in English and Russian)."""
    return f"{n:,}".replace(",", " ")


def page_ranges(pages: list[int]) -> str:
    """``[1, 2, 3, 7]`` → ``1-3, 7``."""
    out: list[str] = []
    run: list[int] = []
    for p in sorted(set(pages)) + [None]:
        if p is not None and run and p == run[-1] + 1:
            run.append(p)
            continue
        if run:
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [p] if p is not None else []
    return ", ".join(out)


def pages_label(pages: list[int]) -> str:
    """``[5]`` → ``page 5``; ``[1, 2, 3, 7]`` → ``pages 1-3, 7``."""
    return f"page {pages[0]}" if len(set(pages)) == 1 else f"pages {page_ranges(pages)}"


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage().strip().splitlines()[0][:300])
        except Exception:  # noqa: BLE001 - a malformed log call must not break parsing
            self.messages.append(str(record.msg)[:300])


@contextlib.contextmanager
def parser_messages() -> Iterator[list[str]]:
    """Collect pdfminer's warnings while the block runs (first lines, in order).

    The handler is added to the ``pdfminer`` logger and removed afterwards;
    propagation is left alone, so whatever logging the application set up still
    sees the warnings. When that setup silenced them (level above WARNING), the
    level is lowered for the block only, with propagation off, so that we hear
    the warnings without the application's handlers suddenly printing them.
    """
    logger = logging.getLogger(PARSER_LOGGER)
    handler = _Collector()
    level, propagate = logger.level, logger.propagate
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
        logger.propagate = False
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def xref_repaired(pdf) -> bool:
    """Whether pdfminer had to rebuild the cross-reference table by scanning the file.

    Why it matters: the table maps every object to its byte offset; pdfminer
    falls back to a scan only when it cannot read the table at the offset the
    file names, i.e. bytes were inserted, removed or overwritten. Objects then
    come from a guess, and a page may silently lose or change text.
    """
    from pdfminer.pdfdocument import PDFXRefFallback

    doc = getattr(pdf, "doc", None)
    return any(isinstance(x, PDFXRefFallback) for x in getattr(doc, "xrefs", ()))


def damage_reasons(messages: dict[int, list[str]]) -> tuple[list[str], list[str]]:
    """Sort captured parser warnings into problems (damage) and notes.

    Args:
        messages: Warnings by page number; 0 for the document itself (opening,
            cross-reference table, outline).

    Returns:
        ``(problems, notes)``: one line per kind of damage, naming its pages;
        one line summarising the other warnings, if any.
    """
    damaged: dict[str, list[int]] = {}
    other: dict[str, list[int]] = {}
    for page, msgs in sorted(messages.items()):
        for msg in msgs:
            reason = next((r for sign, r in DAMAGE_SIGNS if sign in msg), None)
            (damaged.setdefault(reason, []) if reason else other.setdefault(msg, [])).append(page)
    problems = []
    for reason, pages in damaged.items():
        on = [p for p in pages if p]
        problems.append(f"{pages_label(on)}: {reason}" if on else f"PDF damaged: {reason}")
    notes = []
    if other:
        pages = sorted({p for ps in other.values() for p in ps if p})
        first = next(iter(other))
        where = f" on {pages_label(pages)}" if pages else ""
        more = f" and {len(other) - 1} other kind(s)" if len(other) > 1 else ""
        notes.append(f"PDF parser warnings{where}: {first!r}{more}")
    return problems, notes


def pdfium_text(path: str, sample_pages: int = 0) -> tuple[list[int] | None, str]:
    """Non-blank characters PDFium reads on each page (None when PDFium cannot open the
    file), and the text it reads on the first ``sample_pages`` pages.

    About 0.07 s for the 39-page sample (2-3 % of its parse): PDFium only builds the
    text page, it does not analyse layout.

    The sample lets a caller guess the report's language before pdfplumber has read
    a page (the batch warms up that language's matchers meanwhile); the layout's
    own language still comes from its own reading.
    """
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception:  # noqa: BLE001 - any failure: no second opinion
        return None, ""
    counts: list[int] = []
    sample: list[str] = []
    try:
        for i in range(len(doc)):
            try:
                page = doc[i]
                text = page.get_textpage()
                content = text.get_text_range()
                counts.append(count_text(content))
                if i < sample_pages:
                    sample.append(content)
                text.close()
                page.close()
            except Exception:  # noqa: BLE001 - an unreadable page gets no count
                counts.append(-1)
    finally:
        doc.close()
    return counts, " ".join(sample)


@dataclass(frozen=True)
class PageText:
    """What the layout stage read on one page, for comparison with PDFium.

    Attributes:
        number: 1-based page number.
        read: Non-blank characters kept in lines and table cells.
        other_direction: Non-blank characters running in a direction the page
            was not read in (left out like side labels).
        compared: False for pages read by OCR or waiting for it (their text
            layer is already known to be unusable and is reported as such).
    """

    number: int
    read: int
    other_direction: int = 0
    compared: bool = True


def _per_page(items: list[tuple[int, str]], summary: str) -> list[str]:
    """``page N: …`` lines, or one ``summary`` line (formatted with ``pages``) when there are many."""
    if len(items) > MAX_PAGE_REASONS:
        return [summary.format(pages=pages_label([n for n, _ in items]))]
    return [f"page {n}: {text}" for n, text in items]


def check_pages(pages: list[PageText], pdfium: list[int] | None) -> tuple[list[str], list[str]]:
    """Compare what the layout stage kept on each page with what PDFium reads there.

    Args:
        pages: The layout stage's pages, in order.
        pdfium: :func:`pdfium_text`'s counts for the file (None: PDFium gave no answer,
            only the direction notes are made).

    Returns:
        ``(problems, notes)``. Problems: pages short by more than
        :data:`MIN_MISSING_CHARS` and below :data:`MIN_YIELD_RATIO` of PDFium's
        count; the cause is named "another direction" when text running another
        way than the page accounts for most of the gap, else damage or an
        encoding pdfminer cannot decode. Notes: pages that lost at least
        :data:`MIN_MISSING_CHARS` characters running another way without being
        short (a rotated caption or table beside the text is not read, and says so).
    """
    problems: list[str] = []
    short: dict[int, int] = {}
    if pdfium is not None and len(pdfium) != len(pages):
        problems.append(f"PDF readers disagree on the page count ({len(pages)} vs PDFium's {len(pdfium)}): "
                        "the page tree is damaged")
    elif pdfium is not None:
        for page, theirs in zip(pages, pdfium):
            if (page.compared and theirs >= 0 and theirs - page.read >= MIN_MISSING_CHARS
                    and page.read < MIN_YIELD_RATIO * theirs):
                short[page.number] = theirs
    by_number = {p.number: p for p in pages}
    turned = [n for n in short if 2 * by_number[n].other_direction >= short[n] - by_number[n].read]
    problems += _per_page(
        [(n, f"{thousands(by_number[n].other_direction)} of {thousands(short[n])} chars run in another "
             "direction than the text read on the page (rotated table?) and were not read") for n in turned],
        "{pages}: much of the text runs in another direction than the rest of its page "
        "(rotated tables?) and was not read")
    damaged = [n for n in short if n not in turned]
    problems += _per_page(
        [(n, f"text layer reads {thousands(by_number[n].read)} chars but PDFium reads {thousands(short[n])} "
             "(damaged or unsupported text encoding)") for n in damaged],
        f"{{pages}}: text layer reads {thousands(sum(by_number[n].read for n in damaged))} chars but PDFium "
        f"reads {thousands(sum(short[n] for n in damaged))} (damaged or unsupported text encoding)")
    aside = [p for p in pages if p.other_direction >= MIN_MISSING_CHARS and p.number not in short]
    notes = _per_page(
        [(p.number, f"{thousands(p.other_direction)} chars running in another direction than the text read "
                    "on the page (side labels, a rotated table?) were left out") for p in aside],
        "{pages}: text running in another direction than the text read on the page "
        "(side labels, rotated tables?) was left out")
    return problems, notes
