"""onrecord_quotes: statements — who said what — over the dependency parse.

Five passes (``Builder.run``), each cheap next to the parse itself:

1. **Quoted passages** (``quoted``, over ``marks.find_quotes``). For every quote, the cue is looked for (a) up the
   heads from the quote's tokens, (b) among tokens outside the quote that hang off a token inside it ("“…,” said
   Dugin" parsed as parataxis), (c) in the rest of the sentence after the closing mark, (d) before the opening mark
   up to a colon, comma or "that". A quote whose cue already carries a quote in the same paragraph joins it as a
   second span ("“If …,” Rubio said, “…”"). Kind: ``direct`` when the content is the quote alone, ``mixed`` when
   the cue's complement holds quoted and unquoted words.
2. **Indirect speech** (``builder.indirect_pass``, handing each word to its rule family). Every remaining cue — a
   verb of saying, writing, believing or knowing, any verb that governs a finite clausal complement and has an
   animate subject (the class is open), or a verb PolNeAR train shows to be mostly a cue (``cues``, over
   ``data/cues.json``) — with its clausal complement ("Rubio said it would be up to Moscow…"), its object and the
   rest of the predicate ("blamed X for Y", "described X as Y"), its infinitive ("declined to comment") or its
   learnt preposition ("pointed to X") (``bounds``); a passive with no agent gives a statement without a speaker
   ("Obama is expected to join Clinton"); an as-clause reports the main clause ("As the Times reported, …").
   Besides verbs (``phrases``): "according to X", a possessor's reporting noun ("his claim that …", "Obama's calls
   for …"), a stance adjective ("was adamant that …", "is critical of …"). A light verb with a speech-act noun as
   its object is a cue too ("took a swipe at X", "raised questions about X"), and "seem"/"appear" with a subject
   that is not a person give a sourceless statement of the subject and its complement ("The music | seemed to
   match the mood") (``verbs``). The object of "tell" is the addressee, and "speak"/"talk" report only their
   topic. A quote inside such a content joins it.
3. **Source phrases** (``phrases``). A fronted "In a poll/report/speech …," is the source of the clause it opens.
4. **Colon lines** (``phrases``). A line that opens with a name and a colon is that speaker's (headlines,
   transcripts).
5. **Attribution at the end of a line** (``phrases``): so is a line that ends with a comma, a speaker and "says"
   ("…, Lindsey Graham Says.").
6. **Floating quotes** (``output``). A quote with no cue that makes up its paragraph (or opens a sentence after a
   statement in the same paragraph) continues the previous speaker.

Contents leave out what the source did not say (``bounds``): a ", who …" or ", arguing …" aside (a ", which …"
only after an object, or when it reports words of its own), the writer's contrast (", while others said …"), a
second verb of saying ("… and suggested that …"). An attribution inside a later verb of saying's clause ("…, sources
said") gives way to it (``builder``).

Speakers are the subject of the cue (``syntax.subject_token``, climbing through "writing on X", "adding that",
"among the leaders welcoming" to the clause that has one; an object that controls the cue speaks: "leading some
commentators to argue that …"; a fronted participle the parse made the subject gives way to the name before the
cue: "speaking in Thailand Hingis admitted") and are resolved through ``ActorIndex``; media come from
the cue's prepositional phrases ("in a statement", "on X", "in a post on X") and the addressee of "tell"
(``medium``).

The cue thresholds are the factory's settings (``default_config``; ``Options`` carries them to every worker).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import failsoft
from ..actors import doc_index
from .builder import Builder
from .cues import DEFAULT_CUES, CueThresholds, cue_rate, is_cue

__all__ = ["Builder", "CueThresholds", "DEFAULT_CUES", "QuotesComponent", "cue_rate", "is_cue", "make_quotes"]

if not Doc.has_extension("onrecord_statements"):
    Doc.set_extension("onrecord_statements", default=())


@Language.factory("onrecord_quotes", requires=["token.dep", "doc.ents"],
                  assigns=["doc._.onrecord_statements", "doc._.onrecord_actors"],
                  default_config={"cue_threshold": DEFAULT_CUES.threshold, "strong_cue": DEFAULT_CUES.strong_cue,
                                  "strong_seen": DEFAULT_CUES.strong_seen})
def make_quotes(nlp: Language, name: str, cue_threshold: float, strong_cue: float,
                strong_seen: int) -> "QuotesComponent":
    return QuotesComponent(CueThresholds(threshold=float(cue_threshold), strong_cue=float(strong_cue),
                                         strong_seen=int(strong_seen)))


class QuotesComponent:
    """Sets ``doc._.onrecord_statements``; adds speaking groups to ``doc._.onrecord_actors``."""

    def __init__(self, cues: CueThresholds = DEFAULT_CUES):
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        index = doc_index(doc)
        got = failsoft.run(doc, "W100", "quotes", lambda clock: self.statements(doc, index, clock))
        doc._.onrecord_statements = got or ()
        doc._.onrecord_actors = index.freeze()
        return doc

    def statements(self, doc: Doc, index, clock: failsoft.Clock = failsoft.NO_LIMIT):
        builder = Builder(doc, index, self.cues, clock)
        out = builder.run()
        if builder.cut:
            failsoft.out_of_time(doc, "quotes", "; ".join(builder.cut))
        return out
