"""The run stamp: an unchanged folder is skipped, any change runs the batch again."""

from __future__ import annotations

import json
import os

from pipeline.batch import stamp
from pipeline.batch.options import MANIFEST, BatchOptions, BatchReport


def _folder(tmp_path):
    out = tmp_path / "out"
    (out / "doc").mkdir(parents=True)
    (out / "paragraphs.csv").write_text("a\n1\n", encoding="utf-8")
    (out / "doc" / "report.html").write_text("<p>", encoding="utf-8")
    (out / MANIFEST).write_text(json.dumps({"exit_code": 0, "files": [{"doc_id": "d", "status": "ok"}]}),
                                encoding="utf-8")
    return out


def test_an_untouched_folder_with_the_same_key_is_skipped(tmp_path):
    out, opts = _folder(tmp_path), BatchOptions(db="none")
    stamp.save(out, "k", BatchReport())
    assert stamp.unchanged(out, "k", opts)["exit_code"] == 0
    assert stamp.unchanged(out, "other", opts) is None
    assert stamp.unchanged(out, "k", BatchOptions(db="none", force=True)) is None
    assert stamp.unchanged(out, "k", BatchOptions(db="postgresql://h/db")) is None


def test_a_touched_or_deleted_output_runs_again(tmp_path):
    out, opts = _folder(tmp_path), BatchOptions(db="none")
    stamp.save(out, "k", BatchReport())
    st = os.stat(out / "paragraphs.csv")
    os.utime(out / "paragraphs.csv", ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    assert stamp.unchanged(out, "k", opts) is None
    stamp.save(out, "k", BatchReport())
    (out / "doc" / "report.html").unlink()
    assert stamp.unchanged(out, "k", opts) is None


def test_a_run_with_failures_or_warnings_is_not_stamped(tmp_path):
    out = _folder(tmp_path)
    stamp.save(out, "k", BatchReport(exit_code=2))
    stamp.save(out, "k", BatchReport(warnings=["w"]))
    assert not stamp.stamp_path(out).exists()


def test_the_key_changes_with_an_option_that_shapes_records(tmp_path):
    assert stamp.run_key([], BatchOptions(lang="ru")) != stamp.run_key([], BatchOptions(lang="en"))
    assert stamp.run_key([], BatchOptions(workers=1)) == stamp.run_key([], BatchOptions(workers=2))
