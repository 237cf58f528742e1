"""Pass 5 and the record: drafts in text order, cue-less quotes that continue the statement before them (the
split-quote convention) or float after the previous speaker, and the ``Statement`` objects with speaker and medium."""

from __future__ import annotations

import bisect

from spacy.tokens import Span, Token

from ...model import Speaker, Statement, TextSpan, content_hash
from .. import lexicon as lx
from .. import speech
from ..marks import Quote
from ..syntax import is_animate, np_span
from .drafts import Draft, Drafts
from .medium import cue_span, medium_of


class Output(Drafts):
    """Pass 5 (floating quotes) and the statements."""

    def _merge_continuations(self) -> None:
        """“A,” he said. “B.” — a cue-less quote opening the next sentence of the same paragraph continues the
        statement before it (one statement, two spans), as in the split-quote convention of PolNeAR and PARC."""
        merged: list[Draft] = []
        for d in self.drafts:
            prev = merged[-1] if merged else None
            if d.floating and prev is not None and not prev.floating and prev.para == d.para and prev.cue is not None:
                gap = self.text[prev.sent_end: d.spans[0][0]]
                if d.spans[0][0] >= prev.sent_end and gap.strip() == "":
                    prev.spans.extend(d.spans)
                    prev.quotes.extend(d.quotes)
                    prev.sent_end = max(prev.sent_end, d.sent_end)
                    if prev.kind == "indirect":
                        prev.kind = "mixed"
                    continue
            merged.append(d)
        self.drafts = merged

    def finish(self) -> tuple[Statement, ...]:
        self.drafts.sort(key=lambda d: d.spans[0][0] if d.spans else d.sent_start)
        self._merge_continuations()
        out: list[Statement] = []
        prev_speaker: Speaker | None = None
        prev_para = -10
        text_id = content_hash(self.text)
        for d in self.drafts:
            if d.floating:
                q = self.quotes[d.quotes[0]]
                if not self._floating_ok(q, d.para, prev_para) or prev_speaker is None:
                    continue
                speaker = Speaker(text=prev_speaker.text, span=prev_speaker.span, actor=prev_speaker.actor,
                                  resolution="previous")
                cue = None
                medium = None
            else:
                speaker = self._speaker(d.speaker_tok, d.speaker_span)
                cue = TextSpan(self.text[slice(*cue_span(d.cue))], cue_span(d.cue)) if d.cue is not None else None
                m = medium_of(d.cue, self.ents) if d.cue is not None and d.cue.pos_ == "VERB" else None
                medium = TextSpan(m[0], m[1]) if m else None
                if speech.is_document(d.speaker_tok):  # "a statement said": the medium; its author speaks
                    speaker, medium = self._document_speaker(d, out), TextSpan(*speech.document_phrase(d.speaker_tok))
            spans = tuple((int(a), int(b)) for a, b in d.spans)
            content = " … ".join(self.text[a:b] for a, b in spans)
            if not any(ch.isalnum() for ch in content):
                continue  # only marks and punctuation left ("''", "—"): nothing was said
            stype = speech.statement_type(self.doc, d.cue, spans, d.kind, self.quotes, speaker=d.speaker_tok,
                                          medium=medium.text if medium else None, floating=d.floating or d.line)
            if stype is None:
                continue  # an act ("announced a package of measures"), not a statement: nlp/speech.py
            out.append(Statement(
                id=content_hash(text_id, repr(spans)),
                kind=d.kind, content_text=content, content_spans=spans, cue=cue, speaker=speaker,
                medium=medium, sentence_span=(d.sent_start, d.sent_end), type=stype))
            if speaker.text is not None or d.floating:
                prev_speaker, prev_para = speaker, d.para  # an unsourced passive is nobody a later quote continues
        return tuple(out)

    def _floating_ok(self, q: Quote, para: int, prev_para: int) -> bool:
        if para - prev_para > 1:
            return False
        ps = self.paras[para]
        nl = self.text.find("\n", ps)
        pe = len(self.text) if nl < 0 else nl
        body = self.text[ps:pe].strip()
        quoted = sum(b - a for a, b in q.spans if ps <= a < pe)
        if body and quoted >= 0.7 * len(body):
            return True
        # a quote that opens a sentence after a statement in the same paragraph
        words = self.text[q.start:q.end].split()
        before = self.text[max(ps, q.start - 3):q.start].strip()
        if para == prev_para and len(words) >= 4 and (before == "" or before[-1:] in ".!?"):
            return True
        # a paragraph that opens with a whole quoted sentence, next to the previous speaker's paragraph: '…said that
        # her housemates had “agendas”. ¶ “I had no idea who would be in here …” Media observers had been …'
        inner = self.text[q.start:q.end].rstrip("\"”’' ")
        return para == prev_para + 1 and q.start == ps and len(words) >= 4 and inner[-1:] in ".!?"

    def _document_speaker(self, d: Draft, earlier: list[Statement]) -> Speaker:
        """The author of the document a statement is attributed to (nlp/speech.py), or unresolved."""
        author = speech.document_author(d.speaker_tok, is_animate)
        if author is not None:
            return self._speaker(author)
        orgs = {self.index.actor_id(i) for i, a in enumerate(self.index.actors) if a.kind == "organisation"}
        starts = [s.start_char for s in self.doc.sents]
        found = speech.author_from_context(d.sent_start, earlier, orgs, lambda at: bisect.bisect_right(starts, at))
        mention = np_span(d.speaker_tok)
        return Speaker(text=mention.text, span=(mention.start_char, mention.end_char),
                       actor=found.actor if found else None, resolution="author" if found else "unresolved")

    def _speaker(self, tok: Token | None, span: Span | None = None) -> Speaker:
        if tok is None:
            return Speaker(text=None, span=None, actor=None, resolution="unresolved")
        edge = tok.right_edge
        if tok.dep_ == "csubj" and tok.pos_ == "VERB" and edge.pos_ == "PROPN" and edge.i + 1 == tok.head.i:
            # "speaking in Thailand Hingis admitted": the fronted participle swallowed the subject in the parse (a
            # participle does not speak; the name just before the cue does)
            tok, span = edge, None
        if span is None:
            # "the company's chief executive Tom Baker": the name in apposition is the better mention
            for c in tok.children:
                if c.dep_ == "appos" and c.ent_type_ in {"PERSON", "ORG"}:
                    tok = c
                    break
            span = np_span(tok)
        idx, how = self.index.resolve(span)
        if idx is None and tok.tag_ in {"NNS", "NNPS"} and (
                tok.lemma_.lower() in lx.GROUP_NOUNS or tok.lower_ in lx.GROUP_NOUNS or tok.ent_type_ == "NORP"):
            idx, how = self.index.add_group(span), "name"  # people speaking as a group: "Ukrainian officials"
        actor = self.index.actor_id(idx) if idx is not None else None
        return Speaker(text=span.text, span=(span.start_char, span.end_char), actor=actor, resolution=how)
