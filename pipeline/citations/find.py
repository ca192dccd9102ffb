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
every order (``от 3 марта 2019г. №58``, ``№ 12 от 5 мая 2015 года “…”``,
``«…» № 241``) and titles are free text bounded by quotes or by where the noun
phrase ends, which a token pattern cannot express without exploding.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from pipeline.citations.extend import SpanExtender
from pipeline.citations.guard import MAX_PREFIX_WORDS, MAX_QUALIFIERS, Group, scan, scrub, tokenizer_view
from pipeline.citations.lexicon import MAX_QUOTED_TITLE, QUOTE_PAIRS, Lexicon, load
from pipeline.citations.common_names import common_name_mentions
from pipeline.citations.implementing import implementing_mentions
from pipeline.citations.named import instrument_mentions, with_instruments
from pipeline.citations.text import (
    Tok,
    closing_quote,
    find_windows,
    optional_re,
    paren_kind,
    prepare,
    small_int,
)
from pipeline.citations.types import RawMention

#: Tokens whose first STEM letters start no lexicon word keep their lower-case form
#: as lemma (inflection in Russian leaves the first four letters of these words alone).
STEM = 4

#: A coordinating word between two treaty parties (checked against ``title_conj``).
_COORD = re.compile(r"\s*(\w+|,)\s+")


@cache
def finder(lang: str) -> Finder:
    """The finder of a language, built once per process."""
    return Finder(load(lang))


class Finder(SpanExtender):
    """Finds :class:`RawMention` objects in text of one language."""

    def __init__(self, lex: Lexicon) -> None:
        from pipeline.citations.nlp import import_spacy

        spacy = import_spacy()
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
        #: «Закон «О беженцах» и «О вынужденных переселенцах»»: a singular head with a
        #: second quoted title that opens like an act's title is two acts.
        self.singular_list_re = optional_re(lex, "singular_quoted_list_regex")
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
        sep = self.quoted_list_re if prev.plural else self.singular_list_re
        if sep is None or not prev.quoted:
            return []
        out, end = [], prev.end
        while (m := sep.match(w, end)) is not None:
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
        out = common_name_mentions(prepared, self.lex, out)  # "the asylum law"
        out = implementing_mentions(prepared, self.lex, out, self.find)  # «Reglamento a la Ley …»
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
        """«соглашения с Республикой Беларусь (1998 год) и Республикой Армения (2004 год)»:
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


def find_mentions(text: str, lang: str = "ru", *, nested: bool = False) -> list[RawMention]:
    """Stage 1 entry point: raw mentions in ``text`` with offsets into it."""
    return finder(lang).find(text, nested=nested)
