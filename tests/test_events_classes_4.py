"""Events, issue 12 (plover10): classes of language read off the errors of the third BBC sentence gold
(tests/data/plover-bbc-gold-3.jsonl, dev as a whole); every sentence here is our own."""

from __future__ import annotations

import pytest
from test_events_classes import _code, _types  # the same coding helpers


@pytest.mark.slow
@pytest.mark.parametrize("text, kind, trigger", [
    # what a party must or should do, in what another says, is a demand of that party (manual, REQUEST: "all
    # requests, demands, and orders"); what it should have done is criticism (ACCUSE 'disapprove')
    ("German ministers say Japan must open its markets to foreign banks.", "REQUEST", "say"),
    ("\"Russia should free the journalists,\" said Foreign Minister Anna Berg.", "REQUEST", "said"),
    ("The union said the government ought to reopen the plant.", "REQUEST", "said"),
    ("Campaigner John Wells said the police should have closed the road years ago.", "ACCUSE", "said"),
    # a party said to be a proponent or an advocate of something supports it (CAMEO 051 endorse)
    ("Mr Smith is a keen proponent of free trade with Chile.", "SUPPORT", "proponent"),
    ("Spain has long been an advocate of Moroccan membership.", "SUPPORT", "advocate"),
    # favouring a course is endorsing it (CAMEO 051)
    ("The Dutch government favours a quick end to the embargo.", "SUPPORT", "favours"),
])
def test_type_classes_of_the_third_gold(nlp, text, kind, trigger):
    assert (kind, trigger) in _types(nlp, text)


@pytest.mark.slow
def test_the_party_that_must_act_is_the_target(nlp):
    [(_, src, tgt)] = [x for x in _code(nlp, "German ministers say Japan must open its markets to foreign banks.")
                       if x[0].type == "REQUEST"]
    assert tgt == ["Japan"]
    [(_, src, tgt)] = [x for x in _code(nlp, "Campaigner John Wells said the Home Office should have acted sooner.")
                       if x[0].type == "ACCUSE"]
    assert src == ["John Wells"] and tgt == ["Home Office"]


@pytest.mark.slow
def test_what_the_deontic_class_leaves_alone(nlp):
    for text in ("The minister said prices must fall next year.",  # a thing, not a party
                 "The minister said we must act now.",  # the speaker's own side
                 "Analysts said the bank must have known about the losses.",  # a deduction
                 "Mr Brown said it should be possible to cut taxes."):
        assert not [k for k, t in _types(nlp, text) if t in {"said"} and k in {"REQUEST", "ACCUSE"}], text
