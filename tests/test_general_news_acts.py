"""General-news statements on hand-built sentences (issue 11): acts and non-speakers are not statements."""

import pytest

pytestmark = pytest.mark.slow


def said(nlp, text):
    """(speaker name, content) of the speech and writing statements: what the general-news gold scores."""
    doc = nlp(text)
    names = {a.id: a.name for a in doc._.onrecord_actors}
    return [(names.get(s.speaker.actor), s.content_text) for s in doc._.onrecord_statements
            if s.type in {"speech", "writing"}]


def test_a_negated_cue_with_an_embedded_question_says_nothing(nlp):
    for text in ("The industry body said it had launched a new round of legal action, but did not say how many "
                 "people were being sued.",
                 "The two firms did not say if they were developing the technology for other languages.",
                 "The club would not say whether the striker had asked for a transfer."):
        got = said(nlp, text)
        assert not any(c.lower().lstrip().startswith(("how", "if", "whether")) for _, c in got), (text, got)
    # not negated: the question is what was asked or said
    assert said(nlp, "The minister said how many people had been sued.")


def test_a_plea_in_court_is_an_act(nlp):
    for text in ("William Trowbridge and Michael Chicoine pleaded guilty to charges that they infringed copyright.",
                 "The former chief executive pleaded not guilty to charges that he misled investors."):
        assert said(nlp, text) == [], text


def test_a_decision_is_not_speech(nlp):
    for text in ("She was due to play in Perth but decided she wanted to rest her knee.",
                 "The board determined that the chairman should stay."):
        assert said(nlp, text) == [], text


def test_a_subject_that_cannot_speak_makes_no_statement(nlp):
    for text in ("The new award adds to the two trophies and three medals won earlier in the season.",
                 "The live record - which saw the duo play two sets each - topped the charts in Japan.",
                 "It took until 1999 for the band to have a hit in France, while their second album saw their fame "
                 "spread across Europe."):
        assert said(nlp, text) == [], text
    # people and bodies named by a common noun still speak
    assert said(nlp, "The singer said the tour would go ahead.")
    assert said(nlp, "The firm added that profits would rise.")
