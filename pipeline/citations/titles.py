"""Issuer and title phrases after a head: the issuer (who adopted the act) and
unquoted titles, bounded by where the noun phrase ends (an enumeration of
capitalised or adjective-like words, possessives, joiners).
"""

from __future__ import annotations

import bisect

from pipeline.citations.lexicon import QUOTE_PAIRS
from pipeline.citations.text import Tok, closing_quote, noun_enumeration, skip_ws, small_int, title_word
from pipeline.citations.title_rules import head_is_title_word

#: Unquoted titles and issuers longer than this many tokens are run-on sentences.
MAX_TITLE_TOKENS = 40
MAX_ISSUER_TOKENS = 10
#: Longest quoted name inside a policy title (``государственная программа «Нурлы жол» …``).
MAX_INNER_NAME = 80
_DASHES = frozenset("-–—")
#: Adjective-like parts of speech (pymorphy3) enumerated with commas inside titles.
_ADJ = frozenset({"ADJF", "PRTF"})
#: Conjunctions that close an enumeration of capitalised title words (English).
_ENUM_CONJ = frozenset({"and", "or", "&"})
#: Possessive endings split off by the tokenizer inside English titles.
_POSSESSIVES = frozenset({"'", "’", "'s", "’s"})
#: Tokens that join two words when written without spaces.
_JOINERS = frozenset("-/")


