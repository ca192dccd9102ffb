"""``mgi compare``: resolve the reports named on the command line, compare, print a summary.

Kept out of :mod:`pipeline.cli` so that the command there stays a thin shell.
A report may be named by its PDF (the path recorded in ``documents.file``, or any
copy of the file: its sha256 gives the doc_id, as :mod:`pipeline.batch.inputs` hashes
it) or by its doc_id or a unique prefix of it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.corpus.compare import CompareError, Comparison, compare, load_tables, pairs, write_comparison

#: A doc_id is this many hex digits of the file's sha256 (``documents.doc_id``).
DOC_ID_LEN = 16
EXIT_OK = 0
EXIT_USAGE = 2


def resolve(ref: str, docs: pd.DataFrame) -> str:
    """The doc_id a command-line reference names.

    Raises:
        CompareError: Nothing or more than one document matches.
    """
    ids = list(docs["doc_id"])
    if ref in ids:
        return ref
    path = Path(ref)
    if path.is_file():
        from pipeline.batch.inputs import file_sha256

        files = {str(Path(f).resolve()): d for f, d in zip(docs["file"], docs["doc_id"]) if isinstance(f, str)}
        hit = files.get(str(path.resolve()))
        if hit:
            return hit
        try:
            digest = file_sha256(path)
        except OSError as err:
            raise CompareError(f"cannot read {ref}: {err.strerror or err}") from None
        by_sha = [d for d, s in zip(docs["doc_id"], docs["sha256"]) if s == digest] or \
            [d for d in ids if d == digest[:DOC_ID_LEN]]
        if by_sha:
            return by_sha[0]
        raise CompareError(f"{ref} is not among the extracted documents: run `mgi run {ref}` first")
    hits = [d for d in ids if d.startswith(ref.lower())] if ref else []
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise CompareError(f"{ref!r} names {len(hits)} documents ({', '.join(hits[:4])}…): give more of the doc_id")
    raise CompareError(f"unknown document {ref!r} (neither a file nor a doc_id of the extracted records)")


def summary_lines(cmp: Comparison) -> list[str]:
    """The short per-pair summary printed by the command (Rich markup)."""
    from rich.markup import escape

    def label(d: dict) -> str:
        return escape(" ".join(str(d[k]) for k in ("country", "year", "round", "language") if d.get(k)))

    lines = [f"[bold]{label(cmp.doc_a)}[/bold] ({cmp.doc_a['doc_id']}) → "
             f"[bold]{label(cmp.doc_b)}[/bold] ({cmp.doc_b['doc_id']})"]
    counts = cmp.act_counts()
    moved = cmp.findings[cmp.findings["status"] == "moved"] if len(cmp.findings) else cmp.findings
    for d, row in counts.iterrows():
        n_moved = int((moved["domain"] == d).sum()) if len(moved) else 0
        name = f"domain {d}" if d else "outside"
        lines.append(f"  {name:9} acts both {row['both']:3}  only A {row['only_a']:3}  only B {row['only_b']:3}"
                     + (f"  moved {n_moved}" if d else ""))
    per_act = cmp.acts.drop_duplicates("corpus_act_id")["report_status"].value_counts() if len(cmp.acts) else {}
    lines.append(f"  whole reports: acts both {int(per_act.get('both', 0))}, only A {int(per_act.get('only_a', 0))}, "
                 f"only B {int(per_act.get('only_b', 0))}")
    f = cmp.finding_counts()
    lines.append("  findings: " + ", ".join(f"{k} {f.get(k, 0)}" for k in
                                            ("moved", "same", "new_strength", "new_gap", "dropped")))
    for note in cmp.notes:
        lines.append(f"  [dim]{escape(note)}[/dim]")
    return lines


def run_compare(a: str | None, b: str | None, out: Path) -> int:
    """The command: exit status 0 when every comparison was written, 2 on a usage error."""
    import typer
    from rich.console import Console

    from pipeline.batch.inputs import escape_name

    console = Console(highlight=False)

    def fail(msg: str) -> int:
        typer.echo(f"mgi compare: {escape_name(msg)}", err=True)
        return EXIT_USAGE

    if (a is None) != (b is None):
        return fail("give two reports (first, second) or none for every default pair")
    if not Path(out).is_dir():
        return fail(f"no folder {out}: run `mgi run` first")
    try:
        tables, notes = load_tables(out)
        docs = tables["documents"]
        if a is not None:
            todo = [(resolve(a, docs), resolve(b, docs))]
        else:
            if len(docs) < 2:
                return fail(f"{out} holds one document only: nothing to compare")
            todo = pairs(tables)
            if not todo:
                return fail(f"no two assessments of one country in {out} (country, round or year unknown?): "
                            "name the two reports")
        for note in notes:
            console.print(f"[dim]{note}[/dim]")
        for da, db in todo:
            cmp = compare(tables, da, db)
            page = write_comparison(Path(out), cmp)
            for line in summary_lines(cmp):
                console.print(line)
            console.print(f"  page: {escape_name(str(page))}")
    except CompareError as err:
        return fail(str(err))
    return EXIT_OK
