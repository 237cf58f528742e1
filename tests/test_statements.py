"""Statements and speakers on hand-built news sentences (session model fixture)."""

import pytest

pytestmark = pytest.mark.slow


def run(nlp, text):
    doc = nlp(text)
    names = {a.id: a.name for a in doc._.onrecord_actors}
    return doc, [(s.kind, names.get(s.speaker.actor), s) for s in doc._.onrecord_statements]


def test_direct_quote_speaker_after(nlp):
    _, st = run(nlp, "“We will not give up,” Prime Minister Jane Holloway told reporters on Monday.")
    assert len(st) == 1
    kind, name, s = st[0]
    assert (kind, name) == ("direct", "Jane Holloway")
    assert s.cue.text == "told" and s.medium.text == "reporters"
    assert s.content_text == "“We will not give up,”"


def test_colon_introduction_and_medium_statement(nlp):
    _, st = run(nlp, "In a statement, the company's chief executive Tom Baker said: “We regret the error.”")
    assert [(k, n) for k, n, _ in st] == [("direct", "Tom Baker")]
    assert st[0][2].medium.text == "statement"


def test_inverted_speaker_with_apposition(nlp):
    doc, st = run(nlp, "“The plan will fail,” said Alexander Petrov, a veteran diplomat.")
    assert [(k, n) for k, n, _ in st] == [("direct", "Alexander Petrov")]
    petrov = next(a for a in doc._.onrecord_actors if a.name == "Alexander Petrov")
    assert "veteran diplomat" in petrov.roles


def test_split_quote_is_one_statement_with_two_spans(nlp):
    _, st = run(nlp, "“If they agree,” Rubio said, “we will know within days.”")
    assert len(st) == 1
    assert len(st[0][2].content_spans) == 2


def test_pronoun_and_floating_quote_continue_the_speaker(nlp):
    text = ("Finance Minister Ana Ruiz spoke after the vote.\n\n"
            "“This budget is fair,” she said.\n\n"
            "“Nobody will pay more tax than last year, and the deficit will fall by half.”")
    _, st = run(nlp, text)
    assert [(k, n) for k, n, _ in st][-2:] == [("direct", "Ana Ruiz"), ("direct", "Ana Ruiz")]
    assert st[-2][2].speaker.resolution == "pronoun"
    assert st[-1][2].speaker.resolution == "previous" and st[-1][2].cue is None


def test_indirect_speech_and_group_speaker(nlp):
    doc, st = run(nlp, "Ukrainian officials said they would be willing to enforce a ceasefire.")
    assert [(k, n) for k, n, _ in st] == [("indirect", "Ukrainian officials")]
    group = next(a for a in doc._.onrecord_actors if a.kind == "group")
    assert group.affiliation == "Ukraine"
    assert st[0][2].content_text == "they would be willing to enforce a ceasefire"


def test_partial_quote_inside_reported_speech_is_mixed(nlp):
    _, st = run(nlp, "Senator Mary Cole said the bill was “a disaster for farmers” and should be withdrawn.")
    assert st and st[0][0] == "mixed" and st[0][1] == "Mary Cole"


def test_role_noun_resolves_to_named_actor(nlp):
    text = ("Secretary of State Marco Rubio met the delegation.\n\n"
            "“We are ready,” the secretary of state told reporters.")
    _, st = run(nlp, text)
    assert st[-1][1] == "Marco Rubio" and st[-1][2].speaker.resolution == "role"


def test_unresolvable_pronoun_says_unresolved(nlp):
    _, st = run(nlp, "“It is over,” he said.")
    assert st and st[0][2].speaker.actor is None and st[0][2].speaker.resolution == "unresolved"


def test_medium_on_platform(nlp):
    _, st = run(nlp, "“The talks failed,” Viktor Orlov wrote in a post on X.")
    assert st[0][2].medium.text == "X"


def test_according_to(nlp):
    _, st = run(nlp, "According to Defence Minister Lisa Strand, the troops will leave in May.")
    assert st and st[0][1] == "Lisa Strand" and "troops will leave" in st[0][2].content_text


