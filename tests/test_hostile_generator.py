"""The hostile-file generator (tests/hostile.py): every file exists and has the property it claims.

These tests check the generator only, never the pipeline: they never open the
FIFO, never follow the special symlinks, and never inflate the deflate bomb
beyond a few megabytes.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import stat
import time
import zipfile
import zlib
from pathlib import Path

import pikepdf
import pytest

import hostile
from hostile import Expect, make_hostile_folder, path_of

#: Limits from the brief: the folder is made in a test's set-up, so it must stay cheap.
MAX_SECONDS = 10.0
MAX_BYTES = 60 * 1024 * 1024


@pytest.fixture(scope="module")
def made(tmp_path_factory, sample_pdf):
    dest = tmp_path_factory.mktemp("hostile")
    t0 = time.perf_counter()
    expect = make_hostile_folder(dest, sample_pdf)
    return dest, expect, time.perf_counter() - t0


@pytest.fixture(scope="module")
def dest(made):
    return made[0]


@pytest.fixture(scope="module")
def expect(made):
    return made[1]


def _bytes(dest: Path, name: str | bytes) -> bytes:
    with open(path_of(dest, name), "rb") as fh:
        return fh.read()


def _open(dest: Path, name: str | bytes, **kw) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(_bytes(dest, name)), **kw)


def _regular_files(folder: Path) -> dict[bytes, os.stat_result]:
    root = os.fsencode(folder)
    return {n: os.lstat(os.path.join(root, n)) for n in os.listdir(root)}


# ----------------------------------------------------------------------------- the folder as a whole

def test_folder_is_quick_and_small(made):
    dest, expect, seconds = made
    assert seconds < MAX_SECONDS
    sizes = [st.st_size for st in _regular_files(dest).values() if stat.S_ISREG(st.st_mode)]
    assert sum(sizes) < MAX_BYTES
    assert len(expect) >= 30


def test_every_name_exists_and_nothing_else(dest, expect):
    on_disk = set(os.listdir(os.fsencode(dest)))
    assert on_disk == {os.fsencode(n) for n in expect}


def test_expectations_are_well_formed(expect):
    for name, e in expect.items():
        assert isinstance(name, (str, bytes))
        assert isinstance(e, Expect)
        assert e.statuses and e.statuses <= hostile.STATUSES, name
        assert e.note, name
        assert e.reason is None or e.reason == e.reason.lower(), name
        if "ok" not in e.statuses:
            assert e.keywords, f"{name!r}: a file that cannot be ok needs a reason keyword"


def test_expect_matches():
    e = Expect(frozenset({"ok", "failed"}), "timed out|time limit", "")
    assert e.matches("ok", None)
    assert e.matches("failed", "exceeded the CPU time limit (91 s)")
    assert e.matches("failed", "Timed out after 60 s")
    assert not e.matches("failed", "internal error in layout stage")
    assert not e.matches("partial", "timed out")
    assert Expect(frozenset({"partial"}), None, "").matches("partial", "anything")
    with pytest.raises(ValueError):
        Expect(frozenset({"skipped"}), None, "")
    with pytest.raises(ValueError):
        Expect(frozenset({"failed"}), "Encrypted", "")


def test_generation_is_deterministic(tmp_path, sample_pdf, dest):
    """Same bytes, same links, every time: the files' content hashes (doc ids) are stable."""
    again = tmp_path / "again"
    make_hostile_folder(again, sample_pdf)
    first, second = _regular_files(dest), _regular_files(again)
    assert first.keys() == second.keys()
    for name, st in first.items():
        assert stat.S_IFMT(st.st_mode) == stat.S_IFMT(second[name].st_mode), name
        if stat.S_ISREG(st.st_mode) and st.st_mode & 0o444:
            a = hashlib.sha256(_bytes(dest, name)).hexdigest()
            b = hashlib.sha256(_bytes(again, name)).hexdigest()
            assert a == b, name
        elif stat.S_ISLNK(st.st_mode):
            assert os.readlink(path_of(dest, name)) == os.readlink(path_of(again, name))


def test_regenerating_into_the_same_folder_replaces_files(tmp_path, sample_pdf):
    folder = tmp_path / "twice"
    first = make_hostile_folder(folder, sample_pdf)
    second = make_hostile_folder(folder, sample_pdf)
    assert first.keys() == second.keys()