class TitleSpans:
    """Methods of :class:`pipeline.citations.find.Finder` (a mixin: they use its lexicon and patterns)."""

    # ------------------------------------------------------------------ parts
    def _issuer(self, w: str, toks: list[Tok], starts: list[int], k: int) -> tuple[int, int, str | None, str | None]:
        """Issuer words after a head (``Правительства Республики Армения``)."""
        lex = self.lex
        n = len(toks)
        i = k
        end = toks[k].start
        country = None
        if lex.morph_mode == "case":
            if toks[k].lower not in lex.data.get("issuer_starters", []) or lex.date_re.match(w, toks[k].start):
                return k, end, None, None
            i = k + 1
        any_word = False
        while i < n and i - k < MAX_ISSUER_TOKENS:
            t = toks[i]
            c = lex.country_at(w, t.start)
            if c:
                country = country or c[0]
                end = c[1]
                i = bisect.bisect_left(starts, end)
                any_word = True
                continue
            if t.lower in lex.title_starters or t.text[:1] in QUOTE_PAIRS or not t.text[:1].isalpha() \
                    or lex.number_re.match(w, t.start) or lex.date_re.match(w, t.start):
                break
            if lex.morph_mode == "case":
                if t.cap or t.lower in lex.title_connectors:
                    i += 1
                    end = t.end
                    any_word = any_word or t.cap
                    continue
                break
            if t.lemma in lex.issuer_lemmas or (t.cap and t.gent and t.lemma not in lex.heads):
                i += 1
                end = t.end
                any_word = True
                continue
            # «Приказом Министра труда и социальной защиты населения …»
            if any_word and t.gent and t.pos in ("NOUN", "ADJF") and t.lemma not in lex.heads:
                i += 1
                end = t.end
                continue
            if any_word and t.lower in lex.title_conj and i + 1 < n and toks[i + 1].gent \
                    and toks[i + 1].lemma not in lex.heads and toks[i + 1].pos in ("NOUN", "ADJF"):
                i += 1
                continue
            break
        if lex.morph_mode == "case":
            while i > k + 1 and toks[i - 1].lower in lex.title_connectors:
                i -= 1
                end = toks[i - 1].end
        if not any_word:
            return k, toks[k].start, None, None
        return i, end, w[toks[k].start:end], country

    def _np_title(self, w: str, toks: list[Tok], starts: list[int], k: int, *, policy: bool,
                  party: bool = False, free: bool = False) -> tuple[int, int, tuple | None, bool]:
        """An unquoted title: the noun phrase that follows, up to where it ends.

        Returns ``(next token index, end offset, period, quoted)``. Russian titles
        continue over nouns, adjectives, prepositions and participles and stop at a
        verb, punctuation, a stop word or a new head; English titles continue over
        capitalised words and connectors. A period (``на 2021-2030 гг.``) may sit
        inside; after one, only a lower-case word continues the title.
        """
        lex = self.lex
        n = len(toks)
        i = k
        end = toks[k - 1].end if k > 0 else 0
        period = None
        quoted = False
        last_good = i
        case_mode = lex.morph_mode == "case"
        capped = False
        while i < n and i - k < MAX_TITLE_TOKENS:
            t = toks[i]
            pm = lex.period_re.match(w, t.start) or lex.until_re.match(w, t.start)
            if pm and (policy or not party):
                g = pm.groupdict()
                period = (small_int(g.get("a")), small_int(g["b"]))
                end = pm.end()
                i = bisect.bisect_left(starts, end)
                last_good = i
                if case_mode or (i < n and (toks[i].cap or not toks[i].text[:1].isalpha())):
                    break
                continue
            ch = t.text[:1]
            if policy and ch in QUOTE_PAIRS and not quoted and not (ch in "'’" and t.start == toks[i - 1].end):
                close = closing_quote(w, t.start)
                if close is not None and close - t.start <= MAX_INNER_NAME:
                    quoted = True
                    end = close + 1
                    i = bisect.bisect_left(starts, end)
                    last_good = i
                    continue
                break
            if t.text in _JOINERS and i + 1 < n and toks[i - 1].end == t.start and toks[i + 1].start == t.end \
                    and i > k:
                # «государств-членов», «среднем/высшем» split by the tokenizer
                i += 2
                end = toks[i - 1].end
                last_good = i
                continue
            if i > k and i + 1 < n and not case_mode and (
                    (t.text in _DASHES and toks[i + 1].lemma in lex.dash_compounds)
                    or (t.text == "," and toks[i - 1].pos in _ADJ and toks[i + 1].pos in _ADJ)):
                # «государств – участников», «о безопасной, упорядоченной и легальной миграции»
                i += 1
                continue
            if not case_mode and t.text == "," and i > k and i + 3 < n and noun_enumeration(toks, i, self.lex):
                # «по суше, морю и воздуху»: an enumeration of nouns closed by «и»
                i += 1
                continue
            if case_mode and t.text == "," and i > k and toks[i - 1].cap and i + 1 < n and toks[i + 1].cap \
                    and any((x.lower in _ENUM_CONJ or x.lower in lex.title_conj) and y.cap
                            for x, y in zip(toks[i + 1:i + 5], toks[i + 2:i + 6])) \
                    and toks[i + 1].lemma not in lex.heads:
                # "for Safe, Orderly and Regular Migration"
                i += 1
                continue
            if case_mode and t.text in _POSSESSIVES and i > k and toks[i - 1].end == t.start:
                i += 1  # "Citizens' Departure", "Workers’ Rights"
                end = t.end
                continue
            if not ch.isalpha():
                break
            if lex.number_re.match(w, t.start):
                break  # "Law on Foreigners No. 58": the number follows the title
            if free and lex.date_re.match(w, t.start):
                break  # «relative à … du 10 septembre 2018»
            if free and t.lemma in lex.heads and lex.number_re.match(w, skip_ws(w, t.end)):
                break  # «portant promulgation de la loi n° 02-03»: another act
            low = t.lower
            if low in lex.title_stops:
                break
            if any(tuple(x.lower for x in toks[i:i + len(p)]) == p for p in lex.stop_phrases):
                break
            if low in lex.title_conj:
                j = i + 1
                while j < n and toks[j].lemma in lex.qualifiers:
                    j += 1
                if i + 1 < n and title_word(self.lex, toks[i + 1], case_mode, free and not capped) and not (j < n and toks[j].lemma in lex.heads):
                    i += 1
                    continue
                break
            if i > k and t.lemma in lex.heads and lex.heads[t.lemma]["type"] != "policy" and t.cap \
                    and toks[i - 1].lemma not in self.approval_lemmas \
                    and not any(x.lemma in self.amendment_lemmas for x in toks[max(k, i - 3):i]) \
                    and not head_is_title_word(lex, w, toks, i):
                break
            if case_mode and low in _ENUM_CONJ and i + 2 < n and toks[i + 1].lower in lex.determiners \
                    and any(x.cap and x.lemma in lex.heads for x in toks[i + 2:i + 6]):
                break  # "… Strategy and its Action Plan": a second document
            if not title_word(self.lex, t, case_mode, free and not capped):
                break
            # a free title that has taken a capitalised word is a name in title case: a
            # lower-case word after it is the sentence again («… del MERCOSUR facilita …»)
            capped = capped or (t.cap and i > k)
            i += 1
            end = t.end
            if t.pos not in ("PREP", "CONJ") and not (case_mode and low in lex.title_connectors):
                last_good = i
        if last_good < i:
            i = last_good
            end = toks[i - 1].end if i > k else (toks[k - 1].end if k > 0 else 0)
            if period and i > k:
                end = max(end, toks[i - 1].end)
        return i, end, period, quoted
