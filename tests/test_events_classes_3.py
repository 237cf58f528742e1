"""Events, issue 12 (fifth pass): classes of language taken from sources other than the BBC sentence golds — the
CAMEO→PLOVER descriptions, the PLOVER manual and the synthetic stories' dev split — and party rules for
appositions, participles and reported pronouns; every sentence here is our own."""

from __future__ import annotations

import pytest
from test_events_classes import _code, _types  # the same coding helpers


@pytest.mark.slow
@pytest.mark.parametrize("text, kind, trigger", [
    # CAMEO 182 physically assault; 124 decline to yield; 161 break relations; 090 investigate
    ("Rebels wounded three soldiers in Gao.", "ASSAULT", "wounded"),
    ("Iran declined to lift the embargo on Britain.", "REJECT", "declined"),
    ("The Kremlin ruled out talks with the rebels.", "REJECT", "ruled out"),
    ("Peru recalled its ambassador from Chile.", "SANCTION", "recalled"),
    ("The regulator will look into the merger.", "ACCUSE", "look"),
    ("Gunmen stormed the embassy in Kabul.", "ASSAULT", "stormed"),
    ("China and Russia held a joint exercise in the Pacific.", "COOPERATE", "exercise"),
    # press/push/encourage X to V is a request of X (manual, REQUEST: "all requests, demands, and orders")
    ("Washington pressed Iran to stop enrichment.", "REQUEST", "pressed"),
    ("The Tories challenged Mr Blair to hold a referendum.", "REQUEST", "challenged"),
    ("Deutsche Bank challenged the ruling.", "REJECT", "challenged"),
    # denying having done something rejects the charge; compelling a party is coercion (CAMEO 17)
    ("Mr Smith denied taking the money.", "REJECT", "denied"),
    ("Mr Smith denied having misled Parliament.", "REJECT", "denied"),
    ("Russia forced Yukos to sell its main unit.", "COERCE", "forced"),
    # an agent noun predicated by "be": the stance it names
    ("Mr Cook has been a fierce critic of Tony Blair.", "ACCUSE", "critic"),
    # agreeing to a deed of aid is AGREE (manual, AGREE: "agree to … cooperate")
    ("Germany had agreed to loan Ukraine the money.", "AGREE", "loan"),
    # "asking for them to negotiate": the "for" marks what is asked
    ("Union leader Hugh Lanning said: \"We're asking for them to negotiate.\"", "REQUEST", "asking"),
])
def test_general_type_classes(nlp, text, kind, trigger):
    assert (kind, trigger) in _types(nlp, text)


@pytest.mark.slow
def test_what_general_classes_leave_alone(nlp):
    assert not [k for k, _ in _types(nlp, "Iran declined to comment.") if k == "REJECT"]
    assert not [k for k, _ in _types(nlp, "The minister stormed out of the meeting on Monday.") if k == "ASSAULT"]
    # a thing that "forced" something is no coercer
    assert not [k for k, _ in _types(nlp, "GM paid Fiat to get out of a deal which forced it to buy the firm.")
                if k == "COERCE"]
    # "supporters" as a plain noun is no event; only "X is a supporter of Y"
    assert not [k for k, _ in _types(nlp, "The supporters of the club gathered outside the ground.")
                if k == "SUPPORT"]


@pytest.mark.slow
def test_parties_of_a_participle(nlp):
    [(ev, src, tgt)] = [x for x in _code(nlp, "The settlement follows a legal complaint filed against Riggs Bank by "
                                              "Spanish Judge Baltasar Garzon.") if x[0].type == "ACCUSE"]
    assert src == ["Baltasar Garzon"]


@pytest.mark.slow
def test_an_announced_measure_is_the_announcers(nlp):
    events = _code(nlp, "The EU also confirmed a new $21m aid package.")
    assert [src for e, src, _ in events if e.type == "AID"] == [["EU"]]


@pytest.mark.slow
def test_an_appositive_firm_is_an_organisation_and_the_firm_finds_it(nlp):
    events = _code(nlp, "Metrovias, the private firm which runs the tube lines, has offered an 8% increase in "
                        "wages. The firm promised no jobs would be lost.")
    assert [src for e, src, _ in events if e.type == "AGREE"] == [["Metrovias"], ["Metrovias"]]


@pytest.mark.slow
def test_reported_it_is_the_speaker(nlp):
    events = _code(nlp, "The International Monetary Fund met on Friday. But the US says it cannot support the "
                        "British plan.")
    [(ev, src, tgt)] = [x for x in events if x[0].type == "REJECT"]
    assert src == ["United States"] and tgt == ["United Kingdom"]


@pytest.mark.slow
def test_a_relative_clause_on_an_apposition_is_the_named_one(nlp):
    events = _code(nlp, "The speech had been introduced by his son Nick, a trainee vicar, who praised the Tories.")
    assert [(src, tgt) for e, src, tgt in events if e.type == "SUPPORT"] == [(["Nick"], ["Tories"])]


@pytest.mark.slow
def test_a_count_of_people_is_the_people(nlp):
    events = _code(nlp, "Thousands of civil servants were on strike across Wales on Friday.")
    assert [src for e, src, _ in events if e.type == "PROTEST"] == [["civil servants"]]
    assert [src for e, src, _ in _code(nlp, "Staff went on strike on Monday.") if e.type == "PROTEST"] == [["Staff"]]


@pytest.mark.slow
def test_an_organisation_subject_takes_part_in_its_lawsuit(nlp):
    events = _code(nlp, "Menatep Group is suing Russia. The company is also seeking $20bn in a separate lawsuit "
                        "against Rosneft.")
    [(ev, src, tgt)] = [x for x in events if x[0].trigger.text == "lawsuit"]
    assert src == ["Menatep Group"] and tgt == ["Rosneft"]
