"""The statement builder: the rule families composed over one Doc, and the passes in their order."""

from __future__ import annotations

from ...model import Statement
from .. import lexicon as lx
from .. import speech
from ..syntax import SUBJ, complement, controller, fronted_subject, subject_token
from .cues import cue_rate
from .drafts import Draft
from .output import Output
from .phrases import PhraseCues
from .quoted import QuotedPassages
from .verbs import VerbCues


class Builder(QuotedPassages, VerbCues, PhraseCues, Output):
    """``Builder(doc, index, cues).run()`` → the statements of ``doc``; the passes are those the package docstring
    names, in that order."""

    def run(self) -> tuple[Statement, ...]:
        passes = (self.quotes_pass,  # 1. quoted passages
                  self.indirect_pass,  # 2. indirect speech
                  self.source_phrase_pass,  # 3. source phrases ("In a poll released Sunday, …")
                  self.colon_pass,  # 4. colon lines ("Gillibrand: …")
                  self.line_says_pass)  # 5. lines that end in their attribution ("…, Lindsey Graham Says.")
        for number, step in enumerate(passes, start=1):
            if self.clock.over():  # the article's time budget is spent: keep what is done
                self.cut.append(f"quotes passes {number}-{len(passes)} not run")
                break
            step()
        return self.finish()  # then floating quotes, then the statements in text order

    def indirect_pass(self) -> None:
        """Pass 2: every token not yet a cue nor inside a quote, handed to the rule family for its kind of cue."""
        doc = self.doc
        for tok in doc:
            if self.clock.over():
                self.cut.append(f"quotes pass 2 stopped at word {tok.i} of {len(doc)}")
                return
            if tok.i in self.used_cues or self.in_quote(tok):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                self._according(tok)
                continue
            if tok.pos_ == "NOUN":
                self._noun_cue(tok)
                continue
            if tok.pos_ == "ADJ" and tok.dep_ == "acomp" or self._stance_participle(tok):
                self._adjective_cue(tok)
                continue
            if tok.pos_ == "VERB" and tok.lemma_.lower() in lx.RAISING_VERBS and self._raising(tok):
                continue
            if tok.pos_ == "VERB" and tok.lemma_.lower() in lx.LIGHT_VERBS and self._light_verb(tok):
                continue
            if tok.pos_ != "VERB" or not self.is_cue(tok):
                continue
            if cue_rate(tok)[0] < self.cues.strong_cue and any(
                    c.lower_ == "according" and c.i + 1 < len(doc) and doc[c.i + 1].lower_ == "to"
                    for c in tok.children):
                continue  # "Americans would see their taxes go up, according to an analysis": a verb that is seldom a
                # cue, in a clause a source phrase gives to someone, is part of that clause
            if self._yields_to_inner(tok):
                continue  # "declined to say whether …": the inner verb of saying is the cue, with this subject
            # "leading some commentators to argue that …": the object that controls the cue is its speaker
            subj = controller(tok) or subject_token(tok) or fronted_subject(tok)
            if subj is None:
                self._unsourced_passive(tok)
                continue
            if (subj.lower_ == "it" and subj.dep_ in {"nsubj", "nsubjpass"} and subj.pos_ == "PRON"
                    and not complement(tok) and not self._evaluates_object(tok)
                    and not (tok.dep_ == "parataxis" and self._parenthetical_mid(tok))):
                continue  # "it seems"; but "The average benefit, it says, would be $300": a document or body
            if subj.lower_ == "it" and subj.dep_ == "nsubjpass":
                continue  # "it is said that …" has no source
            spans, kind = self.content_for(tok, None)
            if not spans:
                spans, kind = self._after_colon(tok)
            if not spans or (len(self.text[spans[0][0]:spans[0][1]].split()) < 2
                             and not self._one_word_ok(spans[0], tok)):
                continue
            if self._only_time(spans[0]):
                continue  # "Speaking Wednesday afternoon": a time, not content
            if (self._overlaps(spans[0]) and not self._absorb(spans[0], closing=True)
                    and not self._take_nested(tok, spans)):
                continue
            d = Draft(tok, spans, kind, *self.sent_bounds(spans, tok), self.para_of(spans[0][0]),
                       speaker_tok=subj)
            self.drafts.append(d)
            self.used_cues[tok.i] = d

    @staticmethod
    def _stance_participle(tok) -> bool:
        """'Protesters were frustrated that …', 'we are convinced this is …': a stance adjective that is a past
        participle, tagged as a verb — passive with "be" and no agent, or the complement of "be" — is the adjective
        ("was adamant that …"), a position held by the subject."""
        if tok.pos_ != "VERB" or tok.tag_ != "VBN" or tok.lower_ not in lx.STANCE_ADJECTIVES:
            return False
        if any(c.dep_ == "agent" or c.tag_ == "MD" for c in tok.children):
            return False  # "was convinced by his aides", "can be convinced that …": someone does the convincing
        return tok.dep_ == "acomp" or any(c.dep_ == "auxpass" and c.lemma_ == "be" for c in tok.children)

    @staticmethod
    def _evaluates_object(tok) -> bool:
        """'… after it backed Clinton', 'it attacked Trump': the subject "it" of a verb of evaluation with an object
        stands for a paper, a company or a body, never for nothing ("it seems", "it is said")."""
        return tok.lemma_.lower() in speech.EVALUATIVE_CUES and any(c.dep_ == "dobj" for c in tok.children)

    def _take_nested(self, tok, spans) -> bool:
        """'Secret Service protocol called for her to be taken to a trauma center, sources said', 'Trump said that
        Clinton once described the pact as “the gold standard”': a verb of saying whose clause holds an earlier
        draft — its cue and its content — reports it; the inner attribution is part of what was said (PolNeAR and
        the general-news gold annotate the outer one only). The inner drafts give way; says whether the content is
        then free."""
        if tok.lemma_.lower() not in lx.REPORTING_VERBS or len(spans) != 1:
            return False
        a, b = spans[0]
        trailing = tok.idx >= b and self._trailing_clause(tok, b)
        if not (trailing or (complement(tok) is not None and tok.idx < a)):
            return False
        inner = [d for d in self.drafts if d.cue is not None and d.kind != "direct" and a <= d.cue.idx < b and
                 all(a <= x and y <= b for x, y in d.spans)]
        if not inner:
            return False
        kept = [d for d in self.drafts if not any(d is x for x in inner)]
        others, self.drafts = self.drafts, kept
        if self._overlaps(spans[0]):
            self.drafts = others
            return False
        for d in inner:
            if self.used_cues.get(d.cue.i) is d:
                del self.used_cues[d.cue.i]
        return True

    def _trailing_clause(self, tok, b: int) -> bool:
        """'…, sources said.', '…, said Mr. Barrett, the state's lawyer.': after the content come a comma and the
        cue's own clause (its subject, auxiliaries, adverbs and phrases), which ends the sentence."""
        sent = self.sents.of(tok)
        if not self.text[b:tok.idx].lstrip("”\"’' ").startswith(","):
            return False
        own = {tok.i} | {t.i for c in tok.children if c.dep_ in SUBJ | {"aux", "neg", "advmod", "npadvmod", "prep"}
                         for t in c.subtree}
        for t in self.doc[tok.i:sent.end]:
            if t.text in {".", "!", "?"} or "\n" in t.text:
                return True  # the sentence (or the paragraph, where the parse ran two together) ends here
            if not (t.is_punct or t.i in own):
                return False
        return True

    def _yields_to_inner(self, tok) -> bool:
        """'declined to say whether he would run', 'could not resist pointing out that …', 'refused to concede that
        …': a cue with no clause of its own whose infinitive or gerund complement is a verb of saying with a clause
        reports that clause through the inner verb (whose subject is this one's), not an act of declining."""
        if complement(tok) is not None:
            return False
        cur, hops = tok, 0
        while hops < 3:
            inner = next((c for c in cur.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.i > cur.i), None)
            if inner is None:
                return False
            if complement(inner) is not None and self.is_cue(inner) and inner.i not in self.used_cues:
                return True
            cur, hops = inner, hops + 1
        return False