def test_readable_pdfs_are_distinct(dest, expect):
    """Identical bytes would be de-duplicated by the batch and hide how each name is handled."""
    hashes = {}
    for name in expect:
        if hostile.is_regular(dest, name) and os.lstat(path_of(dest, name)).st_size:
            with open(path_of(dest, name), "rb") as fh:
                hashes.setdefault(hashlib.sha256(fh.read()).hexdigest(), []).append(name)
    assert all(len(v) == 1 for v in hashes.values()), [v for v in hashes.values() if len(v) > 1]


# ----------------------------------------------------------------------------- names

def test_non_utf8_name_round_trips_as_bytes(dest, expect):
    name = hostile.NON_UTF8_NAME
    assert name in expect and isinstance(name, bytes)
    with pytest.raises(UnicodeDecodeError):
        name.decode("utf-8")
    assert name.decode("cp1251") == "Профиль.pdf"
    assert name in os.listdir(os.fsencode(dest))
    assert os.fsencode(os.fsdecode(name)) == name  # surrogateescape round trip
    assert Path(dest, os.fsdecode(name)).is_file()
    assert len(_open(dest, name).pages) == 1


@pytest.mark.parametrize("name", [hostile.NEWLINE_NAME, hostile.DASH_NAME, hostile.SPACES_NAME,
                                  hostile.LONG_NAME, hostile.UPPER_NAME, hostile.SHELL_NAME])
def test_odd_names_are_valid_reports(dest, expect, name):
    assert name in expect and expect[name].statuses == {"ok", "partial"}
    pdf = _open(dest, name)
    assert len(pdf.pages) == 1
    assert not pdf.is_encrypted


def test_odd_names_have_their_oddity():
    assert "\n" in hostile.NEWLINE_NAME
    assert hostile.DASH_NAME.startswith("-")
    assert hostile.SPACES_NAME.startswith(" ") and "  " in hostile.SPACES_NAME.strip()
    assert len(hostile.LONG_NAME.encode()) == hostile.LONG_NAME_BYTES == 250
    assert hostile.UPPER_NAME.endswith(".PDF")
    assert "$(" in hostile.SHELL_NAME and "`" in hostile.SHELL_NAME and hostile.PWNED_MARKER in hostile.SHELL_NAME


# ----------------------------------------------------------------------------- rotation and damage

@pytest.mark.parametrize("angle", [90, 180, 270])
def test_rotated_pages(dest, angle):
    pdf = _open(dest, f"rotated-{angle}.pdf")
    assert [int(p.obj.Rotate) for p in pdf.pages] == [angle]


def test_garbage_is_inserted_mid_file(dest):
    data = _bytes(dest, "garbage-inserted.pdf")
    mid = (len(data) - hostile.GARBAGE_BYTES) // 2
    garbage = data[mid:mid + hostile.GARBAGE_BYTES]
    assert len(zlib.compress(garbage)) > 0.99 * len(garbage)  # random: incompressible
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_huge_length_is_a_lie(dest):
    data = _bytes(dest, "huge-length.pdf")
    assert b"/Length %d " % hostile.HUGE_LENGTH in data
    assert len(data) < 10_000


def test_truncated_file(dest, sample_pdf):
    data = _bytes(dest, "truncated-30.pdf")
    full = sample_pdf.read_bytes()
    assert data == full[:int(len(full) * hostile.TRUNCATE_AT)]
    assert b"%%EOF" not in data[-2048:]


def test_every_xref_offset_is_wrong(dest):
    data = _bytes(dest, "xref-wrong.pdf")
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    assert data[start:start + 4] == b"xref"
    table = data[start:data.index(b"trailer", start)].split(b"\n")
    count = int(table[1].split()[1])
    in_use = 0
    for num, entry in enumerate(table[2:2 + count]):
        offset, _, kind = entry.split()
        if kind == b"n":
            in_use += 1
            assert not data.startswith(b"%d 0 obj" % num, int(offset)), num
    assert in_use > 10
    # …yet every object is still in the file, findable by a scan (a repairable file).
    assert len(_open(dest, "xref-wrong.pdf").pages) == 2


def test_html_behind_a_pdf_header(dest):
    data = _bytes(dest, "html-after-header.pdf")
    assert data.startswith(b"%PDF-") and b"<html>" in data and b" obj" not in data


def test_zip_named_pdf(dest):
    assert zipfile.is_zipfile(path_of(dest, "zip-archive.pdf"))