def test_unbalanced_marks_do_not_lose_the_article(nlp):
    text = "“This quote never closes, said nobody.\n\nLater, Mayor Tim Hale said the roads would reopen."
    _, st = run(nlp, text)
    assert any(n == "Tim Hale" for _, n, _ in st)


def test_offsets_point_into_the_text(nlp):
    text = "“We will not give up,” Prime Minister Jane Holloway told reporters on Monday."
    doc, st = run(nlp, text)
    for _, _, s in st:
        for a, b in s.content_spans:
            assert text[a:b] in s.content_text
        assert text[slice(*s.cue.span)] == s.cue.text
        assert text[slice(*s.speaker.span)] == s.speaker.text
    for a in doc._.onrecord_actors:
        for m in a.mentions:
            assert text[m[0]:m[1]]


def test_components_work_in_a_users_own_pipeline():
    """The factories are registered through spaCy's entry points: add_pipe by name works in any pipeline."""
    import spacy

    from onrecord.nlp import resolve_model_name

    nlp = spacy.load(resolve_model_name(None))
    nlp.add_pipe("onrecord_actors")
    nlp.add_pipe("onrecord_quotes")
    doc = nlp("“We will not give up,” Prime Minister Jane Holloway told reporters.")
    assert [(s.kind, s.speaker.text) for s in doc._.onrecord_statements] == [("direct", "Jane Holloway")]
    assert any(a.name == "Jane Holloway" and "Prime Minister" in a.roles for a in doc._.onrecord_actors)


def test_reporting_noun_with_that_clause(nlp):
    _, st = run(nlp, "Mr. Obama made the argument that taxes must rise.")
    assert [(k, n, s.cue.text, s.content_text) for k, n, s in st] == [
        ("indirect", "Obama", "argument", "that taxes must rise")]


def test_headline_name_colon_is_a_statement(nlp):
    text = ("Holloway on the Budget Vote: ‘Nobody Will Pay More Tax’\n\n"
            "Prime Minister Jane Holloway defended the budget on Monday.")
    _, st = run(nlp, text)
    head = [(k, n, s) for k, n, s in st if s.cue is not None and s.cue.text == ":"]
    assert [(k, n) for k, n, _ in head] == [("direct", "Jane Holloway")]
    assert head[0][2].content_text == "‘Nobody Will Pay More Tax’"


def test_label_colon_is_not_a_statement(nlp):
    _, st = run(nlp, "Update: The vote was moved to Tuesday after a long debate in parliament.")
    assert not [s for _, _, s in st if s.cue is not None and s.cue.text == ":"]


def test_object_content_keeps_the_rest_of_the_predicate(nlp):
    # an object with a predicate of its own says something of it: a statement, with the whole predicate
    _, st = run(nlp, "Senator Maria Lopez described the relief programme as a failure of the governor.")
    assert [(k, n) for k, n, _ in st] == [("indirect", "Maria Lopez")]
    assert st[0][2].content_text == "the relief programme as a failure of the governor"
    # blaming someone for something is an attitude expressed toward a target, not the words said (nlp/speech.py)
    _, st = run(nlp, "Senator Maria Lopez blamed the governor for the delays in the flood relief programme.")
    assert [(n, s.type, s.content_text) for _, n, s in st] == [
        ("Maria Lopez", "attitude", "the governor for the delays in the flood relief programme")]
    # urging is advocacy: a position taken for what is urged, not the words said
    _, st = run(nlp, "The White House on Friday urged Russia to accept the 30-day ceasefire.")
    assert [s.type for _, _, s in st] == ["attitude"]


def test_relative_clause_aside_is_not_content(nlp):
    _, st = run(nlp, "Lopez said the bill would help farmers, who have waited for years.")
    assert st[0][2].content_text == "the bill would help farmers"


def test_passive_reduced_relative_is_no_cue(nlp):
    _, st = run(nlp, "“The talks will fail,” said Oleg Markov, an ultranationalist historian sometimes referred to "
                     "as “the Kremlin’s memory” thanks to his archive.")
    assert [(k, n, s.content_text) for k, n, s in st] == [("direct", "Oleg Markov", "“The talks will fail,”")]


