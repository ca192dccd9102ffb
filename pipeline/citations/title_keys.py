"""The title key of an act a user lists, made the way a mention's is.

A mention's key is made from its title as the finder reads it: the head word and
its issuer are no part of it ("Law on Asylum" has the title "on Asylum", key
``asylum``; "Asylum Law" is keyed without its trailing head, ``title_tail_regex``).
A user's registry file gives whole names ("Law on Asylum", "Закон о беженцах") or
bare titles ("On Asylum", «О беженцах»); keyed as written, a whole name keeps its
head word (``law asylum``) and matches neither the mentions of the act nor the
lower-case "the asylum law" (:mod:`pipeline.citations.common_names`). Reading the
name with the finder first gives it the key its own mention would have.
"""

from __future__ import annotations

import re

from pipeline.citations.lexicon import load
from pipeline.citations.normalize import normalize, title_key


def registry_title_key(title: str | None, act_type: str, lang: str, family: set[str]) -> str:
    """The key of a registry act's ``title``: the key of the mention the finder reads in
    it when that mention is the whole title and of the act's type family (``family``),
    else the title keyed as written (without a trailing head word)."""
    if not title:
        return ""
    from pipeline.citations.find import find_mentions

    text = title.strip()
    found = find_mentions(text, lang)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text) and found[0].head_type in family:
        key = normalize(found[0], load(lang)).key
        if key:
            return key
    return title_key(tailless(text, lang), lang)


def tailless(text: str, lang: str) -> str:
    """``text`` without what the language's ``title_tail_regex`` cuts off its end."""
    tail = load(lang).data.get("title_tail_regex")
    return re.sub(tail, "", text) if tail else text