def test_ten_thousand_pages(dest):
    assert len(_open(dest, "10000-pages.pdf").pages) == hostile.MANY_PAGES
    assert os.path.getsize(path_of(dest, "10000-pages.pdf")) < 2_000_000


def _raw_object(data: bytes, num: int) -> bytes:
    """The body of object ``num`` as written (for files qpdf refuses to open)."""
    start = data.index(b"\n%d 0 obj\n" % num) + len(b"\n%d 0 obj\n" % num)
    return data[start:data.index(b"\nendobj", start)]


def test_page_tree_cycle(dest):
    data = _bytes(dest, "page-tree-cycle.pdf")
    assert b"/Kids [3 0 R 4 0 R]" in _raw_object(data, 2)
    child = _raw_object(data, 4)
    assert b"/Type /Pages" in child and b"/Parent 2 0 R" in child and b"/Kids [2 0 R]" in child
    with pytest.raises(pikepdf.PdfError, match="[Ll]oop"):  # qpdf refuses it outright
        pikepdf.open(io.BytesIO(data))


def test_deeply_nested_arrays(dest):
    pdf = _open(dest, "nested-arrays.pdf")
    content = pdf.pages[0].obj.Contents.read_bytes()
    assert b"[" * hostile.NESTING + b"]" * hostile.NESTING in content
    assert len(_bytes(dest, "nested-arrays.pdf")) < 10_000


def test_object_stream_contains_itself(dest):
    data = _bytes(dest, "objstm-self-reference.pdf")
    assert re.match(rb"<< /Length \d+ /Type /ObjStm /N 1 /First \d+ /Extends 5 0 R", _raw_object(data, 5))
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    head, _, rest = data[start:].partition(b"stream\n")
    assert b"/Type /XRef" in head and b"/W [1 4 2]" in head
    length = int(re.search(rb"/Length (\d+)", head).group(1))
    raw = rest[:length]
    rows = [(raw[i], int.from_bytes(raw[i + 1:i + 5], "big"), int.from_bytes(raw[i + 5:i + 7], "big"))
            for i in range(0, len(raw), 7)]
    assert rows[5] == (2, 5, 0)  # object 5 is stored in object stream 5
    assert rows[7] == (2, 5, 0)  # the page's /Resources live there too


# ----------------------------------------------------------------------------- resource bombs

def _content_stream(dest, name):
    pdf = _open(dest, name)
    return pdf, pdf.pages[0].obj.Contents


def _inflated_prefix(raw: bytes, limit: int) -> tuple[bytes, int]:
    """Inflate at most ``limit`` bytes; returns them and the compressed bytes consumed."""
    d = zlib.decompressobj()
    out = d.decompress(raw, limit)
    return out, len(raw) - len(d.unconsumed_tail)


def test_operator_bomb(dest):
    _, stream = _content_stream(dest, "operator-bomb.pdf")
    assert stream.Filter == "/FlateDecode"
    raw = stream.read_raw_bytes()
    assert len(raw) < 400_000
    d = zlib.decompressobj()
    total, ops, chunk, carry = 0, 0, raw, b""
    while chunk or not d.eof:  # ~140 MB through a small buffer: well under a second
        out = d.decompress(chunk, 8 << 20)
        chunk = d.unconsumed_tail
        total += len(out)
        text = carry + out
        cut = text.rfind(b"\n") + 1  # count whole operators only; carry the split one over
        ops += text[:cut].count(hostile.BOMB_OPERATOR)
        carry = text[cut:]
        if not out and not chunk:
            break
    assert d.eof
    assert ops == hostile.BOMB_OPERATORS >= 10_000_000
    assert total > 100_000_000


def test_flate_bomb_is_small_on_disk_and_huge_inflated(dest):
    _, stream = _content_stream(dest, "flate-bomb.pdf")
    assert stream.Filter == "/FlateDecode"
    raw = stream.read_raw_bytes()
    assert len(raw) <= 20 * 1024 * 1024
    assert os.path.getsize(path_of(dest, "flate-bomb.pdf")) <= 20 * 1024 * 1024
    out, used = _inflated_prefix(raw, 64 << 20)
    assert out.startswith(b"BT") and b"ADHERENCE" in out and out.endswith(b" " * 1000)
    assert len(out) / used > 500  # ratio of the stream: ≥ 500 × len(raw) ≈ 5 GiB in all
    assert len(raw) * 500 > 2 << 30