def test_passive_cue_without_agent_is_an_unsourced_statement(nlp):
    _, st = run(nlp, "President Maria Lopez is expected to announce new sanctions on Friday.")
    assert len(st) == 1
    s = st[0][2]
    assert s.speaker.text is None and s.speaker.resolution == "unresolved"
    assert [s.content_text.split(" … ")[0], s.content_text.split(" … ")[1][:25]] == [
        "President Maria Lopez", "to announce new sanctions"]


def test_as_clause_reports_the_main_clause(nlp):
    _, st = run(nlp, "As the Financial Times reported, investigators found thousands of deleted emails on the server.")
    assert [(s.cue.text, s.content_text) for _, _, s in st] == [
        ("reported", "investigators found thousands of deleted emails on the server")]


def test_stance_adjective_with_clause_is_a_statement(nlp):
    _, st = run(nlp, "Senator Maria Lopez was adamant that the bill would pass before the summer.")
    assert [(k, n, s.cue.text, s.content_text) for k, n, s in st] == [
        ("indirect", "Maria Lopez", "adamant", "that the bill would pass before the summer")]


def test_fronted_poll_phrase_is_the_source(nlp):
    _, st = run(nlp, "In a Gallup poll released Sunday, three of four voters disapproved of the new tariffs.")
    assert [(s.cue.text, s.speaker.text, s.content_text) for _, _, s in st] == [
        ("poll", "a Gallup poll", "three of four voters disapproved of the new tariffs")]


def test_second_verb_of_saying_ends_the_first_content(nlp):
    _, st = run(nlp, "Lopez said she had not accepted any new contracts and suggested that the audit was "
                     "politically motivated.")
    contents = sorted(s.content_text for _, _, s in st)
    assert "she had not accepted any new contracts" in contents


def test_quote_inside_reported_clause_joins_it(nlp):
    _, st = run(nlp, "Markov told Beck that he is making a movie set to be released in the summer that chronicles "
                     "the “secret history” of the party.")
    assert [(k, s.cue.text) for k, _, s in st] == [("mixed", "told")]
    assert st[0][2].content_text.startswith("that he is making a movie")


def test_any_verb_right_after_a_quote_with_a_person_as_subject_is_its_cue(nlp):
    _, st = run(nlp, "“Go back to your seat,” Governor Ann Lee barked.")
    assert [(k, n, s.cue.text) for k, n, s in st] == [("direct", "Ann Lee", "barked")]


def test_writers_contrast_clause_is_not_content(nlp):
    _, st = run(nlp, "Most voters said they are set on voting for the mayor, while 22 percent said they might change "
                     "their mind.")
    contents = [s.content_text for _, _, s in st]
    assert "they are set on voting for the mayor" in contents


def test_call_for_someone_to_act(nlp):
    _, st = run(nlp, "Senator Ann Lee is calling for some of her rivals to drop out of the race.")
    assert [(n, s.content_text) for _, n, s in st] == [("Ann Lee", "for some of her rivals to drop out of the race")]


# -- actor index: NER slips the parse and the article can correct ------------------------------------------------

def _index(nlp, text, ents):
    """The actor index of ``text`` with the entities set by hand ((first token, end token, label)), so the test
    does not depend on what NER happens to tag."""
    from spacy.tokens import Span

    from onrecord.nlp.actors import ActorIndex

    doc = nlp(text)
    doc.ents = [Span(doc, s, e, label) for s, e, label in ents]
    return ActorIndex(doc).build()


