"""What a process loads to do its work, and nothing more (issue #14, peak memory).

Each case runs in a fresh interpreter: what is already imported in the test session
(spaCy, pyarrow, pdfplumber) would hide what an import pulls in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run_fresh(code: str, **env: str) -> dict:
    """Run ``code`` in a new interpreter (it prints one JSON object); return what it printed."""
    environ = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    environ.update(env)
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, env=environ,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


#: Modules spaCy's command line brings in (``spacy.cli``), which the finder never uses.
CLI_ONLY = ("weasel", "requests", "jinja2", "pygments")


def test_the_finder_imports_spacy_without_its_command_line():
    got = run_fresh("""
        import json, sys
        from pipeline.citations.find import finder
        found = list(finder("ru").find("Закон № 4 «О внешней трудовой миграции» (2006 г.)"))
        print(json.dumps({"loaded": sorted(m for m in ("weasel", "requests", "jinja2", "pygments")
                                           if m in sys.modules), "found": len(found)}))
    """)
    assert got == {"loaded": [], "found": 1}


@pytest.mark.parametrize("use", [
    "spacy.info(silent=True)",               # the function spacy re-exports
    "spacy.cli.info.info(silent=True)",      # the module, through the package
    "__import__('spacy.cli', fromlist=['download']).download",  # a command
])
def test_spacy_command_line_still_works_when_asked_for(use):
    got = run_fresh(f"""
        import json, sys
        from pipeline.citations.nlp import import_spacy
        spacy = import_spacy()
        before = "weasel" in sys.modules
        value = {use}
        print(json.dumps({{"before": before, "after": "weasel" in sys.modules,
                          "real": hasattr(sys.modules["spacy.cli"], "setup_cli"),
                          "value": value is not None}}))
    """)
    assert got == {"before": False, "after": True, "real": True, "value": True}


def test_a_spacy_imported_before_is_kept_as_it_is():
    got = run_fresh("""
        import json, sys
        import spacy
        from pipeline.citations.nlp import import_spacy, _LazyCli
        print(json.dumps({"same": import_spacy() is spacy,
                          "placeholder": isinstance(sys.modules["spacy.cli"], _LazyCli)}))
    """)
    assert got == {"same": True, "placeholder": False}


def test_vetting_inputs_does_not_import_the_page_reader():
    got = run_fresh("""
        import json, sys
        from pipeline.layout.pdfcheck import check_pdf
        light = "pdfplumber" not in sys.modules and "pdfminer" not in sys.modules
        from pipeline.layout import extract_layout, LayoutDocument
        print(json.dumps({"light": light, "loaded": "pdfplumber" in sys.modules,
                          "callable": callable(extract_layout)}))
    """)
    assert got == {"light": True, "loaded": True, "callable": True}


PARQUET_POOLS = """
    import io, json
    from pipeline.output.parts import write_parquet  # pipeline first, as the mgi command does
    import pyarrow as pa
    from pipeline.output.records import to_frame
    import pandas as pd
    df = to_frame("sections", pd.DataFrame([{"doc_id": "0" * 16, "section_id": f"s{i}", "title": "Раздел " * 50}
                                            for i in range(200)]))
    write_parquet("sections", pa.Table.from_pandas(df, preserve_index=False), io.BytesIO())
    print(json.dumps({"default": pa.default_memory_pool().backend_name,
                      "mimalloc": pa.mimalloc_memory_pool().max_memory(),
                      "system": pa.system_memory_pool().max_memory()}))
"""


def test_parquet_parts_are_written_with_the_system_allocator():
    # Regression: pyarrow.set_memory_pool does not reach the C++ Parquet writer, whose
    # mimalloc arenas kept 8 MB per part a worker wrote.
    got = run_fresh(PARQUET_POOLS)
    assert got["default"] == "system"
    assert got["mimalloc"] == 0 and got["system"] > 0


def test_a_users_arrow_pool_is_kept():
    got = run_fresh(PARQUET_POOLS, ARROW_DEFAULT_MEMORY_POOL="mimalloc")
    assert got["default"] == "mimalloc" and got["mimalloc"] > 0