def test_deflate_repeat_is_a_valid_zlib_stream():
    data = hostile.deflate_repeat(b"prefix ", b"0 0 m 1 1 l S\n" * 1000, 37)
    assert zlib.decompress(data) == b"prefix " + b"0 0 m 1 1 l S\n" * 1000 * 37  # checksum included
    assert zlib.decompress(hostile.deflate_repeat(b"", b" " * 4096, 1)) == b" " * 4096


def test_huge_image(dest):
    pdf, _ = _content_stream(dest, "huge-image.pdf")
    image = pdf.pages[0].obj.Resources.XObject.Im0
    assert image.Subtype == "/Image"
    assert (int(image.Width), int(image.Height)) == (hostile.HUGE_IMAGE_SIDE, hostile.HUGE_IMAGE_SIDE)
    assert len(image.read_raw_bytes()) < 10_000


# ----------------------------------------------------------------------------- content tricks

def test_formula_injection_text(dest):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(_bytes(dest, "formula-injection.pdf"))) as pdf:
        text = pdf.pages[0].extract_text()
        meta = pdf.metadata
    lines = text.splitlines()
    assert lines[0].startswith('=HYPERLINK("http://example.invalid","x")')
    assert any(line.startswith("+cmd|' /C calc'!A0") for line in lines)
    assert any(line.startswith("@SUM(1+1)") for line in lines)
    assert "Law No. 4 on External Labour Migration" in text
    assert meta["Title"].startswith("=HYPERLINK(")


def test_odd_unicode_mappings(dest):
    import pdfplumber

    data = _bytes(dest, "odd-unicode.pdf")
    pdf = pikepdf.open(io.BytesIO(data))
    font = pdf.pages[0].obj.Resources.Font.F3
    cmap = font.ToUnicode.read_bytes()
    assert b"<41> <D800>" in cmap and b"<43> <0000>" in cmap and b"<4A> <2028>" in cmap
    assert bytes(pdf.docinfo.Title).startswith(b"\xfe\xff") and b"\xd8\x00" in bytes(pdf.docinfo.Title)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        text = doc.pages[0].extract_text()
    assert "\x1b" in text and "\u202e" in text and "\x00" in text  # control characters reach the text


def test_javascript_actions(dest):
    pdf = _open(dest, "javascript.pdf")
    assert pdf.Root.OpenAction.S == "/JavaScript"
    assert "app.alert" in str(pdf.Root.OpenAction.JS)
    assert pdf.Root.Names.JavaScript.Names[1].S == "/JavaScript"


def test_encrypted_with_empty_password_is_readable(dest):
    pdf = _open(dest, "encrypted-empty-password.pdf")
    assert pdf.is_encrypted and pdf.encryption.R == 6
    assert len(pdf.pages) == 1


def test_encrypted_with_user_password(dest):
    with pytest.raises(pikepdf.PasswordError):
        _open(dest, "encrypted-user-password.pdf")
    pdf = _open(dest, "encrypted-user-password.pdf", password=hostile.USER_PASSWORD)
    assert pdf.is_encrypted and len(pdf.pages) == 1


# ----------------------------------------------------------------------------- special files

def test_empty_file(dest):
    assert os.path.getsize(path_of(dest, "empty.pdf")) == 0


def test_unreadable_file(dest, expect):
    path = path_of(dest, "unreadable.pdf")
    assert stat.S_IMODE(os.lstat(path).st_mode) == 0
    readable = os.access(path, os.R_OK)
    assert expect["unreadable.pdf"].statuses == ({"ok", "partial"} if readable else {"failed"})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this OS")
def test_fifo(dest):
    assert stat.S_ISFIFO(os.lstat(path_of(dest, "pipe.pdf")).st_mode)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this OS")
def test_symlinks(dest):
    p = lambda name: path_of(dest, name)  # noqa: E731
    assert os.path.islink(p("dangling.pdf")) and not os.path.exists(p("dangling.pdf"))
    for name in ("loop.pdf", "loop2.pdf"):
        assert os.path.islink(p(name))
        with pytest.raises(OSError) as err:
            os.stat(p(name))
        assert err.value.errno == errno.ELOOP
    assert os.readlink(p("zero.pdf")) == b"/dev/zero"
    assert stat.S_ISCHR(os.stat(p("zero.pdf")).st_mode)
    assert os.path.islink(p("dir.pdf")) and os.path.isdir(p("dir.pdf"))
    assert os.path.samefile(p("dir.pdf"), os.fsencode(dest))