def test_a_title_run_stops_before_the_given_name(nlp):
    # "Defence Minister Rustem Umerov" with only "Umerov" tagged: "Rustem" is not part of the role
    index = _index(nlp, "Defence Minister Rustem Umerov said the talks went well.", [(3, 4, "PERSON")])
    [a] = index.actors
    assert a.roles == ["Defence Minister"]
    index = _index(nlp, "Prime Minister Sir Keir Starmer spoke.", [(4, 5, "PERSON")])
    assert index.actors[0].roles == ["Prime Minister"]
    # words joined to the title by "of" stay in it
    index = _index(nlp, "Secretary of State Marco Rubio spoke.", [(3, 5, "PERSON")])
    assert index.actors[0].roles == ["Secretary of State"]
    # a head that takes a title word after it keeps it
    index = _index(nlp, "Chief Executive Tim Cook spoke.", [(2, 4, "PERSON")])
    assert index.actors[0].roles == ["Chief Executive"]


def test_a_one_off_person_label_on_a_place_is_dropped(nlp):
    text = "Sybiha said Kyiv was serious. Talks in Kyiv went on. Andrii Sybiha spoke."
    # "Kyiv" tagged PERSON once and GPE once; also a known capital
    index = _index(nlp, text, [(0, 1, "PERSON"), (2, 3, "PERSON"), (8, 9, "GPE"), (12, 14, "PERSON")])
    assert [(a.name, a.kind) for a in index.actors] == [("Andrii Sybiha", "person")]
    # a place word that is some person's surname in the article stays a person (Jim Jordan's "Jordan")
    index = _index(nlp, "Jim Jordan spoke. Jordan said no.", [(0, 2, "PERSON"), (4, 5, "PERSON")])
    assert [a.name for a in index.actors] == ["Jim Jordan"] and len(index.actors[0].mentions) == 2


def test_an_untagged_surname_resolves_to_the_articles_person(nlp):
    text = ("Foreign Minister Andrii Sybiha said the talks had gone well. "
            "“The ball is now in Russia's court,” Sybiha wrote on X.")
    _, st = run(nlp, text)
    assert [n for _, n, _ in st] == ["Andrii Sybiha", "Andrii Sybiha"]
    assert st[-1][2].speaker.resolution == "surname"
    # a capitalised word that is nobody's name stays unresolved
    _, st = run(nlp, "“The ball is now in Russia's court,” Ministry wrote on X.")
    assert all(s.speaker.actor is None for _, _, s in st)


def test_a_capital_that_speaks_or_acts_stands_for_its_country(nlp):
    doc, st = run(nlp, "Kyiv has insisted that any settlement must come with security guarantees.")
    assert [(k, n) for k, n, _ in st] == [("indirect", "Ukraine")]
    assert next(a for a in doc._.onrecord_actors if a.name == "Ukraine").kind == "country"
    # a place where something happens is not a party
    doc, _ = run(nlp, "Marco Rubio met Andrii Sybiha in Kyiv.")
    assert "Ukraine" not in {a.name for a in doc._.onrecord_actors}
    # the Kremlin stays the organisation it is
    doc, st = run(nlp, "The Kremlin said the proposal was being studied.")
    assert [n for _, n, _ in st] == ["Kremlin"]


def test_they_after_a_capital_as_subject_is_its_country(nlp):
    # the nearest plural-capable party is the capital in subject position, not the country of a place phrase
    doc = nlp("Marco Rubio, speaking after a meeting of foreign ministers in Canada, said Washington would soon "
              "know whether Moscow was serious. “If they say no, we will know,” Rubio said.")
    [they] = [t for t in doc if t.lower_ == "they"]
    idx, how = doc._.onrecord_index.resolve(doc[they.i:they.i + 1])
    assert doc._.onrecord_index.actors[idx].name == "Russia" and how == "pronoun"


def test_the_russians_as_a_party_are_russia(nlp):
    doc = nlp("“We will take this offer to the Russians, and we hope that they will say yes,” Marco Rubio said.")
    [they] = [t for t in doc if t.lower_ == "they"]
    idx, _ = doc._.onrecord_index.resolve(doc[they.i:they.i + 1])
    assert doc._.onrecord_index.actors[idx].name == "Russia"
    doc, st = run(nlp, "The Americans said they would send aid.")
    assert [n for _, n, _ in st] == ["United States"]
    # a bare plural ("Russians fled") is people, not a party
    doc = nlp("Russians fled the city.")
    assert not doc._.onrecord_actors
