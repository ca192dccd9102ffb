"""Draft labelled cases from texts (one a line) with what cite_text finds now.

Usage: ``python bench/make_cases.py LANG TEXTS.txt > draft.yaml``. The draft is for
review: every mention must be checked by hand before it goes into
``tests/data/citations/<lang>.yaml``.
"""
import sys

import yaml

from pipeline.citations import cite_text

lang, path = sys.argv[1], sys.argv[2]
out = []
for line in open(path, encoding="utf-8"):
    text = line.strip()
    if not text:
        continue
    ms = []
    for r in cite_text(text, lang=lang):
        m = {"surface": r["surface"], "act_type": r["act_type"], "number": r["number"]}
        if r["year"] is not None:
            m["year"] = r["year"]
        if r["date"]:
            m["date"] = r["date"]
        if r["act_id"] and r["act_id"].startswith("intl-") and r["resolution"] == "instrument":
            m["act_id"] = r["act_id"]
        ms.append(m)
    out.append({"text": text, "mentions": ms})
yaml.safe_dump({lang: out}, sys.stdout, allow_unicode=True, sort_keys=False, width=200)
