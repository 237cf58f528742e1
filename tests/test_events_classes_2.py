"""Events, issue 12 (fourth pass): classes of language the dev halves of both BBC sentence golds showed
(tests/data/plover-bbc-gold.jsonl and plover-bbc-gold-2.jsonl), each with sentences of our own; types by the PLOVER
manual and the CAMEO→PLOVER table."""

from __future__ import annotations

import pytest
from test_events_classes import _code, _types  # the same coding helpers


@pytest.mark.slow
@pytest.mark.parametrize("text, kind, trigger", [
    # support or a concession refused with a modal is a rejection (CAMEO 12; 124 "decline to yield")
    ("Japan said it cannot support the French proposal.", "REJECT", "support"),
    ("Serbia said it would not bow to demands to recognise Kosovo.", "REJECT", "bow"),
    # "decline" with an object is a refusal
    ("Chile and Peru have declined the invitation.", "REJECT", "declined"),
    # a future meeting is AGREE (manual, CONSULT: "References to future meetings … should be coded as AGREE")
    ("Nato will start formal talks with Georgia in May.", "AGREE", "talks"),
    ("President Lula is due to meet King Abdullah on Friday.", "AGREE", "meet"),
    # one strikes a deal: an agreement, not a blow
    ("Brazil is trying to strike a similar deal with Argentina.", "AGREE", "strike"),
    # "want X to do": a demand of X
    ("The unions want the government to scrap the plan.", "REQUEST", "want"),
    ("Mr Sato said Tokyo would insist on a lower tariff.", "REQUEST", "insist"),
    # a package of aid is aid
    ("Japan confirmed a $50m aid package for Haiti.", "AID", "package"),
    # a case brought to court is ACCUSE 'allege' (manual: "sue or bring to court")
    ("The campaigners launched a legal challenge to the new law.", "ACCUSE", "challenge"),
    ("The Ramblers Association has lodged papers seeking a judicial review of the decision.", "ACCUSE", "seeking"),
    # supplies shut off reduce relations (SANCTION 'discontinue')
    ("Russia shut off gas supplies to Belarus on Monday.", "SANCTION", "shut off"),
    # withdrawing a demand is CONCEDE (manual, REQUEST ambiguities)
    ("Canada and Mexico agreed to suspend their requests for arbitration.", "CONCEDE", "suspend"),
    ("Canada withdrew its complaint against Mexico.", "CONCEDE", "withdrew"),
])
def test_type_classes(nlp, text, kind, trigger):
    assert (kind, trigger) in _types(nlp, text)


@pytest.mark.slow
def test_what_stays_as_it_was(nlp):
    # a meeting that happened is CONSULT; support given is SUPPORT; a fall in profits is no refusal
    assert ("CONSULT", "met") in _types(nlp, "President Lula met King Abdullah on Friday.")
    assert ("SUPPORT", "supports") in _types(nlp, "Japan supports the French proposal.")
    assert not [k for k, _ in _types(nlp, "Profits at the bank declined sharply last year.") if k == "REJECT"]
    assert not [k for k, _ in _types(nlp, "Brazil is trying to strike a similar deal with Argentina.")
                if k == "ASSAULT"]


@pytest.mark.slow
def test_a_future_meeting_keeps_its_surface_type(nlp):
    [(ev, src, _)] = [x for x in _code(nlp, "Marco Rubio will meet Sergei Lavrov on Friday.") if x[0].type == "AGREE"]
    assert ev.surface_type == "CONSULT" and ev.modality == "planned" and src == ["Marco Rubio"]


@pytest.mark.slow
def test_the_one_wanted_to_act_is_the_target(nlp):
    events = _code(nlp, "The Greens want Angela Merkel to scrap the plan.")
    assert [tgt for e, _, tgt in events if e.type == "REQUEST"] == [["Angela Merkel"]]


@pytest.mark.slow
def test_a_strike_is_a_stoppage_in_an_article_about_pay_and_a_blow_in_one_about_war(nlp):
    labour = ("The drivers' union has balloted its members over pay. A strike on the metro has caused long "
              "queues at bus stops.")
    war = "Troops advanced on the town at dawn. A strike on the bridge killed four soldiers."
    assert ("PROTEST", "strike") in _types(nlp, labour)
    assert ("ASSAULT", "strike") in _types(nlp, war)
    # written as a military strike, it is one whatever the article talks about
    assert ("ASSAULT", "strike") in _types(nlp, "The union has balloted its members over pay. An air strike on "
                                                "the bridge killed four people.")


@pytest.mark.slow
def test_who_faces_charges_is_their_target(nlp):
    events = _code(nlp, "Augusto Pinochet is now facing charges relating to the murder of a journalist.")
    assert [(src, tgt) for e, src, tgt in events if e.type == "ACCUSE"] == [([], ["Augusto Pinochet"])]