def test_second_verb_of_saying_without_a_clause_ends_the_first_content(nlp):
    _, st = run(nlp, "Lopez said she regretted her remarks and promised to stay out of the race.")
    contents = sorted(s.content_text for _, _, s in st)
    assert "she regretted her remarks" in contents
    assert not any("promised" in c for c in contents)


def test_seem_takes_subject_and_complement_and_names_no_source(nlp):
    _, st = run(nlp, "The music seemed to match the sense of relief in the arena.")
    assert len(st) == 1
    s = st[0][2]
    assert s.cue.text == "seemed" and s.speaker.text is None
    assert [s.content_text[:9], len(s.content_spans)] == ["The music", 2]
    assert s.content_text.endswith("to match the sense of relief in the arena")


def test_a_person_who_seems_something_is_left_to_the_stances(nlp):
    _, st = run(nlp, "Some officials in Moscow appeared hostile toward the ceasefire.")
    assert st == []


def test_appear_to_say_is_the_subjects_statement(nlp):
    _, st = run(nlp, "Senator Ann Lee appeared to suggest that the vote would be delayed.")
    assert [(n, s.content_text) for _, n, s in st] == [("Ann Lee", "that the vote would be delayed")]


def test_according_to_in_mid_sentence_takes_both_sides(nlp):
    _, st = run(nlp, "At the heart of the trouble, according to Dennis Ross, was a decision by the president to keep "
                     "his distance.")
    assert len(st) == 1 and st[0][2].speaker.text == "Dennis Ross"
    assert [st[0][2].content_text.split(" … ")[0], len(st[0][2].content_spans)] == ["At the heart of the trouble", 2]


def test_light_verb_with_a_speech_act_noun_is_a_cue(nlp):
    # the light verb is a cue, but a bare noun phrase after it is what the swipe was at, not what was said
    _, st = run(nlp, "Senator Ann Lee also took a swipe at the governor's tax plan.")
    assert st == []


def test_light_verb_with_another_object_is_no_cue(nlp):
    _, st = run(nlp, "Senator Ann Lee took a trip to the border on Monday.")
    assert st == []


def test_addressee_and_duration_are_not_content(nlp):
    _, st = run(nlp, "Senator Ann Lee spoke for 77 minutes on Monday. The governor told Good Morning America.")
    assert st == []
    # the topic of "speak about" is not what was said (nlp/speech.py: a noun-phrase content is no statement)
    _, st = run(nlp, "Senator Ann Lee spoke about the tax plan on Monday.")
    assert st == []


def test_cue_before_a_colon_reports_the_unquoted_rest_of_the_paragraph(nlp):
    _, st = run(nlp, "Governor Ann Lee echoed:\n\nShe speaks her mind, and that might be what the state needs.\n\n"
                     "Other news followed.")
    assert [(n, s.content_text) for _, n, s in st] == [
        ("Ann Lee", "She speaks her mind, and that might be what the state needs.")]


def test_that_clause_parsed_on_in_a_statement_is_the_content(nlp):
    _, st = run(nlp, "Campaign manager Jeff Weaver says in a statement that the race will now be a four-man contest.")
    assert [(n, s.content_text, s.medium.text) for _, n, s in st] == [
        ("Jeff Weaver", "that the race will now be a four-man contest", "statement")]


# -- what a statement is (nlp/speech.py) -------------------------------------------------------------------------

def test_noun_phrase_and_infinitive_contents_of_action_verbs_are_acts_not_statements(nlp):
    for text in ("The union proposed an amendment to the pensions bill on Monday.",
                 "The minister announced a package of measures for small farms.",
                 "Senator Ann Lee promised to adopt the new safety code.",
                 "The council approved funds for the new bridge.",
                 "The company vowed to use all legal means at its disposal.",
                 "Yukos has denied any wrongdoing in the affair."):
        _, st = run(nlp, text)
        assert st == [], (text, [s.content_text for _, _, s in st])


