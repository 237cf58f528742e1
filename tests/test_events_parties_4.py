"""Events, issue 12 (sixth pass): party classes of the actor layer — the head of a possessed noun phrase, a name
parsed as its noun's sibling, a role phrase matched against the title written before a name, and people described
by a party or a country as a group of it; every sentence here is our own."""

from __future__ import annotations

import pytest
from test_events_classes import _code  # the same coding helper


def _parties(nlp, text: str, kind: str) -> list[tuple[list, list]]:
    return [(src, tgt) for ev, src, tgt in _code(nlp, text) if ev.type == kind]


@pytest.mark.slow
def test_a_possessed_organisation_is_the_party_not_its_country(nlp):
    # "watchdog" and "Consob" parsed as two subjects of "told": the name is the noun's; the possessor is the
    # organisation's affiliation
    text = "Italy's stock market watchdog Consob told reporters it had opened an inquiry into the lender."
    [(src, _tgt)] = _parties(nlp, text, "ACCUSE")
    assert src == ["Consob"]
    doc = nlp(text)
    [consob] = [a for a in doc._.onrecord_index.actors if a.name == "Consob"]
    assert consob.affiliation == "Italy"
    assert [s.speaker.text for s in doc._.onrecord_statements] == ["Italy's stock market watchdog"]
    assert doc._.onrecord_statements[0].speaker.actor == doc._.onrecord_index.actor_id(
        doc._.onrecord_index.actors.index(consob))


@pytest.mark.slow
def test_a_possessor_stays_the_party_when_the_head_names_no_one(nlp):
    [(src, _tgt)] = _parties(nlp, "Russia's army attacked the town of Gori.", "ASSAULT")
    assert src == ["Russia"]


@pytest.mark.slow
def test_a_role_phrase_is_the_person_with_that_title(nlp):
    # (not the minister named last, whose role "deputy health minister" also ends in "minister")
    text = ("First Minister Alan Reid has visited the hospital. The responsibility rests with Jane Boyd, the deputy "
            "health minister. Officials said the first minister had ordered an inquiry into the hospital.")
    assert ["Alan Reid"] in [src for src, _t in _parties(nlp, text, "ACCUSE")]


@pytest.mark.slow
@pytest.mark.parametrize("text, kind, party", [
    ("A Labour peer has withdrawn plans to change the rules of succession.", "CONCEDE", "Labour peer"),
    ("Tony Blair is urging European leaders to cut farm subsidies.", "REQUEST", "European leaders"),
])
def test_people_described_by_a_party_or_country_are_a_group_of_it(nlp, text, kind, party):
    found = _parties(nlp, text, kind)
    assert any(party in src + tgt for src, tgt in found), found


@pytest.mark.slow
def test_two_demonyms_still_give_both_countries(nlp):
    found = _parties(nlp, "Greek and Turkish officials held talks in Athens.", "CONSULT")
    assert any({"Greece", "Turkey"} <= set(src + tgt) for src, tgt in found), found


@pytest.mark.slow
def test_a_subject_it_carries_on_the_country_of_the_sentence_before(nlp):
    text = ("Norway has been signing a string of energy deals with its neighbours. Under the new contract, it will "
            "supply Poland with gas for ten years.")
    assert any(src == ["Norway"] and "Poland" in tgt for src, tgt in _parties(nlp, text, "AGREE"))


@pytest.mark.slow
@pytest.mark.parametrize("text, target", [
    ("Bus drivers have warned they will keep striking until the management makes a better offer.", "Arriva"),
    ("The union warned that there could be more strikes unless there was a government climbdown.", "government"),
])
def test_a_threats_condition_names_its_target(nlp, text, target):
    text = "Arriva runs the buses in the town. " + text
    assert any(target in tgt for _src, tgt in _parties(nlp, text, "THREATEN")), _parties(nlp, text, "THREATEN")


@pytest.mark.slow
def test_the_agent_of_a_participle_on_the_object_is_the_other_party(nlp):
    found = _parties(nlp, "Poland has agreed to pay 20% more for oil supplied by Kazakhstan.", "AGREE")
    assert any(src == ["Poland"] and tgt == ["Kazakhstan"] for src, tgt in found), found


@pytest.mark.slow
def test_a_name_ner_missed_is_the_person_its_apposition_describes(nlp):
    # NER switched off stands for the name it missed: the apposition's title makes the name a person
    with nlp.select_pipes(disable=["ner"]):
        doc = nlp("Her remarks came as Cardinal Vincent Nichols, the Archbishop of Birmingham, backed the bill.")
    index = doc._.onrecord_index
    names = {index.actor_id(i): a.name for i, a in enumerate(index.actors)}
    assert [[names[x] for x in e.sources] for e in doc._.onrecord_events if e.type == "SUPPORT"] == [
        ["Cardinal Vincent Nichols"]]
