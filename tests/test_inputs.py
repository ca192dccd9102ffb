"""Input vetting: odd names and special files get a manifest row, never a hang or a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.batch.inputs import collect_inputs, display_name, escape_name, file_sha256, name_bytes_hex, vet

REPO = Path(__file__).resolve().parents[1]
CP1251_NAME = "Профиль миграции.pdf".encode("cp1251")  # not valid UTF-8


@pytest.mark.parametrize("raw, shown", [
    (b"report.pdf", "report.pdf"),
    ("Кыргызстан.pdf".encode(), "Кыргызстан.pdf"),
    (b"\xcf\xf0\xee.pdf", "\\xcf\\xf0\\xee.pdf"),
    (b"two\nlines.pdf", "two\\nlines.pdf"),
    (b"tab\tand\x1bescape.pdf", "tab\\tand\\x1bescape.pdf"),
    (b"-rf.pdf", "-rf.pdf"),
])
def test_escape_name(raw, shown):
    assert escape_name(os.fsdecode(raw)) == shown
    assert escape_name(raw) == shown
    shown.encode("utf-8")  # always encodable
    assert (name_bytes_hex(os.fsdecode(raw)) is None) == (shown == raw.decode("utf-8", "replace"))


def test_lone_surrogate_that_no_file_system_gives_is_escaped_too():
    assert escape_name("a\ud800b").encode("utf-8") == b"a\\xed\\xa0\\x80b"


def _special(tmp_path: Path) -> dict[str, str | None]:
    """Make special files; returns name → expected reason keyword (None: accepted)."""
    (tmp_path / "good.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    os.mkfifo(tmp_path / "pipe.pdf")
    (tmp_path / "dangling.pdf").symlink_to(tmp_path / "nowhere.pdf")
    (tmp_path / "loop.pdf").symlink_to(tmp_path / "loop2.pdf")
    (tmp_path / "loop2.pdf").symlink_to(tmp_path / "loop.pdf")
    (tmp_path / "zero.pdf").symlink_to("/dev/zero")
    (tmp_path / "sub").mkdir()
    (tmp_path / "dir.pdf").symlink_to(tmp_path / "sub")
    (tmp_path / "link-to-good.pdf").symlink_to(tmp_path / "good.pdf")
    return {"good.pdf": None, "pipe.pdf": "fifo", "dangling.pdf": "dangling link", "loop.pdf": "link loop",
            "loop2.pdf": "link loop", "zero.pdf": "character device", "dir.pdf": "link to a folder",
            "link-to-good.pdf": None}


def test_vet_names_each_special_file(tmp_path):
    for name, keyword in _special(tmp_path).items():
        why = vet(tmp_path / name)
        assert (why is None) == (keyword is None), name
        if keyword:
            assert keyword in why.lower(), (name, why)


def test_collect_inputs_lists_special_files_inside_folders(tmp_path):
    expect = _special(tmp_path)
    files, rejected = collect_inputs([tmp_path])
    assert [f.name for f in files] == ["good.pdf"]  # the link to it is the same file
    assert sorted(r.path.name for r in rejected) == sorted(n for n, k in expect.items() if k)


@pytest.mark.parametrize("named", ["/dev/zero", "/dev/null", "pipe.pdf"])
def test_special_files_named_on_the_command_line_are_refused_before_reading(tmp_path, named):
    os.mkfifo(tmp_path / "pipe.pdf")
    path = Path(named) if named.startswith("/") else tmp_path / named
    files, rejected = collect_inputs([path])
    assert files == [] and len(rejected) == 1
    assert "not a regular file" in rejected[0].reason


def test_hashing_never_blocks_on_a_fifo(tmp_path):
    os.mkfifo(tmp_path / "pipe.pdf")
    with pytest.raises(OSError, match="not a regular file"):
        file_sha256(tmp_path / "pipe.pdf")


def test_display_name_is_relative_to_cwd_and_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_name(tmp_path / os.fsdecode(b"a\xff.pdf")) == "a\\xff.pdf"


def _run(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "run", *args, "--no-progress"], cwd=cwd,
                          capture_output=True, timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)})


def test_a_folder_of_odd_names_and_special_files_gives_one_row_each(sample_pdf, tmp_path):
    """Regression: a cp1251 name once ended the whole batch with a traceback while writing."""
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    pages_1_to_3 = _first_pages(sample_pdf, 3)
    with open(os.path.join(os.fsencode(folder), CP1251_NAME), "wb") as fh:
        fh.write(pages_1_to_3)
    (folder / "line\nbreak.pdf").write_bytes(pages_1_to_3 + b"\n")  # another hash
    expect = _special(folder)
    done = _run([str(folder), "--out", str(out), "--db", f"sqlite:///{out}/mgi.sqlite"], tmp_path)
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == 2  # some files failed, none crashed the batch
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    rows = {r["file"].split("/")[-1]: r for r in m["files"]}
    shown = escape_name(CP1251_NAME)
    assert rows[shown]["status"] == "ok" and rows[shown]["file_bytes_hex"].endswith(CP1251_NAME.hex())
    assert rows["line\\nbreak.pdf"]["status"] == "ok"
    for name, keyword in expect.items():
        if keyword:
            assert rows[name]["status"] == "failed" and keyword in rows[name]["reason"].lower(), rows[name]
    import pandas as pd

    docs = pd.read_parquet(out / "documents.parquet")
    assert any(f.endswith(shown) for f in docs.file)


def test_dev_zero_on_the_command_line_does_not_hang(sample_pdf, tmp_path):
    good = tmp_path / "sample-p1-3.pdf"  # a good file beside it: the sample's first pages will do
    good.write_bytes(_first_pages(sample_pdf, 3))
    done = _run(["/dev/zero", str(good), "--out", str(tmp_path / "out"), "--db", "none"], tmp_path,
                timeout=120)
    assert done.returncode == 2, done.stderr.decode(errors="replace")
    m = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    by = {r["file"]: r for r in m["files"]}
    assert "character device" in by["/dev/zero"]["reason"]
    assert m["counts"]["ok"] == 1


def _first_pages(pdf: Path, n: int) -> bytes:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(pdf))
    dst = pdfium.PdfDocument.new()
    dst.import_pages(src, list(range(n)))
    import io

    buf = io.BytesIO()
    dst.save(buf)
    return buf.getvalue()
