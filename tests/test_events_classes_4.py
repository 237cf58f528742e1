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


@pytest.mark.slow
@pytest.mark.parametrize("text, kind, trigger", [
    # CAMEO 064 share intelligence or information: material cooperation
    ("Pakistan has shared intelligence with India since the bombing.", "COOPERATE", "shared"),
    # persons held by an agent or without trial are detained (CAMEO 173)
    ("Two aid workers have been held by the militia in Darfur since May.", "COERCE", "held"),
    ("Six Britons held by the US in Cuba will be freed.", "COERCE", "held"),
    # a joint news conference is a meeting (CAMEO 04)
    ("Mr Rossi spoke at a joint news conference with the Greek prime minister.", "CONSULT", "conference"),
])
def test_material_and_meeting_classes_of_the_third_gold(nlp, text, kind, trigger):
    assert (kind, trigger) in _types(nlp, text)


@pytest.mark.slow
def test_held_talks_are_no_detention(nlp):
    for text in ("Talks were held by the two sides in Oslo.", "A meeting held in Paris ended without a deal."):
        assert not [k for k, _ in _types(nlp, text) if k == "COERCE"], text


@pytest.mark.slow
def test_a_warning_about_a_partys_thing_is_a_charge_against_the_party(nlp):
    # a warning whose content is what a named party has (its deficit, its plan) threatens nothing of the speaker's
    [(ev, src, tgt)] = [x for x in _code(nlp, "The IMF warned that Brazil's budget deficit was far too large.")
                        if x[0].trigger.text == "warned"]
    assert ev.type == "ACCUSE" and src == ["IMF"] and tgt == ["Brazil"]


@pytest.mark.slow
def test_the_party_an_allegation_is_of_is_its_target(nlp):
    events = _code(nlp, "The deal collapsed amid allegations that Mr Smith had bribed officials.")
    assert [tgt for e, _, tgt in events if e.type == "ACCUSE"] == [["Smith"]]


@pytest.mark.slow
def test_a_word_of_censure_in_reported_speech_is_the_speakers_criticism(nlp):
    # "X said Y was naive / would be irresponsible": ACCUSE 'disapprove' by the speaker, of Y when Y is a party
    [(ev, src, tgt)] = [x for x in _code(nlp, "Mr Hague said Mr Prescott was naive about the risks.")
                        if x[0].trigger.text == "said"]
    assert ev.type == "ACCUSE" and src == ["Hague"] and tgt == ["Prescott"]
    assert ("ACCUSE", "said") in _types(nlp, "The senator said cutting the budget would be irresponsible.")
    assert ("ACCUSE", "said") in _types(nlp, "Japan was very bad at listening, Mr Kerr said.")


@pytest.mark.slow
def test_what_the_censure_class_leaves_alone(nlp):
    for text in ("Mr Hague said Mr Prescott was not wrong about the risks.",  # negated
                 "Mr Hague said we were naive about the risks.",  # said of oneself
                 "Mr Hague said the weather was bad."):
        assert not [k for k, t in _types(nlp, text) if t == "said" and k == "ACCUSE"], text


@pytest.mark.slow
def test_whose_thing_the_object_is_is_the_target(nlp):
    # an object that is no party stands for its owner: its possessor, else its "of" phrase; coordinated verbs share
    # the object the last one has
    events = _code(nlp, "Police seized and searched Mr Karimov's offices on Monday.")
    assert [tgt for e, _, tgt in events if e.type == "COERCE" and e.trigger.text == "seized"] == [["Karimov"]]
    events = _code(nlp, "Rebels attacked the headquarters of Mr Karimov in the north.")
    assert [tgt for e, _, tgt in events if e.type == "ASSAULT"] == [["Karimov"]]


