"""onrecord: who said what, who did what to whom, and who stands where, from news text."""

from .config import Options
from .errors import OnrecordError
from .model import Actor, Article, Removed, Speaker, Statement, TextSpan

__version__ = "0.1.0"


def extract(text_or_path, **kwargs) -> Article:
    """``onrecord.extract(text_or_path) -> Article``; see ``onrecord.pipeline.extract``."""
    from .pipeline import extract as _extract

    return _extract(text_or_path, **kwargs)


__all__ = ["Actor", "Article", "OnrecordError", "Options", "Removed", "Speaker", "Statement", "TextSpan",
           "extract", "__version__"]
