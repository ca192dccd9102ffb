"""Span extension: from a matched head, consume what follows in any order — issuer,
country, number, date, quoted or unquoted title, treaty party, parenthesised
years — and accept the mention only when what was found identifies an act.
"""

from __future__ import annotations

import bisect
import re

from pipeline.citations.guard import MAX_QUALIFIERS
from pipeline.citations.lexicon import MAX_QUOTED_TITLE, MAX_UNCLOSED_TITLE, QUOTE_PAIRS, nominative_plural
from pipeline.citations.text import (
    YEAR_TOKEN,
    Tok,
    closing_quote,
    date_tuple,
    paren_kind,
    sentence_start,
    skip_ws,
    small_int,
    unclosed_title_end,
)
from pipeline.citations.title_rules import free_title
from pipeline.citations.titles import TitleSpans
from pipeline.citations.titles import _JOINERS
from pipeline.citations.types import RawMention

#: Longest issuer phrase looked for before a head ("Council of Ministers ").
MAX_ISSUER_PREFIX = 40
#: A parenthesis must open within this many characters of the mention's end.
MAX_GAP = 3


class SpanExtender(TitleSpans):
    """Methods of :class:`pipeline.citations.find.Finder` (a mixin: they use its lexicon and patterns)."""

    # ------------------------------------------------------------------ extend
    def _extend(self, w: str, toks: list[Tok], starts: list[int], first: int, head_i: int) -> RawMention | None:
        lex = self.lex
        head = toks[head_i]
        hinfo = lex.heads[head.lemma]
        head_type = hinfo["type"]
        kind = hinfo.get("kind", head.lemma)
        # Qualifiers: keep the run right before the head that applies to it.
        quals: list[str] = []
        q_first = head_i
        for i in range(head_i - 1, first - 1, -1):
            q = lex.qualifiers.get(toks[i].lemma)
            if q is None:
                if hinfo.get("titlecase_prefix") and toks[i].cap and toks[i].lower not in lex.leading_drop:
                    q_first = i
                    continue
                break
            if q.get("heads") and kind not in q["heads"] and head.lemma not in q["heads"]:
                if hinfo.get("titlecase_prefix") and toks[i].cap and toks[i].lower not in lex.leading_drop:
                    q_first = i  # "Labour Migration Law": a name word here, not the code's qualifier
                    continue
                break
            quals.insert(0, toks[i].lemma)
            q_first = i
        compound: set[int] = set()  # token indices of a split compound qualifier
        if quals and q_first >= 2 and toks[q_first].lemma == quals[0] and toks[q_first - 1].text in _JOINERS \
                and toks[q_first - 2].end == toks[q_first - 1].start and toks[q_first - 1].end == toks[q_first].start:
            # «Уголовно-процессуальный кодекс»: the tokenizer splits the compound adjective
            comp = lex.lemma(f"{toks[q_first - 2].lower}-{toks[q_first].lower}")
            if comp in lex.qualifiers:
                quals[0] = comp
                q_first -= 2
                compound = {q_first, q_first + 1}
        if q_first < head_i and hinfo.get("titlecase_prefix"):
            # "Council of Europe Convention", "Migration and Asylum Strategy" (YAML lists the
            # act types each connector joins: "Ministry of Labour Order" keeps its issuer out)
            while q_first >= 2 and hinfo["type"] in self.prefix_connectors.get(toks[q_first - 1].lower, ()) \
                    and toks[q_first - 2].cap and toks[q_first - 2].lower not in lex.leading_drop \
                    and toks[q_first - 2].lemma not in lex.heads:
                q_first -= 2
                while q_first >= 1 and toks[q_first - 1].cap and toks[q_first - 1].lower not in lex.leading_drop \
                        and toks[q_first - 1].lemma not in lex.heads:
                    q_first -= 1
        for q in quals:
            head_type = lex.qualifiers[q].get("type", head_type)
        # Adjectives after the head (Spanish, French, Portuguese: «Ley Orgánica», «Code
        # pénal», «Portaria Interministerial»): ``post_qualifiers`` of the YAML.
        last_i = head_i
        post_quals: list[str] = []
        while last_i + 1 < len(toks) and len(post_quals) < MAX_QUALIFIERS:
            t = toks[last_i + 1]
            pq = lex.post_qualifiers.get(t.lemma)
            if pq is None or t.start - toks[last_i].end > 1 \
                    or (pq.get("heads") and kind not in pq["heads"] and head.lemma not in pq["heads"]):
                break
            post_quals.append(t.lemma)
            head_type = pq.get("type", head_type)
            over = (pq.get("as") or {}).get(kind)
            if over:  # «Acuerdo Ministerial N° 31» is a minister's order, not a treaty
                hinfo = {**hinfo, **over}
                head_type = over.get("type", head_type)
            last_i += 1
        if lex.morph_mode == "morph" and head_type in ("policy", "treaty") and q_first > 1:
            # a capitalised adjective inside a sentence names the act; at a sentence
            # start it is capitalised by position («Коллективный договор о …» is no treaty)
            prev, before = toks[q_first - 1], toks[q_first - 2]
            if prev.cap and prev.pos == "ADJF" and not sentence_start(w, prev.start) \
                    and before.text[:1].isalpha():
                q_first -= 1
        if q_first >= 1 and toks[q_first - 1].lower in self.non_act_prefixes:
            return None  # "Court decision No. 3": a judgment, not an act
        # a qualifier of another head is a name word here ("Labour Act": "labour" qualifies codes)
        # (a part of a compound qualifier, «Уголовно-исполнительному», is none)
        parts = {p for q in quals for p in q.split("-")}
        prefix_title = q_first < head_i and any(toks[i].lemma not in quals and toks[i].lemma not in parts
                                                for i in range(q_first, head_i) if i not in compound)
        start_tok = toks[q_first]
        rm = RawMention(start=start_tok.start, end=head.end, surface="", head=kind, head_type=head_type,
                        qualifiers=quals, capitalised=start_tok.cap)
        if self.issuer_prefix_re is not None:  # "Cabinet of Ministers Resolution No. 186"
            m = self.issuer_prefix_re.search(w[max(0, rm.start - MAX_ISSUER_PREFIX):rm.start])
            if m:
                rm.start -= len(m.group(0))
        if lex.data.get("bare_year") and q_first >= 1 and YEAR_TOKEN.fullmatch(toks[q_first - 1].text) \
                and (q_first == 1 or toks[q_first - 2].lower in lex.determiners):
            # "the 1951 Refugee Convention": the year opens the mention, the name follows it
            rm.start = toks[q_first - 1].start
            rm.years.append(small_int(toks[q_first - 1].text))
        elif lex.data.get("bare_year") and head_type == "policy" and q_first >= 1 \
                and (q_first == 1 or toks[q_first - 2].lower in lex.determiners):
            pm = lex.period_re.fullmatch(toks[q_first - 1].text)
            if pm and None not in (pa := small_int(pm.group("a")), pb := small_int(pm.group("b"))):
                # "the 2021–2030 Migration Strategy": the period opens the mention
                rm.start = toks[q_first - 1].start
                rm.period = (pa, pb)
        qualified = prefix_title or any(
            lex.qualifiers[q].get("qualifies") or kind in lex.qualifiers[q].get("qualifies_for", ())
            for q in quals) or any(
            lex.post_qualifiers[q].get("qualifies") or kind in lex.post_qualifiers[q].get("qualifies_for", ())
            for q in post_quals)
        k = last_i + 1
        end = toks[last_i].end
        title_parts: list[tuple[int, int]] = []
        if prefix_title and head_type != "policy":
            title_parts.append((start_tok.start, head.end))
        policy = head_type == "policy" or bool(hinfo.get("np_title"))
        if policy:
            # «Программу и План действий …»: coordinated heads share one title.
            if k + 1 < len(toks) and toks[k].lower in lex.title_conj and lex.heads.get(toks[k + 1].lemma, {}).get("type") == "policy":
                k += 2
                end = toks[k - 1].end
            k2, tend, period, quoted = self._np_title(w, toks, starts, k, policy=True,
                                                      free=bool(lex.data.get("free_policy_titles")))
            consumed = k2 > k
            if consumed:
                end, k = tend, k2
                rm.period = period or rm.period
                rm.quoted = quoted
            if consumed or prefix_title:
                title_parts = [(start_tok.start, end)]
        seen: set[str] = set()
        n = len(toks)
        for _ in range(12):
            pos = skip_ws(w, end)
            if pos >= len(w):
                break
            kk = bisect.bisect_left(starts, pos)
            tk = toks[kk] if kk < n else None
            # issuer, right after the head (English: also after the number, "Order
            # No. 112 of the Minister of Labour"; after a name, only a country:
            # "Migration Code of the Republic of Azerbaijan")
            name_only = bool(title_parts) and title_parts == [(start_tok.start, head.end)] and not seen
            after_number = seen == {"number"} and not title_parts and lex.data.get("issuer_after_number")
            if (not seen and not title_parts or name_only or after_number) and tk is not None:
                k3, iend, issuer, country = self._issuer(w, toks, starts, kk)
                has_issuer = any(t.lower in lex.issuer_lemmas for t in toks[kk:k3])
                if k3 > kk and (name_only and country is None or after_number and not (has_issuer or country)):
                    k3 = kk
                if k3 > kk and lex.morph_mode == "case" and country is None \
                        and not any(t.lower in lex.issuer_lemmas for t in toks[kk:k3]):
                    # "Code of Administrative Offences": a name, not an issuer
                    title_parts.append((toks[kk].start, iend))
                    seen.add("title")
                    end = iend
                    continue
                if k3 > kk:
                    rm.issuer = issuer
                    rm.country = rm.country or country
                    seen.add("issuer")
                    end = iend
                    continue
            c = lex.country_at(w, pos)
            if c is None and "country" not in seen and tk is not None and lex.morph_mode == "case" \
                    and tk.lower in lex.data.get("issuer_starters", []) and kk + 1 < n:
                c = lex.country_at(w, toks[kk + 1].start)  # 'Law "On Labour Migration" of Georgia'
                if c:
                    pos = end
            if c and "country" not in seen and pos - end <= MAX_GAP:
                rm.country = rm.country or c[0]
                seen.add("country")
                end = c[1]
                continue
            m = lex.number_re.match(w, pos) or lex.series_re.match(w, pos)
            if m is None and self.bare_number_re is not None and not seen and pos - head.end <= 1:
                m = self.bare_number_re.match(w, pos)
            if m and "number" not in seen:
                rm.number = m.group("num")
                seen.add("number")
                end = m.end()
                st = lex.stray_re.match(w, end)
                if st:
                    end = st.end()
                continue
            m = lex.date_re.match(w, pos)
            if m and "date" not in seen:
                d = date_tuple(m, lex)
                if d is not None:
                    rm.date = d
                    seen.add("date")
                    end = m.end()
                    continue
            m = self.year_comma_re.match(w, pos) if self.year_comma_re is not None else None
            if m and "date" not in seen and not rm.years and small_int(m.group("y")) is not None:
                rm.years.append(small_int(m.group("y")))
                seen.add("date")
                end = m.end()
                continue
            m = lex.bare_year_re.match(w, pos)
            if m and "date" not in seen and not rm.years and pos - end <= MAX_GAP \
                    and small_int(m.group("y")) is not None:
                rm.years.append(small_int(m.group("y")))
                seen.add("date")
                end = m.end()
                continue
            ch = w[pos]
            if ch in QUOTE_PAIRS and "title" not in seen and not rm.quoted \
                    and not (ch in "'’" and w[pos - 1:pos].isalnum()):  # "Strategy's", not a quote
                close = closing_quote(w, pos)
                if close is None and (tend := unclosed_title_end(w, pos, lex)) is not None:
                    title_parts.append((pos + 1, tend))  # the closing quote was lost (OCR)
                    rm.quoted = True
                    seen.add("title")
                    end = tend
                    continue
                if close is None and len(w) - pos <= MAX_UNCLOSED_TITLE and w.count(ch, pos) == 1 and ch not in "\"'":
                    close = len(w)
                if close is not None and close - pos <= MAX_QUOTED_TITLE and close > pos + 1:
                    title_parts.append((pos + 1, close))
                    rm.quoted = True
                    seen.add("title")
                    end = min(len(w), close + 1)
                    continue
            m = self.paren_skip_re.match(w, pos) if self.paren_skip_re is not None and title_parts else None
            if m and pos - end <= MAX_GAP:
                end = m.end()  # "(revisado)" in an ILO convention's name
                title_parts.append((title_parts[-1][0], end))
                continue
            if ch == "(" and pos - end <= MAX_GAP:
                close = w.find(")", pos)
                if close > 0:
                    kind_p, val = paren_kind(w[pos + 1:close], self.lex)
                    if kind_p == "year":
                        rm.years.append(val)
                    elif kind_p == "number" and rm.number is None:
                        rm.number, year = val
                        if year:
                            rm.years.append(year)
                    elif kind_p == "period" and rm.period is None:
                        rm.period = val
                    if kind_p is not None:
                        end = close + 1
                        continue
            if tk is None:
                break
            if tk.lower in lex.title_starters and "title" not in seen and not policy:
                k2, tend, period, _q = self._np_title(w, toks, starts, kk + 1, policy=False,
                                                      free=free_title(lex, tk.lower, rm))
                if k2 > kk + 1:
                    title_parts.append((tk.start, tend))
                    rm.period = rm.period or period
                    seen.add("title")
                    end = tend
                    continue
            if head_type == "treaty" and "party" not in seen and (
                    not title_parts or (tk.lower in lex.party_starters and lex.morph_mode == "case")):
                if tk.lower in lex.party_starters:
                    k2, tend, _p, _q = self._np_title(w, toks, starts, kk + 1, policy=False, party=True)
                    if k2 > kk + 1 and any(x.cap for x in toks[kk + 1:k2]):
                        rm.party = w[tk.start:tend]
                        seen.add("party")
                        end = tend
                        continue
                if tk.lower in lex.party_with and kk + 1 < n:
                    c = lex.country_at(w, toks[kk + 1].start)
                    if c:
                        rm.party = w[tk.start:c[1]]
                        seen.add("party")
                        end = c[1]
                        continue
            break
        rm.end = end
        if policy and title_parts:
            rm.names_act = any(t.cap and t.lemma in lex.heads
                               for t in toks[head_i + 1:bisect.bisect_left(starts, end)])
        if title_parts:
            a = title_parts[0][0]
            b = title_parts[-1][1]
            rm.title = w[a:b].strip()
        rm.head_text = w[start_tok.start:toks[last_i].end]
        if self.not_act_re is not None and self.not_act_re.match(w, rm.start, rm.end):
            return None
        # a sentence-initial treaty head not in the nominative singular is a plural subject
        rm.plural = bool(head.plur)
        rm_plural = head.plur or (head_type == "treaty" and lex.morph_mode == "morph" and head.lower != head.lemma
                                  and sentence_start(w, start_tok.start) and nominative_plural(head.lower))
        return rm if self._accept(rm, hinfo, qualified, rm_plural) else None

    def _accept(self, rm: RawMention, hinfo: dict, qualified: bool, plural: bool) -> bool:
        """Whether the head and what follows it identify an act (see ``need`` in YAML).

        Lower-case and plural heads are where generic prose hides («государственных
        постановлений о разрешениях», «положения по предотвращению»), so they need
        more: a number, a date or a quoted title (treaties: a party or title).
        """
        need = hinfo.get("need", "id")
        has_title = bool(rm.title)
        firm = bool(rm.number or rm.date or rm.quoted)
        if hinfo.get("capitalised") and not rm.capitalised and not firm:
            return False
        if plural and not firm and rm.head_type != "treaty" and not hinfo.get("plural_ok"):
            return False
        if plural and not (firm or rm.years or rm.party or qualified) and rm.head_type == "treaty":
            return False  # «Соглашения о реадмиссии заключены …»: agreements in general
        if need == "none":
            return True
        if need == "number":
            return rm.number is not None
        if need == "id":
            if hinfo.get("lower_needs_id") and not rm.capitalised and not (firm or rm.issuer or rm.country):
                return False
            return bool(rm.number or has_title or rm.date or qualified or (rm.country and rm.years))
        if need == "title":
            return bool(rm.number or has_title or rm.party)
        if need == "named_treaty":  # «Протокол № 3 заседания» is no treaty
            if hinfo.get("number_ok") and rm.number and (rm.capitalised or self._lower_numbered(hinfo, rm)):
                return True  # "Convention (No. 181)": ILO conventions are named by number
            if not rm.capitalised and not (rm.party or rm.quoted or qualified):
                # «трудовой договор о работе», «протокол об административном
                # правонарушении»: lower-case heads with a plain title are documents
                # of private or procedural law, not treaties
                return bool(rm.title and any(w[:1].isupper() for w in rm.title.split()[1:]))
            return bool(has_title or rm.party)
        # named (policy documents)
        if not has_title:
            return False
        if rm.number or rm.date:
            return True
        if not rm.capitalised:
            return bool(rm.period or rm.years or (qualified and rm.quoted))
        if rm.period or qualified or rm.quoted or rm.years or rm.names_act:
            return True
        if rm.capitalised:
            rm.weak = True
            return True
        return False

    @staticmethod
    def _lower_numbered(hinfo: dict, rm: RawMention) -> bool:
        """«la convention n° 143»: a lower-case head whose number has the form the YAML's
        ``number_ok_lower`` gives (ILO conventions: a plain number up to 190 or so; a
        «convention n° 12/2019» between a town and an association is a contract)."""
        rx = hinfo.get("number_ok_lower")
        return bool(rx) and re.fullmatch(rx, rm.number) is not None