@pytest.mark.slow
@pytest.mark.parametrize("text, kind, trigger", [
    # CAMEO 163 impose embargo or sanctions; 1244 veto (blocking a party's application or bid); 03/057 a
    # settlement reached; wanting a party to act (as "want X to V")
    ("Washington imposed a travel ban on Syrian officials.", "SANCTION", "imposed"),
    ("France blocked Turkey's bid for membership.", "REJECT", "blocked"),
    ("The bank reached a settlement with the regulator in May.", "AGREE", "reached"),
    ("Most Germans would prefer Greece to leave the euro.", "REQUEST", "prefer"),
])
def test_object_classes_of_the_third_gold(nlp, text, kind, trigger):
    assert (kind, trigger) in _types(nlp, text)


@pytest.mark.slow
def test_what_the_object_classes_leave_alone(nlp):
    assert not [k for k, _ in _types(nlp, "Protesters blocked the road to the airport.") if k == "REJECT"]
    assert not [k for k, _ in _types(nlp, "Most voters would prefer lower taxes.") if k == "REQUEST"]
    events = _code(nlp, "Washington imposed a travel ban on Syria.")
    assert [tgt for e, _, tgt in events if e.type == "SANCTION"] == [["Syria"]]


@pytest.mark.slow
def test_the_british_hyphenated_cooperate_is_one_word_and_cooperation(nlp):
    assert [t.text for t in nlp.make_doc("They would co-operate fully.")][2] == "co-operate"
    assert ("COOPERATE", "co-operated") in _types(nlp, "Mr Smith co-operated with the Dutch police.")
    assert ("AGREE", "co-operate") in _types(nlp, "Shell said it would co-operate fully with Nigeria.")


@pytest.mark.slow
def test_an_outlet_told_a_statement_is_not_the_company(nlp):
    # "the company" is the organisation in play, not the outlet a spokesman spoke to ("told the BBC")
    text = ("Shell said it had lost millions. \"We are looking at our options,\" a Shell spokesman told the BBC. "
            "\"We will decide next week.\" The spokesman said the company would sue the Dutch tax authority.")
    events = _code(nlp, text)
    assert [src for e, src, _ in events if e.type == "ACCUSE" and e.trigger.text == "sue"] == [["Shell"]]


@pytest.mark.slow
def test_an_acceptance_one_is_made_to_give_is_a_concession(nlp):
    assert ("CONCEDE", "accept") in _types(nlp, "Mr Rossi had to accept that the talks guaranteed nothing.")
    assert ("CONCEDE", "accept") in _types(nlp, "The Greek government was forced to accept the EU's terms.")
    assert ("AGREE", "accept") in _types(nlp, "The Greek government decided to accept the EU's terms.")


@pytest.mark.slow
def test_a_claim_of_what_another_party_did_is_an_allegation_against_it(nlp):
    [(ev, src, tgt)] = [x for x in _code(nlp, "Prosecutors claim that Gazprom Bank hid the payments.")
                        if x[0].trigger.text == "claim"]
    assert ev.type == "ACCUSE" and tgt == ["Gazprom Bank"]
    [(ev, src, tgt)] = [x for x in _code(nlp, "Mr Ivanov claims he was cheated by the Polish authorities.")
                        if x[0].trigger.text == "claims"]
    assert ev.type == "ACCUSE" and src == ["Ivanov"]
    for text in ("Shell claims its profits will double.", "Analysts claim the economy will grow."):
        assert not [k for k, t in _types(nlp, text) if t.startswith("claim") and k == "ACCUSE"], text


@pytest.mark.slow
def test_a_courts_finding_of_unlawfulness_is_a_conviction(nlp):
    # manual, SANCTION 'convict': "find an entity or behavior guilty, unconstitutional, or liable in a court of law"
    assert ("SANCTION", "ruled") in _types(nlp, "The Supreme Court ruled that the curfew was unconstitutional.")
    assert ("SANCTION", "ruled") in _types(nlp, "The Court of Appeal, the highest court in Kenya, ruled that the "
                                                "police had breached the constitution.")
    assert not [k for k, t in _types(nlp, "The Supreme Court ruled that the curfew was lawful.")
                if t == "ruled" and k == "SANCTION"]
    assert not [k for k, t in _types(nlp, "The minister ruled that the plan was illegal.")
                if t == "ruled" and k == "SANCTION"]
