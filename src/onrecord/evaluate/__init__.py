"""Evaluation against gold data: statements (who said what) and article-body extraction.

Readers for gold files live in ``gold``; scorers in ``statements`` and ``extraction``; the ``onrecord eval`` commands
in ``cli``.  Nothing here is imported by the extraction pipeline itself.
"""