def test_clause_contents_of_the_same_verbs_are_statements(nlp):
    _, st = run(nlp, "The minister announced that the farms would get a package of measures.")
    assert [(s.type, s.content_text) for _, _, s in st] == [("speech", "that the farms would get a package of measures")]
    _, st = run(nlp, "Senator Ann Lee told reporters that officials would adopt the new safety code.")
    assert [(n, s.type) for _, n, s in st] == [("Ann Lee", "speech")]


def test_a_wholly_quoted_noun_phrase_is_the_words_said(nlp):
    _, st = run(nlp, 'Union leader Brendan Barber called for "a commitment to policies that will make a real '
                     'difference to working people".')
    assert [(n, s.type) for _, n, s in st] == [("Brendan Barber", "speech")]


def test_beliefs_are_statements_of_type_belief_whatever_their_shape(nlp):
    _, st = run(nlp, "Deloitte believes that interest rates will fall to 4% by the end of the year.")
    assert [s.type for _, _, s in st] == ["belief"]
    _, st = run(nlp, "Chelsea manager Jose Mourinho expects the clash with Barcelona to be a fight to the finish.")
    assert [s.type for _, _, s in st] == ["belief"]


def test_a_document_as_speaker_is_the_medium_and_its_author_speaks(nlp):
    art, st = run(nlp, "New York Attorney General Elliot Spitzer said the executive had pleaded guilty. "
                       "Marsh was allowed to control the market, Mr Spitzer's office added. "
                       "It also protected incumbent insurers, a statement said.")
    last = st[-1][2]
    assert last.medium is not None and last.medium.text == "a statement"
    assert last.type == "writing" and last.speaker.resolution == "author"
    assert st[-1][1] == st[-2][1] and st[-1][1] is not None
    _, st = run(nlp, "According to a statement from Microsoft, nine out of ten members have played the game.")
    assert [(n, s.type, s.medium.text) for _, n, s in st] == [("Microsoft", "writing", "a statement from Microsoft")]


def test_a_quote_missing_its_closing_mark_ends_before_a_named_party_reports(nlp):
    text = ('Moya confirmed afterwards: "I am donating my prize money to the victims of the flood. '
            'Srichaphan said he would donate an unspecified amount for relief work in Thailand.')
    _, st = run(nlp, text)
    got = {(n, s.content_text) for _, n, s in st}
    assert ("Srichaphan", "he would donate an unspecified amount for relief work in Thailand") in {
        (n.split()[-1] if n else n, c) for n, c in got}
    moya = [s for _, n, s in st if n and n.endswith("Moya")]
    assert moya and "Srichaphan" not in moya[0].content_text


def test_a_verb_of_evidence_with_a_subject_that_cannot_speak_is_a_finding(nlp):
    _, st = run(nlp, "A survey by the retail consortium found that Christmas 2004 was the worst for ten years.")
    assert [s.type for _, _, s in st] == ["finding"]
    _, st = run(nlp, "The economist Philip Shaw found that the figures were very weak.")
    assert [s.type for _, _, s in st] == ["speech"]


def test_transcript_lines_quoted_line_by_line_are_each_speakers(nlp):
    # the quote mark reopened on every line of a transcript does not hide the speaker's label
    _, st = run(nlp, '"WALLACE: Let’s start with breaking news on the debate story tonight.\n\n'
                     '"PENCE: Well, look, the question really should be why the campaign did this.')
    assert [(s.speaker.text, s.content_text) for _, _, s in st] == [
        ("WALLACE", "Let’s start with breaking news on the debate story tonight."),
        ("PENCE", "Well, look, the question really should be why the campaign did this.")]


def test_a_dash_and_a_name_after_a_quote_credit_it(nlp):
    _, st = run(nlp, "Readers wrote in.\n\n“He is ignorant of our culture and of the lives we lead.”― Pamela Padilla\n\n"
                     "“I am so ashamed of this campaign and of the party.” — Jorge Falcon, 34, Phoenix")
    assert [(s.speaker.text, s.kind) for _, _, s in st] == [("Pamela Padilla", "direct"), ("Jorge Falcon", "direct")]
