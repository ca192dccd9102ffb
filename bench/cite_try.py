"""Print what cite_text finds in each line of stdin (``python bench/cite_try.py LANG``)."""
import sys

from pipeline.citations import cite_text

lang = sys.argv[1] if len(sys.argv) > 1 else "auto"
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    print("#", line)
    for r in cite_text(line, lang=lang):
        print(f"   {r['surface']!r} {r['act_type']} n={r['number']!r} y={r['year']} d={r['date']} id={r['act_id']} t={r['title']!r}")
