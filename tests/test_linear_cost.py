"""Issue 14 item 1: the rule layers cost linear time in the article's length. Counted in operations (Python and
spaCy function calls under cProfile, around the onrecord components only), never in seconds: a layer that asks
``doc.ents``, ``doc.text``, ``token.sent`` or ``list(token.subtree)`` once per event, statement or quote grows with
the square of the article; four times the article must cost no more than six times the calls (linear is four)."""

from __future__ import annotations

import cProfile
import pstats

import pytest

from onrecord.nlp.syntax import Entities, Sentences, Subtrees

pytestmark = pytest.mark.slow

CASES = {  # the reproducers of issue 14, at a quarter of their size and at their full size / 4
    "talks": (lambda n: "\n\n".join(f'"We will continue the talks number {i} next week," Rubio said.'
                                    for i in range(n)), 40),
    "said-a": (lambda n: 'said "a" ' * n, 100),
    "marks": (lambda n: " ".join(f'w{i % 97} "' for i in range(n)), 300),
}


def _layer_calls(nlp, text: str) -> int:
    doc = nlp.make_doc(text)
    prof = cProfile.Profile()
    for name, proc in nlp.pipeline:
        if name.startswith("onrecord_") and name != "onrecord_paragraphs":
            prof.enable()
            doc = proc(doc)
            prof.disable()
        else:
            doc = proc(doc)
    return pstats.Stats(prof).total_calls


@pytest.mark.parametrize("case", sorted(CASES))
def test_four_times_the_article_costs_at_most_six_times_the_work(nlp, case):
    make, n = CASES[case]
    small, large = _layer_calls(nlp, make(n)), _layer_calls(nlp, make(4 * n))
    assert large <= 6 * small, f"{case}: {small:,} calls at n={n}, {large:,} at n={4 * n} (×{large / small:.1f})"


def test_the_indexes_answer_as_spacy_does(nlp, example_path):
    doc = nlp(example_path.read_text(encoding="utf-8"))
    sents, ents, trees = Sentences(doc), Entities(doc), Subtrees(doc)
    for tok in doc:
        assert sents.of(tok) == tok.sent
        sub = list(tok.subtree)
        assert (trees.first[tok.i], trees.last[tok.i]) == (sub[0].i, sub[-1].i)
        inside = {t.i for t in sub}
        assert [i for i in range(len(doc)) if trees.holds(tok.i, i)] == sorted(inside)
    for sent in doc.sents:
        assert ents.within(sent.start, sent.end) == list(sent.ents)
    ids = {t.i for t in doc[40:400]}
    assert ents.starting_at(ids) == [e for e in doc.ents if e.start in ids]
