"""Cues that are not verbs: "according to X", a reporting noun ("his claim that …"), a stance adjective ("was
adamant that …"), and the two passes over sentence and line openings — a fronted "In a poll/report …," (pass 3) and
a line that opens with a name and a colon (pass 4)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from .. import lexicon as lx
from ..syntax import is_animate, subject_token
from .bounds import ContentBounds
from .cues import learned
from .drafts import Draft


# a dash and a name closing the line after a quote: '…”― Pamela Padilla', '…” — Jane Doe, 34, Phoenix'
_CREDIT = re.compile(r"[\"”’']?\s*([―—–]|--)\s*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,4})\s*(?:,[^\n]{0,40})?\s*$")


# a line that ends in its attribution, as headlines do: 'Trump Could Address Clean Energy, Lindsey Graham Says.',
# 'Language unclear on whether single mothers are covered, experts say.'
_LINE_SAYS = re.compile(r"(?P<content>[^\n]{12,240}?),\s+(?P<speaker>[A-Za-z][\w.’'-]*(?: [A-Za-z][\w.’'-]*){0,4}?)"
                        r"\s+(?P<cue>[Ss]ays|[Ss]ay|[Ss]aid)[.!]?[ \t]*$")


class PhraseCues(ContentBounds):
    """Nouns, adjectives and phrases as cues; source phrases and colon lines."""

    def source_phrase_pass(self) -> None:
        """'In an ABC News/Washington Post poll released Sunday, three of four Americans disapproved …', 'In his
        speech, …': a fronted "in" phrase naming a poll, report or speech is the source of the clause it opens
        (when no verb of saying there reports it already)."""
        doc = self.doc
        for tok in doc:
            if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.pos_ not in {"VERB", "AUX"}:
                continue
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is None or obj.lemma_.lower() not in lx.SOURCE_NOUNS | lx.REPORTING_NOUNS:
                continue
            phrase = list(tok.subtree)
            after = phrase[-1].i + 1
            sent = self.sents.of(tok)
            if phrase[0].i != sent.start or after >= sent.end or doc[after].text != ",":
                continue
            span = self._trim(after + 1, sent.end - 1 if doc[sent.end - 1].is_punct else sent.end)
            if span is None or len(self.text[span[0]:span[1]].split()) < 3 or (
                    self._overlaps(span) and not self._absorb(span)):
                continue
            src = next((c for c in obj.children if c.dep_ == "poss"), obj)
            kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
            d = Draft(obj, [span], kind, *self.sent_bounds([span], tok), self.para_of(span[0]), speaker_tok=src)
            self.drafts.append(d)

    def credit_pass(self) -> None:
        """'“He is ignorant of our culture and lives.”― Pamela Padilla': a quote with no cue, followed on its line by a
        dash and a name that ends the line (readers' voices, epigraphs), is that person's."""
        doc = self.doc
        for d in self.drafts:
            if d.cue is not None or not d.spans:
                continue
            e = max(b for _, b in d.spans)
            nl = self.text.find("\n", e)
            m = _CREDIT.match(self.text, e, len(self.text) if nl < 0 else nl)
            if m is None:
                continue
            dash = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            name = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
            if dash is None or name is None or not len(name) or len(name) > 6:
                continue
            if not (any(t.ent_type_ == "PERSON" for t in name) or self.index.person_named(name.text) is not None):
                continue
            d.cue, d.speaker_tok, d.speaker_span, d.floating = dash[0], name[-1], name, False

    def line_says_pass(self) -> None:
        """'Clinton Hid Past Health Problems From Public, Former White House Doctor Says.': a line (a headline, as a
        rule) that ends with a comma, a name or noun phrase that can speak, and "says"/"said" is that speaker's
        statement of the rest of the line — the attribution the parse of a title-case line often misses. Only where
        no statement holds the line already."""
        doc = self.doc
        for ps in self.paras:
            nl = self.text.find("\n", ps)
            end = len(self.text) if nl < 0 else nl
            m = _LINE_SAYS.fullmatch(self.text, ps, end)
            if m is None:
                continue
            name = doc.char_span(m.start("speaker"), m.end("speaker"), alignment_mode="expand")
            cue = doc.char_span(m.start("cue"), m.end("cue"), alignment_mode="expand")
            if name is None or cue is None or not len(name) or not len(cue):
                continue
            if any(t.lower_ in {"he", "she", "they", "it", "i", "we", "you"} for t in name) and len(name) > 1:
                continue
            if not (any(t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} for t in name) or is_animate(name[-1]) or
                    self.index.person_named(name.text) is not None):
                continue
            span = self._trim_chars(m.start("content"), m.end("content"))
            if span is None or len(self.text[span[0]:span[1]].split()) < 3:
                continue
            mine = self.used_cues.get(cue[0].i)
            if mine is not None:
                # the parse found this cue but a title-case content may read as a bare noun phrase: the line's
                # attribution is a statement whatever its shape
                mine.line = all(ps <= a and b <= end for a, b in mine.spans)
                continue
            if self._overlaps(span):
                continue
            kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
            d = Draft(cue[0], [span], kind, *self.sent_bounds([span], cue[0]), self.para_of(span[0]),
                      speaker_tok=name[-1], speaker_span=name)
            d.line = True
            self.drafts.append(d)
            self.used_cues[cue[0].i] = d

    def colon_pass(self) -> None:
        """'Gillibrand: I Think She Will', 'TAPPER: And obviously, you're …': a paragraph that opens with a short
        name or noun phrase and a colon is that speaker's statement (headlines, interview transcripts); a quote's
        credit line ("“…”― Pamela Padilla", ``credit_pass``) first."""
        self.credit_pass()
        doc = self.doc
        for ps in self.paras:
            first = doc.char_span(ps, ps + 1, alignment_mode="expand")
            if first is None:
                continue
            start = first.start
            # '"WALLACE: Let’s start …': a transcript quoted line by line opens with the quote mark
            while start < len(doc) - 1 and doc[start].is_quote and "\n" not in doc[start].text:
                start += 1
            colon = next((t for t in doc[start: start + 14] if t.text == ":" or "\n" in t.text), None)
            if colon is None or colon.text != ":" or colon.i - start < 1:
                continue
            head = doc[start: colon.i]
            if any(t.tag_ in {"VBD", "VBZ", "VBP", "MD", "PRP", "CD"} or t.lower_ in lx.LABEL_WORDS or
                   (t.is_punct and t.text not in {".", "'", "’", ","}) for t in head):
                continue
            # the speaker is the name the line opens with ("Gillibrand on Hillary …: ‘I Think She Will’");
            # title-case headlines defeat the tagger, so the name is the run of capitalised words
            end_np = start
            while end_np < colon.i and (doc[end_np].text[:1].isupper() or doc[end_np].text in {".", "’s", "'s"}):
                end_np += 1
            np_ = doc[start:end_np]
            if not len(np_) or len(np_) > 5:
                continue
            known = self.index.person_named(np_.text) is not None
            if not (known or is_animate(np_[-1]) or (np_.text.isupper() and len(np_.text) >= 3)):
                continue  # a person the article names, an organisation or group, or a transcript's NAME
            src = np_[-1]
            nl = self.text.find("\n", ps)
            end = len(self.text) if nl < 0 else nl
            a = colon.idx + 1
            span = self._trim_chars(a, end)
            if span is None or len(self.text[span[0]:span[1]].split()) < 3:
                continue
            # a cue-less quote running over several lines ('"WALLACE: …' / '"PENCE: …', the mark reopened on each
            # line) gives up its piece on this line, which is this speaker's
            line = (ps, end)
            for d in self.drafts:
                if d.cue is None and any(sp[0] < line[1] and line[0] <= sp[0] for sp in d.spans):
                    d.spans = [sp for sp in d.spans if not (sp[0] < line[1] and line[0] <= sp[0])]
            self.drafts = [d for d in self.drafts if d.spans]
            # a quote in the line is this speaker's, not a floating quote of the previous one
            inside = [d for d in self.drafts if all(span[0] <= a and b <= span[1] + 2 for a, b in d.spans)]
            self.drafts = [d for d in self.drafts if not any(d is x for x in inside)]
            if self._overlaps(span):
                self.drafts.extend(inside)
                continue
            d = Draft(colon, [span], "indirect", *self.sent_bounds([span], colon), self.para_of(span[0]),
                       speaker_tok=src, speaker_span=np_)
            quoted = [q for q in self.quotes if span[0] <= q.start < span[1]]
            if quoted:
                d.kind = "direct" if all(q.start <= span[0] + 1 and q.end >= span[1] - 1 for q in quoted) else "mixed"
            self.drafts.append(d)


    def _adjective_cue(self, tok: Token) -> None:
        """'She was adamant that he has no plans to run', 'he is critical of the deal', 'voters are skeptical about
        X': a stance adjective (listed, or learnt from PolNeAR train) on an animate subject, with its clause or
        object."""
        lemma = tok.lower_ if tok.pos_ == "VERB" else tok.lemma_.lower()  # a participle: "frustrated", not "frustrate"
        table = learned()
        rest = None
        for c in tok.children:
            if c.dep_ in {"ccomp", "xcomp"}:
                rest = c
                break
            if c.dep_ == "prep" and c.lower_ in lx.CONTENT_PREPS | {"with", "in", "to", "at", "toward", "towards"}:
                h, n = table.get(f"ADJ:{lemma}+{c.lower_}", (0, 0))
                obj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                if obj is not None and (lemma in lx.STANCE_ADJECTIVES or (n >= 4 and h / n >= self.cues.threshold)):
                    rest = obj
                    break
        if rest is None:
            # "was adamant that …" is often parsed with the clause on the verb "be"
            rest = next((c for c in tok.head.children if c.dep_ in {"ccomp", "xcomp"} and c.i > tok.i), None)
        if rest is None:
            return
        h, n = table.get(f"ADJ:{lemma}", (0, 0))
        if rest.dep_ in {"ccomp", "xcomp"} and lemma not in lx.STANCE_ADJECTIVES and not (
                n >= 5 and h / n >= self.cues.threshold):
            return
        subj = subject_token(tok.head) if tok.dep_ == "acomp" else next(  # "were frustrated that …": the passive's
            (c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is None or not is_animate(subj) or subj.lower_ == "it":
            return
        span = self._trim(*self._without_asides(list(rest.subtree), rest.i))
        if span is None or (self._overlaps(span) and not self._absorb(span)):
            return
        kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
        d = Draft(tok, [span], kind, *self.sent_bounds([span], tok), self.para_of(span[0]), speaker_tok=subj)
        self.drafts.append(d)
        self.used_cues[tok.i] = d

    def _noun_cue(self, tok: Token) -> None:
        """'his claim that the vote was rigged', 'the ministry's statement that talks would resume', 'her view is
        that …': a reporting noun (listed, or learnt from PolNeAR train) with a that-clause, its own or as the
        predicate of "be"; the source is the possessor, the noun's "by"/"from" phrase or naming modifier
        (``_noun_source``), or the subject of the verb the noun is the object of ('Rubio rejected the claim that …'
        is not Rubio's claim: objects of verbs of denial are left out). No source, no statement ("growing concerns
        that …")."""
        lemma = tok.lemma_.lower()
        table = learned()
        hit, seen = table.get(f"NOUN:{lemma}", (0, 0))
        listed = lemma in lx.REPORTING_NOUNS or (seen >= 10 and hit / seen >= self.cues.threshold)
        # the noun's that-clause; "pronouncements that Clinton was the winner" is sometimes parsed as a relative
        # clause, but a "that" the parse marks as the clause's mark (not its subject or object) opens a complement
        clause = next((c for c in tok.children if c.dep_ in {"acl", "ccomp", "relcl"} and c.i > tok.i and
                       any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if clause is None and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            # "his view was that …", "the ministry's argument is that …": the noun as the subject of "be", the
            # clause its predicate
            clause = next((c for c in tok.head.children if c.dep_ in {"ccomp", "attr", "advcl"} and
                           c.i > tok.head.i and any(m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i
                                                    for m in c.children)), None)
        src = next((c for c in tok.children if c.dep_ == "poss"), None)
        if src is None and clause is not None:
            src = self._noun_source(tok, clause)
        if clause is None and src is not None:
            # "Obama's calls for tighter gun control", "his criticism of the deal", "their refusal to stand with …":
            # a possessor's stance noun with its object (the noun and preposition learnt as a cue pair)
            for c in tok.children:
                if c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) and listed:
                    clause = c
                    break
                if c.dep_ == "prep" and c.i > tok.i and c.lower_ in lx.CONTENT_PREPS | {"to", "toward", "towards"}:
                    h, n = table.get(f"NOUN:{lemma}+{c.lower_}", (0, 0))
                    obj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                    if obj is not None and (listed or (n >= 5 and h / n >= self.cues.threshold)):
                        clause = obj
                        break
        elif not listed:
            return
        if clause is None:
            return
        if src is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in {"make", "issue", "repeat", "reiterate",
                                                                             "voice", "express", "publish"}:
            src = subject_token(tok.head)
        if src is None or not is_animate(src):
            return
        span = self._trim(*self._clause_extent(clause))
        if span is None or (self._overlaps(span) and not self._absorb(span)):
            return
        d = Draft(tok, [span], "indirect", *self.sent_bounds([span], tok), self.para_of(span[0]), speaker_tok=src)
        d.kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
        self.drafts.append(d)
        self.used_cues[tok.i] = d

    @staticmethod
    def _noun_source(tok: Token, clause: Token) -> Token | None:
        """Who made the claim when the noun has no possessor: its "by"/"from" phrase ("the claim by Democrats that
        …", "warnings from his attorney that …", also when the parse hangs it on the verb, between the noun and its
        clause) or a naming modifier before it ("a New York Times report that …"); None when the phrase names
        nobody."""
        between = [c for c in tok.head.children if tok.head is not tok and tok.i < c.i < clause.i]
        for c in list(tok.children) + between:
            if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from"} and c.i > tok.i:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and is_animate(obj):
                    return obj
        mods = [c for c in tok.children if c.dep_ in {"compound", "nmod"} and c.i < tok.i and is_animate(c)]
        return mods[-1] if mods else None

    def _according(self, tok: Token) -> None:
        doc = self.doc
        to = doc[tok.i + 1]
        src = next((c for c in to.children if c.dep_ == "pobj"), None)
        if src is None:
            return
        sent = self.sents.of(tok)
        phrase = set(t.i for t in tok.subtree) | set(t.i for t in to.subtree) | {tok.i, to.i}
        if tok.head is tok or len([t for t in sent if t.i not in phrase]) < 3:
            # "According to Rush Limbaugh, the move reeks of …" parsed with the whole sentence under "According":
            # the phrase ends at the first comma after its source
            comma = next((t.i for t in doc[src.i:sent.end] if t.text == ","), None)
            if comma is not None and tok.i < sent.start + 2:
                phrase = set(range(tok.i, comma + 1))
        rest = [t for t in sent if t.i not in phrase]
        if len(rest) < 3:
            return
        # the sentence on both sides of the phrase: "At the heart of the trouble, according to Ross, was a decision
        # …" is one content in two spans; a lone "But"/"And" or adverb before it is not part of it
        lo, hi = min(phrase), max(phrase) + 1
        before = [t for t in doc[sent.start:lo] if not t.is_punct]
        after = [t for t in doc[hi:sent.end] if not t.is_punct]
        spans = []
        if before and not all(t.dep_ in {"cc", "advmod"} for t in before):
            spans.append(self._trim(sent.start, lo))
        if after:
            spans.append(self._trim(hi, sent.end))
        spans = [sp for sp in spans if sp]
        if not spans or any(self._overlaps(sp) and not self._absorb(sp) for sp in spans):
            return
        d = Draft(tok, spans, "indirect", sent.start_char, sent.end_char, self.para_of(spans[0][0]),
                   speaker_tok=src)
        d.kind = "mixed" if any(a <= q.start < b for q in self.quotes for a, b in spans) else "indirect"
        self.drafts.append(d)
