"""Verb cues of pass 2 beyond the plain verb of saying: "seem"/"appear" with a subject that is not a person, a
passive with no agent, and a light verb with a speech-act noun as its object ("took a swipe at X")."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..syntax import complement, is_animate, subject_token
from .bounds import ContentBounds
from .cues import cue_rate
from .drafts import Draft


class VerbCues(ContentBounds):
    """Raising verbs, unsourced passives, light verbs."""

    def _light_verb(self, tok: Token) -> bool:
        """'made these same allegations against the NRA', 'took a swipe at Trump', 'raised questions about whether …',
        'made the case to …': a light verb with a speech-act noun as its object; the content is what the noun's
        preposition governs, or its infinitive (a that-clause is the noun's, see ``_noun_cue``). True when a
        statement was made."""
        noun = next((c for c in tok.children if c.dep_ == "dobj" and (
            c.lemma_.lower() in lx.SPEECH_ACT_NOUNS or c.lower_ in lx.SPEECH_ACT_NOUNS)), None)
        if noun is None:
            return False
        subj = subject_token(tok)
        if subj is None or not is_animate(subj):
            return False
        if any(c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in noun.children):
            return False  # "made the argument that …": the noun's own clause (``_noun_cue``)
        content = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.i > noun.i and
                        any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if content is None:
            preps = [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i] + \
                    [c for c in tok.children if c.dep_ == "prep" and c.i > noun.i]
            prep = next((p for p in preps if p.lower_ in lx.CONTENT_PREPS | {"at", "to", "toward", "towards"}), None)
            content = next((g for g in prep.children if g.dep_ in {"pobj", "pcomp"}), None) if prep else None
        if content is None:
            return False
        span = self._trim(*self._without_asides(list(content.subtree), content.i))
        if span is None or (self._overlaps(span) and not self._absorb(span)):
            return False
        kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
        d = Draft(tok, [span], kind, *self.sent_bounds([span], tok), self.para_of(span[0]), speaker_tok=subj)
        self.drafts.append(d)
        self.used_cues[tok.i] = d
        return True

    def _raising(self, tok: Token) -> bool:
        """'The music seemed to match the mood', 'the relationship appears to be alive', 'it appears that …': the
        subject and the complement are the content, with no source (not for a person or group as the subject). Not when the complement is itself a cue ('She appeared to
        imply that …' is hers, cued by "imply"). True when this verb is dealt with."""
        rest = next((c for c in tok.children if c.i > tok.i and c.dep_ in {"xcomp", "acomp", "oprd", "ccomp", "attr"}),
                    None)
        if rest is None or any(c.dep_ == "agent" for c in tok.children):
            return False
        if rest.pos_ == "VERB" and self.is_cue(rest) and cue_rate(rest)[0] >= self.cues.strong_cue:
            return True  # the complement's verb is the cue, with this subject (``subject_token`` climbs to it)
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or is_animate(subj):
            # "Some officials in Moscow appeared hostile toward the ceasefire": a position an actor takes, which the
            # stances' narration reads outside statements
            return False
        own = self._trim(*self._without_asides(list(rest.subtree), rest.i))
        if subj.lower_ == "it" and subj.pos_ == "PRON" or subj.dep_ == "expl":
            spans = [own] if own and rest.dep_ == "ccomp" else []  # "it appears that …"
        else:
            sub = list(subj.subtree)
            spans = [sp for sp in (self._trim(sub[0].i, sub[-1].i + 1), own) if sp]
            if len(spans) < 2:
                return False
        if not spans or any(self._overlaps(sp) for sp in spans):
            return False
        kind = "mixed" if any(a <= q.start < b for q in self.quotes for a, b in spans) else "indirect"
        d = Draft(tok, spans, kind, *self.sent_bounds(spans, tok), self.para_of(spans[0][0]), speaker_tok=None)
        self.drafts.append(d)
        self.used_cues[tok.i] = d
        return True

    def _unsourced_passive(self, tok: Token) -> None:
        """'Obama is expected to join Clinton', 'he was suspected of plotting murder': a passive cue with no agent
        still reports something about its subject; the statement has no speaker (the text names none)."""
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is None or any(c.dep_ == "agent" for c in tok.children):
            return
        if cue_rate(tok)[0] < self.cues.strong_cue:
            return
        if subj.lower_ == "it" and subj.pos_ == "PRON":
            comp = complement(tok)  # "it is expected that …"
            span = self._trim(*self._clause_extent(comp)) if comp is not None else None
            if span is not None and not self._overlaps(span):
                kind = "mixed" if any(span[0] <= q.start < span[1] for q in self.quotes) else "indirect"
                d = Draft(tok, [span], kind, *self.sent_bounds([span], tok), self.para_of(span[0]))
                self.drafts.append(d)
                self.used_cues[tok.i] = d
            return
        rest = next((c for c in tok.children if c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in {"as", "of"}
                                                                      and c.i > tok.i)), None)
        if rest is None:
            return
        sub = list(subj.subtree)
        spans = [sp for sp in (self._trim(sub[0].i, sub[-1].i + 1), self._trim(*self._without_asides(
            list(rest.subtree), rest.i))) if sp]
        if len(spans) < 2 or self._overlaps(spans[1]):
            return
        kind = "mixed" if any(a <= q.start < b for q in self.quotes for a, b in spans) else "indirect"
        d = Draft(tok, spans, kind, *self.sent_bounds(spans, tok), self.para_of(spans[0][0]), speaker_tok=None)
        self.drafts.append(d)
        self.used_cues[tok.i] = d
