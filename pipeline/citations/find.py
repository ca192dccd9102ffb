"""Stage 1 — find mentions of legal and policy acts.

A cheap regex prefilter (the ``anchor_regex`` of the language's YAML) finds the
places where a head word may occur; only windows around those hits, of bounded
size (:mod:`pipeline.citations.guard`), are tokenised by ``spacy.blank(lang)``.
Tokens get cached pymorphy3 lemmas, a spaCy :class:`~spacy.matcher.Matcher` built
from the YAML head and qualifier lists finds head phrases (``Конституционным
законом``, ``Government Resolution``), and a small extender consumes what follows
a head in any order: issuer, country, number, date, quoted or unquoted title,
treaty party and parenthesised years.

Why an extender and not one big pattern: the components of a citation come in
every order (``от 14 июня 2022г. №407``, ``№ 4 от 29 января 2021 года “…”``,
``«…» № 241``) and titles are free text bounded by quotes or by where the noun
phrase ends, which a token pattern cannot express without exploding.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from pipeline.citations.lexicon import (
    MAX_QUOTED_TITLE,
    MAX_UNCLOSED_TITLE,
    QUOTE_PAIRS,
    Lexicon,
    load,
    nominative_plural,
)
from pipeline.citations.guard import MAX_PREFIX_WORDS, MAX_QUALIFIERS, Group, scan, scrub, tokenizer_view
from pipeline.citations.named import instrument_mentions, with_instruments
from pipeline.citations.text import (
    YEAR_TOKEN,
    Tok,
    closing_quote,
    date_tuple,
    find_windows,
    noun_enumeration,
    optional_re,
    paren_kind,
    prepare,
    sentence_start,
    skip_ws,
    small_int,
    title_word,
)
from pipeline.citations.title_rules import free_title, head_is_title_word
from pipeline.citations.types import RawMention

#: Tokens whose first STEM letters start no lexicon word keep their lower-case form
#: as lemma (inflection in Russian leaves the first four letters of these words alone).
STEM = 4
#: Unquoted titles and issuers longer than this many tokens are run-on sentences.
MAX_TITLE_TOKENS = 40
MAX_ISSUER_TOKENS = 10
#: Longest quoted name inside a policy title (``государственная программа «Нурлы жол» …``).
MAX_INNER_NAME = 80
#: Longest issuer phrase looked for before a head ("Council of Ministers ").
MAX_ISSUER_PREFIX = 40
#: A parenthesis must open within this many characters of the mention's end.
MAX_GAP = 3

_DASHES = frozenset("-–—")
#: Adjective-like parts of speech (pymorphy3) enumerated with commas inside titles.
_ADJ = frozenset({"ADJF", "PRTF"})
#: Conjunctions that close an enumeration of capitalised title words (English).
_ENUM_CONJ = frozenset({"and", "or", "&"})
#: A coordinating word between two treaty parties (checked against ``title_conj``).
_COORD = re.compile(r"\s*(\w+|,)\s+")
#: Possessive endings split off by the tokenizer inside English titles.
_POSSESSIVES = frozenset({"'", "’", "'s", "’s"})
#: Tokens that join two words when written without spaces.
_JOINERS = frozenset("-/")


@cache
def finder(lang: str) -> Finder:
    """The finder of a language, built once per process."""
    return Finder(load(lang))


class Finder:
    """Finds :class:`RawMention` objects in text of one language."""

    def __init__(self, lex: Lexicon) -> None:
        import spacy
        from spacy.matcher import Matcher

        self.lex = lex
        self.nlp = spacy.blank(lex.lang)
        self.strings = self.nlp.vocab.strings
        self.matcher = Matcher(self.nlp.vocab)
        quals = sorted(lex.qualifiers)
        heads = sorted(lex.heads)
        self.matcher.add("HEAD", [[{"LEMMA": {"IN": quals}, "OP": f"{{0,{MAX_QUALIFIERS}}}"},
                                   {"LEMMA": {"IN": heads}}]])
        prefix_heads = sorted(h for h, v in lex.heads.items() if v.get("titlecase_prefix"))
        if prefix_heads:
            # English names before the head: "Migration Policy Concept", "ILO Convention"
            self.matcher.add("HEAD", [[{"IS_ALPHA": True, "TEXT": {"REGEX": "^[A-Z]"},
                                        "OP": f"{{1,{MAX_PREFIX_WORDS}}}"},
                                       {"LEMMA": {"IN": prefix_heads}}]])
        self._lemma_hash: dict[str, int] = {}
        vocab = set(lex.heads) | set(lex.qualifiers) | set(lex.issuer_lemmas) | set(lex.dash_compounds)
        vocab |= {w for p in lex.approval_prefixes for w in p.split()}
        #: First letters of every word whose lemma the Matcher or the extender tests.
        self.stems = frozenset(w[:STEM] for w in vocab)
        #: Snowball languages stem every token (cheap and cached; stems may be shorter
        #: than STEM letters: «ley», «lei», «loi»).
        self.stemmed = lex.data.get("morphology") == "snowball"
        #: «о ратификации Соглашения …»: after these lemmas a head belongs to the title.
        #: «о внесении изменений в Закон …»: a head inside an amending title.
        self.amendment_lemmas = frozenset(lex.data.get("amendment_lemmas", []))
        #: Words before a head that make it a court's or a body's document, not an act.
        self.non_act_prefixes = frozenset(lex.data.get("non_act_prefixes", []))
        #: Names built on a head word that are organisations ("United Nations Development Programme").
        self.not_act_re = optional_re(lex, "not_act_regex")
        #: Issuers written before the head in English ("Cabinet of Ministers Resolution").
        self.issuer_prefix_re = optional_re(lex, "issuer_prefix_regex")
        self.number_list_re = optional_re(lex, "number_list_regex")
        self.plural_number_re = optional_re(lex, "plural_number_regex")
        #: A number written without a marker right after the head ("Law 200/2010").
        self.bare_number_re = optional_re(lex, "bare_number_regex")
        #: ILO style "Domestic Workers Convention, 2011 (No. 189)".
        self.year_comma_re = optional_re(lex, "year_comma_regex")
        #: Parentheses that belong to a name: «Convenio sobre los trabajadores migrantes (revisado)».
        self.paren_skip_re = optional_re(lex, "paren_skip_regex")
        self.prefix_connectors = {w: frozenset(types) for w, types in (lex.data.get("prefix_connectors") or {}).items()}
        #: "… Convention and its 1967 Protocol": a protocol named through the treaty before it.
        self.follow_on_re = optional_re(lex, "follow_on_regex")
        #: Citations written without a head word: «62-ФЗ», «ФЗ-62», «УК РФ» (``standalone``
        #: of the YAML: a regex, the act type, a number template, a title or a title per
        #: abbreviation, a country).
        self.standalone = [(re.compile(s["regex"]), s) for s in lex.data.get("standalone") or []]
        #: «законы «О …», «О …» и «О …»»: more quoted titles after a plural head.
        self.quoted_list_re = optional_re(lex, "quoted_list_regex")
        #: «Уголовный и Уголовно-процессуальный кодексы»: adjectives sharing one plural head.
        self.shared_head_re = optional_re(lex, "shared_head_regex")
        self.approval_lemmas = frozenset(
            lex.lemma(p.split()[-1]) for p in lex.approval_prefixes if p.split())

    # ------------------------------------------------------------------ windows
    def _tokens(self, doc) -> list[Tok]:
        lex = self.lex
        toks = []
        for t in doc:
            if t.is_space:
                continue
            low = t.lower_
            lemma = lex.lemma(low) if self.stemmed or low[:STEM] in self.stems else low
            h = self._lemma_hash.get(lemma)
            if h is None:
                h = self._lemma_hash[lemma] = self.strings.add(lemma)
            t.lemma = h
            txt = t.text
            toks.append(Tok(txt, low, t.idx, t.idx + len(txt), lemma, lex))
        return toks

    # ------------------------------------------------------------------ find
    def find(self, text: str, *, nested: bool = False) -> list[RawMention]:
        """All mentions in ``text`` (offsets into ``text``), in order.

        Args:
            text: Any text; line breaks and hyphenated line ends are allowed. Lone
                surrogates are read as U+FFFD (offsets keep: :func:`.guard.scrub`).
            nested: Also report mentions inside another mention's title (used to
                derive the acts a legislation-table title names: the concept an
                ``Об утверждении Концепции …`` resolution approves).
        """
        text = scrub(text)
        prepared, tmap = prepare(text, self.lex.lang)
        regions = find_windows(prepared, self.lex)
        out = scan(prepared, regions,
                   lambda a, b, skip, last_end: self._find_in(prepared, a, b, nested, skip, last_end))
        out = self._add_regex_mentions(prepared, out)
        for rm in out:
            s = tmap.orig(rm.start)
            e = tmap.orig(rm.end, is_end=True)
            rm.start, rm.end, rm.surface = s, e, text[s:e]
        return out

    def _find_in(self, prepared: str, a: int, b: int, nested: bool, skip: int, last_end: int) -> list[Group]:
        """The mention groups of ``prepared[a:b]`` (offsets into ``prepared``); head phrases
        before ``skip`` (unless nested, ``last_end``) were an earlier window's."""
        from spacy.util import filter_spans

        w = prepared[a:b]
        doc = self.nlp.make_doc(tokenizer_view(w))
        toks = self._tokens(doc)
        if not toks:
            return []
        starts = [t.start for t in toks]
        spans = filter_spans(self.matcher(doc, as_spans=True))
        groups: list[Group] = []
        skip -= a
        last_end = last_end - a if not nested else -1
        for sp in sorted(spans, key=lambda s: s.start):
            first = bisect.bisect_left(starts, sp.start_char)
            head_i = bisect.bisect_left(starts, sp[-1].idx)
            key = toks[first].start
            if key < skip or (not nested and key < last_end):
                continue
            rm = self._extend(w, toks, starts, first, head_i)
            if rm is None:
                continue
            found = [rm]
            follow = self._follow_on(w, rm)
            if follow is not None:
                found.append(follow)
            found.extend(self._number_list(prepared, a, rm))
            found.extend(self._quoted_list(w, rm))
            while rm is not None and rm.party:
                rm = self._next_party(w, rm)
                if rm is not None:
                    found.append(rm)
            last_end = found[-1].end
            for m in found:
                m.start, m.end = m.start + a, m.end + a
            groups.append(Group(key + a, found))
        return groups

    def _follow_on(self, w: str, prev: RawMention) -> RawMention | None:
        """«Конвенция … 1951 года и Протокол к ней 1967 года», "… and its 1967 Protocol":
        an instrument named only through the treaty just before it (``follow_on_regex``
        of the YAML; groups ``m`` — the mention — and optional ``y`` — its year)."""
        if self.follow_on_re is None or prev.head_type != "treaty":
            return None
        m = self.follow_on_re.match(w, prev.end)
        if not m:
            return None
        year = [y] if (y := small_int(m.group("y"))) is not None else []
        head = m.group("h").lower() if "h" in m.groupdict() and m.group("h") else prev.head
        return RawMention(start=m.start("m"), end=m.end("m"), surface="", head=self.lex.lemma(head),
                          head_type="treaty", capitalised=True, years=year, title=m.group("m"),
                          head_text=m.group("h") or "")

    def _number_list(self, prepared: str, a: int, prev: RawMention) -> list[RawMention]:
        """"ILO Conventions Nos. 97 and 143": one more act per listed number (offsets into
        the window at ``a``; the list is read from ``prepared``, past the window's end if it
        goes on, so that a list of thousands is read once, not window after window)."""
        if self.number_list_re is None or not prev.number \
                or not self.plural_number_re.search(prepared, a + prev.start, a + prev.end):
            return []
        out, end = [], a + prev.end
        while (m := self.number_list_re.match(prepared, end)) is not None:
            out.append(RawMention(start=m.start("num") - a, end=m.end("num") - a, surface="", head=prev.head,
                                  head_type=prev.head_type, capitalised=prev.capitalised,
                                  number=m.group("num"), title=prev.title, head_text=prev.head_text))
            end = m.end()
        return out

    def _quoted_list(self, w: str, prev: RawMention) -> list[RawMention]:
        """A plural head followed by several quoted titles («законы «О …», «О …» и «О …»»):
        after a plural head with a quoted title, each further quoted title is one more act
        (``quoted_list_regex`` of the YAML matches the separator before each quote)."""
        if self.quoted_list_re is None or not (prev.plural and prev.quoted):
            return []
        out, end = [], prev.end
        while (m := self.quoted_list_re.match(w, end)) is not None:
            pos = m.end()
            if pos >= len(w) or w[pos] not in QUOTE_PAIRS:
                break
            close = closing_quote(w, pos)
            if close is None or close - pos > MAX_QUOTED_TITLE or close <= pos + 1:
                break
            out.append(RawMention(start=pos, end=close + 1, surface="", head=prev.head, head_type=prev.head_type,
                                  capitalised=prev.capitalised, title=w[pos + 1:close], quoted=True,
                                  country=prev.country, head_text=prev.head_text))
            end = close + 1
        return out

    def _add_regex_mentions(self, prepared: str, out: list[RawMention]) -> list[RawMention]:
        """Mentions found by regex alone (``standalone``, ``shared_head_regex``: kept where they
        overlap no mention of the finder; instruments by name: :mod:`.named`), in text order."""
        spans = sorted((m.start, m.end) for m in out)
        starts = [s for s, _e in spans]
        ends = [e for _s, e in spans]
        max_end = []
        for e in ends:
            max_end.append(max(e, max_end[-1]) if max_end else e)

        def free(a: int, b: int) -> bool:
            i = bisect.bisect_left(starts, b)  # spans starting before b
            return i == 0 or max_end[i - 1] <= a

        extra: list[RawMention] = []
        for rx, spec in self.standalone:
            for m in rx.finditer(prepared):
                if not free(m.start(), m.end()):
                    continue
                g = m.groupdict()
                titles = spec.get("titles") or {}
                title = titles.get(g.get("abbr") or "") or spec.get("title")
                if g.get("title"):
                    title = g["title"][1:-1]
                num = g.get("num")
                extra.append(RawMention(
                    start=m.start(), end=m.end(), surface="", head=spec.get("head", spec["type"]),
                    head_type=spec["type"], capitalised=True,
                    number=spec.get("number", "{num}").format(num=num) if num else None,
                    title=title, quoted=bool(g.get("title")), country=spec.get("country")))
        if self.shared_head_re is not None:
            for m in self.shared_head_re.finditer(prepared):
                if free(m.start(), m.end()):
                    extra.extend(self._shared_head(m))
        out = sorted(out + extra, key=lambda r: r.start) if extra else out
        return with_instruments(out, instrument_mentions(prepared, self.lex.lang))

    def _shared_head(self, m: re.Match) -> list[RawMention]:
        """«Уголовный и Уголовно-процессуальный кодексы»: one act per adjective (groups
        ``a``, optional ``b`` and ``c``, the adjectives, and ``h``, the plural head)."""
        lex = self.lex
        head = lex.lemma(m.group("h").lower())
        hinfo = lex.heads.get(head)
        if hinfo is None:
            return []
        names = [g for g in ("a", "b", "c") if m.group(g)]
        out = []
        for g in names:
            adj = lex.lemma(m.group(g).lower())
            q = lex.qualifiers.get(adj)
            if q is None or not (head in q.get("qualifies_for", ()) or (q.get("qualifies") and head in q.get("heads", ()))):
                return []
            end = m.end() if g == "c" else m.end(g)
            out.append(RawMention(start=m.start(g), end=end, surface="", head=head,
                                  head_type=q.get("type", hinfo["type"]),
                                  capitalised=m.group(g)[:1].isupper(),
                                  title=f"{adj[:1].upper() + adj[1:]} {head}"))
        return out

    def _next_party(self, w: str, prev: RawMention) -> RawMention | None:
        """«соглашения с Российской Федерацией (1996 год) и Республикой Казахстан (2006 год)»:
        a second treaty party, with its own year, is a second treaty."""
        lex = self.lex
        m = _COORD.match(w, prev.end)
        if not m or m.group(1).lower() not in lex.title_conj | {","}:
            return None
        c = lex.country_at(w, m.end())
        if not c:
            return None
        end = c[1]
        pos = end + 1 if w[end:end + 1] == " " else end
        if w[pos:pos + 1] != "(":
            return None
        close = w.find(")", pos)
        kind, year = paren_kind(w[pos + 1:close], self.lex) if close > 0 else (None, None)
        if kind != "year":
            return None
        return RawMention(start=m.end(), end=close + 1, surface="", head=prev.head, head_type=prev.head_type,
                          capitalised=prev.capitalised, party=w[m.end():end], years=[year],
                          head_text=prev.head_text)

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
        prefix_title = q_first < head_i and any(lex.qualifiers.get(toks[i].lemma) is None
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
            if hinfo.get("number_ok") and rm.number and rm.capitalised:
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

    # ------------------------------------------------------------------ parts
    def _issuer(self, w: str, toks: list[Tok], starts: list[int], k: int) -> tuple[int, int, str | None, str | None]:
        """Issuer words after a head (``Правительства Республики Казахстан``)."""
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
                break  # "Law on External Labour Migration No. 4": the number follows the title
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


def find_mentions(text: str, lang: str = "ru", *, nested: bool = False) -> list[RawMention]:
    """Stage 1 entry point: raw mentions in ``text`` with offsets into it."""
    return finder(lang).find(text, nested=nested)
