"""Content bounds: how much of the sentence a cue reports — its clausal complement, its object and the rest of the
predicate, its infinitive or learnt preposition, the sentence around a parenthetical cue, the line after a colon —
without the asides the source did not say (", which …", ", arguing …", ", while others said …", a second verb of
saying)."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from .. import lexicon as lx
from .. import speech
from ..syntax import SUBJ, complement, inverted_subject
from .cues import content_prep, cue_rate, predicate_rest
from .drafts import Drafts

# verbs of evidence: a conjunct "… and the footage did not show whether …" is part of what was said, not a speaker's
_EVIDENCE_VERBS = frozenset("find show reveal indicate demonstrate suggest prove".split())


class ContentBounds(Drafts):
    """Content spans for a cue."""

    def content_for(self, cue: Token, qi: int | None) -> tuple[list[tuple[int, int]], str]:
        """Char spans of the content and its kind."""
        comp = complement(cue)
        lo_hi: tuple[int, int] | None = None
        if qi is None and self._parenthetical_mid(cue):
            return self._around(cue)
        if qi is None and inverted_subject(cue) is not None:
            return self._around(cue, whole=True)  # "The band were hopeful …, added the spokesman.": all before it
        if qi is None and comp is None and cue.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) and not any(
                c.dep_ in {"dobj", "xcomp"} for c in cue.children):
            return self._around(cue, whole=True)  # "As the Times reported, investigators found …"
        if comp is None:
            # "said in a statement that the race …" parsed with the clause on "statement"
            comp = next((k for c in cue.children if c.dep_ == "prep" and c.i > cue.i for p in c.children
                         if p.dep_ == "pobj" and (p.lemma_.lower() in lx.REPORTING_NOUNS | lx.MEDIUM_NOUNS)
                         for k in p.children if k.dep_ in {"acl", "ccomp", "relcl"} and k.i > p.i and
                         any(m.dep_ == "mark" and m.lower_ == "that" for m in k.children)), None)
        if comp is not None:
            lo_hi = self._clause_extent(comp)
            if qi is not None:
                lo_hi = self._through_conjunct(cue, comp, qi, lo_hi)
        else:
            # "described the talks as constructive", "criticized Romney for …", "welcoming “the progress”"
            # "vowed to fight on", "urged Russia to agree"; but "agreed to resume aid" is an act, not a statement
            xcomp_ok = cue.lemma_.lower() not in lx.ACT_VERBS and (
                cue.lemma_.lower() in lx.REPORTING_VERBS or cue_rate(cue)[0] >= self.cues.threshold)  # "declined to comment"
            kids = [c for c in cue.children if (c.dep_ in {"dobj", "oprd"} and c.ent_type_ not in {"DATE", "TIME"})
                    or (c.dep_ == "xcomp" and xcomp_ok)
                    or (c.dep_ == "prep" and c.lower_ in {"as", "for", "of", "about", "on"} and c.i > cue.i)]
            lemma = cue.lemma_.lower()
            # "said as much", "isn't saying much about X", "doesn't think so", "said yes, yes, yes": a pro-form for
            # the words said, which the parse makes an adverb or an interjection of the verb
            pro = [c for c in cue.children if c.i > cue.i and (
                c.dep_ == "advmod" and c.lower_ in {"much", "so", "little"} or
                c.dep_ == "intj" and c.lower_ in {"yes", "no"})] if (
                lemma in lx.REPORTING_VERBS or lemma in speech.BELIEF_CUES) else []
            if lemma in lx.ADDRESSEE_VERBS:
                # "told Good Morning America", "told reporters": the object is who was told, not what
                kids = [c for c in kids if c.dep_ not in {"dobj", "oprd"} and not (c.dep_ == "prep" and c.lower_ != "about")]
            elif lemma in lx.TOPIC_VERBS:
                # "spoke to CBS", "spoke for 77 minutes", "talked with reporters": only the topic is content
                kids = [c for c in kids if c.dep_ == "prep" and c.lower_ in {"about", "of", "on"}]
            if not any(c.dep_ in {"dobj", "oprd", "xcomp"} for c in kids):
                # "talked about the economy", "called for a ceasefire": the object of the preposition
                kids = [g for c in cue.children if c.dep_ == "prep" and c.i > cue.i and content_prep(cue, c, self.cues)
                        for g in c.children if g.dep_ in {"pobj", "pcomp"}][:1]
            if pro and not any(c.dep_ in {"dobj", "oprd", "xcomp"} for c in kids):
                kids = pro + kids
            if not kids:
                # "is calling for some of his rivals to drop out" parsed as a clause with "for" as its marker
                kids = [c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i and any(
                    m.dep_ == "mark" and m.lower_ in lx.CONTENT_PREPS and m.i == c.left_edge.i for m in c.children)][:1]
            if not kids and cue.dep_ == "parataxis" or (not kids and cue.dep_ == "ROOT" and self._parenthetical(cue)):
                spans, kind = self._around(cue)
                if spans or qi is None:
                    return spans, kind
                # '“…, excellent value … they choose,” he said.' with a word of the quote parsed as the cue's
                # subject: nothing is left around the cue clause, and the quote is the content
            if not kids:
                # passive: "Romney was criticized by Reid" → the subject is the content
                kids = [c for c in cue.children if c.dep_ == "nsubjpass"] if any(
                    c.dep_ == "agent" for c in cue.children) else []
            if kids and any(c.dep_ in {"dobj", "oprd", "xcomp", "pobj", "pcomp"} for c in kids):
                # the rest of the predicate after the object belongs to what is reported: "charged Van Dyke with
                # murder", "blamed Clinton for the turmoil", "described the country as beset by …"
                first = min(c.i for c in kids)
                kids = kids + [c for c in cue.children if c.i > first and c not in kids and predicate_rest(c)]
            if kids:
                kids = kids + self._parallel_conjuncts(cue, kids)
                # a pro-form is the word and what leads it ("as much"), not the phrases hung on it ("in an interview")
                toks = sorted((t for c in kids for t in (c.subtree if c not in pro else
                                                         [x for x in c.subtree if x.i <= c.i])), key=lambda t: t.i)
                lo_hi = self._without_asides(toks, min(c.i for c in kids))
        if qi is not None:
            q = self.quotes[qi]
            qs, qe = self.quote_tokens[qi]
            if lo_hi is None or lo_hi[1] <= qs or lo_hi[0] >= qe:
                return [tuple(s) for s in q.spans], "direct"
            lo, hi = min(lo_hi[0], qs), max(lo_hi[1], qe)
            span = self._trim(lo, hi)
            if span is None:
                return [tuple(s) for s in q.spans], "direct"
            qspan = (q.start, q.end)
            kind = "direct" if span[0] >= qspan[0] and span[1] <= qspan[1] else "mixed"
            if kind == "direct":
                return [tuple(s) for s in q.spans], kind
            return [span], kind
        if lo_hi is None:
            return [], "indirect"
        span = self._trim(*lo_hi)
        if span is None:
            return [], "indirect"
        has_quote = any(span[0] <= q.start < span[1] for q in self.quotes)
        return [span], "mixed" if has_quote else "indirect"

    @staticmethod
    def _parallel_conjuncts(cue: Token, kids: list[Token]) -> list[Token]:
        """'has mentioned refinancing student loans and forcing universities to spend more', 'wants to triple the
        size of AmeriCorps, grow the Peace Corps and create a reserve': the parse hangs the further conjuncts of a
        gerund or infinitive content on the cue; a conjunct with no subject, in the content head's form and not in
        the cue's own ("forcing" after "mentioned", not "forced"), continues the content."""
        # the content's head verb, or a gerund the parse made a modifier of its object ("refinancing student loans")
        heads = [h for c in kids for h in (c, c.left_edge) if h.pos_ == "VERB" and (
            h.tag_ == "VBG" and (h is c or h.dep_ == "amod") or h is c and c.dep_ == "xcomp" and c.tag_ == "VB")]
        if not heads:
            return []
        head = heads[0]
        return [c for c in cue.children if c.dep_ in {"conj", "dep"} and c.i > head.i and c.pos_ == "VERB" and
                c.tag_ == head.tag_ and c.tag_ != cue.tag_ and not any(k.dep_ in SUBJ for k in c.children)]

    def _through_conjunct(self, cue: Token, comp: Token, qi: int, lo_hi: tuple[int, int]) -> tuple[int, int]:
        """'said that it was too early to tell, and there was “no evidence” yet that …': the parse may conjoin a second
        clause to the verb of saying instead of to its complement; when a quote lies in that conjunct — a clause
        with a subject of its own and no verb of saying — the quoted words show it is still what was said, and
        the content runs from the complement through the conjunct."""
        qs, qe = self.quote_tokens[qi]
        if lo_hi[0] <= qs < lo_hi[1]:
            return lo_hi
        trees = self.subtrees
        for c in cue.children:
            if (c.dep_ == "conj" and c.i > comp.i and trees.first[c.i] >= lo_hi[1] and
                    trees.first[c.i] <= qs and qe <= trees.last[c.i] + 1 and
                    any(k.dep_ in SUBJ | {"expl"} for k in c.children) and not self.is_cue(c)):
                return lo_hi[0], self._clause_extent(c)[1]
        return lo_hi

    def _clause_extent(self, comp: Token) -> tuple[int, int]:
        """Token range of a complement clause, without trailing asides the source did not say: ", arguing that …",
        ", which …", "; …". (``_without_asides`` over ``comp.subtree``, from the Doc's asides found once.)"""
        trees, (positions, ends) = self.subtrees, self._asides()
        lo, hi = trees.first[comp.i], trees.last[comp.i] + 1
        for k in range(bisect.bisect_right(positions, comp.i), bisect.bisect_right(positions, comp.right_edge.i)):
            if ends[k] > comp.i and trees.holds(comp.i, positions[k]):
                hi = min(hi, ends[k])
        return self._trim_tail(lo, hi, comp.i)

    def _asides(self) -> tuple[list[int], list[int]]:
        """Where each aside or ";" of the Doc starts and where it cuts a content (once per Doc)."""
        if self._aside_cuts is None:
            found = [(t.i, end) for t in self.doc if (end := self._aside_cut(t, clause=True)) is not None]
            self._aside_cuts = ([i for i, _ in found], [e for _, e in found])
        return self._aside_cuts

    def _without_asides(self, sub: list[Token], head_i: int) -> tuple[int, int]:
        """Token range of ``sub`` (a content's tokens, in order) cut before the first aside after ``head_i``."""
        lo, hi = sub[0].i, sub[-1].i + 1
        for t in sub:
            if t.i <= head_i:
                continue
            end = self._aside_cut(t)
            if end is not None and end > head_i:
                hi = min(hi, end)
        return self._trim_tail(lo, hi, head_i)

    def _aside_cut(self, t: Token, clause: bool = False) -> int | None:
        """Where a content is cut if ``t`` is in it after its head: before the aside ``t`` opens, or at a ";".
        ``clause``: the content is a clausal complement (``_clause_extent``), not an object and the rest of the
        predicate."""
        doc = self.doc
        prev = doc[t.i - 1]
        # ", arguing that …", ", which …", ", who …" (not ", while agreeing …": that belongs to the clause)
        aside = t.dep_ in {"advcl", "acl", "relcl", "conj"} and (
            (t.tag_ == "VBG" and doc[t.left_edge.i - 1].text == "," and (
                t.left_edge.i == t.i or t.left_edge.dep_ in {"advmod", "neg"})) or
            (doc[t.left_edge.i - 1].text == "," and t.left_edge.lower_ in {"which", "who"} and
             not (clause and self._kept_relative(t))))
        aside = aside or (t.left_edge.i == t.i and prev.text == "," and t.tag_ == "VBG" and t.dep_ == "advcl")
        # ", while 22 percent said …", ", even as he took shots at …", "– although …": the writer's contrast
        aside = aside or (t.dep_ in {"advcl", "conj", "ccomp"} and doc[t.left_edge.i - 1].text in {
            ",", "—", "–", "-", "--"} and (t.left_edge.lower_ in lx.CONTRAST_MARKS or (
                t.left_edge.lower_ == "even" and t.left_edge.i + 1 < len(doc) and
                doc[t.left_edge.i + 1].lower_ == "as")) and
                any(c.dep_ in SUBJ for c in t.children))
        # "said he had accepted no gigs and suggested that …", "said she regretted her remarks and promised to
        # stay out of it": a second verb of saying, parsed into the clause, with or without a clause of its own
        aside = aside or (t.dep_ == "conj" and t.pos_ == "VERB" and
                          not any(c.dep_ in SUBJ for c in t.children) and self.is_cue(t) and
                          cue_rate(t)[0] >= self.cues.strong_cue)
        # "She said fathers would not be eligible, and when pressed, the mother of three replied, “…”": a conjunct
        # clause with a verb of saying and a speaker of its own (not a second "that" clause of the same verb) is another
        # statement
        aside = aside or (t.dep_ == "conj" and t.pos_ == "VERB" and t.lemma_.lower() in lx.REPORTING_VERBS and
                          t.lemma_.lower() not in _EVIDENCE_VERBS and  # "… and the footage did not show …"
                          any(c.dep_ == "nsubj" and c.i < t.i and c.lower_ not in {"it", "this", "that", "which"}
                              for c in t.children) and
                          not any(c.dep_ == "mark" for c in t.children) and  # "… and that the footage showed …"
                          cue_rate(t)[0] >= self.cues.strong_cue)
        # "attacked Machado | in early-morning tweets", "rejected that argument | in a ruling released Thursday":
        # after an object, a phrase of the medium or occasion is where it was said, not what (not in a clause:
        # "said he had attacked her in a speech" reports the speech too)
        aside = aside or (not clause and self._occasion(t))
        if t.text == ";":
            return t.i
        return min(x.i for x in t.subtree) if aside else None

    @staticmethod
    def _occasion(t: Token) -> bool:
        """A preposition of place or medium on a verb, whose object is a medium, a document or an occasion noun (on
        a noun it is part of the phrase: "the delays in the flood relief programme")."""
        if t.dep_ != "prep" or t.lower_ not in lx.OCCASION_PREPS or t.head.pos_ not in {"VERB", "AUX"}:
            return False
        obj = next((c for c in t.children if c.dep_ == "pobj"), None)
        return obj is not None and obj.pos_ == "NOUN" and (
            obj.lemma_.lower() in lx.MEDIUM_NOUNS | lx.OCCASION_NOUNS or speech.is_document(obj))

    def _kept_relative(self, t: Token) -> bool:
        """'Figueroa said the candidate was headed to media interviews, which she was doing when security located
        her': in a reported clause, a trailing ", which …" clause is part of what the source said (PolNeAR keeps it
        in the content) — unless it reports words of its own (``_reports_words``). A ", who …" clause about a person
        ('…, who has never faced a competitive race') and a ", which" after an object noun phrase ('praised the
        proposals, which include …': ``_without_asides``) stay the writer's asides."""
        return t.left_edge.lower_ == "which" and not self._reports_words(t)

    def _reports_words(self, t: Token) -> bool:
        """'…, which he said were accompanied by favours', '…, which state media claimed': a relative clause with a
        verb of saying and a subject of its own is another attribution, not part of this one."""
        return any(v.pos_ == "VERB" and any(c.dep_ in SUBJ for c in v.children) and (
            v.lemma_.lower() in lx.REPORTING_VERBS or cue_rate(v)[0] >= self.cues.strong_cue) for v in t.subtree)

    def _trim_tail(self, lo: int, hi: int, comp_i: int) -> tuple[int, int]:
        doc = self.doc
        while hi - 1 > comp_i and (doc[hi - 1].dep_ == "cc" or
                                   doc[hi - 1].is_punct and doc[hi - 1].text in ",;:—–-"):
            hi -= 1  # "… candidacy and" once the second clause is cut
        return lo, hi

    def _parenthetical_mid(self, cue: Token) -> bool:
        """'The latest test, North Korea said, was its biggest yet': the cue clause sits between commas."""
        doc = self.doc
        clause = [cue] + [c for c in cue.children if c.dep_ in SUBJ | {"aux", "neg", "prep", "npadvmod"}]
        toks = [t for c in clause for t in (c.subtree if c is not cue else [c])]
        lo, hi = min(t.i for t in toks), max(t.i for t in toks)
        sent = self.sents.of(cue)
        if lo - 1 < sent.start or hi + 1 >= sent.end:
            return False
        between_commas = doc[lo - 1].text == "," and doc[hi + 1].text == ","
        comp = complement(cue)
        # words on both sides, and no complement of its own after the cue (one before it is the fronted content)
        return (between_commas and lo - sent.start >= 3 and sent.end - hi >= 4
                and (comp is None or comp.i < lo))

    def _parenthetical(self, cue: Token) -> bool:
        """'…, he said, …' parsed with the cue as root: the clause around it is the content."""
        sent = self.sents.of(cue)
        before = [t for t in sent if t.i < cue.i and not t.is_punct]
        return len(before) >= 4 and any(t.dep_ == "punct" and t.text == "," for t in cue.children)

    def _around(self, cue: Token, whole: bool = False) -> tuple[list[tuple[int, int]], str]:
        """Content = the sentence minus the cue clause (``whole``: the cue's whole subtree), as one or two spans."""
        sent = self.sents.of(cue)
        own = {t.i for t in cue.subtree} if cue.dep_ == "parataxis" or whole else (
            {cue.i} | {t.i for c in cue.children if c.dep_ in SUBJ | {"aux", "neg", "advmod", "dative", "prep", "npadvmod"}
                       for t in c.subtree})
        spans, run = [], []
        for t in sent:
            if t.i in own or (t.i == sent.end - 1 and t.text in {".", "!", "?"}):
                if run:
                    spans.append((run[0], run[-1] + 1))
                    run = []
                continue
            run.append(t.i)
        if run:
            spans.append((run[0], run[-1] + 1))
        out = [sp for sp in (self._trim(a, b) for a, b in spans) if sp and len(self.text[sp[0]:sp[1]].split()) >= 2]
        if not out:
            return [], "indirect"
        has_quote = any(a <= q.start < b for q in self.quotes for a, b in out)
        return out, "mixed" if has_quote else "indirect"


    def _after_colon(self, cue: Token) -> tuple[list[tuple[int, int]], str]:
        """'Potts echoed: He speaks his mind, and …', 'Ryan said: Sure. I get that.': a cue with nothing to report
        of its own, followed by a colon (after its subject, adverbs or "in a statement"), reports the rest of the
        paragraph, quoted or not."""
        doc = self.doc
        own = [cue] + [c for c in cue.children if c.i > cue.i and c.dep_ in {"advmod", "npadvmod", "prep", "prt",
                                                                            "nsubj", "dative"}]
        end = max(t.right_edge.i if t is not cue else t.i for t in own) + 1
        if end >= len(doc) or doc[end].text != ":":
            return [], "indirect"
        start = doc[end].idx + 1
        nl = self.text.find("\n", start)
        if nl >= 0 and not self.text[start:nl].strip():
            start = nl  # "… declared:" ending its line: the next paragraph
            while start < len(self.text) and self.text[start].isspace():
                start += 1
        nl = self.text.find("\n", start)
        stop = len(self.text) if nl < 0 else nl
        span = self._trim_chars(start, stop)
        if span is None or len(self.text[span[0]:span[1]].split()) < 3:
            return [], "indirect"
        kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
        return [span], kind
