"""Pass 1, quoted passages: the cue of every quote — up the heads from the quote's tokens, among the tokens that
hang off it, after the closing mark, before the opening one — and a second quote on the same cue as one more span."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from .. import speech
from ..syntax import complement, is_animate, subject_token
from .bounds import ContentBounds
from .cues import content_prep, cue_rate
from .drafts import NOT_CONTENT, Draft


class QuotedPassages(ContentBounds):
    """Pass 1: a draft for every quote, with its cue or floating."""

    def cue_for_quote(self, qi: int) -> Token | None:
        qs, qe = self.quote_tokens[qi]
        if qe <= qs:
            return None
        q = self.quotes[qi]
        paras = {self.para_of(q.start), self.para_of(max(q.start, q.end - 1))}
        found = self._find_cue(qs, qe)
        if found is not None and found.lower_ == "according":
            return None  # "According to X, the campaign pays “dozens” …": the whole clause is X's (indirect pass)
        # a cue never reaches across a paragraph break: a quote alone in its paragraph is a floating quote
        if found is not None and self.para_of(found.idx) in paras:
            return found
        return None

    def _find_cue(self, qs: int, qe: int) -> Token | None:
        doc = self.doc
        # (a) up the heads
        for t in doc[qs:qe]:
            if qs <= t.head.i < qe:
                continue
            if t.dep_ in NOT_CONTENT:
                continue
            cur, hops = t.head, 0
            weak: Token | None = None
            while hops < 4 and not (qs <= cur.i < qe):
                if cur.pos_ == "VERB" and not self.in_quote(cur) and (self.is_cue(cur) or (
                        cur.lemma_.lower() in speech.ADVOCACY_CUES and t.dep_ == "xcomp" and t.head == cur)):
                    # 'exhorted Republicans to “vote your conscience”': a verb of advocacy urging the quoted words
                    if cue_rate(cur)[0] >= self.cues.strong_cue:
                        return cur
                    # "Aides say the governor plans to “actively support” Cruz": a verb of saying further up
                    # reports the quote; the weaker cue is kept in case there is none
                    weak = weak or cur
                # a quote inside the subject or an apposition ("Dugin, … referred to as “Putin’s Rasputin”") is
                # not what the verb above reports; one in a clause on an object is ("evidence that she was “…”")
                if cur.head is cur or (cur.dep_ in NOT_CONTENT and not (
                        cur.dep_ in {"acl", "relcl"} and cur.head.dep_ in {"attr", "dobj", "pobj", "oprd"})):
                    break
                cur, hops = cur.head, hops + 1
            if weak is not None:
                return weak
        # (b) hanging off the quote
        for t in doc[qs:qe]:
            for c in t.children:
                if not (qs <= c.i < qe) and c.pos_ == "VERB" and not self.in_quote(c) and self.is_cue(c):
                    return c
        # (c) after the closing mark, to the end of that sentence (not past another quote)
        if qe < len(doc):
            # the quote may end its sentence ("“We will win.” Rubio said.") but a cue in the next sentence with a
            # clause of its own reports that clause ("“The Truman Show.” She says he is unqualified.")
            new_sent = self.sents.index[qe - 1] != self.sents.index[qe] and not doc[qe].is_punct
            for t in doc[qe:self.sents.of(doc[qe]).end]:
                if self.in_quote(t):
                    break
                subj = subject_token(t) if t.pos_ == "VERB" and (self.is_cue(t) or self._speech_slot(t, qe)) else None
                if subj is not None and t.dep_ == "conj" and complement(t) is not None and complement(t).i >= qe:
                    continue  # 'exhorted Republicans to “vote your conscience” and said he was …': a second verb,
                    # with a clause of its own, reports that clause
                if subj is not None and not (new_sent and self._reports_own(t)):
                    if qs <= subj.i < qe and self._outside_subject(t, qs, qe) is None:
                        break  # "that “liberals” allowed terrorism to flourish": the quote is the clause's subject
                    return t
        # (d) before the opening mark, back to the sentence start, when a colon, comma or "that" leads in
        if qs > 0:
            prev = doc[qs - 1]
            if prev.text in {":", ",", "that"} or prev.dep_ == "mark":
                for t in reversed(doc[self.sents.of(doc[qs]).start: qs]):
                    if self.in_quote(t):
                        break
                    if t.pos_ == "VERB" and self.is_cue(t):
                        return t
        return None

    def _names_the_medium(self, qi: int, cue: Token) -> bool:
        """'said on “Fox News Sunday” that …', 'told “Morning Joe” that …', 'said in an interview on CBS's “Face the
        Nation” that …': a quote that is the object of the cue's preposition of place or medium (or sits inside
        that phrase, which has no verb of its own), or the addressee of "tell", while the cue reports a clause of
        its own, is the name of where or to whom it was said."""
        qs, qe = self.quote_tokens[qi]
        comp = complement(cue)
        if comp is None or qs <= comp.i < qe:
            return False
        for c in cue.children:
            slot = None
            if c.dep_ == "prep" and c.lower_ in {"on", "in", "to", "at", "during"}:
                slot = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
            elif c.dep_ in {"dobj", "dative"} and cue.lemma_.lower() in lx.ADDRESSEE_VERBS:
                slot = c
            if slot is not None and qs <= slot.i < qe and all(qs - 1 <= t.i <= qe for t in slot.subtree):
                return True
            # 'in an interview on CBS's “Face the Nation”': the name deeper in the phrase of place or medium, with
            # no verb of its own outside the quote
            if c.dep_ == "prep" and c.lower_ in {"on", "in", "at", "during"}:
                sub = list(c.subtree)
                words = [t for t in self.doc[qs:qe] if not t.is_punct]
                if words and all(sub[0].i <= t.i <= sub[-1].i for t in words) and not any(
                        t.pos_ in {"VERB", "AUX"} and not qs <= t.i < qe for t in sub):
                    return True
        return False

    def _reports_own(self, verb: Token) -> bool:
        """A verb after a quote that ends its sentence reports what follows it, not the quote, when it has a
        content of its own: a clause ("“The Truman Show.” She says he is unqualified."), an object, an infinitive
        or a content preposition ("“…needs.” He also called for “practical measures” …")."""
        if complement(verb) is not None:
            return True
        return any(c.i > verb.i and (c.dep_ in {"dobj", "xcomp", "oprd"} or (
            c.dep_ == "prep" and content_prep(verb, c, self.cues))) for c in verb.children)

    def _outside_subject(self, verb: Token, qs: int, qe: int) -> Token | None:
        """'“… Format interoperability, excellent value … they choose,” he said.': the parse may hang a noun inside
        the quote on the cue as a subject; a subject of the cue outside the quote is then the speaker."""
        return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and not qs <= c.i < qe
                     and not self.in_quote(c)), None)

    def _speech_slot(self, verb: Token, qe: int) -> bool:
        """'“Go back to Univision,” Trump barked.' / '…,” fumed Toomey.': any verb right after a quote that ends
        a comma, with a person as subject and nothing of its own to report, is the quote's cue."""
        doc = self.doc
        if not (qe <= verb.i <= qe + 3) or verb.i - qe > 0 and any(t.is_punct for t in doc[qe:verb.i]):
            return False
        inside = doc[max(qe - 3, 0):qe]
        if not any(t.text == "," or t.text in {"?", "!"} for t in inside):
            return False  # "“Stop.” Trump left." is two sentences
        if any(c.dep_ in {"ccomp", "dobj", "xcomp"} and not self.in_quote(c) for c in verb.children):
            return False
        subj = subject_token(verb)
        return subj is not None and is_animate(subj)

    def quotes_pass(self) -> None:
        for qi, q in enumerate(self.quotes):
            if self.clock.over():
                self.cut.append(f"quotes pass 1 stopped at quote {qi} of {len(self.quotes)}")
                return
            cue = self.cue_for_quote(qi)
            para = self.para_of(q.start)
            if cue is not None and self._names_the_medium(qi, cue):
                continue  # 'said on “Fox News Sunday” that …': a programme's name, not words said
            if cue is None:
                self.drafts.append(Draft(None, [tuple(s) for s in q.spans], "direct", *self.sent_bounds(list(q.spans), None),
                                          para, quotes=[qi], floating=True))
                continue
            prev = self.used_cues.get(cue.i)
            if prev is not None:
                # a second quote on one cue: "“If …,” Rubio said, “…”" → one statement, several spans
                if prev.kind == "direct" and prev.para == para:
                    prev.spans.extend(tuple(s) for s in q.spans)
                    prev.quotes.append(qi)
                    prev.sent_start, prev.sent_end = self.sent_bounds(prev.spans, cue)
                # else the quote sits inside the cue's complement already (mixed)
                elif not any(s[0] <= q.start < s[1] for s in prev.spans):  # (its closing mark may be trimmed off)
                    prev.spans.extend(tuple(s) for s in q.spans)
                    prev.quotes.append(qi)
                continue
            spans, kind = self.content_for(cue, qi)
            speaker = subject_token(cue)
            qs, qe = self.quote_tokens[qi]
            if speaker is not None and qs <= speaker.i < qe:
                speaker = self._outside_subject(cue, qs, qe) or speaker
            d = Draft(cue, spans, kind, *self.sent_bounds(spans, cue), para, speaker_tok=speaker, quotes=[qi])
            self.drafts.append(d)
            self.used_cues[cue.i] = d
